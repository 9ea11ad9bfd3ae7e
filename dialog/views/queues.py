"""Work queues: moderation, the expert's problems by due date, overdue; the author's own."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from dialog import access
from dialog.models import Cluster, Problem, ProblemStatus, Support

PAGE_SIZE = 30


def _page(request, problems):
    return Paginator(problems, PAGE_SIZE).get_page(request.GET.get("page"))


@require_GET
@login_required
def expert_queue(request):
    """Experts: problems assigned to them (leads: their directions) by due date; problems past
    the support threshold come first."""
    user = request.user
    if not access.is_expert_anywhere(user):
        raise PermissionDenied("Очередь доступна экспертам направлений.")
    mine = Q(assignee=user)
    if access.lead_directions(user):
        mine |= Q(direction_id__in=access.lead_directions(user))
    problems = Problem.objects.filter(
        mine, status__in=[ProblemStatus.PUBLISHED, ProblemStatus.REVIEW]
    )
    return render(
        request,
        "dialog/queue.html",
        {
            "title": "Очередь эксперта",
            "page_obj": _page(request, problems.for_lists().expert_queue()),
            "show_due": True,
        },
    )


@require_GET
@login_required
def overdue(request):
    """Moderators and lead experts (their directions): the «просрочено» queue."""
    user = request.user
    problems = Problem.objects.overdue()
    if not access.is_moderator(user):
        if not access.lead_directions(user) and not user.is_superuser:
            raise PermissionDenied("Просроченные проблемы видят модераторы и ведущие эксперты.")
        if not user.is_superuser:
            problems = problems.in_directions(access.lead_directions(user))
    problems = problems.for_lists().order_by("due_at", "pk")
    return render(
        request,
        "dialog/queue.html",
        {
            "title": "Просрочено",
            "page_obj": _page(request, problems),
            "show_due": True,
        },
    )


@require_GET
@login_required
def mine(request):
    """Signed-in users: «Мои обращения» — what they wrote or co-wrote, and what they supported."""
    user = request.user
    problems = Problem.objects.written_by(user)
    supported = (
        Support.objects.filter(user=user).select_related("problem").order_by("-created_at")[:50]
    )
    return render(
        request,
        "dialog/mine.html",
        {
            "page_obj": _page(request, problems.for_lists().order_by("-created_at", "-pk")),
            "supported": supported,
        },
    )


@require_GET
def cluster(request, pk):
    """Public: a topic with its public problems, supports, municipalities, regions, answers."""
    topic = get_object_or_404(Cluster, pk=pk)
    problems = Problem.objects.public().filter(cluster=topic)
    supports = Support.objects.filter(problem__in=problems.values("pk"))
    statuses = problems.values("status").annotate(n=Count("pk")).order_by("status")
    context = {
        "cluster": topic,
        "is_moderator": access.is_moderator(request.user),
        "problems": problems.for_lists().order_by("-supports_count", "pk")[:100],
        "reach": supports.reach(),
        "supports": supports.count(),
        "authors_municipalities": problems.values("municipality").distinct().count(),
        "answered": problems.filter(
            status__in=[
                ProblemStatus.ANSWERED,
                ProblemStatus.IN_PROGRESS,
                ProblemStatus.SOLVED,
                ProblemStatus.UNSOLVABLE,
            ]
        ).count(),
        "statuses": [(ProblemStatus(row["status"]).label, row["n"]) for row in statuses],
    }
    return render(request, "dialog/cluster.html", context)


@require_GET
def clusters(request):
    """Public: the list of topics."""
    topics = Cluster.objects.annotate(
        n=Count(
            "problems",
            filter=Q(
                problems__status__in=[
                    s
                    for s in ProblemStatus
                    if s
                    in {"published", "review", "answered", "in_progress", "solved", "unsolvable"}
                ]
            ),
        )
    ).order_by("title")
    return render(
        request,
        "dialog/clusters.html",
        {"clusters": topics, "is_moderator": access.is_moderator(request.user)},
    )
