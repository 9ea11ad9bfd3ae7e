"""Import pages in Wagtail admin: upload a file, the list of uploads, one upload's report.

The upload is validated here (type, size, first bytes), stored and queued; the import itself
runs in a Celery task (`navigator.tasks.run_measure_import`), the same import as
`manage.py import_measures`. Without a broker the task runs at once, so the editor lands on
the finished report; with one they land on a record that says «в очереди».
"""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.admin.paginator import WagtailPaginator

from navigator.importing.errors import ImportRejected
from navigator.importing.readers import FORMATS, MAX_FILE_BYTES, check_content
from navigator.models import MeasureImport
from navigator.tasks import run_measure_import
from portal.outbox import enqueue_on_commit

EDITORS = "navigator.add_supportmeasure"
RECENT_SHOWN = 5
PER_PAGE = 50
# Enough of the file to recognise its type; the rest is read by the task.
HEAD_BYTES = 8192


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Файл с мерами",
        help_text="CSV (UTF-8), XLSX или JSON до 5 МБ; формат описан в docs/navigator-import.md.",
    )
    dry_run = forms.BooleanField(
        label="Только показать, что изменится", required=False, initial=True
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError("Файл больше 5 МБ: разбейте его на части.")
        head = upload.read(HEAD_BYTES)
        upload.seek(0)
        try:
            check_content(upload.name, head)
        except ImportRejected as error:
            raise forms.ValidationError(error.errors) from error
        return upload


def queue_import(upload, *, user, dry_run):
    """Store the upload as a record and run it in a task once the record is committed."""
    record = MeasureImport.objects.create(
        user=user, file=upload, file_name=upload.name[:255], dry_run=dry_run
    )
    enqueue_on_commit(run_measure_import, record.pk)
    return record


@permission_required(EDITORS, raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_view(request):
    """Editors: upload a file of measures; new and changed ones go to moderation."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        record = queue_import(
            form.cleaned_data["file"], user=request.user, dry_run=form.cleaned_data["dry_run"]
        )
        return redirect(record)
    recent = MeasureImport.objects.select_related("user")[:RECENT_SHOWN]
    context = {"form": form, "formats": FORMATS, "imports": recent}
    return render(request, "navigator/admin/import.html", context)


@permission_required(EDITORS, raise_exception=True)
@require_GET
def import_list(request):
    """Editors: every upload, newest first, with its state and counts."""
    paginator = WagtailPaginator(MeasureImport.objects.select_related("user"), PER_PAGE)
    page = paginator.get_page(request.GET.get("p"))
    context = {
        "page_obj": page,
        "imports": page.object_list,
        "elided_page_range": paginator.get_elided_page_range(page.number),
    }
    return render(request, "navigator/admin/import_list.html", context)


@permission_required(EDITORS, raise_exception=True)
@require_GET
def import_detail(request, pk):
    """Editors: one upload's state, counts, planned or applied rows, and row-level errors."""
    record = get_object_or_404(MeasureImport.objects.select_related("user"), pk=pk)
    return render(request, "navigator/admin/import_detail.html", {"record": record})
