"""The load generator: wrk on the loopback interface, bounded in time."""

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from urllib.parse import urlsplit

LOOPBACK = "127.0.0.1"
_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
_PERCENTILE = re.compile(r"^\s*(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\s*$", re.MULTILINE)
_RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
# Printed by a distinct-mode script (`bench.distinct.lua_script`): the rate over the time the
# requests took, where wrk's own rate spreads them over its whole duration.
_DISTINCT_RATE = re.compile(r"^Distinct requests/sec:\s+([\d.]+)", re.MULTILINE)
_TOTAL = re.compile(r"^\s*(\d+) requests in", re.MULTILINE)
_BAD_STATUS = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


@dataclass(frozen=True)
class LoadResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int


def ensure_wrk() -> str:
    """The wrk binary; installed from Debian when missing and we are root."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        raise SystemExit("Для `make bench` нужен wrk: sudo apt-get install wrk")
    print("Устанавливаю wrk (Debian)…", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env)
    return shutil.which("wrk") or "/usr/bin/wrk"


def run_wrk(
    wrk, url, *, cookie="", threads=2, connections=8, seconds=10, script=None
) -> LoadResult:
    """Load one address, or with `script` (a wrk Lua file) the addresses it sends in turn."""
    # The bench must never put load on anything but this machine.
    if urlsplit(url).hostname != LOOPBACK:
        raise ValueError(f"Нагрузка подаётся только на {LOOPBACK}, а не на {url}")
    command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    # A slow answer is a slow answer, not an error: wrk's default 2 s timeout counts it as one.
    command += ["--timeout", "30s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if script:
        command += ["-s", str(script)]
    result = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=seconds + 30, check=True
    )
    return parse_wrk(result.stdout)


def parse_wrk(output: str) -> LoadResult:
    percentiles = {
        int(level): float(value) * _UNITS_MS[unit]
        for level, value, unit in _PERCENTILE.findall(output)
    }
    rate = _DISTINCT_RATE.search(output) or _RATE.search(output)
    total = _TOTAL.search(output)
    if rate is None or total is None or set(percentiles) != {50, 99}:
        raise ValueError(f"Не удалось разобрать вывод wrk:\n{output}")
    bad_status = _BAD_STATUS.search(output)
    socket_errors = _SOCKET_ERRORS.search(output)
    errors = int(bad_status.group(1)) if bad_status else 0
    if socket_errors:
        errors += sum(int(count) for count in socket_errors.groups())
    return LoadResult(
        requests_per_second=float(rate.group(1)),
        p50_ms=percentiles[50],
        p99_ms=percentiles[99],
        requests=int(total.group(1)),
        errors=errors,
    )
