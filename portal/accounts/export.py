"""Everything the portal stores about a user (152-ФЗ, the right to get one's data)."""

from allauth.account.models import EmailAddress
from django.utils import timezone

from portal.registry import personal_data_exporters


def personal_data(user):
    """A JSON-serialisable dict: the account itself, then each app's registered exporter."""
    data = {
        "exported_at": timezone.now(),
        "profile": _profile(user),
        "email_addresses": list(
            EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
        ),
        "consents": list(user.consents.values("policy_version", "given_at", "ip_address")),
        "verification_requests": list(
            user.verification_requests.values(
                "municipality__name",
                "position",
                "comment",
                "status",
                "submitted_at",
                "decided_at",
                "decision_note",
            )
        ),
        "deletion_requests": list(
            user.deletion_requests.values("status", "reason", "requested_at", "processed_at")
        ),
    }
    for key, exporter in sorted(personal_data_exporters.items()):
        data[key] = exporter(user)
    return data


def _profile(user):
    municipality = user.municipality
    return {
        "email": user.email,
        "last_name": user.last_name,
        "first_name": user.first_name,
        "patronymic": user.patronymic,
        "position": user.position,
        "phone": user.phone,
        "municipality": municipality.full_name if municipality else None,
        "municipality_oktmo": municipality.oktmo if municipality else None,
        "is_verified": user.is_verified,
        "verified_at": user.verified_at,
        "roles": sorted(user.role_names),
        "spheres": list(user.interests.order_by("pk").values_list("sphere__name", flat=True)),
        "date_joined": user.date_joined,
        "last_login": user.last_login,
    }
