from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.shortcuts import render
from django.views.decorators.http import require_GET

from legal_vector.models import Bookmark, Document, Topic

SHORT_LIST = 8
TOPIC_PAGE_SIZE = 20
LANDING_CACHE_KEY = "legal:landing"
LANDING_CACHE_SECONDS = 60


def _topics():
    # Meta.ordering is not applied to GROUP BY queries: order explicitly.
    children = Topic.objects.annotate(document_count=Count("documents")).order_by("order", "name")
    return list(
        Topic.objects.filter(parent__isnull=True)
        .annotate(document_count=Count("documents"))
        .order_by("order", "name")
        .prefetch_related(Prefetch("children", queryset=children))
    )


def _public_lists():
    """What every visitor sees; a minute-old view of it is fine, so it is cached."""
    return {
        "topics": _topics(),
        "popular": list(Document.objects.popular()[:SHORT_LIST]),
        "recent": list(Document.objects.recent()[:SHORT_LIST]),
    }


@require_GET
def index(request):
    """Public: search box, topics, popular and recent documents; signed-in users' bookmarks.

    `?topic=<slug>` lists the documents of a topic.
    """
    context = {**cache.get_or_set(LANDING_CACHE_KEY, _public_lists, LANDING_CACHE_SECONDS)}
    context["bookmarks"] = []
    if request.user.is_authenticated:
        context["bookmarks"] = list(Bookmark.objects.for_user(request.user)[:SHORT_LIST])
    slug = request.GET.get("topic")
    if slug:
        topic = Topic.objects.filter(slug=slug).first()
        documents = Document.objects.filter(topics__slug=slug).recent() if topic else []
        context["topic"] = topic
        context["topic_page"] = Paginator(documents, TOPIC_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
    return render(request, "legal_vector/index.html", context)
