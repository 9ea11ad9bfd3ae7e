"""The client's IP address, read the same way by rate limits and consent records.

`X-Forwarded-For` is believed only when the request comes from a proxy listed in
`settings.TRUSTED_PROXIES` (addresses or networks): then the address is the right-most one in
the header that is not itself a trusted proxy. Anyone else could write any address there.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _is_trusted(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_address(request):
    address = request.META.get("REMOTE_ADDR", "")
    if not _is_trusted(address):
        return address or None
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop):
            return _valid(hop)
    return address


def _valid(address):
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
