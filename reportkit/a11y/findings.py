"""An accessibility problem, as data: where it is and what is wrong."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    where: str  # "memo.pdf:page 3", "deck.pptx:slide 4"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"
