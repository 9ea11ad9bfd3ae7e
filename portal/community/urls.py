from django.urls import path

from portal.community.views import items, moderation, personal

app_name = "community"

ITEM = "<str:key>/<int:pk>/"

urlpatterns = [
    path(f"{ITEM}comment/", items.comment_create, name="comment"),
    path(f"{ITEM}useful/", items.react, name="react"),
    path(f"{ITEM}bookmark/", items.bookmark, name="bookmark"),
    path(f"{ITEM}follow/", items.follow, name="follow"),
    path(f"{ITEM}report/", items.report, name="report"),
    path(f"{ITEM}ask/", items.ask, name="ask"),
    path("comments/<int:comment_id>/edit/", items.comment_edit, name="comment_edit"),
    path("comments/<int:comment_id>/delete/", items.comment_delete, name="comment_delete"),
    path("questions/", personal.thread_list, name="threads"),
    path("questions/<int:thread_id>/", personal.thread, name="thread"),
    path("bookmarks/", personal.bookmarks, name="bookmarks"),
    path("follows/", personal.follows, name="follows"),
    path("digests/", personal.digests, name="digests"),
    path("moderation/", moderation.queue, name="queue"),
    path("moderation/decide/", moderation.decide, name="decide"),
    path("moderation/log/", moderation.log, name="log"),
    path("moderation/block/<int:user_id>/", moderation.block_user, name="block"),
]
