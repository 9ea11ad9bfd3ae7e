"""Gunicorn for the bench: started on a free loopback port, watched, always stopped by its PID."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

LOOPBACK = "127.0.0.1"
START_TIMEOUT = 90
SAMPLE_INTERVAL = 0.2


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def get(port, path, cookie=""):
    """(status, body) of one GET through the server, without following redirects."""
    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=30)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class Gunicorn:
    def __init__(self, root: Path, env: dict, log_path: Path, workers: int = 2):
        self.root, self.env, self.log_path, self.workers = root, env, log_path, workers
        self.port = free_port()
        self.process = None
        self.peak_rss = 0
        self.peak_pss = 0
        self._sampling = threading.Event()
        self._sampler = None

    @property
    def base_url(self):
        return f"http://{LOOPBACK}:{self.port}"

    def start(self):
        command = [sys.executable, "-m", "gunicorn", "-c", "portal/gunicorn_conf.py"]
        command += ["--bind", f"{LOOPBACK}:{self.port}", "--workers", str(self.workers)]
        # No access log and no worker recycling: neither should be part of the measurement.
        command += ["--access-logfile", "/dev/null", "--max-requests", "0", "--no-control-socket"]
        self._log = self.log_path.open("w")
        # A session of its own: Ctrl-C reaches the runner, which then stops gunicorn itself.
        self.process = subprocess.Popen(
            [*command, "portal.wsgi"],
            cwd=self.root,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_until_healthy()

    def _wait_until_healthy(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn завершился при старте, см. {self.log_path}")
            try:
                if get(self.port, "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn не ответил за {START_TIMEOUT} с, см. {self.log_path}")

    def worker_memory(self) -> tuple[int, int]:
        """The largest resident set size and the largest proportional set size among the
        workers right now, in bytes.

        RSS is the target: it counts every page a worker maps, those it shares with the master
        and the other workers included. PSS divides each shared page among the processes that
        map it, so the workers' PSS add up to what they really take from the machine.
        """
        try:
            workers = psutil.Process(self.process.pid).children()
        except psutil.NoSuchProcess:
            return 0, 0
        rss = pss = 0
        for worker in workers:
            try:
                memory = worker.memory_full_info()
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            rss, pss = max(rss, memory.rss), max(pss, memory.pss)
        return rss, pss

    def start_sampling(self):
        self._sampling.set()
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    def stop_sampling(self):
        self._sampling.clear()
        if self._sampler:
            self._sampler.join()

    def _sample(self):
        while self._sampling.is_set():
            rss, pss = self.worker_memory()
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            time.sleep(SAMPLE_INTERVAL)

    def stop(self):
        self.stop_sampling()
        if self.process is None or self.process.poll() is not None:
            return
        # SIGINT is gunicorn's quick shutdown: no grace period for in-flight bench requests.
        os.kill(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self._log.close()


class RedisServer:
    """A redis-server of the bench's own on a free loopback port, without persistence: production
    settings need a shared cache, and the machine's own Redis (if any) is never touched."""

    def __init__(self, directory: Path, executable: str = "redis-server"):
        self.directory, self.executable = directory, executable
        self.port = free_port()
        self.process = None

    def url(self, db=0):
        return f"redis://{LOOPBACK}:{self.port}/{db}"

    def start(self):
        command = [self.executable, "--port", str(self.port), "--bind", LOOPBACK]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.directory)]
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + START_TIMEOUT
        while not self.answers():
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"redis-server не запустился на порту {self.port}")
            time.sleep(0.05)

    def answers(self):
        try:
            with socket.create_connection((LOOPBACK, self.port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
