"""Write a test briefing with every text field ten times longer, names and titles up to their length
limit (as tests/memo/test_scripts.py builds it), for the gallery's long-content pages and
tests/memo/test_scripts_every_edition.py.
    python3 docs/gallery/ten_times.py tests/data/scripts-rtl.yaml OUT.yaml
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

LONGER = ("text", "summary", "body", "title", "subtitle", "name", "conditions", "obstacles", "proposition",
          "likelihood_note", "note", "leader")
LABELS = ("title", "subtitle", "name", "leader")  # in boxes of fixed size: up to the label length limit


def longer(node, key=None):
    from reportkit.content.limits import MAX_LABEL_CHARS

    if isinstance(node, dict):
        return {k: longer(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [longer(v, key) for v in node]
    if isinstance(node, str) and key in LONGER:
        text = " ".join([node] * 10)
        return text[:MAX_LABEL_CHARS].rstrip() if key in LABELS else text
    return node


if __name__ == "__main__":
    src, out = map(Path, sys.argv[1:3])
    data = longer(yaml.safe_load(src.read_text(encoding="utf-8")))
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
