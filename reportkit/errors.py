"""Problems with the user's input, returned as data (MkDocs-style) and raised together.

Exit codes across reportkit: 0 success, 2 the user's input is wrong, 1 reportkit itself failed.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, located at the node that is wrong (1-based line/col)."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        if self.line <= 0:  # a whole file, a flag or a folder: nothing to point into
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


class InputError(Exception):
    """The user's input is wrong: exit code 2, one located line per problem, no traceback."""

    exit_code = 2

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
