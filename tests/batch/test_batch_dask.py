"""``reportkit batch --scheduler`` on a real Dask cluster on 127.0.0.1: a scheduler and two workers
started here, one killed mid-run; the batch still completes with outputs identical to the local pool."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from test_batch import ROOT, cli, outputs, portfolio

pytest.importorskip("distributed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")


@pytest.fixture
def cluster(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                               "--port", str(port), "--no-dashboard"], env=env, cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        wait_for_port(port)
        for _ in range(2):  # no nanny: a killed worker stays dead, as a lost machine would
            procs.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1",
                                           "--no-nanny", "--no-dashboard", "--host", "127.0.0.1"], env=env, cwd=tmp_path,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        from distributed import Client

        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
        yield address, procs[1:]
    finally:
        for p in procs:
            if p.poll() is None:
                p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()


def test_batch_on_dask_survives_a_killed_worker_and_equals_local(tmp_path, cluster):
    address, workers = cluster
    portfolio(tmp_path / "briefs", n=3)
    args = ("batch", "briefs", "--audiences", "full,press", "--editions", "memo,deck")
    cli(*args, "--out", "local", cwd=tmp_path, check=0)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "reportkit", *args, "--out", "dask", "--scheduler", address],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = proc.stdout.readline()  # the first job is back: the others are running on both workers
    assert first.startswith("batch: 6 jobs to build"), first + proc.stderr.read()
    proc.stdout.readline()
    workers[0].send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, out + err
    assert "6 built" in out and "0 failed" in out
    assert workers[0].wait(timeout=10) == -signal.SIGKILL
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")
    assert len(outputs(tmp_path / "local")) == 12


def test_unreachable_scheduler_is_an_input_error(tmp_path):
    portfolio(tmp_path / "briefs", n=1)
    p = cli("batch", "briefs", "--scheduler", f"tcp://127.0.0.1:{free_port()}", cwd=tmp_path)
    assert p.returncode == 2 and "cannot reach the Dask scheduler" in p.stderr and "Traceback" not in p.stderr
