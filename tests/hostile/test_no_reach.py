"""No reach outside: content cannot execute code, cannot make reportkit read files outside the project
(paths and URLs in it are printed, never opened), and a build never touches the network."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import REFERENCE, require_tool
from helpers import run_cli, copy_reference
from reportkit.content import spec, types

# Strings a hostile or careless content file may hold; each must come out as text, never be opened.
BAIT = ["../../etc/passwd", "/etc/passwd", "file:///etc/passwd", "~/.ssh/id_rsa",
        '<img src="/etc/passwd"/>', '<img src="https://example.org/pixel.png"/>',
        '<a href="file:///etc/shadow">x</a>', "https://example.org/track?id=1", "\\\\server\\share\\secret"]

# Runs a real build in a fresh interpreter that records every file opened and every network attempt
# (Python audit hooks see all of them, from any library), with socket connections made to fail.
WATCHED_BUILD = """
import json, socket, sys
log = {"open": [], "net": []}
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes)):
        log["open"].append(str(args[0]))
    elif event.startswith(("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request")):
        log["net"].append([event, repr(args)[:200]])
sys.addaudithook(hook)
def refuse(*args, **kw):
    log["net"].append(["connect", repr(args)[:200]])
    raise OSError("network blocked by the test")
socket.socket.connect = refuse
socket.create_connection = refuse
from reportkit.cli import main
code = main(sys.argv[2:])
from reportlab import rl_config
log["trustedHosts"] = rl_config.trustedHosts
with open(sys.argv[1], "w") as f:
    json.dump(log, f)
sys.exit(code)
"""


def baited_content(project: Path) -> Path:
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    data["parties"][0]["name"] = f"{data['parties'][0]['name']} {BAIT[0]}"
    data["summary"].append(" ".join(BAIT))
    data["sources"][0]["url"] = "https://example.org/../../etc/passwd?next=file:///etc/passwd"
    data["sources"][0]["note"] = " ".join(BAIT)
    data["sections"] = [{"id": "bait", "title": BAIT[2], "body": "\n\n".join(BAIT)}]
    return copy_reference(project, "briefing.yaml", data=data)


def watched_build(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess, dict]:
    log = tmp_path / "log.json"
    r = subprocess.run([sys.executable, "-c", WATCHED_BUILD, str(log), "build", *args],
                       capture_output=True, text=True, timeout=180)
    return r, json.loads(log.read_text())


def test_paths_and_urls_in_content_are_printed_never_opened_and_nothing_connects(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    content = baited_content(project)
    out = project / "out"
    r, log = watched_build(tmp_path, str(content), "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert log["net"] == []  # no connection, no name lookup
    assert not log["trustedHosts"]  # reportlab may fetch nothing remote (NOTES: rl_config.trustedHosts)
    opened = [Path(p) for p in log["open"]]
    assert not [p for p in opened if "passwd" in str(p) or "shadow" in str(p) or ".ssh" in str(p)]
    # Everything read is the project, reportkit and Python's own installation (libraries, their data,
    # matplotlib's font cache), reportlab's per-user settings, the system fonts config, or /dev and /proc.
    allowed = [project.resolve(), tmp_path / "log.json", Path.home() / ".reportlab_mods",
               Path.home() / ".reportlab_settings", Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(),
               Path(__file__).resolve().parents[2] / "reportkit", Path.home() / ".cache", Path.home() / ".config",
               Path("/dev"), Path("/proc"), Path("/etc/fonts"), Path("/usr/share/fonts"), Path("/etc/localtime"),
               Path("/usr/share/zoneinfo")]
    outside = sorted({str(p) for p in opened if not any(_inside(p, a) for a in allowed)})
    assert outside == []
    # ... and the bait is in the outputs as text.
    pdf = next(out.glob("*.pdf"))
    text = subprocess.run([require_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for bait in ("file:///etc/passwd", "../../etc/passwd", '<img src="/etc/passwd"/>'):
        assert bait in text.replace("\n", " ") or bait.replace(" ", "") in text.replace("\n", ""), bait


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve()) or path.is_relative_to(folder)
    except OSError:
        return False


def test_a_file_url_is_not_a_source_url(tmp_path):
    """``url`` is the only address-like field: it must be http(s), so nothing else can be named there."""
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    data["sources"][0]["url"] = "file:///etc/passwd"
    path = tmp_path / "b.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    r = run_cli("validate", str(path))
    assert r.returncode == 2 and "http://" in r.stderr and "Traceback" not in r.stderr


def test_content_names_no_file_but_an_audience_theme_and_figures():
    """The content format has no path fields except ``audiences.NAME.theme`` (checked below) and
    ``figures[].file`` (content/figures.py: inside the project, tests/bad_inputs figure-* cases): walk
    the spec and list every field whose type could name a file."""
    found = []

    def walk(t, where):
        if isinstance(t, types.Record):
            for f in t.fields:
                walk(f.type, f"{where}.{f.name}")
        elif isinstance(t, (types.ListOf, types.MapOf)):
            for attr in ("item", "value", "of", "type"):
                if isinstance(getattr(t, attr, None), types.Type):
                    walk(getattr(t, attr), where + "[]")
        elif isinstance(t, types.TextOr):
            for attr in vars(t).values():
                if isinstance(attr, types.Type):
                    walk(attr, where)
        elif isinstance(t, types.Text) and not isinstance(t, types.Url):
            name = where.rsplit(".", 1)[-1]
            if name in ("theme", "logo", "template", "font", "fonts", "path", "file", "image", "include"):
                found.append(where)

    walk(spec.CONTENT, "")
    assert found == [".figures[].file", ".audiences[].theme"]


SCRIPTED = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:subprocess.Popen [['touch', '{marker}']]",
    "!!python/name:os.system",
    "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
]


def test_yaml_tags_cannot_run_code(tmp_path):
    marker = tmp_path / "pwned"
    for i, tag in enumerate(SCRIPTED):
        text = REFERENCE.read_text(encoding="utf-8").replace("reportkit: 1", f"reportkit: 1\nx: {tag.format(marker=marker)}", 1)
        path = tmp_path / f"b{i}.yaml"
        path.write_text(text, encoding="utf-8")
        r = run_cli("build", str(path), "--out", str(tmp_path / "out"))
        assert r.returncode == 2 and "tag" in r.stderr and "Traceback" not in r.stderr, r.stderr
        assert not marker.exists()
        assert not (tmp_path / "out").exists()


def test_a_theme_file_cannot_run_code(tmp_path):
    marker = tmp_path / "pwned"
    (tmp_path / "house.yaml").write_text(f"extends: default\nx: !!python/object/apply:os.system ['touch {marker}']\n")
    r = run_cli("build", str(REFERENCE), "--theme", str(tmp_path / "house.yaml"), "--out", str(tmp_path / "out"))
    assert r.returncode == 2 and "Traceback" not in r.stderr and "house.yaml:2:" in r.stderr, r.stderr
    assert not marker.exists()


def test_an_audience_theme_outside_the_project_is_refused_located(tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text("extends: default\n")
    project = tmp_path / "project"
    project.mkdir()
    (project / "themes").mkdir()
    (project / "themes" / "house.yaml").write_text("extends: default\n")
    copy_reference(project)  # its figure files
    text = REFERENCE.read_text(encoding="utf-8")
    for theme in (str(outside), "../outside.yaml", "themes/../../outside.yaml"):
        path = project / "b.yaml"
        path.write_text(text + f"\naudiences:\n  evil:\n    label: Evil\n    theme: {theme}\n", encoding="utf-8")
        line = len(path.read_text().splitlines())
        r = run_cli("build", str(path), "--audience", "evil", "--out", str(tmp_path / "out"), cwd=tmp_path)
        assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
        assert r.stderr.startswith(f"{path}:{line}:12: ") and "outside the project" in r.stderr, r.stderr
    # inside the project it works, from any working folder (resolved against the content's folder)
    path.write_text(text + "\naudiences:\n  house:\n    label: House\n    theme: themes/house.yaml\n", encoding="utf-8")
    r = run_cli("build", str(path), "--audience", "house", "--format", "memo", "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert r.returncode == 0, r.stderr


def test_symlinked_theme_leading_out_is_refused(tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text("extends: default\n")
    project = tmp_path / "project"
    project.mkdir()
    (project / "link.yaml").symlink_to(outside)
    path = copy_reference(project, "b.yaml", text=REFERENCE.read_text(encoding="utf-8")
                          + "\naudiences:\n  evil:\n    label: Evil\n    theme: link.yaml\n")
    r = run_cli("build", str(path), "--audience", "evil", "--out", str(tmp_path / "out"))
    assert r.returncode == 2 and "outside the project" in r.stderr, r.stderr
