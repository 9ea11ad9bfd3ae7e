"""Targets of the bench and the table it prints."""

import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path

MB = 1024 * 1024
# Ratios to the trivial view served by the same gunicorn in the same run (issue 2); apps add
# their own pages' targets as BENCH_TARGETS in their bench module.
RATIO_TARGETS = {"home": 0.30, "cabinet": 0.10}
WORKER_RSS_LIMIT_MB = 300


@dataclass
class PageResult:
    name: str
    path: str
    needs_login: bool
    status: int
    queries_cold: int
    queries_warm: int
    cold_ms: float = 0.0
    requests_per_second: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    errors: int = 0
    peak_rss_mb: float = 0.0
    # For information: the worker's share of the pages it maps (the target is on RSS).
    peak_pss_mb: float = 0.0
    ratio: float = 0.0
    trivial_rps: float = 0.0
    # Distinct mode: how many different addresses were loaded, and the worst first-time request.
    distinct: int = 0
    cold_max_ms: float = 0.0


def verdicts(
    pages: list[PageResult], peak_rss_mb: float, targets: dict | None = None
) -> list[tuple[str, bool]]:
    by_name = {page.name: page for page in pages}
    checks = []
    for name, target in (targets or RATIO_TARGETS).items():
        page = by_name.get(name)
        ratio = page.ratio if page else 0.0
        label = f"{name}: доля от тривиального ≥ {target:.2f} ({ratio:.3f})"
        checks.append((label, ratio >= target))
    checks.append(
        (
            f"память воркера < {WORKER_RSS_LIMIT_MB} МБ ({peak_rss_mb:.0f} МБ)",
            0 < peak_rss_mb < WORKER_RSS_LIMIT_MB,
        )
    )
    return checks


def print_table(pages: list[PageResult], scale: float, peak_rss_mb: float, targets: dict) -> list:
    header = f"{'страница':<34}{'запр/с':>9}{'p50 мс':>9}{'p99 мс':>9}"
    header += f"{'SQL':>9}{'доля':>8}{'RSS МБ':>8}{'PSS МБ':>8}{'холодн. мс':>12}"
    print(f"\nБенчмарк, масштаб {scale:g}\n{header}\n{'-' * len(header)}")
    for page in pages:
        sql = f"{page.queries_warm}/{page.queries_cold}"
        print(f"{page.name[:33]:<34}{page.path}")
        if page.status != 200:
            print(f"{'':<34}ошибка: HTTP {page.status}")
            continue
        line = f"{'':<34}{page.requests_per_second:>9.0f}"
        line += f"{page.p50_ms:>9.2f}{page.p99_ms:>9.2f}{sql:>9}{page.ratio:>8.3f}"
        line += f"{page.peak_rss_mb:>8.0f}{page.peak_pss_mb:>8.0f}{page.cold_ms:>12.0f}"
        if page.errors:
            line += f"  ошибок: {page.errors}"
        print(line)
    print("SQL — запросов на страницу: с прогретым кэшем / с холодным.")
    print("Холодн. мс — первый запрос страницы, когда кэши пусты (тестовый клиент, без нагрузки).")
    print("RSS — все страницы памяти воркера, общие с мастером и другими воркерами тоже (цель);")
    print("PSS — общие страницы поделены между процессами: сколько воркер на деле занимает.")
    peak_pss_mb = max((page.peak_pss_mb for page in pages), default=0.0)
    print(f"Пиковая память воркера gunicorn: {peak_rss_mb:.0f} МБ RSS, {peak_pss_mb:.0f} МБ PSS")
    checks = verdicts(pages, peak_rss_mb, targets)
    note = "" if scale >= 1 else " (заданы для масштаба 1, здесь только для сведения)"
    print(f"\nЦели{note}:")
    for label, passed in checks:
        print(f"  {'PASS' if passed else 'FAIL'}  {label}")
    return checks


def print_distinct_table(pages, scale, peak_rss_mb, targets, first_time_targets, with_memory):
    """The distinct-mode table and its verdicts: ratio targets, and first-time answers."""
    header = f"{'семейство':<40}{'адресов':>8}{'запр/с':>8}{'тривиал.':>9}{'доля':>7}"
    header += f"{'p50 мс':>8}{'p99 мс':>8}{'1-й мед.':>9}{'1-й макс':>9}"
    print(f"\nРазные адреса (distinct), масштаб {scale:g}\n{header}\n{'-' * len(header)}")
    for page in pages:
        if page.status != 200:
            print(f"{page.name[:39]:<40}ошибка: HTTP {page.status}")
            continue
        line = f"{page.name[:39]:<40}{page.distinct:>8}{page.requests_per_second:>8.0f}"
        line += f"{page.trivial_rps:>9.0f}{page.ratio:>7.3f}{page.p50_ms:>8.0f}{page.p99_ms:>8.0f}"
        line += f"{page.cold_ms:>9.0f}{page.cold_max_ms:>9.0f}"
        if page.errors:
            line += f"  ошибок: {page.errors}"
        print(line)
    print("1-й мед./макс — одиночные запросы новых адресов, до нагрузки (тестовый клиент).")
    by_name = {page.name: page for page in pages}
    checks = []
    for name, target in targets.items():
        ratio = by_name[name].ratio if name in by_name else 0.0
        checks.append((f"{name}: доля ≥ {target:.2f} ({ratio:.3f})", ratio >= target))
    for name, limit_ms in first_time_targets.items():
        median_ms = by_name[name].cold_ms if name in by_name else float("inf")
        label = f"{name}: первый запрос ≤ {limit_ms} мс ({median_ms:.0f})"
        checks.append((label, median_ms <= limit_ms))
    if with_memory:
        checks.append(
            (
                f"память воркера < {WORKER_RSS_LIMIT_MB} МБ ({peak_rss_mb:.0f} МБ)",
                0 < peak_rss_mb < WORKER_RSS_LIMIT_MB,
            )
        )
    note = "" if scale >= 1 else " (заданы для масштаба 1, здесь только для сведения)"
    print(f"\nЦели, разные адреса{note}:")
    for label, passed in checks:
        print(f"  {'PASS' if passed else 'FAIL'}  {label}")
    return checks


def save(results_dir: Path, scale: float, pages: list[PageResult], peak_rss_mb: float) -> Path:
    results_dir.mkdir(parents=True, exist_ok=True)
    path = results_dir / f"bench-{time.strftime('%Y%m%d-%H%M%S')}-scale{scale:g}.json"
    payload = {"scale": scale, "peak_worker_rss_mb": peak_rss_mb}
    payload["pages"] = [asdict(page) for page in pages]
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2))
    return path
