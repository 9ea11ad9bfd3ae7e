"""Certificates: the owner's downloads, the public check page, lookup by number, revocation."""

from django.contrib import messages
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from academy import credentials
from academy.access import is_academy_admin
from academy.models import Certificate
from academy.models.certificates import NOT_STATE_DOCUMENT
from academy.tasks import render_certificate_pdf
from portal import caching
from portal.accounts import roles
from portal.accounts.decorators import role_required
from portal.outbox import enqueue_on_commit

LOOKUP_RATE = "20/m"
# The check page as visitors without a session see it, stored under a digest of everything it
# shows: a revocation or any change of the certificate makes a new key at once.
SHARED_PAGE_SECONDS = 15 * 60


def _owned(request, uuid):
    certificate = get_object_or_404(Certificate, uuid=uuid)
    if not request.user.is_authenticated:
        raise Http404
    if certificate.user_id != request.user.pk and not is_academy_admin(request.user):
        raise Http404
    return certificate


@require_GET
def certificate_pdf(request, uuid):
    """The holder and academy administrators: the stored PDF (rendered once, in Celery)."""
    certificate = _owned(request, uuid)
    if not certificate.pdf:
        enqueue_on_commit(render_certificate_pdf, str(certificate.uuid))
        certificate.refresh_from_db()
    if not certificate.pdf:
        messages.info(request, "PDF готовится, обновите страницу через минуту.")
        return redirect("academy:my")
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"certificate-{certificate.number}.pdf",
        content_type="application/pdf",
    )


@require_GET
def certificate_credential(request, uuid):
    """The holder and academy administrators: the signed credential (Open Badges 3.0 JSON)."""
    certificate = _owned(request, uuid)
    response = JsonResponse(
        certificate.credential, json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = f'attachment; filename="credential-{certificate.uuid}.json"'
    return response


@require_GET
def verify(request, uuid):
    """Public: name, course, hours, date and status of a certificate, and its signature check."""
    certificate = get_object_or_404(Certificate, uuid=uuid)
    key = caching.shared_page_key(request, "academy:certificate", uuid, _shown(certificate))
    if (cached := caching.cached_shared_page(key)) is not None:
        return cached
    response = render(
        request,
        "academy/certificate_verify.html",
        {
            "certificate": certificate,
            "signature_valid": credentials.verify(certificate.credential)
            and certificate.credential.get("identifier") == certificate.number,
            "not_state_document": NOT_STATE_DOCUMENT,
            "can_revoke": is_academy_admin(request.user) and not certificate.is_revoked,
        },
    )
    return caching.store_shared_page(request, key, response, SHARED_PAGE_SECONDS)


def _shown(certificate):
    """A digest of every column of the certificate: all the check page shows or checks."""
    return caching.digest(
        *(getattr(certificate, field.attname) for field in certificate._meta.concrete_fields)
    )


@require_GET
@ratelimit(key="ip", rate=LOOKUP_RATE, block=False)
def lookup(request):
    """Public, rate-limited: find a certificate's check page by its number."""
    number = " ".join(request.GET.get("number", "").split()).upper()[:20]
    if getattr(request, "limited", False):
        return render(
            request,
            "academy/certificate_lookup.html",
            {"number": number, "error": "Слишком много запросов. Повторите через минуту."},
            status=429,
        )
    if not number:
        return render(request, "academy/certificate_lookup.html", {"number": ""})
    certificate = Certificate.objects.filter(number=number).first()
    if certificate is None:
        return render(
            request,
            "academy/certificate_lookup.html",
            {"number": number, "error": "Сертификат с таким номером не найден."},
            status=404,
        )
    return redirect(certificate.get_absolute_url())


@role_required(roles.ACADEMY_ADMIN)
@require_POST
def revoke(request, uuid):
    """Academy administrators: revoke with a reason."""
    certificate = get_object_or_404(Certificate, uuid=uuid)
    reason = " ".join(request.POST.get("reason", "").split())[:500]
    if not reason:
        messages.error(request, "Укажите причину отзыва.")
    elif certificate.revoke(request.user, reason):
        messages.success(request, f"Сертификат {certificate.number} отозван.")
    return redirect(certificate.get_absolute_url())


@require_GET
def issuer(request):
    """Public: the issuer profile with the public key that verifies the credentials."""
    key = credentials.public_key_multibase()
    return JsonResponse(
        {
            "@context": credentials.CONTEXTS,
            "id": credentials.issuer_url(),
            "type": ["Profile"],
            "name": "Муниципальная академия, Муниципалитеты.рф",
            "verificationMethod": [
                {
                    "id": f"{credentials.issuer_url()}#{key}",
                    "type": "Multikey",
                    "publicKeyMultibase": key,
                }
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
