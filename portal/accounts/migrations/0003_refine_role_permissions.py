"""Give the moderator and editor roles what their work needs.

Moderators verify users and look after the e-mail allow-list and deletion requests in Django admin.
Editors need Wagtail's own page and collection permissions: model permissions alone do not let
them edit pages, images or documents.
"""

from django.db import migrations

MODERATOR = "Модератор"
EDITOR = "Редактор контента"

MODERATOR_PERMISSIONS = [
    ("accounts", "view_user"),
    ("accounts", "change_user"),
    ("accounts", "view_emaildomainallowance"),
    ("accounts", "add_emaildomainallowance"),
    ("accounts", "change_emaildomainallowance"),
    ("accounts", "delete_emaildomainallowance"),
    ("accounts", "view_deletionrequest"),
    ("accounts", "change_deletionrequest"),
    ("accounts", "view_personaldataconsent"),
]
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def _permission(Permission, app_label, codename):
    return Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()


def refine_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderator, _ = Group.objects.get_or_create(name=MODERATOR)
    for app_label, codename in MODERATOR_PERMISSIONS:
        permission = _permission(Permission, app_label, codename)
        if permission:
            moderator.permissions.add(permission)

    editor, _ = Group.objects.get_or_create(name=EDITOR)
    root_page = apps.get_model("wagtailcore", "Page").objects.filter(depth=1).first()
    if root_page:
        GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
        for codename in EDITOR_PAGE_PERMISSIONS:
            permission = _permission(Permission, "wagtailcore", codename)
            if permission:
                GroupPagePermission.objects.get_or_create(
                    group=editor, page=root_page, permission=permission
                )
    root_collection = apps.get_model("wagtailcore", "Collection").objects.filter(depth=1).first()
    if root_collection:
        GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
        for app_label, codename in EDITOR_COLLECTION_PERMISSIONS:
            permission = _permission(Permission, app_label, codename)
            if permission:
                GroupCollectionPermission.objects.get_or_create(
                    group=editor, collection=root_collection, permission=permission
                )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(refine_roles, migrations.RunPython.noop)]
