from allauth.account.adapter import DefaultAccountAdapter

from portal.accounts.addresses import client_address


class PortalAccountAdapter(DefaultAccountAdapter):
    """Registration rules of the portal: profile fields, consent and automatic verification."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        for field in ("last_name", "first_name", "patronymic", "position", "phone", "municipality"):
            if field in form.cleaned_data:
                setattr(user, field, form.cleaned_data[field])
        if commit:
            user.save()
        return user

    def get_client_ip(self, request):
        """Behind a reverse proxy, the address only trusted proxies report (TRUSTED_PROXIES)."""
        return client_address(request) or super().get_client_ip(request)

    def _get_login_attempts_cache_key(self, request, **credentials):
        # Failed sign-ins count per address AND account: a stranger's failures, made from
        # another address, never lock the owner out (ACCOUNT_RATE_LIMITS["login_failed"]).
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{self.get_client_ip(request)}"
