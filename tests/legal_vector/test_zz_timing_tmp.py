import io, time
import pytest
from legal_vector import bench

@pytest.mark.django_db
def test_timing(client):
    t=time.monotonic(); bench.generate(0.0005, io.StringIO()); print("gen", time.monotonic()-t)
    path=f"/legal/documents/{bench.LARGE_DOCUMENT_ID}/"
    for i in range(3):
        t=time.monotonic(); r=client.get(path); print("page", i, time.monotonic()-t, len(r.content))
    t=time.monotonic(); r=client.get(path+"?unit=st5/ch1"); print("unit", time.monotonic()-t)
