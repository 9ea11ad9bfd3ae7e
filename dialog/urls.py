from django.urls import path

from dialog.views import actions, analytics, field, problems, queues

app_name = "dialog"

urlpatterns = [
    path("", field.field, name="index"),
    path("api/problems/", field.api, name="api"),
    path("export.<str:fmt>", field.export, name="export"),
    path("similar/", field.similar, name="similar"),
    path("analytics/", analytics.analytics, name="analytics"),
    path("new/", problems.new, name="new"),
    path("my/", queues.mine, name="mine"),
    path("moderation/", queues.moderation, name="moderation"),
    path("queue/", queues.expert_queue, name="queue"),
    path("overdue/", queues.overdue, name="overdue"),
    path("clusters/", queues.clusters, name="clusters"),
    path("clusters/<int:pk>/", queues.cluster, name="cluster"),
    path("problems/<int:pk>/", problems.detail, name="problem"),
    path("problems/<int:pk>/edit/", problems.edit, name="edit"),
    path("problems/<int:pk>/coauthor/", problems.confirm_coauthor, name="confirm_coauthor"),
    path("problems/<int:pk>/support/", problems.support, name="support"),
    path("problems/<int:pk>/withdraw/", problems.withdraw, name="withdraw"),
    path("problems/<int:pk>/rate/", problems.rate, name="rate"),
    path("problems/<int:pk>/answer/", actions.answer, name="answer"),
    path("problems/<int:pk>/review/", actions.review, name="review"),
    path("problems/<int:pk>/merge/", actions.merge, name="merge"),
    path("problems/<int:pk>/reassign/", actions.reassign, name="reassign"),
    path("problems/<int:pk>/note/", actions.note, name="note"),
    path("problems/<int:pk>/milestone/", actions.milestone, name="milestone"),
    path("problems/<int:pk>/<str:action>/", actions.transition, name="transition"),
]
