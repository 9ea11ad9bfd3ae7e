"""Roles and the moderation workflow for practices.

Editors write and submit; moderators approve and thereby publish, as for support measures.
"""

from django.db import migrations

EDITOR = "Редактор контента"
MODERATOR = "Модератор"
ADMINISTRATOR = "Администратор"
EDITOR_ACTIONS = ["add", "change", "delete", "view", "lock"]
MODERATOR_ACTIONS = [*EDITOR_ACTIONS, "publish", "unlock"]
WORKFLOW_NAME = "Проверка практик"
# The same task as for support measures: moderators have one review queue.
TASK_NAME = "Проверка модератором"


def _grant(Permission, group, actions):
    codenames = [f"{action}_practice" for action in actions]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="practices", codename__in=codenames)
    )


def setup(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("practices")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    _create_editorial_permissions(apps, Permission)
    editor, _ = Group.objects.get_or_create(name=EDITOR)
    moderator, _ = Group.objects.get_or_create(name=MODERATOR)
    administrator, _ = Group.objects.get_or_create(name=ADMINISTRATOR)
    _grant(Permission, editor, EDITOR_ACTIONS)
    _grant(Permission, moderator, MODERATOR_ACTIONS)
    _grant(Permission, administrator, MODERATOR_ACTIONS)
    _create_workflow(apps, [moderator, administrator])


def _create_editorial_permissions(apps, Permission):
    """Wagtail adds publish/lock/unlock for snippets after migrate; the grants need them now."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="practices", model="practice")
    for action in ("publish", "lock", "unlock"):
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_practice",
            defaults={"name": f"Can {action} practice"},
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
    content_type, _ = ContentType.objects.get_or_create(app_label="practices", model="practice")
    WorkflowContentType.objects.update_or_create(
        content_type=content_type, defaults={"workflow": workflow}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0001_initial"),
        ("accounts", "0003_refine_role_permissions"),
        ("navigator", "0002_editorial_workflow"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]
