from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import render
from django.views.decorators.http import require_GET

from legal_vector.models import Bookmark, Document, Topic

SHORT_LIST = 8
TOPIC_PAGE_SIZE = 20
LANDING_CACHE_KEY = "legal:landing"
LANDING_CACHE_SECONDS = 60


def _topics():
    """The topic tree, however deep, as root topics with `subtopics`; each topic counts the
    documents of its whole subtree (as its filter lists them): two queries."""
    topics = list(Topic.objects.order_by("order", "name"))
    by_parent = {}
    for topic in topics:
        by_parent.setdefault(topic.parent_id, []).append(topic)
    for topic in topics:
        topic.subtopics = by_parent.get(topic.pk, [])
    counts = _subtree_document_counts(topics)
    for topic in topics:
        topic.document_count = counts[f"t{topic.pk}"]
    return by_parent.get(None, [])


def _subtree(topic) -> list[int]:
    return [topic.pk, *(pk for child in topic.subtopics for pk in _subtree(child))]


def _subtree_document_counts(topics) -> dict:
    """Distinct documents per subtree: one pass over the document–topic links."""
    if not topics:
        return {}
    links = Document.topics.through.objects
    return links.aggregate(
        **{
            f"t{topic.pk}": Count(
                "document_id", distinct=True, filter=Q(topic_id__in=_subtree(topic))
            )
            for topic in topics
        }
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
        documents = []
        if topic is not None:
            covered = Topic.with_descendants([slug])
            documents = Document.objects.filter(topics__slug__in=covered).distinct().recent()
        context["topic"] = topic
        context["topic_page"] = Paginator(documents, TOPIC_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
    return render(request, "legal_vector/index.html", context)
