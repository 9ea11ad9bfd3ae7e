"""Documents and photos of a practice, served with the rights of the practice itself."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from portal.community.access import is_moderator
from practices.models import Practice, PracticeAttachment


def _may_see_unpublished(user, practice):
    return user.is_authenticated and (
        practice.author_id == user.pk
        or is_moderator(user)
        or user.has_perm("practices.change_practice")
    )


def _unpublished_attachment(practice, stored_name):
    """A file of a draft, or of an edit waiting for the moderator (kept in the revision)."""
    versions = [practice]
    if practice.latest_revision_id:
        versions.append(practice.latest_revision.as_object())
    for version in versions:
        for attachment in version.attachments.all():
            if attachment.file and attachment.stored_name == stored_name:
                return attachment
    raise Http404("Файл не найден.")


@require_GET
def practice_file(request, pk, name):
    """Anybody: a file of a published practice; the author, moderators and editors: a file of a
    draft or of an edit under review. A photo is shown in the page; a document is downloaded."""
    attachment = PracticeAttachment.objects.public().filter(practice_id=pk).stored_as(name).first()
    if attachment is None:
        practice = get_object_or_404(Practice, pk=pk)
        if not _may_see_unpublished(request.user, practice):
            raise Http404("Файл не найден.")
        attachment = _unpublished_attachment(practice, name)
        private = True
    else:
        private = False
    try:
        opened = attachment.file.open("rb")
    except OSError as error:
        raise Http404("Файл не найден.") from error
    response = FileResponse(
        opened,
        as_attachment=not attachment.is_photo,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    # Whatever the bytes are, the browser must not run them as a page.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=86400"
    return response
