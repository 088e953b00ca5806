"""Command line: ``reportkit COMMAND …``. Each command lives in ``reportkit/commands/NAME.py`` with
``configure(parser)`` and ``run(args) -> exit code``, imported only when chosen (fast start-up).

Exit codes: 0 success, 2 the user's input is wrong (located messages, no traceback), 1 reportkit
itself failed (short message; the traceback only with ``--debug``).
"""
from __future__ import annotations

import argparse
import importlib
import sys

from .errors import InputError

# name -> one-line help. Order is the order of ``reportkit --help``.
COMMANDS = {
    "build": "build the memo (PDF) and/or deck (PPTX) for a content file",
    "validate": "check a content file and report every problem with FILE:LINE:COL",
    "schema": "print the JSON Schema (draft 2020-12) of the content format",
    "diff": "list the meaningful changes between two versions of a content file",
    "watch": "rebuild whenever the content file, its theme or template changes",
    "preview": "serve the web edition on 127.0.0.1 and update the open page on every save",
    "audiences": "list the audience profiles",
    "check-template": "tell whether a PowerPoint template will work with reportkit",
    "init": "scaffold a new briefing project",
    "batch": "build a whole portfolio of briefings x audiences x editions, cached (locally or on Dask)",
    "check-a11y": "check PDFs and decks for accessibility problems (tags, alt text, titles, contrast)",
}


def _command_module(name: str):
    return importlib.import_module(f"reportkit.commands.{name.replace('-', '_')}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="reportkit", description="Policy memos and briefing decks from one content file.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for internal errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Only the chosen command's module is imported; the others get a bare sub-parser for --help.
    chosen = next((a for a in argv if not a.startswith("-")), None)
    for name, help_text in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if name == chosen:
            try:
                module = _command_module(name)
            except ModuleNotFoundError:
                module = None
            if module is not None:
                module.configure(p)
                p.set_defaults(_run=module.run)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    run = getattr(args, "_run", None)
    if run is None:
        print(f"reportkit: '{args.command}' is not available yet", file=sys.stderr)
        return 1
    try:
        return int(run(args) or 0)  # warnings are data; commands print them (commands/build.print_warnings)
    except InputError as e:
        for problem in e.problems:
            print(problem, file=sys.stderr)
        return 2
    except KeyboardInterrupt as e:  # output.InterruptedAfterWriting says what was replaced
        print(getattr(e, "message", "reportkit: interrupted; earlier outputs are unchanged"), file=sys.stderr)
        return 130
    except Exception as e:  # noqa: BLE001 - the one place that turns crashes into exit 1
        if args.debug:
            raise
        print(f"reportkit: internal error: {type(e).__name__}: {e} (run with --debug for the traceback)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
