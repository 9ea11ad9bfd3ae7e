"""One-dimensional PostgreSQL arrays of numbers read straight into NumPy arrays.

A common search word is in ~150,000 rows of a list: its ids and ranks as Python ints and
floats, parsed from text, raise a worker's memory by ~30 MB for the moment, and the allocator
keeps most of it. Read in binary, each array is one buffer that NumPy views as it comes.
"""

import numpy as np
import psycopg
from django.db import connection
from psycopg.adapt import Loader
from psycopg.pq import Format

# The element types read this way (their array oids): the ids of a list and their ranks.
ARRAY_ITEMS = {1007: ">i4", 1016: ">i8", 1021: ">f4"}  # int4[], int8[], float4[]


class _NumberArray(Loader):
    """The binary form: a header (dimensions, a null flag, the element type, then size and
    lower bound per dimension) and each element as its length and its big-endian value."""

    format = Format.BINARY
    item = ">i8"

    def load(self, data) -> np.ndarray:
        buffer = memoryview(data)
        dimensions = int.from_bytes(buffer[0:4], "big")
        if dimensions == 0:
            return np.empty(0, dtype=self.item[1:])
        if dimensions != 1 or int.from_bytes(buffer[4:8], "big"):
            raise ValueError("only one-dimensional arrays without NULL are read as NumPy arrays")
        rows = np.frombuffer(
            buffer, dtype=np.dtype([("length", ">i4"), ("value", self.item)]), offset=20
        )
        return rows["value"].astype(self.item[1:])


LOADERS = {
    oid: type(f"Array{oid}", (_NumberArray,), {"item": item}) for oid, item in ARRAY_ITEMS.items()
}


def numbers_cursor():
    """A cursor of the default connection whose number arrays come back as NumPy arrays; it
    goes through Django's cursor wrapper, so query logging and counting see its statements.

    Django's cursors bind parameters on the client, which cannot return binary results: this
    one binds them on the server (the same SQL with `%s` placeholders)."""
    connection.ensure_connection()
    raw = psycopg.Cursor(connection.connection)
    raw.format = Format.BINARY
    for oid, loader in LOADERS.items():
        raw.adapters.register_loader(oid, loader)
    return (
        connection.make_debug_cursor(raw)
        if connection.queries_logged
        else connection.make_cursor(raw)
    )
