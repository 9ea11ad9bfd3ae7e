from django.urls import path, re_path

from practices.models.attachments import STORED_NAME
from practices.views import adoptions, api, authoring, authors, catalogue, contest, files

app_name = "practices"

urlpatterns = [
    path("", catalogue.practice_list, name="index"),
    path("api/practices/", api.practice_list, name="api_list"),
    path("authors/<int:pk>/", authors.author_profile, name="author"),
    path("new/", authoring.practice_new, name="new"),
    path("mine/", authoring.my_practices, name="mine"),
    path("similar/", authoring.similar, name="similar"),
    path("adopted/", adoptions.adopted_in_region, name="adopted"),
    path("contest/<int:year>/", contest.contest_page, name="contest"),
    path("contest/<int:year>/jury/", contest.jury_page, name="jury"),
    path("contest/<int:year>/jury/<int:entry_id>/", contest.score_entry, name="score"),
    path("contest/<int:year>/publish/", contest.publish_results, name="publish_results"),
    path("edit/<int:pk>/", authoring.practice_edit, name="edit"),
    path("edit/<int:pk>/review/", authoring.practice_review, name="review"),
    path("edit/<int:pk>/<slug:slug>/", authoring.practice_step, name="step"),
    re_path(rf"^files/(?P<pk>[0-9]+)/(?P<name>{STORED_NAME})$", files.practice_file, name="file"),
    path("preview/<int:pk>/", authoring.practice_preview, name="preview"),
    path("<slug:slug>/", catalogue.practice_detail, name="detail"),
    path("<slug:slug>/adopt/", adoptions.adopt, name="adopt"),
]
