"""Keep the role groups present after a database flush, and administrators' rights complete.

Migrations create the groups once. Django's test flush (transactional and browser tests) empties
every table and then only sends `post_migrate`, so the groups are restored here from
`roles.ROLE_PERMISSIONS`. Apps that add permissions to a role keep doing so by migration.
"""

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from portal.accounts import roles


def restore_role_groups(sender, app_config, using="default", **kwargs):
    # Run once, after the last app with models (the ones the signal is sent for), when every
    # permission exists.
    with_models = [config for config in global_apps.get_app_configs() if config.models_module]
    if app_config is not with_models[-1]:
        return
    _grant_administrators_everything(using)
    if Group.objects.using(using).filter(name__in=roles.ALL_ROLES).count() == len(roles.ALL_ROLES):
        return
    for role, codes in roles.ROLE_PERMISSIONS.items():
        group, created = Group.objects.using(using).get_or_create(name=role)
        if created:
            group.permissions.set(_permissions(codes, using))


def _grant_administrators_everything(using):
    """Administrators hold every permission, including those of models added after the
    migration that created their group."""
    group = Group.objects.using(using).filter(name=roles.ADMINISTRATOR).first()
    if group is not None:
        group.permissions.add(*Permission.objects.using(using).exclude(group=group))


def _permissions(codes, using):
    permissions = Permission.objects.using(using)
    if codes == ["*"]:
        return permissions.all()
    query = Q(pk__in=[])
    for code in codes:
        app_label, codename = code.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    return permissions.filter(query)
