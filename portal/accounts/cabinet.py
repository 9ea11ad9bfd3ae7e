"""The services' sections of «Личный кабинет», rendered once and kept in the cache per user.

Sections show the user's own records (bookmarks, consultations, alerts…). Any save or delete of a
record that belongs to a user (a `user` or `author` field) drops that user's cached sections, and
a short lifetime bounds what depends on the date or on other people's edits (deadlines, titles).
"""

import secrets

from django.core.cache import cache
from django.template.loader import render_to_string

from portal.registry import cabinet_sections, ordered

SECTIONS_SECONDS = 60
OWNER_FIELDS = ("user_id", "author_id")


def _version_key(user_id):
    return f"cabinet:sections-version:{user_id}"


def forget_sections(user_id):
    cache.delete(_version_key(user_id))


def rendered_sections(request):
    """HTML of every registered section for the signed-in user, from the cache when fresh."""
    user = request.user
    version = cache.get_or_set(_version_key(user.pk), lambda: secrets.token_hex(8), None)
    key = f"cabinet:sections:{user.pk}:{request.session.session_key}:{version}"
    html = cache.get(key)
    if html is None:
        sections = [
            {"section": section, **section.get_context(request)}
            for section in ordered(cabinet_sections)
        ]
        html = render_to_string("accounts/cabinet_sections.html", {"sections": sections}, request)
        cache.set(key, html, SECTIONS_SECONDS)
    return html


def forget_owner_sections(sender, instance, **kwargs):
    """Signal receiver: a user's record changed, so their cabinet must be rendered anew."""
    for field in OWNER_FIELDS:
        owner_id = getattr(instance, field, None)
        if owner_id:
            forget_sections(owner_id)
