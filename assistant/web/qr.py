"""QR codes for printing (the counter's sign-up link), drawn by ``segno``: pure Python, no imaging library,
maintained, and able to write SVG straight into the page. Always a full QR code (``make_qr``): segno's
``make`` picks a Micro QR for short text, which phones' cameras do not read."""

from __future__ import annotations


def qr_data_uri(text: str) -> str | None:
    """An SVG ``data:`` URI of a QR code for ``text``, or None when segno is not installed."""
    try:
        import segno
    except ImportError:
        return None
    return segno.make_qr(text, error="m").svg_data_uri(scale=8, border=2)
