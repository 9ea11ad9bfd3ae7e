"""Demo step for `manage.py seed_demo`: the reference data itself ships with a data migration."""

from portal.municipalities.models import Municipality, Region


def seed(stdout):
    """Report what the data migration loaded; writes nothing, so it is trivially idempotent."""
    stdout.write(
        f"Справочник территорий: субъектов РФ — {Region.objects.count()}, "
        f"муниципальных образований — {Municipality.objects.count()} "
        "(загружены миграцией; полный ОКТМО — manage.py import_oktmo FILE)."
    )
