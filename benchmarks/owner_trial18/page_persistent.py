"""Trial 18 faults: like owner_trial4/owner.py ask, but the phone keeps its browser profile (localStorage holds the
chat's sender id), so a run after a server restart is the same phone and the same conversation.

  page_persistent.py FILE        # each line one request; "!turns" prints the turns the page shows on load
"""
import json
import os
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

DATA = Path(os.environ.get("OWNER_TRIAL_DIR", "/tmp/t18"))
URL = os.environ.get("OWNER_TRIAL_URL", "http://shop.lan:8830")


def run(path: str) -> None:
    """Logs in (once per profile) and types each line of ``path`` into the chat, printing the replies."""
    creds = json.loads((DATA / "creds.json").read_text())
    lines = [line.strip() for line in Path(path).read_text().splitlines() if line.strip()]
    with sync_playwright() as pw, open(DATA / "log.jsonl", "a", encoding="utf-8") as log:
        context = pw.chromium.launch_persistent_context(
            str(DATA / "phone-profile"), executable_path="/usr/bin/chromium",
            args=["--host-resolver-rules=MAP shop.lan 127.0.0.1"],
            viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        page = context.new_page()
        page.goto(f"{URL}/")
        if page.locator("input[name=username]").count():
            page.fill("input[name=username]", creds["username"])
            page.fill("input[name=password]", creds["password"])
            page.click("form.login button[type=submit]")
        page.wait_for_selector("#turns")
        page.wait_for_load_state("networkidle")
        time.sleep(1)
        for line in lines:
            if line == "!turns":
                turns = page.locator("#turns li").all_inner_texts()
                print("[turns on load]", " | ".join(t.strip() for t in turns))
                log.write(json.dumps({"file": path, "say": line, "reply": turns}, ensure_ascii=False) + "\n")
                continue
            before = page.locator("#turns li.bot").count()
            page.fill("#message", line)
            page.click("#send")
            page.wait_for_function(
                "n => document.querySelectorAll('#turns li.bot:not(.hint)').length > n"
                " && document.querySelector('#state').dataset.state === 'idle'",
                arg=before - page.locator("#turns li.bot.hint").count(), timeout=90_000)
            reply = " / ".join(t.strip() for t in page.locator("#turns li.bot").all_inner_texts()[before:])
            print(f"> {line}\n  {reply}")
            log.write(json.dumps({"file": path, "say": line, "reply": reply}, ensure_ascii=False) + "\n")
        context.close()


if __name__ == "__main__":
    run(sys.argv[1])
