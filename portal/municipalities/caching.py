"""The signed-in user's municipality, kept in the cache.

Nearly every page of a signed-in user reads the municipality, its region and its district
(header, cabinet, matching, search boosts). They are reference data that change a few times a
year, so they are read from the cache instead of being joined to the user on every request.
"""

from django.core.cache import cache
from django.db import transaction

from portal.municipalities.models import Municipality, Region

MUNICIPALITY_CACHE_SECONDS = 60 * 60


def _key(pk):
    return f"municipality:{pk}"


def cached_municipality(pk):
    """The municipality `pk` with its region and parent loaded; None if there is none."""
    municipality = cache.get(_key(pk))
    return _stored_municipality(pk) if municipality is None else municipality


def _stored_municipality(pk):
    municipality = Municipality.objects.select_related("region", "parent").filter(pk=pk).first()
    if municipality is not None:
        cache.set(_key(pk), municipality, MUNICIPALITY_CACHE_SECONDS)
    return municipality


def _region_key(pk):
    return f"region:{pk}"


def cached_region(pk):
    """The region `pk`; None if there is none."""
    region = cache.get(_region_key(pk))
    return _stored_region(pk) if region is None else region


def _stored_region(pk):
    region = Region.objects.filter(pk=pk).first()
    if region is not None:
        cache.set(_region_key(pk), region, MUNICIPALITY_CACHE_SECONDS)
    return region


def with_cached_territory(instance):
    """`instance` (a user, a document…) with its `region` and `municipality` read from the
    cache instead of joined to its row, both in one round trip; returns `instance`."""
    # {field: (its key, how a missing one is read and kept)}
    loaders = {
        "region": (_region_key, _stored_region),
        "municipality": (_key, _stored_municipality),
    }
    ids = {field: getattr(instance, f"{field}_id", None) for field in loaders}
    keys = {field: loaders[field][0](pk) for field, pk in ids.items() if pk}
    found = cache.get_many(list(keys.values())) if keys else {}
    for field, key in keys.items():
        cached = found.get(key) or loaders[field][1](ids[field])
        if cached is not None:
            setattr(instance, field, cached)
    return instance


def forget_municipality(sender, instance, **kwargs):
    """Signal receiver: a municipality changed; its children show it as their district."""
    keys = [_key(instance.pk), *(_key(pk) for pk in instance.children.values_list("pk", flat=True))]
    _forget(keys)


def forget_region(sender, instance, **kwargs):
    """Signal receiver: a region changed; every municipality in it shows its name."""
    keys = [_key(pk) for pk in instance.municipalities.values_list("pk", flat=True)]
    _forget([_region_key(instance.pk), *keys])


def _forget(keys):
    # Again after the commit: a request between the save and the commit would cache the old row.
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))
