"""Problems with the user's input, returned as data (MkDocs-style) and raised together.

Exit codes across reportkit: 0 success, 2 the user's input is wrong, 1 reportkit itself failed.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, located at the node that is wrong (1-based line/col).

    Line 0 means "no place in a file": a wrong flag is blamed on the command line (``command_line``).
    """

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        if self.line <= 0:  # a whole file, a flag or a folder: nothing to point into
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


def command_line(flag: str, message: str, command: str = "reportkit") -> Problem:
    """A problem with a flag's value, blamed on the command line, not on line 1 of the content file."""
    return Problem(command, 0, 0, f"{flag}: {message}")


def did_you_mean(word: str, choices, describe=None) -> str:
    """"; did you mean 'x'?" for the closest of ``choices`` (case-insensitive), else ""."""
    import difflib

    by_fold = {str(c).casefold(): c for c in choices}
    word = str(word).casefold()
    cutoff = 0.5 if len(word) <= 3 else 0.6  # "a5" is one letter from "a4": ratio 0.5
    match = difflib.get_close_matches(word, list(by_fold), n=1, cutoff=cutoff)
    if not match:
        return ""
    best = by_fold[match[0]]
    return f"; did you mean {best!r}{f' ({describe(best)})' if describe else ''}?"


class InputError(Exception):
    """The user's input is wrong: exit code 2, one located line per problem, no traceback."""

    exit_code = 2

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
