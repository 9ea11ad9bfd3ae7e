"""The files of a practice split for the page: photos for the gallery, documents to download."""

from django import template

from practices.models.attachments import split_attachments

register = template.Library()


@register.simple_tag
def attachment_groups(practice):
    """One query (or none for a revision, whose rows are in memory) for both lists."""
    photos, documents = split_attachments(practice.attachments.all())
    return {"photos": photos, "documents": documents}
