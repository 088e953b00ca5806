"""The preview's HTTP server: 127.0.0.1 only, a handful of fixed routes, everything from memory.

``/`` the web edition (panel and script added), ``/events`` Server-Sent Events (one ``build`` event per
change), ``/memo`` and ``/deck`` pages of images, ``/memo/N.png`` and ``/deck/N.png`` the images. No path
maps to a file, so nothing outside what the preview built can be served; a ``Host`` other than this
address is refused (a web page elsewhere cannot read the preview through DNS rebinding).
"""
from __future__ import annotations

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

from . import client
from .pictures import ToolMissing, pictures
from .state import PreviewState

KEEPALIVE_SECONDS = 10
CSP = ("default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
       "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
_PICTURE = re.compile(r"^/(memo|deck)/([0-9]{1,4})\.png$")
KIND_TITLES = {"memo": "Memo pages", "deck": "Deck slides"}


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream never keeps the process alive after Ctrl-C
    allow_reuse_address = True

    def __init__(self, port: int, state: PreviewState, render: Callable[[str], bytes]):
        super().__init__(("127.0.0.1", port), Handler)
        self.state = state
        self.render = render  # format name -> the current content's memo (PDF) or deck (PPTX) bytes
        self._pictures: dict[str, tuple[int, list[bytes] | str]] = {}
        self._lock = threading.Lock()

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def pictures(self, kind: str) -> list[bytes] | str:
        """The images of the memo or deck for the current build (made once per build), or a note why
        there are none."""
        generation = self.state.snapshot().generation
        with self._lock:
            cached = self._pictures.get(kind)
            if cached and cached[0] == generation:
                return cached[1]
            try:
                made: list[bytes] | str = pictures(kind, self.render(kind))
            except ToolMissing as e:
                made = f"The {kind} cannot be shown as images here: {e}."
            except Exception as e:  # noqa: BLE001 - bad content or a tool failing: said in the page
                made = f"The {kind} could not be made: {e}"
            self._pictures[kind] = (generation, made)
            return made


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass  # the terminal shows builds, not requests

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy", CSP)
        self.end_headers()
        self.wfile.write(body)

    def _host_ok(self) -> bool:
        host = self.headers.get("Host", "")
        return host in (f"127.0.0.1:{self.server.port}", f"localhost:{self.server.port}")

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        if not self._host_ok():
            return self._send(403, b"forbidden: the preview answers on 127.0.0.1 only\n", "text/plain")
        path = self.path.split("?", 1)[0]
        snap = self.server.state.snapshot()
        if path == "/":
            if snap.page is None:
                body = client.standalone("Preview: no edition yet", "<p>The content has not built yet; "
                                         "its problems are listed above.</p>", snap.generation, snap.problems,
                                         snap.warnings, "/")
            else:
                body = client.inject(snap.page, snap.generation, snap.problems, snap.warnings)
            return self._send(200, body)
        if path == "/events":
            return self._events()
        if path in ("/memo", "/deck"):
            kind = path[1:]
            made = self.server.pictures(kind)
            if isinstance(made, str):
                inner = f"<p>{client.escape(made)}</p>"
            else:
                word = "Page" if kind == "memo" else "Slide"
                inner = "".join(f'<img src="/{kind}/{k}.png" alt="{word} {k} of {len(made)}" loading="lazy">'
                                for k in range(1, len(made) + 1))
            return self._send(200, client.standalone(KIND_TITLES[kind], inner, snap.generation, snap.problems,
                                                     snap.warnings, path))
        m = _PICTURE.match(path)
        if m:
            made = self.server.pictures(m.group(1))
            k = int(m.group(2))
            if isinstance(made, list) and 1 <= k <= len(made):
                return self._send(200, made[k - 1], "image/png")
        return self._send(404, b"not found\n", "text/plain")

    def _events(self) -> None:
        state = self.server.state
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        seen = state.snapshot()
        try:
            self.wfile.write(seen.event().encode())
            self.wfile.flush()
            while not seen.stopping:
                now = state.wait_change(seen, KEEPALIVE_SECONDS)
                if now.stopping:
                    break
                self.wfile.write((now.event() if now is not seen else ": still here\n\n").encode())
                self.wfile.flush()
                seen = now
        except (BrokenPipeError, ConnectionResetError, OSError):
            return  # the page was closed or reloaded
