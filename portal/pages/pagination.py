from django.core.paginator import Paginator

PAGE_SIZE = 10


def paginate(request, queryset, per_page=PAGE_SIZE):
    """One page of `queryset` for ?page=N; out-of-range and junk numbers fall back gracefully."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
