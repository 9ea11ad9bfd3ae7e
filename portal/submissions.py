"""Forms that create something, submitted once: a reload or a double click never makes a copy.

A creating form inherits `SubmitOnceForm`, which adds a hidden one-time token, and its view
creates through `submit_once()`. A second submit of the same token — or of the same content on
the same page by the same user within `FORM_RESUBMIT_WINDOW` — creates nothing and sends the
user to what the first submit created. The content includes the rows of the formsets posted
with the form and the bytes of every uploaded file, so the same text with other files is a new
submit. See docs/forms.md.
"""

import datetime
import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.files import File
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from portal.models import FormSubmission

# A repeat of the same content after this long is taken as meant, not as a reload.
FORM_RESUBMIT_WINDOW = datetime.timedelta(minutes=10)
# Tokens are kept this long; an older page sent again creates anew.
FORM_TOKEN_DAYS = 30


class SubmitOnceForm(forms.Form):
    """Mixin for a form that creates something: put it first among the bases
    (`class AlertForm(SubmitOnceForm, forms.ModelForm)`) and render `{{ form.form_token }}`.

    A page without the token (an old copy, a script) still works: it gets a fresh token, and
    the content check still catches a repeat.
    """

    # Evaluated at every render, so every page shown carries a new token; a refused form
    # re-rendered from its POST keeps the token it was sent with.
    form_token = forms.CharField(
        widget=forms.HiddenInput, required=False, initial=uuid.uuid4, max_length=64
    )

    def clean_form_token(self):
        try:
            return uuid.UUID(str(self.cleaned_data.get("form_token") or ""))
        except ValueError:
            return uuid.uuid4()


@dataclass
class Outcome:
    """What a submit led to: the created object (None on a repeat) and where to show it."""

    url: str
    repeated: bool
    created: Any = None


def submit_once(
    request,
    form: SubmitOnceForm,
    create: Callable[[], Any],
    url: Callable[[Any], str] | str | None = None,
    formsets=(),
) -> Outcome:
    """Run `create()` for a valid `form` unless this submit was already accepted.

    `create` returns the new object; `url` says where it is shown (the object's
    `get_absolute_url()` by default; a string for a list page, or a function of the object).
    `formsets`: valid formsets posted with the form (rows, files); their rows are part of the
    content compared with recent submits.
    Everything happens in one transaction: if `create` raises, nothing of the submit stays,
    and a concurrent second submit of the same token waits for the first and then repeats it.
    """
    key = _form_key(form)
    token = form.cleaned_data["form_token"]
    fingerprint = _fingerprint(key, request.path, form.cleaned_data, formsets)
    with transaction.atomic():
        earlier = _recent_same_content(request.user, fingerprint)
        if earlier is not None:
            return Outcome(earlier.result_url, repeated=True)
        submission, fresh = FormSubmission.objects.get_or_create(
            user=request.user, form=key, token=token, defaults={"fingerprint": fingerprint}
        )
        if not fresh:
            return Outcome(submission.result_url, repeated=True)
        created = create()
        submission.result_url = _url_of(created, url)
        submission.save(update_fields=["result_url"])
    return Outcome(submission.result_url, repeated=False, created=created)


def forget_old_submissions(now=None) -> int:
    """Drop tokens older than FORM_TOKEN_DAYS; run daily by the periodic task."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=FORM_TOKEN_DAYS)
    deleted, _ = FormSubmission.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def _recent_same_content(user, fingerprint):
    return (
        FormSubmission.objects.filter(
            user=user,
            fingerprint=fingerprint,
            created_at__gte=timezone.now() - FORM_RESUBMIT_WINDOW,
        )
        .exclude(result_url="")
        .order_by("-created_at")
        .first()
    )


def _form_key(form) -> str:
    return (
        getattr(form, "submit_once_key", None)
        or (f"{type(form).__module__}.{type(form).__qualname__}")[:100]
    )


def _url_of(created, url) -> str:
    if callable(url):
        return url(created)
    if url is not None:
        return str(url)
    return created.get_absolute_url()


def _fingerprint(key, path, cleaned_data, formsets=()) -> str:
    """A digest of what was submitted where: the page (so the same text on two measures
    differs), every cleaned value but the token, and the filled rows of the formsets."""
    rows = [
        [_content(row.cleaned_data) for row in formset.forms if row.has_changed()]
        for formset in formsets
    ]
    content = [_content(cleaned_data), rows]
    text = json.dumps([key, path, content], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _content(cleaned_data):
    return {
        name: _comparable(value)
        for name, value in sorted(cleaned_data.items())
        if name != "form_token"
    }


def _comparable(value):
    if isinstance(value, models.Model):
        return [value._meta.label, value.pk]
    if isinstance(value, models.QuerySet | list | tuple | set | frozenset):
        return sorted((_comparable(item) for item in value), key=str)
    if isinstance(value, FieldFile):  # a file already stored: its name says which
        return value.name
    if isinstance(value, File):  # an upload: two files of one name and size may differ
        return _file_digest(value)
    return value


def _file_digest(upload):
    digest = hashlib.sha256()
    for chunk in upload.chunks():  # from the start, whatever was read before
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def submitted_before(request, form) -> str | None:
    """Where the first submit of this form's token led, or None; reads the unvalidated token.

    For views whose validation itself refuses a repeat («такая папка уже есть»): ask this
    before `is_valid()`, so a resubmit shows what was created instead of that error.
    """
    try:
        token = uuid.UUID(str(form.data.get(form.add_prefix("form_token")) or ""))
    except ValueError:
        return None
    return (
        FormSubmission.objects.filter(user=request.user, form=_form_key(form), token=token)
        .exclude(result_url="")
        .values_list("result_url", flat=True)
        .first()
    )
