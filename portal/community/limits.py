"""Rate limits on writing (django-ratelimit over the shared cache) with a Russian answer."""

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

# Per user; COMMUNITY_RATES in settings overrides any of them.
DEFAULT_RATES = {
    "comment": "10/m",
    "report": "20/h",
    "question": "5/h",
    "message": "30/h",
    "item": "10/h",
}


def rate_for(action):
    return {**DEFAULT_RATES, **getattr(settings, "COMMUNITY_RATES", {})}[action]


def over_limit(request, action):
    """Count this attempt; True when the user went past the rate for `action`."""
    return is_ratelimited(
        request, group=f"community.{action}", key="user", rate=rate_for(action), increment=True
    )


def too_many(request):
    return render(request, "community/too_many.html", status=429)
