import uuid

from django import template

from portal.community.threads import community_context

register = template.Library()


@register.inclusion_tag("community/includes/block.html", takes_context=True)
def community_block(context, item, heading="Обсуждение"):
    """The panel of marks and the comments of `item`: the shared part from the cache (see
    threads.py), one query for the reader's own marks; a missed copy costs four more."""
    request = context["request"]
    return {
        **community_context(request, item),
        "request": request,
        "user": request.user,
        "heading": heading,
        "csrf_token": context.get("csrf_token"),
        # The new-comment form submits once (portal.submissions); replies rely on its content check.
        "form_token": uuid.uuid4(),
        "may_write": request.user.is_authenticated and request.user.can_publish,
    }
