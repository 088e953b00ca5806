"""Screenshots of the web edition for the gallery: desktop (1280 px) and phone (375 px), the top of the
page and the stance matrix, in headless Chromium (Debian's, through Playwright).

    python3 docs/gallery/html_screens.py   (run by docs/gallery/regenerate.sh)
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GALLERY = ROOT / "docs" / "gallery"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = {"desktop": (1280, 900), "phone": (375, 812)}


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "reportkit", "build", str(ROOT / "content" / "us-russia-talks.yaml"),
                        "--format", "html", "--out", tmp, "--quiet"], check=True, cwd=ROOT)
        page_path = Path(tmp) / "us-russia-talks-briefing.html"
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for name, (w, h) in SHOTS.items():
                page = browser.new_page(viewport={"width": w, "height": h})
                page.goto(page_path.as_uri())
                page.screenshot(path=str(GALLERY / f"html-{name}.png"))
                page.evaluate("document.getElementById('stances').scrollIntoView()")
                page.screenshot(path=str(GALLERY / f"html-{name}-stances.png"))
                page.close()
            browser.close()


if __name__ == "__main__":
    main()
