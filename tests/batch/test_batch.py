"""``reportkit batch`` through the real command line on a generated portfolio: outputs equal one-by-one
builds byte for byte, the cache skips what did not change and rebuilds exactly what did, a bad
briefing fails alone, the manifest is a stable provenance record, Ctrl-C keeps earlier outputs."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic  # noqa: E402
from helpers import run_cli


def cli(*args, cwd, check=None):
    p = run_cli(*args, cwd=cwd, env={"PYTHONPATH": str(ROOT)})
    if check is not None:
        assert p.returncode == check, p.stdout + p.stderr
    return p


HOUSE = "extends: default\ncolor:\n  accent: '#7A1F5C'\n"


def portfolio(folder: Path, n: int = 3) -> list[Path]:
    """n generated briefings; the first gives its press audience the project's own theme."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(n):
        data = synthetic.scaled(1, seed=100 + i)
        if i == 0:
            data["audiences"] = {"press": {"theme": "house"}}
        path = folder / f"brief{i}.yaml"
        path.write_text(synthetic.dump(data), encoding="utf-8")
        files.append(path)
    (folder / "house.yaml").write_text(HOUSE, encoding="utf-8")
    return files


def outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.name != "manifest.json"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("portfolio")
    files = portfolio(root / "briefs")
    p = cli("batch", "briefs", "--audiences", "full,press", "--editions", "memo,deck", cwd=root, check=0)
    return root, files, p


def test_batch_equals_one_by_one_builds(built, tmp_path):
    root, files, p = built
    assert "6 jobs: 6 built, 0 up to date, 0 failed; 12 files written" in p.stdout
    single = tmp_path / "single"
    for f in files:
        cli("build", str(f), "--out", str(single), cwd=root, check=0)
        cli("build", str(f), "--audience", "press", "--out", str(single), cwd=root, check=0)
    batch = outputs(root / "out")
    assert len(batch) == 12
    assert batch == outputs(single)


def test_manifest_records_provenance_in_stable_order(built):
    root, files, _ = built
    text = (root / "out" / "manifest.json").read_text(encoding="utf-8")
    manifest = json.loads(text)
    assert json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n" == text
    entries = manifest["outputs"]
    assert sorted(entries) == sorted(outputs(root / "out"))
    import hashlib

    for name, entry in entries.items():
        data = (root / "out" / name).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["bytes"] == len(data)
        assert entry["job"]["content"].startswith("briefs/brief")
        assert entry["job"]["content"] in entry["inputs"]
        assert entry["reportkit"]
    press = entries["brief0-press-memo.pdf"]
    assert press["job"]["audience"] == "press" and press["job"]["edition"] == "memo"
    assert "briefs/house.yaml" in press["inputs"]  # the theme chain is part of what the job read
    assert "briefs/house.yaml" not in entries["brief1-press-memo.pdf"]["inputs"]
    assert isinstance(press["withheld"], list) and isinstance(press["warnings"], list)


def test_second_run_skips_everything_and_theme_change_rebuilds_just_its_jobs(built):
    root, files, _ = built
    before = {p.name: p.stat().st_mtime_ns for p in (root / "out").iterdir()}
    p = cli("batch", "briefs", "--audiences", "full,press", "--editions", "memo,deck", cwd=root, check=0)
    assert "0 built, 6 up to date" in p.stdout
    assert {p.name: p.stat().st_mtime_ns for p in (root / "out").iterdir()} == before
    (root / "briefs" / "house.yaml").write_text(HOUSE.replace("#7A1F5C", "#1F5C7A"), encoding="utf-8")
    p = cli("batch", "briefs", "--audiences", "full,press", "--editions", "memo,deck", cwd=root, check=0)
    assert "1 built, 5 up to date" in p.stdout, p.stdout
    changed = {p.name for p in (root / "out").iterdir() if p.stat().st_mtime_ns != before.get(p.name)}
    assert changed == {"brief0-press-memo.pdf", "brief0-press-deck.pptx", "manifest.json"}
    p = cli("batch", "briefs", "--audiences", "full,press", "--editions", "memo,deck", "--force", cwd=root, check=0)
    assert "6 built, 0 up to date" in p.stdout


def test_a_changed_or_missing_output_is_rebuilt(built):
    root, _, _ = built
    (root / "out" / "brief2-memo.pdf").write_bytes(b"edited by hand")
    (root / "out" / "brief1-deck.pptx").unlink()
    p = cli("batch", "briefs", "--audiences", "full,press", "--editions", "memo,deck", cwd=root, check=0)
    assert "2 built, 4 up to date" in p.stdout, p.stdout
    assert (root / "out" / "brief2-memo.pdf").read_bytes().startswith(b"%PDF")
    assert (root / "out" / "brief1-deck.pptx").exists()


def test_bad_briefing_fails_alone_with_its_location(tmp_path):
    files = portfolio(tmp_path / "briefs", n=2)
    bad = tmp_path / "briefs" / "broken.yaml"
    bad.write_text(files[1].read_text(encoding="utf-8").replace("reportkit: 1", "reportkit: 1\nbogus_key: 3", 1),
                   encoding="utf-8")
    p = cli("batch", "briefs", cwd=tmp_path)
    assert p.returncode == 2, p.stdout + p.stderr
    assert "Traceback" not in p.stderr
    assert "briefs/broken.yaml:" in p.stderr and "bogus_key" in p.stderr
    assert "1 failed" in p.stderr
    assert sorted(outputs(tmp_path / "out")) == ["brief0-deck.pptx", "brief0-memo.pdf", "brief1-deck.pptx", "brief1-memo.pdf"]


def test_config_file_and_its_errors(tmp_path):
    portfolio(tmp_path / "briefs", n=1)
    (tmp_path / "reportkit-batch.yaml").write_text("editions: [memo]\nlayout: tree\nout: site\n", encoding="utf-8")
    cli("batch", "briefs", cwd=tmp_path, check=0)
    assert [p.relative_to(tmp_path).as_posix() for p in sorted((tmp_path / "site").rglob("*.pdf"))] == \
        ["site/briefs/brief0/full/memo.pdf"]
    (tmp_path / "reportkit-batch.yaml").write_text("editions: [memo]\nlayuot: tree\n", encoding="utf-8")
    p = cli("batch", "briefs", cwd=tmp_path)
    assert p.returncode == 2 and "reportkit-batch.yaml:2:1" in p.stderr and "layuot" in p.stderr, p.stderr
    assert "did you mean 'layout'?" in p.stderr
    (tmp_path / "reportkit-batch.yaml").unlink()
    p = cli("batch", "briefs", "--editions", "memo,pdf", cwd=tmp_path)
    assert p.returncode == 2 and "unknown edition 'pdf'" in p.stderr


def test_two_briefings_writing_one_file_are_refused(tmp_path):
    portfolio(tmp_path / "a", n=1)
    portfolio(tmp_path / "b", n=1)
    p = cli("batch", "a", "b", cwd=tmp_path)
    assert p.returncode == 2 and "layout: tree" in p.stderr
    cli("batch", "a", "b", "--layout", "tree", "--editions", "memo", cwd=tmp_path, check=0)


def test_ctrl_c_stops_cleanly_and_keeps_earlier_outputs(tmp_path):
    portfolio(tmp_path / "briefs", n=1)
    cli("batch", "briefs", cwd=tmp_path, check=0)
    before = outputs(tmp_path / "out")
    for i in range(8):
        (tmp_path / "briefs" / f"more{i}.yaml").write_text(synthetic.dump(synthetic.scaled(3, seed=i)), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "reportkit", "batch", "briefs", "--force"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Mid-batch, however fast the machine: right after the first job is reported, with 8 larger ones to go
    # (a fixed sleep let a fast machine finish all of them first).
    first = [proc.stdout.readline() for _ in range(2)]
    assert first[-1].startswith("[1/9]"), first
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    out = "".join(first) + out
    assert proc.returncode == 130, out + err
    assert "Traceback" not in err
    after = outputs(tmp_path / "out")
    for name, data in before.items():  # rebuilt or not, every earlier output is a whole, valid file
        assert after[name] == data
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".tmp")]


def dies_once(t):
    """A job whose worker is killed on its first attempt (module level: the pool pickles it by name)."""
    from reportkit.batch.task import run_task

    marker = Path(os.environ["REPORTKIT_TEST_MARKER"])
    if t.content.endswith("brief1.yaml") and not marker.exists():
        marker.write_text("x")
        os._exit(9)
    return run_task(t)


def test_local_pool_retries_a_job_whose_worker_died(tmp_path, monkeypatch):
    """A worker killed mid-job costs a retry in a fresh process, not the batch; the results equal an
    undisturbed run."""
    from reportkit.batch import executors, task as task_mod

    files = portfolio(tmp_path, n=2)
    marker = tmp_path / "died-once"
    monkeypatch.setenv("REPORTKIT_TEST_MARKER", str(marker))
    monkeypatch.setattr(executors, "run_task", dies_once)
    tasks = [task_mod.Task(str(f), None, ("memo",)) for f in files]
    results = {r.task.content: r for r in executors.LocalExecutor(2).run(tasks, ["memo"])}
    assert marker.exists() and all(r.ok for r in results.values())
    again = {t.content: task_mod.run_task(t) for t in tasks}
    assert {k: r.outputs for k, r in results.items()} == {k: r.outputs for k, r in again.items()}


def test_a_worker_hashes_a_settled_unchanged_file_once(tmp_path, monkeypatch):
    """Input hashes are kept per worker for settled files (``task.input_hash``), and an edit that keeps
    the size and puts the old modification time back is still seen (its change time moved)."""
    import os
    import time

    from reportkit import file_stamps
    from reportkit.batch import task

    monkeypatch.setattr(task, "_KEPT_HASHES", {})
    monkeypatch.setattr(file_stamps, "SETTLED_SECONDS", 0.05)
    path = tmp_path / "theme.yaml"
    path.write_text("colour: one\n", encoding="utf-8")
    os.utime(path, (1_000_000_000, 1_000_000_000))
    time.sleep(0.06)
    calls = []
    monkeypatch.setattr(task, "sha256_file", lambda p, real=task.sha256_file: calls.append(p) or real(p))
    first = task.input_hash(path)
    assert task.input_hash(path) == first and len(calls) == 1
    path.write_text("colour: two\n", encoding="utf-8")
    os.utime(path, (1_000_000_000, 1_000_000_000))
    second = task.input_hash(path)
    assert second != first and second == task.sha256_file(path)
