"""Roles and the moderation workflow for measures, organisations and programmes.

Editors write and submit; moderators approve and thereby publish. Editors deliberately lack the
publish permission, so every change, including imported ones, passes the review step.
"""

from django.db import migrations

EDITOR = "Редактор контента"
MODERATOR = "Модератор"
ADMINISTRATOR = "Администратор"
SNIPPETS = ["supportmeasure", "organisation", "programme"]
EDITOR_ACTIONS = ["add", "change", "delete", "view", "lock"]
MODERATOR_ACTIONS = [*EDITOR_ACTIONS, "publish", "unlock"]
WORKFLOW_NAME = "Проверка мер поддержки"
TASK_NAME = "Проверка модератором"


def _grant(Permission, group, codenames):
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="navigator", codename__in=codenames)
    )


def setup(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("navigator")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    _create_editorial_permissions(apps, Permission)
    editor, _ = Group.objects.get_or_create(name=EDITOR)
    moderator, _ = Group.objects.get_or_create(name=MODERATOR)
    administrator, _ = Group.objects.get_or_create(name=ADMINISTRATOR)
    _grant(Permission, editor, [f"{a}_{m}" for a in EDITOR_ACTIONS for m in SNIPPETS])
    _grant(Permission, editor, ["view_correction", "change_correction"])
    _grant(Permission, moderator, [f"{a}_{m}" for a in MODERATOR_ACTIONS for m in SNIPPETS])
    _grant(Permission, moderator, ["view_correction", "change_correction"])
    _grant(
        Permission,
        administrator,
        list(
            Permission.objects.filter(content_type__app_label="navigator").values_list(
                "codename", flat=True
            )
        ),
    )
    _create_workflow(apps, [moderator, administrator])


def _create_editorial_permissions(apps, Permission):
    """Wagtail adds publish/lock/unlock for snippets after migrate; the grants need them now."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in SNIPPETS:
        content_type, _ = ContentType.objects.get_or_create(app_label="navigator", model=model)
        for action in ("publish", "lock", "unlock"):
            Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )


def _create_workflow(apps, reviewer_groups):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type)
    task.groups.add(*reviewer_groups)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for model in SNIPPETS:
        content_type, _ = ContentType.objects.get_or_create(app_label="navigator", model=model)
        WorkflowContentType.objects.update_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("navigator", "0001_initial"),
        ("accounts", "0003_refine_role_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]
