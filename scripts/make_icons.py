"""Draw the web app's icons (掌 on the shop's colour) into assistant/web/static/icons/.

Run once after changing the design: ``.venv/bin/python scripts/make_icons.py``. Needs a CJK font
(Debian: fonts-wqy-microhei).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
OUT = Path(__file__).resolve().parents[1] / "assistant" / "web" / "static" / "icons"
COLOUR, INK = "#a14a22", "#ffffff"


def draw(size: int, *, maskable: bool = False) -> Image.Image:
    """The icon at ``size`` pixels; a maskable one keeps the character inside the middle 80 %."""
    image = Image.new("RGBA", (size, size), COLOUR if maskable else (0, 0, 0, 0))
    canvas = ImageDraw.Draw(image)
    if not maskable:
        canvas.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 5, fill=COLOUR)
    font = ImageFont.truetype(str(FONT), int(size * (0.5 if maskable else 0.66)))
    canvas.text((size / 2, size / 2), "掌", font=font, fill=INK, anchor="mm")
    return image


def main() -> None:
    """Write every size the manifest, iOS and the favicon ask for."""
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (180, 192, 512):
        draw(size).save(OUT / f"icon-{size}.png")
    draw(512, maskable=True).save(OUT / "icon-maskable-512.png")
    draw(64).save(OUT / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48), (64, 64)])


if __name__ == "__main__":
    main()
