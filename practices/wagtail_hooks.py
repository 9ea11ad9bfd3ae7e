"""Practices in Wagtail admin: a snippet with drafts, revisions and moderation."""

from django import forms
from wagtail import hooks
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.municipalities.models import Municipality
from practices.attachment_forms import AttachmentAdminForm, IndicatorAdminForm
from practices.models import MAX_ATTACHMENTS, Practice


class MunicipalityFilterForm(BaseFilterForm):
    q = forms.CharField(label="Название или код ОКТМО", required=False, max_length=100)

    def filter(self, objects):
        text = (self.cleaned_data.get("q") or "").strip()
        if not text:
            return objects
        self.is_searching, self.search_query = True, text
        if text.isdigit():
            return objects.filter(oktmo__startswith=text)
        return objects.search(text)


class MunicipalityChooserMixin:
    """A searchable list instead of a select: the full ОКТМО holds tens of thousands of rows."""

    filter_form_class = MunicipalityFilterForm

    def get_object_list(self):
        return Municipality.objects.select_related("region")

    @property
    def columns(self):
        return [
            *super().columns,
            Column("kind", label="Тип", accessor="get_kind_display"),
            Column("region", label="Субъект РФ"),
        ]


class MunicipalityChooseView(MunicipalityChooserMixin, ChooseView):
    pass


class MunicipalityChooseResultsView(MunicipalityChooserMixin, ChooseResultsView):
    pass


class MunicipalityChooserViewSet(ChooserViewSet):
    model = Municipality
    icon = "site"
    choose_one_text = "Выбрать муниципальное образование"
    choose_another_text = "Выбрать другое"
    # Only the practice form uses it; other apps' forms keep their own widgets.
    register_widget = False
    choose_view_class = MunicipalityChooseView
    choose_results_view_class = MunicipalityChooseResultsView


municipality_chooser = MunicipalityChooserViewSet("practices_municipality_chooser")


@hooks.register("register_admin_viewset")
def register_municipality_chooser():
    return municipality_chooser


class AttachmentPanel(InlinePanel):
    """Files of a practice in the snippet, checked like the author's uploads on the site."""

    form_class = AttachmentAdminForm

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["form"] = self.form_class
        return options


class IndicatorPanel(AttachmentPanel):
    """Indicators: the evidence file gets the same checks."""

    form_class = IndicatorAdminForm


class PracticeViewSet(SnippetViewSet):
    model = Practice
    icon = "pick"
    menu_label = "Муниципальные практики"
    menu_name = "practices"
    add_to_admin_menu = True
    menu_order = 320
    list_display = ["title", "municipality", "started_year", "status", "updated_at"]
    list_filter = ["status", "started_year"]
    search_fields = ["title"]
    list_per_page = 50
    ordering = ["-updated_at"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title"),
                    FieldPanel("slug"),
                    FieldPanel("municipality", widget=municipality_chooser.widget_class),
                    FieldPanel("spheres", widget=forms.CheckboxSelectMultiple),
                    FieldRowPanel([FieldPanel("started_year"), FieldPanel("budget")]),
                    FieldPanel("key_result"),
                ],
                heading="Основное",
            ),
            ObjectList(
                [
                    FieldPanel("problem"),
                    FieldPanel("solution"),
                    FieldPanel("results"),
                    FieldPanel("funding_sources"),
                ],
                heading="Проблема, решение, результаты",
            ),
            ObjectList(
                [
                    IndicatorPanel(
                        "indicators",
                        heading="Показатели: было → стало",
                        label="Показатель",
                        panels=[
                            FieldPanel("name"),
                            FieldRowPanel(
                                [FieldPanel("unit"), FieldPanel("before"), FieldPanel("after")]
                            ),
                            FieldRowPanel([FieldPanel("target"), FieldPanel("measured_on")]),
                            FieldRowPanel(
                                [FieldPanel("evidence_url"), FieldPanel("evidence_file")]
                            ),
                        ],
                    ),
                    InlinePanel(
                        "budget_lines",
                        heading="Бюджет по источникам",
                        label="Строка бюджета",
                        panels=[FieldRowPanel([FieldPanel("source"), FieldPanel("amount")])],
                    ),
                ],
                heading="Показатели и бюджет",
            ),
            ObjectList(
                [
                    AttachmentPanel(
                        "attachments",
                        heading="Документы и фотографии",
                        label="Файл",
                        max_num=MAX_ATTACHMENTS,
                        panels=[FieldPanel("file"), FieldPanel("caption")],
                    )
                ],
                heading="Файлы",
            ),
            ObjectList(
                [FieldPanel("support_measures"), FieldPanel("legal_documents")],
                heading="Меры поддержки и правовые акты",
            ),
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_position")]),
                    FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
                    FieldPanel("author", read_only=True),
                ],
                heading="Контакты",
            ),
            ObjectList(
                [FieldRowPanel([FieldPanel("go_live_at"), FieldPanel("expire_at")])],
                heading="Публикация по расписанию",
            ),
        ]
    )


register_snippet(PracticeViewSet)
