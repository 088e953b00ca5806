"""The Word memo's chart parts, made ahead: in a one-shot build a forked child writes them (python-pptx's
chart writers: ~0.1 s to import, ~0.1 s to write six charts) while this process writes the document,
so a cold Word build does not wait for them. Elsewhere (``watch``, batch workers, a process with
threads) they are written here, when first needed. Either way the bytes are the same: the child runs
the same ``chart.chart_blobs`` on the same specs and sends back bytes only.
"""
from __future__ import annotations

from contextlib import contextmanager

CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WORKBOOK_RID = "rId1"  # a chart part's one relationship: its workbook


class Charts:
    """The document's chart parts: ``add`` puts a chart part and its workbook in the package at once
    (empty), so the document can go on; ``fill`` writes their bytes at the end, from the child when it
    made them (it has had the whole document's time), else here."""

    def __init__(self, theme, font: str, workbook, children=None):
        self.theme, self.font, self.workbook = theme, font, workbook
        self._children = children
        self._parts: list = []  # (spec, chart part, workbook part)

    def add(self, document_part, spec, number: int) -> str:
        """The chart's rId in the document; its parts are filled by ``fill``."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        package = document_part.package
        xlsx = Part(PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{number}.xlsx"), XLSX_CT, b"", package)
        chart_part = Part(PackURI(f"/word/charts/chart{number}.xml"), CHART_CT, b"", package)
        rid = chart_part.relate_to(xlsx, RT.PACKAGE)
        assert rid == WORKBOOK_RID, rid  # the chart XML's externalData names it
        self._parts.append((spec, chart_part, xlsx))
        return document_part.relate_to(chart_part, RT.CHART)

    def fill(self) -> None:
        made = {}
        if self._children is not None and "docx-charts" in self._children:
            made, _ = self._children.result("docx-charts")
        for spec, chart_part, xlsx in self._parts:
            if spec not in made:
                from .chart import chart_blobs  # imports python-pptx

                made[spec] = chart_blobs(spec, self.theme, self.font, self.workbook)
            chart_part._blob, xlsx._blob = made[spec]  # python-docx's Part keeps its bytes in _blob


@contextmanager
def ahead(specs, theme, font: str, workbook):
    """``Charts`` for the document being written; ``specs`` made in a forked child when the process
    is a one-shot build that may fork (``forked.may_fork_helpers``). Leaving ends the child."""
    from .. import forked

    specs = tuple(s for s in dict.fromkeys(specs) if s.categories)  # each once; a chart with no stances is not drawn
    if not specs or not forked.may_fork_helpers():
        yield Charts(theme, font, workbook)
        return
    with forked.Children() as children:
        def job():
            from .chart import chart_blobs

            return {spec: chart_blobs(spec, theme, font, workbook) for spec in specs}

        children.start("docx-charts", job)
        yield Charts(theme, font, workbook, children)
