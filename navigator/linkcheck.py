"""HEAD requests for the periodic broken-link check of measures."""

from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

TIMEOUT_SECONDS = 5
USER_AGENT = "Municipalitety-LinkCheck/1.0 (+https://municipalitety.local)"


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


def check_links():
    """Check every published measure's links; returns the number of broken ones."""
    from navigator.models import LinkCheck, SupportMeasure

    broken = 0
    for measure in SupportMeasure.objects.published().only("pk", "application_url", "source_url"):
        for url in measure_links(measure):
            status_code, error = head_status(url)
            broken += LinkCheck.record(measure, url, status_code, error).is_broken
    return broken
