from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render

from portal.accounts.forms import ProfileForm


@login_required
def profile(request):
    """Signed-in users: edit their own name, position, municipality and phone."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, "Профиль сохранён.")
        return redirect("cabinet:profile")
    return render(request, "accounts/profile.html", {"form": form})
