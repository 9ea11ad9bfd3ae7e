from django.urls import path

from academy.views import (
    catalogue,
    certificates,
    feedback,
    lessons,
    manage,
    programmes,
    quizzes,
    reports,
    webinars,
)

app_name = "academy"

urlpatterns = [
    path("", catalogue.catalogue, name="index"),
    path("my/", catalogue.my_learning, name="my"),
    path("courses/<int:course_id>/enrol/", catalogue.enrol, name="enrol"),
    path("courses/<int:course_id>/leave/", catalogue.leave, name="leave"),
    path("courses/<int:course_id>/feedback/", catalogue.feedback, name="feedback"),
    path("lessons/<int:lesson_id>/", lessons.lesson, name="lesson"),
    path("lessons/<int:lesson_id>/complete/", catalogue.complete_lesson, name="complete_lesson"),
    path(
        "courses/<int:course_id>/quizzes/<int:quiz_id>/start/",
        quizzes.start_attempt,
        name="start_attempt",
    ),
    path("attempts/<uuid:attempt_id>/", quizzes.attempt_page, name="attempt"),
    path("programmes/", programmes.programme_list, name="programmes"),
    path("programmes/<slug:slug>/", programmes.programme_detail, name="programme"),
    path("certificates/", certificates.lookup, name="certificate_lookup"),
    path("certificates/<uuid:uuid>/", certificates.verify, name="certificate_verify"),
    path("certificates/<uuid:uuid>/pdf/", certificates.certificate_pdf, name="certificate_pdf"),
    path(
        "certificates/<uuid:uuid>/credential.json",
        certificates.certificate_credential,
        name="certificate_credential",
    ),
    path("certificates/<uuid:uuid>/revoke/", certificates.revoke, name="certificate_revoke"),
    path("issuer/", certificates.issuer, name="issuer"),
    path("webinars/", webinars.webinar_list, name="webinars"),
    path("webinars/<int:webinar_id>/", webinars.webinar_detail, name="webinar"),
    path("webinars/<int:webinar_id>/register/", webinars.webinar_register, name="webinar_register"),
    path("webinars/<int:webinar_id>/calendar.ics", webinars.webinar_ics, name="webinar_ics"),
    path("manage/requests/", manage.requests, name="requests"),
    path("manage/requests/<int:enrollment_id>/", manage.decide, name="decide"),
    path("manage/assign/", manage.assign, name="assign"),
    path("manage/accommodations/", manage.accommodations, name="accommodations"),
    path("manage/feedback/", feedback.feedback_summary, name="feedback_summary"),
    path("manage/feedback/<int:course_id>/", feedback.feedback_course, name="feedback_course"),
    path(
        "manage/feedback/<int:course_id>/export.csv",
        feedback.feedback_export,
        name="feedback_export",
    ),
    path("reports/", reports.report, name="report"),
    path("reports/export.<str:fmt>", reports.report_export, name="report_export"),
]
