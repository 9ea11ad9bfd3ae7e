"""Seeding synonym entries from a data migration (the name starts with «_», so Django does not
take it for a migration). Entries are added unless their term exists, and removed on the way
back only if an editor has not changed them since."""

from django.db import migrations


def seeding(synonyms) -> migrations.RunPython:
    """The operation loading `synonyms`, a list of (term, expansions one per line)."""

    def load(apps, schema_editor):
        SearchSynonym = apps.get_model("portal", "SearchSynonym")
        for term, expansions in synonyms:
            SearchSynonym.objects.get_or_create(term=term, defaults={"expansions": expansions})

    def unload(apps, schema_editor):
        SearchSynonym = apps.get_model("portal", "SearchSynonym")
        for term, expansions in synonyms:
            SearchSynonym.objects.filter(term=term, expansions=expansions).delete()

    return migrations.RunPython(load, unload)
