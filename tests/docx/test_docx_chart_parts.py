"""In a one-shot ``reportkit build`` the Word memo's chart parts are written by a forked child while the
parent writes the document (``docx.chart_parts``); elsewhere they are written in process. Both ways
give the same bytes, and the parent of a one-shot build never loads python-pptx."""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile

_BUILD = """
import json, sys
from pathlib import Path
from reportkit import build, forked
result = build.build(Path({content!r}), Path({out!r}), ["docx"], parallel={parallel})
print(json.dumps({{"pptx": "pptx" in sys.modules, "helpers": forked.may_fork_helpers()}}))
"""


def _build(content, out, parallel: bool) -> dict:
    code = _BUILD.format(content=str(content), out=str(out), parallel=parallel)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_chart_parts_are_the_same_from_the_child_and_in_process(reference_path, tmp_path):
    one_shot = _build(reference_path, tmp_path / "one-shot", parallel=True)
    in_process = _build(reference_path, tmp_path / "in-process", parallel=False)
    assert one_shot == {"pptx": False, "helpers": True}  # the charts came from the child
    assert in_process == {"pptx": True, "helpers": False}  # written here, with python-pptx
    name = f"{reference_path.stem}-memo.docx"
    a, b = (tmp_path / d / name for d in ("one-shot", "in-process"))
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        charts = [n for n in z.namelist() if n.startswith("word/charts/chart")]
        books = [n for n in z.namelist() if n.startswith("word/embeddings/")]
        assert len(charts) == len(books) >= 5
        for n in charts:  # filled before save: no empty part reaches the file
            xml = z.read(n)
            assert b"<c:externalData r:id=\"rId1\">" in xml and b"<c:ser>" in xml
        for n in books:
            assert z.read(n)[:2] == b"PK"
