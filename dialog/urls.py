from django.urls import path

from dialog.views import actions, analytics, field, moderating, problems, queues

app_name = "dialog"

urlpatterns = [
    path("", field.field, name="index"),
    path("api/problems/", field.api, name="api"),
    path("export.<str:fmt>", field.export, name="export"),
    path("similar/", field.similar, name="similar"),
    path("analytics/", analytics.analytics, name="analytics"),
    path("new/", problems.new, name="new"),
    path("my/", queues.mine, name="mine"),
    path("moderation/", moderating.moderation, name="moderation"),
    path("moderation/bulk/", moderating.bulk, name="bulk"),
    path("queue/", queues.expert_queue, name="queue"),
    path("overdue/", queues.overdue, name="overdue"),
    path("clusters/", queues.clusters, name="clusters"),
    path("clusters/new/", moderating.cluster_new, name="cluster_new"),
    path("clusters/<int:pk>/", queues.cluster, name="cluster"),
    path("clusters/<int:pk>/edit/", moderating.cluster_edit, name="cluster_edit"),
    path("clusters/<int:pk>/problems/", moderating.cluster_problems, name="cluster_problems"),
    path("problems/<int:pk>/", problems.detail, name="problem"),
    path("problems/<int:pk>/edit/", problems.edit, name="edit"),
    path("problems/<int:pk>/files/<int:file_pk>/", problems.attachment, name="attachment"),
    path("problems/<int:pk>/coauthor/", problems.confirm_coauthor, name="confirm_coauthor"),
    path("problems/<int:pk>/support/", problems.support, name="support"),
    path("problems/<int:pk>/withdraw/", problems.withdraw, name="withdraw"),
    path("problems/<int:pk>/rate/", problems.rate, name="rate"),
    path("problems/<int:pk>/answer/", actions.answer, name="answer"),
    path("problems/<int:pk>/review/", actions.review, name="review"),
    path("problems/<int:pk>/merge/", actions.merge, name="merge"),
    path("problems/<int:pk>/split/", moderating.split, name="split"),
    path("problems/<int:pk>/reassign/", actions.reassign, name="reassign"),
    path("problems/<int:pk>/note/", actions.note, name="note"),
    path("problems/<int:pk>/milestone/", actions.milestone, name="milestone"),
    path("problems/<int:pk>/<str:action>/", actions.transition, name="transition"),
]
