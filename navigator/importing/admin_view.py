"""Upload of an import file in Wagtail admin: the same import as `manage.py import_measures`."""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from navigator.importing.errors import ImportRejected
from navigator.importing.importer import import_measures
from navigator.importing.readers import FORMATS, MAX_FILE_BYTES, file_format


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
        try:
            file_format(upload.name)
        except ImportRejected as error:
            raise forms.ValidationError(error.errors) from error
        return upload


@permission_required("navigator.add_supportmeasure", raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_view(request):
    """Editors: upload a file of measures; new and changed ones go to moderation."""
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "formats": FORMATS}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            context["report"] = import_measures(
                upload.name,
                upload.read(),
                user=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
        except ImportRejected as error:
            context["errors"] = error.errors
    return render(request, "navigator/admin/import.html", context)
