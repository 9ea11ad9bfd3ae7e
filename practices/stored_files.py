"""Files of practices leave storage once nothing can show them any more.

A file (a document, a photo, an indicator's evidence) stays while a row of a practice or the
practice's latest revision (an edit being written or waiting for a moderator) names it. When a
row is deleted, its file replaced, a newer revision drops it or the practice is deleted, the
file is deleted after the transaction commits (`portal.uploads.delete_when_unused`): a rollback
keeps it. Older revisions are history: restoring one in Wagtail brings back its text and rows,
not files deleted since. See docs/practices.md, «Файлы практики».
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.models import Revision

from portal.uploads import delete_when_unused
from practices.models import Indicator, Practice, PracticeAttachment

FILE_FIELDS = {PracticeAttachment: "file", Indicator: "evidence_file"}


def revision_files(content):
    """The stored names a serialised practice (a revision's content) uses."""
    names = {row.get("file") for row in content.get("attachments", [])}
    names |= {row.get("evidence_file") for row in content.get("indicators", [])}
    return {name for name in names if name}


def _in_use(practice_id):
    def check(name):
        if PracticeAttachment.objects.filter(file=name).exists():
            return True
        if Indicator.objects.filter(evidence_file=name).exists():
            return True
        latest = (
            Revision.objects.filter(
                pk__in=Practice.objects.filter(pk=practice_id).values("latest_revision")
            )
            .values_list("content", flat=True)
            .first()
        )
        return latest is not None and name in revision_files(latest)

    return check


def forget(names, practice_id):
    """Delete these stored files after commit unless something of the practice still uses
    them."""
    storage = PracticeAttachment._meta.get_field("file").storage
    delete_when_unused(storage, names, _in_use(practice_id))


def _row_deleted(sender, instance, **kwargs):
    forget({getattr(instance, FILE_FIELDS[sender]).name}, instance.practice_id)


def _note_replaced(sender, instance, **kwargs):
    # Read before the save: after it the row names only the new file.
    field = FILE_FIELDS[sender]
    instance._replaced_file = None
    if instance.pk is not None:
        before = sender.objects.filter(pk=instance.pk).values_list(field, flat=True).first()
        if before and before != getattr(instance, field).name:
            instance._replaced_file = before


def _row_saved(sender, instance, **kwargs):
    replaced = getattr(instance, "_replaced_file", None)
    if replaced:
        forget({replaced}, instance.practice_id)


def _revision_saved(sender, instance, created, **kwargs):
    """A new revision of a practice: files only the previous one had are no longer needed
    (an author removed a photo from an edit that was never published)."""
    model = ContentType.objects.get_for_id(instance.base_content_type_id).model_class()
    if not created or model is not Practice:
        return
    earlier = (
        Revision.objects.filter(
            base_content_type_id=instance.base_content_type_id,
            object_id=instance.object_id,
            pk__lt=instance.pk,
        )
        .order_by("-pk")
        .values_list("content", flat=True)
        .first()
    )
    if earlier:
        forget(revision_files(earlier) - revision_files(instance.content), instance.object_id)


def _practice_deleted(sender, instance, **kwargs):
    # The rows' files go with the rows (post_delete); these are the files only revisions name.
    names = set()
    for content in Revision.objects.for_instance(instance).values_list("content", flat=True):
        names |= revision_files(content)
    forget(names, instance.pk)


def connect():
    for model in FILE_FIELDS:
        uid = model._meta.model_name
        post_delete.connect(_row_deleted, sender=model, dispatch_uid=f"practices-files-{uid}")
        pre_save.connect(_note_replaced, sender=model, dispatch_uid=f"practices-files-pre-{uid}")
        post_save.connect(_row_saved, sender=model, dispatch_uid=f"practices-files-post-{uid}")
    post_save.connect(_revision_saved, sender=Revision, dispatch_uid="practices-files-revision")
    pre_delete.connect(_practice_deleted, sender=Practice, dispatch_uid="practices-files-delete")
