"""Editors manage quizzes, programmes, certificate templates and webinars as Wagtail snippets."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from academy.models import CertificateTemplate, Cohort, Programme, Quiz, Webinar


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "tick"
    list_display = ["title", "pass_mark", "attempt_limit", "time_limit_minutes"]
    search_fields = ["title"]


class ProgrammeViewSet(SnippetViewSet):
    model = Programme
    icon = "list-ol"
    list_display = ["title", "slug"]


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"


class WebinarViewSet(SnippetViewSet):
    model = Webinar
    icon = "media"
    list_display = ["title", "starts_at", "seats"]
    panels = [
        "title",
        "course",
        "description",
        "speaker",
        "starts_at",
        "minutes",
        "platform_url",
        "seats",
        "recording_url",
        "materials",
    ]


class CohortViewSet(SnippetViewSet):
    model = Cohort
    icon = "group"
    list_display = ["title", "course", "starts_on", "ends_on"]
    panels = ["course", "title", "starts_on", "ends_on"]


class AcademyGroup(SnippetViewSetGroup):
    menu_label = "Академия"
    menu_icon = "folder-open-inverse"
    items = (
        QuizViewSet,
        ProgrammeViewSet,
        CertificateTemplateViewSet,
        WebinarViewSet,
        CohortViewSet,
    )


register_snippet(AcademyGroup)
