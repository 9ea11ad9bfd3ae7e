"""Who follows what: the followers of items, authors, spheres and municipalities, told in bulk."""

from django.db.models import Q

from portal.community.models import Follow
from portal.community.notifying import tell


def tell_followers(refs, kind, text, link, actor_id=None):
    query = Q(pk__in=[])
    for content_type_id, object_id in refs:
        query |= Q(content_type_id=content_type_id, object_id=object_id)
    users = (
        Follow.objects.filter(query)
        .exclude(user_id=actor_id)
        .select_related("user")
        .distinct("user_id")
        .order_by("user_id")
    )
    told = 0
    for follow in users.iterator(chunk_size=500):
        told += tell(follow.user, kind, text, link) is not None
    return told
