"""The bench's memory sampler: RSS is the target, PSS is reported beside it."""

import subprocess
import sys
import time

import psutil

from bench.server import Gunicorn


def test_the_sampler_reads_rss_and_pss_of_the_workers(tmp_path):
    # A parent with one child stands for the gunicorn master and its worker.
    parent = subprocess.Popen(
        [sys.executable, "-c", "import subprocess, sys; subprocess.run(['sleep', '30'])"]
    )
    server = Gunicorn(tmp_path, {}, tmp_path / "log")
    server.process = parent
    try:
        deadline = time.monotonic() + 10
        while server.worker_memory() == (0, 0) and time.monotonic() < deadline:
            time.sleep(0.05)
        rss, pss = server.worker_memory()
    finally:
        for child in psutil.Process(parent.pid).children():
            child.kill()
        parent.kill()
        parent.wait()
    assert rss > 0
    assert 0 < pss <= rss
