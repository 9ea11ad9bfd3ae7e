import io, time
import pytest
from django.db import connection
from legal_vector import bench
from legal_vector.models import Document, StructuralUnit

@pytest.mark.django_db(transaction=True)
def test_bench_timing(client):
    out = io.StringIO()
    t = time.monotonic(); bench.generate(0.1, out); gen = time.monotonic() - t
    print("GEN scale 0.1:", round(gen, 1), "s", Document.objects.count(), "docs", StructuralUnit.objects.count(), "units")
    path = f"/legal/documents/{bench.LARGE_DOCUMENT_ID}/"
    client.get(path)
    t = time.monotonic()
    for _ in range(20): client.get(path)
    print("DOC warm avg ms:", round((time.monotonic() - t) / 20 * 1000, 1))
    t = time.monotonic()
    for _ in range(20): client.get("/legal/")
    print("LANDING avg ms:", round((time.monotonic() - t) / 20 * 1000, 1))
