"""The base of every list's FilterSet (django-filter): the same filters, copied cheaply.

django-filter deep-copies every filter, with its querysets and widgets, for each request, and
builds a new form class for each: on a list page with distinct filters that cost more than
counting the facets. Filtering never changes a filter, so each request gets shallow copies
(with this filterset as parent and a method proxy of their own), and the form class is built
once per filter class: each form still deep-copies its fields (Django's `BaseForm`), so no
request sees another's fields, choices or querysets.
"""

import copy

import django_filters
from django.http import QueryDict


class FilterSet(django_filters.FilterSet):
    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {}
        for name, base in self.base_filters.items():
            filter_ = copy.copy(base)
            filter_.model = queryset.model
            filter_.parent = self
            if base.method is not None:
                filter_.method = base.method  # a FilterMethod bound to this copy
            self.filters[name] = filter_

    def get_form_class(self):
        cls = type(self)
        form_class = cls.__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            cls._form_class = form_class
        return form_class
