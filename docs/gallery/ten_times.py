"""Write a test briefing with every text field ten times longer (as tests/memo/test_scripts.py builds
it), for the gallery's long-content pages.
    python3 docs/gallery/ten_times.py tests/data/scripts-rtl.yaml OUT.yaml
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

LONGER = ("text", "summary", "body", "title", "subtitle", "name", "conditions", "obstacles", "proposition",
          "likelihood_note", "note", "leader")


def longer(node, key=None):
    if isinstance(node, dict):
        return {k: longer(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [longer(v, key) for v in node]
    if isinstance(node, str) and key in LONGER:
        return " ".join([node] * 10)
    return node


if __name__ == "__main__":
    src, out = map(Path, sys.argv[1:3])
    data = longer(yaml.safe_load(src.read_text(encoding="utf-8")))
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
