from allauth.account.auth_backends import AuthenticationBackend

from portal.accounts.models import User
from portal.municipalities.caching import cached_municipality


class PortalAuthenticationBackend(AuthenticationBackend):
    """allauth's backend, giving the user their municipality from the cache: nearly every page
    (header, cabinet, matching, search boosts) reads it."""

    def get_user(self, user_id):
        user = User._default_manager.filter(pk=user_id).first()
        if user is None or not self.user_can_authenticate(user):
            return None
        municipality = cached_municipality(user.municipality_id) if user.municipality_id else None
        if municipality is not None:
            user.municipality = municipality
        return user
