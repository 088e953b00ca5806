"""Command line: ``reportkit COMMAND …``. Each command lives in ``reportkit/commands/NAME.py`` with
``configure(parser)`` and ``run(args) -> exit code``, imported only when chosen (fast start-up).

Exit codes: 0 success, 2 the user's input is wrong (located messages, no traceback; a wrong flag is
blamed on the command line), 1 reportkit itself failed (short message; the traceback only with
``--debug``). A command whose exit 1 already means something (``diff``: changes found) sets
``INTERNAL_ERROR_EXIT`` in its module (diff: 3). Output into a closed pipe (``| head``) ends quietly
with 141, as a program stopped by SIGPIPE does.
"""
from __future__ import annotations

import argparse
import difflib
import importlib
import os
import sys

from . import __version__
from .errors import InputError, Problem

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

# name -> examples shown under the command's --help (tests/cli/test_cli.py asserts every command has one:
# a new command adds its line here, next to its COMMANDS line).
EXAMPLES = {
    "build": ["reportkit build briefing.yaml --audience principals",
              "reportkit build --format memo,deck --page-size a4   # the one content file of this project",
              "reportkit build briefing.yaml --all-audiences --out out/"],
    "validate": ["reportkit validate briefing.yaml"],
    "schema": ["reportkit schema > briefing.schema.json"],
    "diff": ["reportkit diff old.yaml briefing.yaml",
             "reportkit diff briefing.yaml --since git:HEAD~1 --audience press --json"],
    "watch": ["reportkit watch briefing.yaml --format memo --audience staff"],
    "preview": ["reportkit preview briefing.yaml --audience principals   # then open the address it prints"],
    "audiences": ["reportkit audiences briefing.yaml --withheld"],
    "check-template": ["reportkit check-template house.potx --theme house"],
    "check-a11y": ["reportkit check-a11y out/briefing-principals-memo.pdf out/briefing-principals-deck.pptx"],
    "init": ["reportkit init my-briefing && cd my-briefing && reportkit build"],
    "batch": ["reportkit batch briefings/ --audiences all --editions memo,deck --out out/"],
}
BROKEN_PIPE_EXIT = 141  # 128 + SIGPIPE: what a shell reports for a program whose reader went away


class _Parser(argparse.ArgumentParser):
    """argparse that reports a wrong command line the reportkit way: one ``reportkit …:`` line naming
    the flag, a did-you-mean where one fits, exit 2 (no usage dump to scroll past)."""

    def error(self, message: str):
        message = message.replace("argument ", "", 1) if message.startswith("argument -") else message
        if message.startswith("argument COMMAND: invalid choice:"):
            message = _unknown_command(message)
        raise InputError(Problem(self.prog, 0, 0, f"{message} (see `{self.prog} --help`)"))


def _unknown_command(message: str) -> str:
    word = message.split("'")[1] if "'" in message else ""
    match = difflib.get_close_matches(word, list(COMMANDS), n=1)
    return f"unknown command {word!r}" + (f"; did you mean {match[0]!r}?" if match else f"; commands: {', '.join(COMMANDS)}")


def _unknown_options(parser: argparse.ArgumentParser, extra: list[str]) -> InputError:
    flags = [o for a in parser._actions for o in a.option_strings]
    problems = []
    for word in extra:
        if word.startswith("-"):
            name = word.split("=", 1)[0]
            match = difflib.get_close_matches(name, flags, n=1, cutoff=0.6)
            hint = f"; did you mean {match[0]}?" if match else f"; options: {', '.join(f for f in flags if f.startswith('--'))}"
            problems.append(Problem(parser.prog, 0, 0, f"unknown option {name}{hint}"))
        else:
            problems.append(Problem(parser.prog, 0, 0, f"unexpected argument {word!r} (see `{parser.prog} --help`)"))
    return InputError(problems)


def _epilog(name: str, existing: str | None) -> str:
    lines = [existing] if existing else []
    lines += ["examples:", *(f"  {e}" for e in EXAMPLES.get(name, ()))]
    return "\n".join(lines)


def _command_module(name: str):
    return importlib.import_module(f"reportkit.commands.{name.replace('-', '_')}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from .startup import defer_unused_imports

    defer_unused_imports()
    try:
        code = _main(argv)
        sys.stdout.flush()  # a pipe closed early fails here, inside the handler, not at interpreter exit
        return code
    except BrokenPipeError:
        # The reader (``| head``) has what it wanted. Point stdout at /dev/null so the final flush at
        # exit cannot complain, and end like a program stopped by SIGPIPE.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return BROKEN_PIPE_EXIT


def _main(argv: list[str]) -> int:
    parser = _Parser(prog="reportkit", description="Policy memos and briefing decks from one content file.",
                     epilog="exit status: 0 done, 2 wrong input or flags (located), 1 reportkit failed "
                            "(diff: 0 no changes, 1 changes found, 2 wrong input, 3 reportkit failed)")
    parser.add_argument("--version", action="version", version=f"reportkit {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for internal errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Only the chosen command's module is imported; the others get a bare sub-parser for --help.
    chosen = next((a for a in argv if not a.startswith("-")), None)
    module, chosen_parser = None, parser
    for name, help_text in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.epilog = _epilog(name, None)
        if name == chosen:
            chosen_parser = p
            try:
                module = _command_module(name)
            except ModuleNotFoundError:
                module = None
            if module is not None:
                module.configure(p)
                p.epilog = _epilog(name, p.epilog if p.epilog and not p.epilog.startswith("examples:") else None)
                p.set_defaults(_run=module.run)
    try:
        args, extra = parser.parse_known_args(argv)
        if extra:
            raise _unknown_options(chosen_parser if args.command else parser, extra)
    except InputError as e:
        for problem in e.problems:
            print(problem, file=sys.stderr)
        return 2
    if args.command is None:
        parser.print_help()
        return 2
    run = getattr(args, "_run", None)
    if run is None:
        print(f"reportkit: '{args.command}' is not available yet", file=sys.stderr)
        return 1
    try:
        if getattr(args, "find_content", False) and args.file is None:
            from .project import find_content

            args.file = find_content(quiet=getattr(args, "quiet", False))
        return int(run(args) or 0)  # warnings are data; commands print them (commands/build.print_warnings)
    except BrokenPipeError:
        raise
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
        return getattr(module, "INTERNAL_ERROR_EXIT", 1)


if __name__ == "__main__":
    sys.exit(main())
