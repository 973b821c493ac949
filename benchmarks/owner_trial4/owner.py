"""Owner trials (since trial 4): a demo shop on SQLite and a phone-sized Chromium that types requests into the chat page;
"!click TITLE" taps a read-back's own button (对 / 不对 / 取消), "!page PATH" reads a page (trial 15).

  owner.py setup                 # fresh $OWNER_TRIAL_DIR/shop.db (/tmp/ownertrial4), owner credentials in creds.json
  owner.py ask FILE [--shots]    # one conversation: each line of FILE is one request ("!shot NAME" takes a
                                 # screenshot); request -> reply appended to log.jsonl and printed
"""
import json
import os
import sys
import time
from pathlib import Path

# Each trial keeps its own shop and server: OWNER_TRIAL_DIR=/tmp/ownertrial12 OWNER_TRIAL_URL=http://shop.lan:8771
DATA = Path(os.environ.get("OWNER_TRIAL_DIR", "/tmp/ownertrial4"))
URL = os.environ.get("OWNER_TRIAL_URL", "http://shop.lan:8761")
os.environ.setdefault("ASSISTANT_DB_URL", f"sqlite:///{DATA}/shop.db")
os.environ.setdefault("ASSISTANT_TODAY", "2026-03-15")
os.environ.setdefault("ASSISTANT_DATA_DIR", str(DATA))


def setup() -> None:
    from assistant import auth
    from assistant.db import make_engine, session_scope
    from assistant.db.migrate import upgrade
    from assistant.shop.demo import load_demo

    DATA.mkdir(parents=True, exist_ok=True)
    for name in ("shop.db", "shop.db-wal", "shop.db-shm"):
        (DATA / name).unlink(missing_ok=True)
    engine = make_engine(os.environ["ASSISTANT_DB_URL"])
    upgrade(engine)
    print(load_demo(engine))
    with session_scope(engine) as session:
        creds = auth.ensure_owner(session)
    (DATA / "creds.json").write_text(json.dumps(creds.__dict__))
    print("owner:", creds.username)


def ask(path: str, shots: bool) -> None:
    from playwright.sync_api import sync_playwright

    creds = json.loads((DATA / "creds.json").read_text())
    lines = [line.strip() for line in Path(path).read_text().splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    with sync_playwright() as pw, open(DATA / "log.jsonl", "a", encoding="utf-8") as log:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=["--host-resolver-rules=MAP shop.lan 127.0.0.1"])
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                      has_touch=True, device_scale_factor=2)
        page = context.new_page()
        page.goto(f"{URL}/login")
        page.fill("input[name=username]", creds["username"])
        page.fill("input[name=password]", creds["password"])
        page.click("form.login button[type=submit]")
        page.wait_for_selector("#turns")
        # chat.js attaches the send handler on load: a tap before that posted the bare form (a 422 page).
        page.wait_for_load_state("networkidle")
        for line in lines:
            if line.startswith("!shot"):
                name = line.split(maxsplit=1)[1]
                page.screenshot(path=str(DATA / f"{name}.png"))
                print(f"[screenshot {name}.png]")
                continue
            if line.startswith("!page"):
                path_ = line.split(maxsplit=1)[1]
                page.goto(f"{URL}{path_}")
                page.wait_for_load_state("networkidle")
                text = page.locator("main").inner_text()[:1500].replace("\n", " | ")
                print(f"[page {path_}] {text}\n")
                log.write(json.dumps({"file": path, "say": line, "reply": text}, ensure_ascii=False) + "\n")
                page.goto(f"{URL}/")
                page.wait_for_selector("#turns")
                page.wait_for_load_state("networkidle")
                continue
            before = page.locator("#turns li.bot").count()
            started = time.perf_counter()
            if line.startswith("!click"):
                title = line.split(maxsplit=1)[1]
                button = page.locator("#turns li.choices").last.get_by_role("button", name=title, exact=True)
                if page.locator("#turns li.choices").count() == 0 or button.count() == 0:
                    print(f"> {line}\n  [no such button on the page]\n")
                    log.write(json.dumps({"file": path, "say": line, "reply": "[no button]"}, ensure_ascii=False) + "\n")
                    continue
                button.click()
            else:
                page.fill("#message", line)
                page.click("#send")
            page.wait_for_function(
                "n => document.querySelectorAll('#turns li.bot:not(.hint)').length > n"
                " && document.querySelector('#state').dataset.state === 'idle'",
                arg=before - page.locator("#turns li.bot.hint").count(), timeout=90_000)
            replies = page.locator("#turns li.bot").all_inner_texts()[before:]
            reply = " / ".join(text.strip() for text in replies)
            seconds = round(time.perf_counter() - started, 1)
            print(f"> {line}\n  {reply}   ({seconds}s)\n")
            log.write(json.dumps({"file": path, "say": line, "reply": reply, "s": seconds},
                                 ensure_ascii=False) + "\n")
            log.flush()
        if shots:
            page.screenshot(path=str(DATA / f"{Path(path).stem}-end.png"))
        browser.close()


if __name__ == "__main__":
    if sys.argv[1] == "setup":
        setup()
    else:
        ask(sys.argv[2], "--shots" in sys.argv)
