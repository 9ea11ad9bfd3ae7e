from django.urls import path

from legal_vector.views import ask, bookmarks, consultations, documents, landing, search

app_name = "legal_vector"

urlpatterns = [
    path("", landing.index, name="index"),
    path("documents/<int:pk>/", documents.document_detail, name="document"),
    path("documents/<int:pk>/diff/", documents.edition_diff, name="diff"),
    path("documents/<int:pk>/changes/", documents.document_changes, name="changes"),
    # Stable keys contain slashes (`st14/ch1/p2`), hence the path converter.
    path("documents/<int:pk>/u/<path:key>/", documents.unit_permalink, name="unit"),
    path("bookmarks/", bookmarks.bookmark_list, name="bookmarks"),
    path("bookmarks/add/", bookmarks.bookmark_add, name="bookmark_add"),
    path("bookmarks/<int:pk>/delete/", bookmarks.bookmark_delete, name="bookmark_delete"),
    path("bookmarks/folders/add/", bookmarks.folder_add, name="folder_add"),
    path("bookmarks/folders/<int:pk>/delete/", bookmarks.folder_delete, name="folder_delete"),
    path("subscriptions/", bookmarks.subscription_list, name="subscriptions"),
    path("subscriptions/add/", bookmarks.subscription_add, name="subscription_add"),
    path("search/", search.search, name="search"),
    path("ask/", ask.ask, name="ask"),
    path("api/ask", ask.ask_api, name="ask_api"),
    path("qa/<int:pk>/", ask.qa_detail, name="qa_detail"),
    path("consultations/", consultations.consultation_list, name="consultations"),
    path("consultations/new/", consultations.consultation_new, name="consultation_new"),
    path("consultations/queue/", consultations.consultation_queue, name="consultation_queue"),
    path("consultations/<int:pk>/", consultations.consultation_detail, name="consultation"),
    path(
        "consultations/<int:pk>/files/<int:file_pk>/",
        consultations.consultation_file,
        name="consultation_file",
    ),
    path(
        "consultations/<int:pk>/<str:action>/",
        consultations.consultation_action,
        name="consultation_action",
    ),
    path(
        "subscriptions/<int:pk>/delete/",
        bookmarks.subscription_delete,
        name="subscription_delete",
    ),
]
