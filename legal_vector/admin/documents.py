from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from legal_vector.importing.files import SUPPORTED, UnreadableFile, text_from_bytes
from legal_vector.importing.importer import ImportOptions, MalformedAct, import_text
from legal_vector.models import (
    Bookmark,
    BookmarkFolder,
    Document,
    DocumentKind,
    DocumentStatus,
    Edition,
    Reference,
    StructuralUnit,
    Subscription,
    Topic,
)

UPLOAD_LIMIT = 20 * 1024 * 1024


class UploadActForm(forms.Form):
    file = forms.FileField(label="Файл акта", help_text="Форматы .txt, .html, .docx; до 20 МБ.")
    kind = forms.ChoiceField(
        label="Вид", choices=[("", "определить по тексту"), *DocumentKind.choices], required=False
    )
    number = forms.CharField(label="Номер", required=False, max_length=64)
    adopted_on = forms.DateField(label="Дата принятия", required=False)
    title = forms.CharField(label="Название", required=False, max_length=1000)
    issuing_body = forms.CharField(label="Принявший орган", required=False, max_length=300)
    edition_date = forms.DateField(label="Дата редакции", required=False)
    status = forms.ChoiceField(
        label="Статус", choices=[("", "не менять"), *DocumentStatus.choices], required=False
    )
    topics = forms.ModelMultipleChoiceField(
        label="Темы", queryset=Topic.objects.all(), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if suffix not in SUPPORTED:
            raise forms.ValidationError("Загрузите файл .txt, .html или .docx.")
        if upload.size > UPLOAD_LIMIT:
            raise forms.ValidationError("Файл больше 20 МБ.")
        try:
            self.cleaned_data["text"] = text_from_bytes(upload.read(), suffix)
        except UnreadableFile as error:
            raise forms.ValidationError(str(error)) from error
        return upload

    def options(self):
        data = self.cleaned_data
        return ImportOptions(
            kind=data.get("kind") or "",
            number=data.get("number") or "",
            adopted_on=data.get("adopted_on"),
            title=data.get("title") or "",
            issuing_body=data.get("issuing_body") or "",
            edition_date=data.get("edition_date"),
            status=data.get("status") or "",
            topics=[topic.slug for topic in data.get("topics") or []],
        )


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent", "sphere", "order"]
    list_select_related = ["parent", "sphere"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class EditionInline(admin.TabularInline):
    model = Edition
    fields = ["valid_from", "valid_to", "is_current", "amending_act", "source_name"]
    readonly_fields = ["valid_to", "is_current", "source_name"]
    extra = 0
    show_change_link = True


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "number", "adopted_on", "status", "level"]
    list_filter = ["kind", "status", "level", "topics"]
    search_fields = ["title", "number", "register_number"]
    date_hierarchy = "adopted_on"
    autocomplete_fields = ["region", "municipality"]
    filter_horizontal = ["topics"]
    readonly_fields = ["imported_at", "checksum", "view_count", "created_at", "updated_at"]
    inlines = [EditionInline]
    change_list_template = "legal_vector/admin/document_changelist.html"

    def get_urls(self):
        upload = self.admin_site.admin_view(self.upload_view)
        return [path("upload/", upload, name="legal_vector_document_upload"), *super().get_urls()]

    def upload_view(self, request):
        """Staff with the right to add documents: import an act from a file."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadActForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                result = import_text(
                    form.cleaned_data["text"], form.options(), form.cleaned_data["file"].name
                )
            except MalformedAct as error:
                form.add_error(None, f"{error} Ничего не импортировано.")
            else:
                messages.success(request, result.summary)
                for warning in result.warnings:
                    messages.warning(request, warning)
                url = reverse("admin:legal_vector_document_change", args=[result.document.pk])
                return redirect(url)
        context = {
            **self.admin_site.each_context(request),
            "title": "Загрузить правовой акт",
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "legal_vector/admin/upload.html", context)


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["document", "valid_from", "valid_to", "is_current"]
    list_select_related = ["document"]
    list_filter = ["is_current"]
    search_fields = ["document__title", "document__number"]
    raw_id_fields = ["document"]
    readonly_fields = ["checksum", "warnings", "imported_at"]


@admin.register(StructuralUnit)
class StructuralUnitAdmin(admin.ModelAdmin):
    list_display = ["stable_key", "short_label", "kind", "document", "edition"]
    list_select_related = ["document", "edition"]
    list_filter = ["kind", "is_repealed"]
    search_fields = ["stable_key", "document__number"]
    raw_id_fields = ["edition", "document", "parent"]
    show_full_result_count = False


@admin.register(Reference)
class ReferenceAdmin(admin.ModelAdmin):
    list_display = ["text", "source_unit", "target_document", "target_key"]
    list_select_related = ["source_unit", "target_document"]
    raw_id_fields = ["source_unit", "target_document"]
    search_fields = ["text"]
    show_full_result_count = False


@admin.register(BookmarkFolder)
class BookmarkFolderAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "created_at"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]


@admin.register(Bookmark)
class BookmarkAdmin(admin.ModelAdmin):
    list_display = ["document", "label", "user", "folder", "created_at"]
    list_select_related = ["document", "user", "folder"]
    raw_id_fields = ["user", "document", "folder"]


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["document", "label", "user", "created_at"]
    list_select_related = ["document", "user"]
    raw_id_fields = ["user", "document"]
