import io, time
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from navigator import bench
from tests.factories import UserFactory, MunicipalityFactory
from portal.municipalities.models import Municipality

@pytest.mark.django_db
def test_perf(client):
    t = time.perf_counter(); bench.generate(1, io.StringIO()); print("generate", time.perf_counter() - t)
    m = Municipality.objects.filter(kind="urban_okrug").first()
    user = UserFactory(municipality=m)
    client.force_login(user)
    for path in [bench.MEASURE_PATH, "/navigator/for-me/", "/navigator/for-me/?page=5"]:
        client.get(path)
        with CaptureQueriesContext(connection) as q:
            t = time.perf_counter()
            for _ in range(10):
                r = client.get(path)
            dt = (time.perf_counter() - t) / 10
        print(path, r.status_code, f"{dt*1000:.1f} ms", len(q.captured_queries) // 10, "queries")
    t = time.perf_counter()
    for _ in range(50):
        client.get("/bench/trivial") 
    print("trivial-ish", (time.perf_counter() - t) / 50 * 1000)
    assert 0
