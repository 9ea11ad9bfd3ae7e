from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from legal_vector.importing.codes import PARTS, POINTS
from legal_vector.importing.files import SUPPORTED, SUPPORTED_LABEL, UnreadableFile, check_archive
from legal_vector.importing.importer import ImportOptions
from legal_vector.importing.manifest import FIELDS
from legal_vector.models import (
    Bookmark,
    BookmarkFolder,
    Document,
    DocumentKind,
    DocumentLevel,
    DocumentStatus,
    Edition,
    ImportJob,
    Reference,
    StructuralUnit,
    Subscription,
    Topic,
)
from legal_vector.search.indexes import UNIT_INDEX
from legal_vector.tasks import run_import_job
from portal.municipalities.models import Region
from portal.outbox import enqueue_on_commit
from portal.search.tasks import queue_postings

UPLOAD_LIMIT = 20 * 1024 * 1024


class UploadActForm(forms.Form):
    file = forms.FileField(label="Файл акта", help_text=f"Форматы {SUPPORTED_LABEL}; до 20 МБ.")
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
    level = forms.ChoiceField(
        label="Уровень",
        choices=[("", "по виду акта"), *DocumentLevel.choices],
        required=False,
    )
    region = forms.ModelChoiceField(
        label="Субъект РФ",
        queryset=Region.objects.order_by("code"),
        to_field_name="code",
        required=False,
        help_text="Для региональных и муниципальных актов.",
    )
    municipality = forms.CharField(
        label="Код ОКТМО муниципального образования",
        required=False,
        max_length=11,
        help_text="Для муниципальных актов; субъект РФ тогда берётся из справочника.",
    )
    register_number = forms.CharField(label="Номер в регистре МПА", required=False, max_length=40)
    amending_act = forms.CharField(
        label="Изменяющий акт",
        required=False,
        max_length=500,
        help_text="Для новой редакции: каким актом внесены изменения.",
    )
    citation_name = forms.CharField(
        label="Название для цитаты",
        required=False,
        max_length=300,
        help_text="В родительном падеже. Если пусто: у кодекса — из названия («Жилищного "
        "кодекса Российской Федерации»), у остальных — вид, дата и номер.",
    )
    numbered_items = forms.ChoiceField(
        label="«1.» в статьях",
        choices=[("", "определить по названию кодекса"), (PARTS, "части"), (POINTS, "пункты")],
        required=False,
    )
    topics = forms.ModelMultipleChoiceField(
        label="Темы", queryset=Topic.objects.all(), required=False
    )

    def clean_file(self):
        """Type, size and (for .docx) the archive's limits: checked here, before anything is
        parsed; the text itself is read by the import job in Celery."""
        upload = self.cleaned_data["file"]
        suffix = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if suffix not in SUPPORTED:
            raise forms.ValidationError(f"Загрузите файл {SUPPORTED_LABEL}.")
        if upload.size > UPLOAD_LIMIT:
            raise forms.ValidationError("Файл больше 20 МБ.")
        content = upload.read()
        try:
            if suffix == ".docx":
                check_archive(content, main_member="word/document.xml", what=".docx")
        except UnreadableFile as error:
            raise forms.ValidationError(str(error)) from error
        self.cleaned_data["content"] = content
        return upload

    def option_values(self):
        """The options as a manifest row (`importing/manifest.py`), stored with the job."""
        options = self.options()
        values = {key: getattr(options, attribute) for key, attribute in FIELDS.items()}
        values = {
            key: value.isoformat() if hasattr(value, "isoformat") else value
            for key, value in values.items()
            if value
        }
        return {**values, "topics": options.topics}

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
            level=data.get("level") or "",
            region=data["region"].code if data.get("region") else "",
            municipality=(data.get("municipality") or "").strip(),
            register_number=data.get("register_number") or "",
            amending_act=data.get("amending_act") or "",
            citation_name=data.get("citation_name") or "",
            numbered_items=data.get("numbered_items") or "",
            topics=[topic.slug for topic in data.get("topics") or []],
        )


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent", "sphere", "order"]
    list_select_related = ["parent", "sphere"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


# Which edition is current and the periods of the editions are kept in order by
# Edition.make_current() during an import; edited by hand they could leave a document with no
# current edition or with overlapping periods, so the admin only shows them.
EDITION_PERIOD_FIELDS = ["valid_from", "valid_to", "is_current"]


class EditionInline(admin.TabularInline):
    model = Edition
    fields = ["valid_from", "valid_to", "is_current", "amending_act", "source_name"]
    readonly_fields = [*EDITION_PERIOD_FIELDS, "source_name"]
    extra = 0
    can_delete = False  # deleting goes through EditionAdmin, which keeps the periods in order
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False  # an edition comes with its text: upload it


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
            job = ImportJob.objects.create(
                file_name=form.cleaned_data["file"].name[:300],
                content=form.cleaned_data["content"],
                options=form.option_values(),
                created_by=request.user,
            )
            enqueue_on_commit(run_import_job, job.pk)
            messages.info(request, "Файл принят: импорт идёт в фоне, его состояние — ниже.")
            return redirect(reverse("admin:legal_vector_importjob_change", args=[job.pk]))
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
    readonly_fields = ["document", *EDITION_PERIOD_FIELDS, "checksum", "warnings", "imported_at"]

    def has_add_permission(self, request):
        return False  # an edition comes with its text: upload it

    def has_delete_permission(self, request, obj=None):
        # The current edition goes only with its document; an older one may be removed.
        return super().has_delete_permission(request, obj) and not (obj and obj.is_current)

    def delete_model(self, request, obj):
        self.delete_queryset(request, Edition.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        """Delete older editions only, then close the gaps they leave in the periods."""
        older = queryset.filter(is_current=False)
        documents = set(older.values_list("document_id", flat=True))
        super().delete_queryset(request, older)
        for edition in Edition.objects.current().filter(document_id__in=documents):
            edition.make_current()
        queue_postings(UNIT_INDEX)


@admin.register(StructuralUnit)
class StructuralUnitAdmin(admin.ModelAdmin):
    list_display = ["stable_key", "short_label", "kind", "document", "edition"]
    list_select_related = ["document", "edition"]
    list_filter = ["kind", "is_repealed"]
    search_fields = ["stable_key", "document__number"]
    raw_id_fields = ["edition", "document", "parent"]
    show_full_result_count = False

    # An edited text or a deleted unit: the search postings are out of date from the commit
    # (the table's trigger) and rebuilt after it.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        queue_postings(UNIT_INDEX)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        queue_postings(UNIT_INDEX)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        queue_postings(UNIT_INDEX)


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


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """The status of uploads: whoever may upload acts sees them; nobody edits them."""

    list_display = ["file_name", "status_label", "document", "created_by", "created_at"]
    list_select_related = ["document", "created_by"]
    list_filter = ["status"]
    fields = [
        "file_name",
        "status_label",
        "report",
        "warnings",
        "document",
        "created_by",
        "created_at",
        "started_at",
        "finished_at",
    ]
    readonly_fields = fields

    @admin.display(description="состояние")
    def status_label(self, obj):
        return obj.status_label

    def has_add_permission(self, request):
        return False  # a job comes from an upload

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or request.user.has_perm(
            "legal_vector.add_document"
        )
