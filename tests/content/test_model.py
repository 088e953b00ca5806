import sys

from reportkit.present import signed
from reportkit.present.chart_data import chart_set


def test_model_imports_no_renderer():
    import subprocess

    code = "import sys, reportkit.model, reportkit.present.chart_data, reportkit.content; " \
           "bad=[m for m in ('reportlab','pptx','matplotlib') if m in sys.modules]; print(bad); sys.exit(bool(bad))"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_lookups_match_content(reference):
    s = reference.stance("ru", "nato")
    assert s.score == -2 and s.basis == "stated"
    assert reference.stance("cn", "sanctions") is None
    assert reference.source_number("article") == 1


def test_chart_values_are_the_content_scores(reference):
    charts = chart_set(reference)
    for chart in charts.by_issue:
        issue_id = chart.key.split(":", 1)[1]
        expected = [s.score for p in reference.parties if (s := reference.stance(p.id, issue_id))]
        assert list(chart.values) == expected
    assert signed(-2) == "\u22122" and signed(2) == "+2" and signed(0) == "0"
