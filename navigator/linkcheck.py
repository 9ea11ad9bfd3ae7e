"""The periodic broken-link check of measures: HEAD requests in small, polite batches.

One run checks at most LINKS_PER_RUN links, those of the measures checked longest ago (never
checked first), so a large base is covered over several runs instead of one endless task. Links
are grouped by host: each host gets one request at a time with a pause between them and at most
PER_HOST_PER_RUN requests, while WORKERS threads check different hosts side by side. The threads
only do HTTP; results are written by the calling thread.
"""

import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from django.db.models import F, Min, Q

from navigator.models import LinkCheck, SupportMeasure

TIMEOUT_SECONDS = 5
USER_AGENT = "Municipalitety-LinkCheck/1.0 (+https://municipalitety.local)"
LINKS_PER_RUN = 500
PER_HOST_PER_RUN = 40
HOST_PAUSE_SECONDS = 1.0
WORKERS = 8
# How far down the queue a run looks for measures whose hosts still have room in this run.
SCAN_LIMIT = 5000


def head_status(url):
    """(status code, error text) of a HEAD request; network problems become the error text."""
    request = Request(url, method="HEAD", headers={"User-Agent": USER_AGENT})
    try:
        with urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (http/https only)
            return response.status, ""
    except HTTPError as error:
        return error.code, ""
    except (URLError, TimeoutError, OSError, ValueError) as error:
        return None, str(getattr(error, "reason", error))[:300]


def measure_links(measure):
    """The http(s) links of a measure that people follow."""
    urls = [measure.application_url, measure.source_url]
    return [url for url in dict.fromkeys(urls) if url and url.startswith(("http://", "https://"))]


def host_of(url):
    return urlsplit(url).hostname or ""


def oldest_checked_measures():
    """Published measures with web links, the never checked first, then the longest unchecked."""

    has_web_link = Q(application_url__startswith="http") | Q(source_url__startswith="http")
    return (
        SupportMeasure.objects.published()
        .filter(has_web_link)
        .only("pk", "application_url", "source_url")
        .annotate(last_checked=Min("link_checks__checked_at"))
        .order_by(F("last_checked").asc(nulls_first=True), "pk")
    )


def next_batch(measures):
    """{host: [(measure, url), …]} for this run, within the run's and each host's limits.

    A measure is taken whole or left for the next run, where it is then among the first.
    """
    batch, total = defaultdict(list), 0
    for measure in measures:
        links = measure_links(measure)
        hosts = [host_of(url) for url in links]
        if any(len(batch[host]) + hosts.count(host) > PER_HOST_PER_RUN for host in hosts):
            continue
        for host, url in zip(hosts, links, strict=True):
            batch[host].append((measure, url))
        total += len(links)
        if total >= LINKS_PER_RUN:
            break
    return batch


def check_host(links):
    """Check one host's links one after another, pausing between requests."""
    results = []
    for number, (measure, url) in enumerate(links):
        if number:
            time.sleep(HOST_PAUSE_SECONDS)
        results.append((measure, url, *head_status(url)))
    return results


def check_links():
    """Check the next batch of links; returns the number of broken ones found in it."""

    batch = next_batch(oldest_checked_measures()[:SCAN_LIMIT])
    broken, checked = 0, {}
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for results in pool.map(check_host, batch.values()):
            for measure, url, status_code, error in results:
                broken += LinkCheck.record(measure, url, status_code, error).is_broken
                checked.setdefault(measure, []).append(url)
    for measure, urls in checked.items():
        # A link the editors replaced is no longer on the page: its old result would mislead.
        LinkCheck.objects.filter(measure=measure).exclude(url__in=urls).delete()
    return broken
