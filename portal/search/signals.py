"""Drop the cached synonym table whenever an editor changes it, and push the new table to
Elasticsearch's synonyms set when it is configured."""

from django.db.models.signals import post_delete, post_save

from portal.models import SearchSynonym
from portal.search.synonyms import invalidate_synonyms
from portal.search.tasks import synonyms_changed


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(invalidate_synonyms, sender=SearchSynonym, dispatch_uid="portal-synonyms")
        # After the cache: the push reads the table afresh (Elasticsearch only).
        signal.connect(synonyms_changed, sender=SearchSynonym, dispatch_uid="portal-es-synonyms")
