from allauth.account.auth_backends import AuthenticationBackend

from portal.accounts.models import User
from portal.municipalities.caching import with_cached_territory


class PortalAuthenticationBackend(AuthenticationBackend):
    """allauth's backend, giving the user their municipality from the cache: nearly every page
    (header, cabinet, matching, search boosts) reads it."""

    def get_user(self, user_id):
        user = User._default_manager.filter(pk=user_id).first()
        if user is None or not self.user_can_authenticate(user):
            return None
        return with_cached_territory(user)
