"""``reportkit audiences [FILE]``: the audience profiles, built-in and the content file's."""
from __future__ import annotations

import argparse
from pathlib import Path



def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?", type=Path, default=None,
                   help="content file whose `audiences:` to include (default: the project's one content file, if any)")
    p.add_argument("--withheld", action="store_true", help="also say what each audience would not see")


def run(args: argparse.Namespace) -> int:
    from ..audience import profiles, select

    from ..project import candidates

    found = candidates()
    path = args.file or (found[0] if len(found) == 1 else None)
    briefing = None
    if path is not None:
        from ..content import load

        briefing = load(path)
    rows = [("NAME", "LABEL", "DETAIL", "NOTES", "CLEARANCE", "THEME", "FROM")]
    known = profiles(briefing, where=str(path) if path else "audiences")
    for p in known.values():
        rows.append((p.name, p.label, p.detail, "yes" if p.notes else "no", p.clearance, p.theme,
                     "built-in" if p.builtin else str(path)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    for p in known.values():
        if p.disclaimer:
            print(f"{p.name} disclaimer: {p.disclaimer}")
    if args.withheld and briefing is not None:
        for p in known.values():
            print(select(briefing, p)[1])
    return 0
