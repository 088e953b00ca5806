"""``reportkit preview [FILE] [--port N]``: the web edition in the browser, updated on every save.

Serves on 127.0.0.1 (a free port unless ``--port``), prints the address, and rebuilds like ``watch``
(the same Rebuilder and file watching: content, theme chain, template, logo) on every save. The open
page reloads itself within a second (Server-Sent Events); a broken save shows its located problems in
the page above the last good edition. ``/memo`` and ``/deck`` show the memo's pages and the deck's
slides as images. The web edition is also written to the out folder, like ``build --format html``;
``--format`` adds more editions to write on each save. Ctrl-C stops it.
"""
from __future__ import annotations

import argparse
import sys
import threading

from ..errors import InputError, Problem
from .options import add_render_options


def configure(p: argparse.ArgumentParser) -> None:
    add_render_options(p, audience_help="preview one audience's edition")
    p.set_defaults(format="html")
    for action in p._actions:  # the shared flag, with what it means here
        if action.dest == "format":
            action.help = "also write these editions on every save (default: the web edition only)"
    p.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any free port)")


def _formats(choice: str) -> list[str]:
    from ..build import formats_for

    chosen = formats_for(choice)
    return ["html"] + [f for f in chosen if f != "html"]


def run(args: argparse.Namespace) -> int:
    from ..preview.server import PreviewServer
    from ..preview.state import PreviewState
    from .watch import Rebuilder, _Changes, _schedule, _start_observer

    if not args.file.is_file():
        raise InputError(Problem(str(args.file), 1, 1, "no such file"))
    say = None if args.quiet else (lambda line: print(line, flush=True))
    state = PreviewState()
    lines: list[str] = []

    def complain(line: str) -> None:
        lines.append(line)
        print(line, file=sys.stderr, flush=True)

    rebuilder = Rebuilder(args.file, args.out, _formats(args.format), args.theme, args.page_size, args.audience,
                          args.since, say=say, complain=complain)

    def rebuild() -> None:
        lines.clear()
        written = rebuilder.rebuild()
        if written is None:
            state.failed([line for line in lines if not line.startswith("not rebuilt:")])
            return
        page = next(w.path for w in written if w.format == "html").read_bytes()
        state.built(page, list(lines))

    def render(kind: str) -> bytes:
        from ..pipeline import prepare, read_source
        from ..registry import REGISTRY

        prepared = prepare(read_source(args.file), args.audience, args.theme, args.page_size, args.since)
        return REGISTRY[kind].render(prepared.for_format(kind)).data

    try:
        server = PreviewServer(args.port, state, render)
    except OSError as e:
        raise InputError(Problem("--port", 1, 1, f"cannot serve on 127.0.0.1:{args.port}: {e.strerror or e}")) from e
    rebuilder.warm_up()
    changes = _Changes()
    watches: dict = {}
    observer = _start_observer(changes, rebuilder.files, watches, complain)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    try:
        rebuild()
        _schedule(observer, changes, rebuilder.files, watches)
        thread.start()
        print(f"preview: {server.url} (Ctrl-C to stop)", flush=True)
        while True:
            changes.wait_for_quiet()
            rebuild()
            _schedule(observer, changes, rebuilder.files, watches)
    except KeyboardInterrupt:
        if say:
            say("stopped the preview")
        return 0
    finally:
        state.stop()
        if thread.is_alive():
            server.shutdown()
        server.server_close()
        observer.stop()
        observer.join(timeout=2)
