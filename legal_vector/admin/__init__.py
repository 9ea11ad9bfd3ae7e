"""Django admin of «Правовой вектор»: each module registers the models of its part."""

from legal_vector.admin import consultations, documents, qa, search_log  # noqa: F401
