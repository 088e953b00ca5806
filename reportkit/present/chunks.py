"""Splitting columns (issues, parties) over several tables or slides."""
from __future__ import annotations


def balanced_chunks(n: int, size: int) -> tuple[tuple[int, ...], ...]:
    """Indexes 0..n-1 in runs of at most ``size``, balanced: 11 by 8 gives 6 + 5, not 8 + 3, so no
    table or slide ends with a lonely column."""
    if n == 0:
        return ()
    parts = -(-n // size)
    per = -(-n // parts)
    return tuple(tuple(range(i, min(i + per, n))) for i in range(0, n, per))
