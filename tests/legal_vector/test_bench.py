import io

import pytest

from legal_vector import bench
from legal_vector.models import Document, StructuralUnit

pytestmark = pytest.mark.django_db


def test_generator_writes_documents_with_units_and_resumes_without_duplicates():
    out = io.StringIO()

    bench.generate(0.001, out)
    bench.generate(0.001, out)

    generated = Document.objects.filter(number__startswith="BENCH-0")
    assert generated.count() == 20
    per_document = StructuralUnit.objects.filter(document=generated.first()).count()
    assert per_document == 50
    assert StructuralUnit.objects.filter(document_id=bench.LARGE_DOCUMENT_ID).count() == 1411


def test_generated_units_are_searchable_through_the_database_vector():
    bench.generate(0.0005, io.StringIO())

    unit = StructuralUnit.objects.filter(kind="part").first()

    assert unit.search_vector
    assert StructuralUnit.objects.filter(search_vector="бюджет").exists()


def test_large_bench_document_page_runs_a_bounded_number_of_queries(
    client, employee, django_assert_max_num_queries
):
    bench.generate(0.0005, io.StringIO())
    client.force_login(employee)
    path = dict((name, path) for name, path, _ in bench.BENCH_URLS)["legal: large document"]

    # With every cache cold: the document's parts, the reader's session, user, municipality,
    # pins and notifications.
    with django_assert_max_num_queries(17):
        response = client.get(path)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="st20/ch1/p3"' in html and 'id="st21"' not in html
    assert '<a href="?part=gl10#st200">' in html
