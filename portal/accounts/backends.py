from allauth.account.auth_backends import AuthenticationBackend

from portal.accounts.models import User


class PortalAuthenticationBackend(AuthenticationBackend):
    """allauth's backend, loading the user's municipality with the user: nearly every page
    (header, cabinet, matching, search boosts) reads it."""

    def get_user(self, user_id):
        user = (
            User._default_manager.select_related("municipality__region", "municipality__parent")
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
