"""A web process loads what pages need, not the libraries of rare work: openpyxl (exports and
imports, ~40 MB) and fpdf with its font tools (certificate PDFs in Celery, ~60 MB) are imported
where they are used. The master loads the site before forking (`preload_app`), so anything
imported at start is in every worker."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("openpyxl", "fpdf", "fontTools", "qrcode")


def test_loading_the_site_imports_no_export_or_pdf_library():
    script = (
        "import sys, django; django.setup();"
        "from portal.wsgi import application;"
        "from django.urls import get_resolver; get_resolver().url_patterns;"
        f"print('LOADED:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    (line,) = [line for line in loaded.stdout.splitlines() if line.startswith("LOADED:")]
    assert line == "LOADED:"
