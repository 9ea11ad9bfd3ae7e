"""«Внедрили у себя» and the replication trail: where a practice went, what a region took."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from portal.accounts.decorators import verified_required
from portal.community.access import ensure_may_write
from portal.municipalities.models import Region
from portal.submissions import submit_once
from practices.community import tell_author_of_adoption
from practices.forms import AdoptionForm
from practices.models import Adoption, Practice

PER_PAGE = 30


@verified_required
def adopt(request, slug):
    """Verified employees: record that their municipality adopted a published practice (once)."""
    practice = get_object_or_404(Practice.objects.published(), slug=slug)
    ensure_may_write(request.user)
    municipality = request.user.municipality
    if municipality is None:
        messages.error(request, "Укажите муниципальное образование в профиле.")
        return redirect("cabinet:profile")
    if municipality.pk == practice.municipality_id:
        messages.error(request, "Это практика вашего муниципального образования.")
        return redirect(practice)
    existing = Adoption.objects.filter(practice=practice, municipality=municipality).first()
    form = AdoptionForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        if existing is not None:
            form.save()
            messages.success(request, "Сведения о внедрении обновлены.")
            return redirect(practice)

        def create():
            adoption = form.save(commit=False)
            adoption.practice, adoption.municipality = practice, municipality
            adoption.recorded_by = request.user
            try:
                with transaction.atomic():
                    adoption.save()
            except IntegrityError:  # a colleague from the same municipality was first
                return Adoption.objects.get(practice=practice, municipality=municipality)
            tell_author_of_adoption(adoption)
            return adoption

        submit_once(request, form, create, url=practice.get_absolute_url())
        messages.success(request, "Отмечено: ваше муниципальное образование внедрило практику.")
        return redirect(practice)
    context = {"form": form, "practice": practice, "municipality": municipality}
    return render(request, "practices/adopt.html", context)


@require_GET
def adopted_in_region(request):
    """Public: «что внедрил мой регион» — adoptions by municipalities of a region."""
    code = request.GET.get("region") or getattr(
        getattr(getattr(request.user, "municipality", None), "region", None), "code", ""
    )
    region = Region.objects.filter(code=code).first()
    adoptions = Adoption.objects.none()
    if region is not None:
        adoptions = (
            Adoption.objects.in_region(region)
            .filter(practice__in=Practice.objects.published())
            .select_related("municipality", "practice__municipality__region")
            .defer("practice__search_vector", "practice__problem", "practice__solution")
        )
    page = Paginator(adoptions, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "region": region,
        "regions": Region.objects.filter(
            pk__in=Adoption.objects.values("municipality__region")
        ).order_by("name"),
        "page_obj": page,
        "query": f"region={region.code}" if region else "",
    }
    return render(request, "practices/adopted.html", context)
