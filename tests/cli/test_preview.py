"""``reportkit preview``: the real server on a free port, driven over HTTP (Server-Sent Events) and in
headless Chromium: a save updates the open page by itself, a broken save shows its located problem in
the page above the last good edition and clears on the next good save, only 127.0.0.1 answers, only
the preview's own routes exist, and Ctrl-C stops it cleanly."""
from __future__ import annotations

import http.client
from html import escape
import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import REFERENCE, require_tool
from helpers import run_cli, copy_reference

TITLE = "U.S.–Russia Talks on the War in Ukraine"


class Preview:
    """A running ``reportkit preview`` process, its address, and what it printed."""

    def __init__(self, content: Path, out: Path, *args: str):
        self.proc = subprocess.Popen([sys.executable, "-m", "reportkit", "preview", str(content), "--out", str(out),
                                      *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self.lines: queue.Queue[str] = queue.Queue()
        self.printed: list[str] = []
        threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True).start()
        threading.Thread(target=self._read, args=(self.proc.stderr,), daemon=True).start()
        self.port = int(self.wait_for(r"preview: http://127\.0\.0\.1:(\d+)/").group(1))

    def _read(self, stream) -> None:
        for line in stream:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout: float = 60):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
                continue
            self.printed.append(line)
            m = re.search(pattern, line)
            if m:
                return m
        raise AssertionError(f"no line matching {pattern!r}; printed: {self.printed}")

    def get(self, path: str, host: str | None = None) -> tuple[int, dict, bytes]:
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        c.request("GET", path, headers={"Host": host or f"127.0.0.1:{self.port}"})
        r = c.getresponse()
        body = r.read()
        c.close()
        return r.status, dict(r.getheaders()), body

    def events(self) -> "Events":
        return Events(self.port)

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise


class Events:
    """An open Server-Sent Events stream; ``next()`` is the next ``build`` event's data."""

    def __init__(self, port: int):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.conn.request("GET", "/events", headers={"Host": f"127.0.0.1:{port}"})
        self.resp = self.conn.getresponse()
        assert self.resp.status == 200 and self.resp.getheader("Content-Type") == "text/event-stream"

    def next(self) -> dict:
        while True:
            line = self.resp.fp.readline().decode()
            if not line:
                raise AssertionError("event stream closed")
            if line.startswith("data: "):
                return json.loads(line[6:])

    def close(self) -> None:
        self.conn.close()


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_reference(tmp_path, "briefing.yaml")


@pytest.fixture
def preview(project):
    p = Preview(project, project.parent / "out")
    yield p
    p.stop()


def save(path: Path, text: str) -> None:
    """Save as an editor does: write a new file and rename it into place."""
    tmp = path.with_suffix(".tmp~")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def test_serves_the_web_edition_with_its_panel(preview, project):
    status, headers, body = preview.get("/")
    html = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert f"<h1 id=\"title\">{TITLE}</h1>" in html and 'class="preview-panel"' in html and "EventSource" in html
    assert "connect-src 'self'" in headers["Content-Security-Policy"]
    # the written edition has no preview panel or script
    written = (project.parent / "out" / "briefing-briefing.html").read_text(encoding="utf-8")
    assert 'class="preview-panel"' not in written and "<script" not in written


def test_a_save_updates_the_page_and_a_broken_save_shows_where(preview, project):
    events = preview.events()
    first = events.next()
    assert first["problems"] == []
    original = project.read_text(encoding="utf-8")
    t0 = time.monotonic()
    save(project, original.replace(f"title: {TITLE}", "title: Talks resumed"))
    changed = events.next()
    took = time.monotonic() - t0
    assert changed["generation"] == first["generation"] + 1 and changed["problems"] == []
    assert took < 10, f"{took:.2f} s from save to event"  # about 0.1 s on a quiet machine (docs/performance.md)
    assert '<h1 id="title">Talks resumed</h1>' in preview.get("/")[2].decode()

    save(project, original.replace("  date: 2026-11-26", "  date: 26 November"))
    broken = events.next()
    assert broken["generation"] == changed["generation"]  # the last good edition stays
    assert broken["problems"] and re.match(rf"{re.escape(str(project))}:\d+:\d+: ", broken["problems"][0])
    html = preview.get("/")[2].decode()
    message = broken["problems"][0].split(": ", 1)[1]
    assert '<h1 id="title">Talks resumed</h1>' in html and escape(message) in html

    save(project, original)
    fixed = events.next()
    assert fixed["problems"] == [] and fixed["generation"] == changed["generation"] + 1
    events.close()


def test_only_its_own_routes_and_only_localhost(preview):
    assert preview.get("/", host="evil.example")[0] == 403  # DNS rebinding: another site's name
    for path in ("/briefing-briefing.html", "/../briefing.yaml", "/%2e%2e/%2e%2e/etc/passwd", "/out/", "/memo/0.png",
                 "/memo/../../etc/passwd"):
        assert preview.get(path)[0] == 404, path
    # bound to the loopback address only
    addresses = {a[4][0] for a in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)} - {"127.0.0.1"}
    for address in addresses:
        with pytest.raises(OSError):
            socket.create_connection((address, preview.port), timeout=2).close()


def test_memo_pages_as_images(preview):
    require_tool("pdftoppm")
    status, _, body = preview.get("/memo")
    assert status == 200
    count = body.decode().count('<img src="/memo/')
    assert count >= 3 and f'alt="Page 1 of {count}"' in body.decode()
    status, headers, png = preview.get("/memo/1.png")
    assert status == 200 and headers["Content-Type"] == "image/png" and png.startswith(b"\x89PNG\r\n\x1a\n")


def test_deck_slides_as_images(preview):
    require_tool("pdftoppm")
    require_tool("soffice")
    status, _, body = preview.get("/deck")
    assert status == 200
    count = body.decode().count('<img src="/deck/')
    assert count >= 5 and f'alt="Slide {count} of {count}"' in body.decode()
    assert preview.get(f"/deck/{count}.png")[2].startswith(b"\x89PNG")
    assert preview.get(f"/deck/{count + 1}.png")[0] == 404


def test_ctrl_c_stops_cleanly(project):
    p = Preview(project, project.parent / "out")
    port = p.port
    events = p.events()  # an open page's event stream does not hold the process
    events.next()
    t0 = time.monotonic()
    assert p.stop() == 0
    assert time.monotonic() - t0 < 5
    p.wait_for("stopped the preview", timeout=5)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_a_busy_port_is_a_located_error(project):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = run_cli("preview", project, "--port", port, timeout=60)
    assert r.returncode == 2 and f"127.0.0.1:{port}" in r.stderr and "Traceback" not in r.stderr


def test_the_open_page_updates_itself_in_a_browser(preview, project, tmp_path):
    chromium = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "html"))  # its browser helpers, run alone too
    from test_html_browser import CHROMIUM_ARGS, axe_violations

    original = project.read_text(encoding="utf-8")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(bypass_csp=True)  # the page's CSP forbids eval, which wait_for_function uses
        page.goto(f"http://127.0.0.1:{preview.port}/")
        assert page.text_content("h1") == TITLE
        assert axe_violations(page) == []
        page.wait_for_function("document.getElementById('rk-status').textContent === 'up to date'")
        save(project, original.replace(f"title: {TITLE}", "title: Talks resumed"))
        page.wait_for_function("document.querySelector('h1') && document.querySelector('h1').textContent === "
                               "'Talks resumed'", timeout=10_000)
        save(project, original.replace("  date: 2026-11-26", "  date: 26 November"))
        page.wait_for_selector("#rk-problem-box:not([hidden])", timeout=10_000)
        assert f"{project.name}:" in page.text_content("#rk-problems")
        assert page.text_content("h1") == "Talks resumed"  # the last good edition, under the problems
        assert axe_violations(page) == []
        page.screenshot(path=str(tmp_path / "preview-problem.png"))
        save(project, original)
        page.wait_for_function("document.querySelector('h1') && document.querySelector('h1').textContent === "
                               f"{json.dumps(TITLE)}", timeout=10_000)
        assert page.is_hidden("#rk-problem-box")
        browser.close()
