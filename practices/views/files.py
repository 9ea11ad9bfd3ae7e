"""Documents and photos of a practice, and evidence files of its indicators, served with the
rights of the practice itself."""

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from portal.community.access import is_moderator
from portal.uploads import file_response
from practices.models import Indicator, Practice, PracticeAttachment, PracticeStatus


@dataclass
class Served:
    file: object
    name: str
    content_type: str
    inline: bool


def _of_attachment(attachment):
    return Served(attachment.file, attachment.name, attachment.content_type, attachment.is_photo)


def _of_evidence(indicator):
    # Evidence is a document to check, downloaded even when it is a picture.
    return Served(
        indicator.evidence_file,
        indicator.evidence_name,
        indicator.evidence_content_type,
        inline=False,
    )


def _may_see_unpublished(user, practice):
    return user.is_authenticated and (
        practice.author_id == user.pk
        or is_moderator(user)
        or user.has_perm("practices.change_practice")
    )


def _public_file(pk, name):
    attachment = PracticeAttachment.objects.public().filter(practice_id=pk).stored_as(name).first()
    if attachment is not None:
        return _of_attachment(attachment)
    indicator = Indicator.objects.filter(
        Q(practice_id=pk, evidence_file__endswith=f"/{name}"),
        practice__status=PracticeStatus.PUBLISHED,
        practice__is_hidden=False,
    ).first()
    return _of_evidence(indicator) if indicator is not None else None


def _unpublished_file(practice, stored_name):
    """A file of a draft, or of an edit waiting for the moderator (kept in the revision)."""
    versions = [practice]
    if practice.latest_revision_id:
        versions.append(practice.latest_revision.as_object())
    for version in versions:
        for attachment in version.attachments.all():
            if attachment.file and attachment.stored_name == stored_name:
                return _of_attachment(attachment)
        for indicator in version.indicators.all():
            if indicator.evidence_file and indicator.evidence_stored_name == stored_name:
                return _of_evidence(indicator)
    raise Http404("Файл не найден.")


@require_GET
def practice_file(request, pk, name):
    """Anybody: a file of a published practice; the author, moderators and editors: a file of a
    draft or of an edit under review. A photo is shown in the page; a document is downloaded."""
    served = _public_file(pk, name)
    private = served is None
    if private:
        practice = get_object_or_404(Practice, pk=pk)
        if not _may_see_unpublished(request.user, practice):
            raise Http404("Файл не найден.")
        served = _unpublished_file(practice, name)
    return file_response(
        served.file,
        served.name,
        content_type=served.content_type,
        inline=served.inline,
        private=private,
    )
