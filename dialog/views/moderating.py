"""Moderators' screens on the site: the moderation list with bulk actions, splitting a
problem, and keeping clusters. Every action goes through the same locked, logged services as
the problem page (workflow, splitting, clustering)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from dialog import clustering, splitting, workflow
from dialog.forms import (
    BULK_ACTIONS,
    REJECTION_REASONS,
    BulkForm,
    ClusterEditForm,
    ClusterProblemForm,
    SplitForm,
)
from dialog.models import Cluster, Problem, ProblemStatus
from dialog.views.problems import visible_problem
from dialog.workflow import StaleTransition
from portal.accounts import roles
from portal.accounts.decorators import role_required
from portal.submissions import submit_once

PAGE_SIZE = 30
BULK_MAX = 100
SCOPES = {"moderation": "На модерации", "public": "Опубликованные"}
REFUSALS_SHOWN = 10


def _scope(value):
    return value if value in SCOPES else "moderation"


def _listed(scope):
    if scope == "public":
        return Problem.objects.public().order_by("-published_at", "-pk")
    return Problem.objects.filter(status=ProblemStatus.MODERATION).order_by("submitted_at", "pk")


def _moderation_page(request, scope, form, status=200):
    problems = _listed(scope).for_lists().select_related("cluster")
    page = Paginator(problems, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "title": "Модерация проблем",
        "scope": scope,
        "scopes": SCOPES,
        "page_obj": page,
        "form": form,
        "checked": set(request.POST.getlist("problems")),
        "actions": BULK_ACTIONS[1:],
        "reasons": REJECTION_REASONS,
        "clusters": Cluster.objects.order_by("title").only("pk", "title"),
    }
    return render(request, "dialog/moderation.html", context, status=status)


@require_http_methods(["GET"])
@role_required(roles.MODERATOR)
def moderation(request):
    """Moderators: problems waiting for moderation (or the published ones), oldest first, with
    one decision for the ticked ones."""
    return _moderation_page(request, _scope(request.GET.get("scope")), BulkForm())


@require_POST
@role_required(roles.MODERATOR)
def bulk(request):
    """Moderators: publish, return, reject (templated reason) or put into a cluster the ticked
    problems. A problem another moderator changed meanwhile is skipped and named."""
    scope = _scope(request.POST.get("scope"))
    form = BulkForm(request.POST)
    if form.is_valid() and len(form.cleaned_data["problems"]) > BULK_MAX:
        form.add_error("problems", f"Не больше {BULK_MAX} проблем за раз.")
    if not form.is_valid():
        return _moderation_page(request, scope, form, status=400)
    data = form.cleaned_data
    done, refused = 0, []
    for problem in data["problems"].order_by("pk"):
        try:
            if data["action"] == "cluster":
                clustering.include(problem.pk, data["cluster"], request.user)
            else:
                workflow.perform(
                    problem.pk,
                    data["action"],
                    request.user,
                    ProblemStatus.MODERATION,
                    data["logged_comment"],
                )
        except (StaleTransition, PermissionDenied) as error:
            refused.append(f"№ {problem.pk}: {error}")
        else:
            done += 1
    if done:
        messages.success(request, f"Выполнено для проблем: {done}.")
    if refused:
        more = len(refused) - REFUSALS_SHOWN
        text = " ".join(refused[:REFUSALS_SHOWN]) + (f" И ещё {more}." if more > 0 else "")
        messages.warning(request, f"Не выполнено для проблем: {len(refused)}. {text}")
    return redirect(f"{reverse('dialog:moderation')}?scope={scope}")


@require_http_methods(["GET", "POST"])
@role_required(roles.MODERATOR)
def split(request, pk):
    """Moderators: make a separate problem of one part of this one."""
    problem = visible_problem(request, pk)
    if request.method == "GET":
        form = SplitForm(
            initial={
                "status": problem.status,
                "seen": problem.updated_at.isoformat(),
                "direction": problem.direction_id,
                "remaining_description": problem.description,
            }
        )
        return render(request, "dialog/split.html", {"problem": problem, "form": form})
    form = SplitForm(request.POST)
    if not form.is_valid():
        return render(request, "dialog/split.html", {"problem": problem, "form": form}, status=400)
    data = form.cleaned_data
    try:
        outcome = submit_once(
            request,
            form,
            lambda: splitting.split(
                problem.pk,
                request.user,
                data["status"],
                form.part(),
                data["remaining_description"],
                data["comment"],
                data["seen"] or None,
            ),
        )
    except StaleTransition as error:
        messages.error(request, str(error))
        return redirect(problem)
    if outcome.repeated:
        messages.info(request, "Это уже сделано — показываем выделенную проблему.")
    else:
        messages.success(request, f"Выделена отдельная проблема № {outcome.created.pk}.")
    return redirect(outcome.url)


def _cluster_page(request, cluster, form=None, add_form=None, status=200):
    problems = Problem.objects.filter(cluster=cluster).for_lists().order_by("-supports_count", "pk")
    context = {
        "cluster": cluster,
        "form": form or ClusterEditForm(instance=cluster),
        "add_form": add_form or ClusterProblemForm(),
        "page_obj": Paginator(problems, PAGE_SIZE).get_page(request.GET.get("page")),
    }
    return render(request, "dialog/cluster_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
@role_required(roles.MODERATOR)
def cluster_new(request):
    """Moderators: a new cluster with a title and a summary."""
    form = ClusterEditForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "dialog/cluster_new.html", {"form": form}, status=400)
        outcome = submit_once(
            request,
            form,
            lambda: clustering.save_cluster(form, request.user),
            url=lambda cluster: reverse("dialog:cluster_edit", args=[cluster.pk]),
        )
        messages.success(request, "Проблемный узел создан. Добавьте в него проблемы.")
        return redirect(outcome.url)
    return render(request, "dialog/cluster_new.html", {"form": form})


@require_http_methods(["GET", "POST"])
@role_required(roles.MODERATOR)
def cluster_edit(request, pk):
    """Moderators: rename a cluster, edit its summary, see and change its problems."""
    cluster = get_object_or_404(Cluster, pk=pk)
    if request.method == "GET":
        return _cluster_page(request, cluster)
    form = ClusterEditForm(request.POST, instance=cluster)
    if not form.is_valid():
        return _cluster_page(request, cluster, form=form, status=400)
    clustering.save_cluster(form, request.user)
    messages.success(request, "Узел сохранён.")
    return redirect("dialog:cluster_edit", pk=cluster.pk)


@require_POST
@role_required(roles.MODERATOR)
def cluster_problems(request, pk):
    """Moderators: add a problem to the cluster by its number, or take one out."""
    cluster = get_object_or_404(Cluster, pk=pk)
    if "remove" in request.POST:
        problem_id = request.POST["remove"]
        if not problem_id.isdigit():
            messages.error(request, "Выберите проблему из списка узла.")
            return redirect("dialog:cluster_edit", pk=cluster.pk)
        change, problem_id = clustering.exclude, int(problem_id)
        done = "Проблема № {} исключена из узла."
    else:
        add_form = ClusterProblemForm(request.POST)
        if not add_form.is_valid():
            return _cluster_page(request, cluster, add_form=add_form, status=400)
        change, problem_id = clustering.include, add_form.cleaned_data["problem"].pk
        done = "Проблема № {} включена в узел."
    try:
        change(problem_id, cluster, request.user)
    except Problem.DoesNotExist:
        messages.error(request, "Такой проблемы нет.")
    except StaleTransition as error:
        messages.warning(request, str(error))
    else:
        messages.success(request, done.format(problem_id))
    return redirect("dialog:cluster_edit", pk=cluster.pk)
