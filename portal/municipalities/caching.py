"""The signed-in user's municipality, kept in the cache.

Nearly every page of a signed-in user reads the municipality, its region and its district
(header, cabinet, matching, search boosts). They are reference data that change a few times a
year, so they are read from the cache instead of being joined to the user on every request.
"""

from django.core.cache import cache
from django.db import transaction

from portal.municipalities.models import Municipality

MUNICIPALITY_CACHE_SECONDS = 60 * 60


def _key(pk):
    return f"municipality:{pk}"


def cached_municipality(pk):
    """The municipality `pk` with its region and parent loaded; None if there is none."""
    municipality = cache.get(_key(pk))
    if municipality is None:
        municipality = Municipality.objects.select_related("region", "parent").filter(pk=pk).first()
        if municipality is not None:
            cache.set(_key(pk), municipality, MUNICIPALITY_CACHE_SECONDS)
    return municipality


def forget_municipality(sender, instance, **kwargs):
    """Signal receiver: a municipality changed; its children show it as their district."""
    keys = [_key(instance.pk), *(_key(pk) for pk in instance.children.values_list("pk", flat=True))]
    _forget(keys)


def forget_region(sender, instance, **kwargs):
    """Signal receiver: a region changed; every municipality in it shows its name."""
    _forget([_key(pk) for pk in instance.municipalities.values_list("pk", flat=True)])


def _forget(keys):
    # Again after the commit: a request between the save and the commit would cache the old row.
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))
