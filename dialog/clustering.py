"""Problem clusters («проблемные узлы») kept by moderators on the site: adding a problem to a
cluster, moving it to another, taking it out. Each change is locked and on the timeline."""

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction

from dialog import access
from dialog.workflow import StaleTransition, _log, lock


class ClusterUnchanged(StaleTransition):
    """Nothing to do: someone already made the same change."""


@transaction.atomic
def include(problem_id, cluster, user):
    """Put the problem under `cluster` (moving it from another one); public problems only."""
    if not access.is_moderator(user):
        raise PermissionDenied("Проблемными узлами управляют модераторы.")
    problem = lock(problem_id)
    if not problem.is_public:
        raise StaleTransition(
            f"Проблема № {problem.pk} не опубликована: в узел включают опубликованные проблемы."
        )
    if problem.cluster_id == cluster.pk:
        raise ClusterUnchanged(f"Проблема № {problem.pk} уже в узле «{cluster.title}».")
    before = problem.cluster
    problem.cluster = cluster
    problem.save(update_fields=["cluster"])
    text = f"Включена в проблемный узел «{cluster.title}»"
    if before is not None:
        text += f" (из узла «{before.title}»)"
    _log(problem, user, "cluster", problem.status, text)
    return problem


@transaction.atomic
def exclude(problem_id, cluster, user):
    """Take the problem out of `cluster`; refused when it is no longer there."""
    if not access.is_moderator(user):
        raise PermissionDenied("Проблемными узлами управляют модераторы.")
    problem = lock(problem_id)
    if problem.cluster_id != cluster.pk:
        raise ClusterUnchanged(f"Проблемы № {problem.pk} уже нет в узле «{cluster.title}».")
    problem.cluster = None
    problem.save(update_fields=["cluster"])
    _log(
        problem, user, "cluster", problem.status, f"Исключена из проблемного узла «{cluster.title}»"
    )
    return problem


def save_cluster(form, user):
    """Create or edit a cluster from the site; written to the admin's history like an edit
    made there, so the cluster's «История» shows both."""
    adding = form.instance.pk is None
    cluster = form.save()
    LogEntry.objects.log_actions(
        user.pk,
        [cluster],
        ADDITION if adding else CHANGE,
        "Создан на сайте" if adding else "Изменён на сайте: " + ", ".join(form.changed_data),
        single_object=True,
    )
    return cluster
