"""Drop the cached synonym table whenever an editor changes it."""

from django.db.models.signals import post_delete, post_save

from portal.models import SearchSynonym
from portal.search.synonyms import invalidate_synonyms


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(invalidate_synonyms, sender=SearchSynonym, dispatch_uid="portal-synonyms")
