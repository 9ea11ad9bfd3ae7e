"""Writing to Elasticsearch: the registry of indexes, bulk updates, syncs, rebuilds behind an
alias, and the consistency check (only with ELASTICSEARCH_URL).

Every index is read and written through its alias (`es_analysis.index_name`). A rebuild
creates `<alias>-<timestamp>`, loads it in bulk, points the alias at it in one atomic
`_aliases` request and deletes the index it replaced: searches never see an empty or half
filled index. Rows saved while a rebuild loads are written to both indexes (`sync_rows`),
and the load itself only creates documents, so it never overwrites a fresher copy.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import chain

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone
from elasticsearch_dsl import Search, connections

from portal.search.es_analysis import push_synonyms

logger = logging.getLogger(__name__)

BULK_CHUNK = 500
# While a rebuild loads an index, syncs also write there; the mark outlives a stuck rebuild
# by no more than this.
REBUILD_MARK_SECONDS = 6 * 3600
LOAD_SETTINGS = {"refresh_interval": "-1"}
SERVING_SETTINGS = {"refresh_interval": "1s"}


def client():
    """The shared connection, created on first use (never at import).

    One retry and a 10 s limit: a search page falls back to PostgreSQL instead of waiting, and
    a task leaves retrying to Celery's backoff."""
    try:
        return connections.get_connection()
    except KeyError:
        return connections.create_connection(
            hosts=[settings.ELASTICSEARCH_URL], request_timeout=10, max_retries=1
        )


@dataclass(frozen=True)
class IndexedRows:
    """An index and the rows it must hold: `rows()` returns them ready for the document's
    `from_instance` (related rows selected); `alias` defaults to the document's index name."""

    document: type
    rows: Callable[[], QuerySet]
    alias_name: str = ""
    model: type | None = None

    @property
    def alias(self) -> str:
        return self.alias_name or self.document._index._name

    @property
    def model_label(self) -> str:
        return (self.model or self.rows().model)._meta.label


_REGISTERED: dict[str, IndexedRows] = {}


def register_rebuild(document_class, rows, model=None) -> None:
    """Declare `document_class`'s index and the rows it holds, for syncs, rebuilds and the
    consistency check. `rows()` returns every row the index should hold (of `model`)."""
    entry = IndexedRows(document_class, rows, model=model)
    _REGISTERED[entry.alias] = entry


def rebuildable() -> dict[str, IndexedRows]:
    """Alias → `IndexedRows` of every registered index."""
    return dict(_REGISTERED)


def for_alias(alias: str) -> IndexedRows:
    return _REGISTERED[alias]


# -- Writing documents --------------------------------------------------------------------------


def bulk_update(document_class, rows=(), removed=(), index=None, create_only=False) -> int:
    """Index `rows` as `document_class` documents and remove the ids `removed`, in requests of
    `BULK_CHUNK` actions, into `index` (the document's alias by default); returns how many
    actions succeeded. `create_only` skips a document the index already has."""
    if isinstance(rows, QuerySet):
        rows = rows.iterator(chunk_size=BULK_CHUNK)
    operation = "create" if create_only else "index"
    documents = (
        {"_op_type": operation, "_id": doc.meta.id, "_source": doc}
        for doc in (document_class.from_instance(row) for row in rows)
    )
    deletions = ({"_op_type": "delete", "_id": pk} for pk in removed)
    # 404: an id never indexed has nothing to remove; 409: `create` found a fresher copy.
    done, _ = document_class.bulk(
        chain(documents, deletions),
        using=client(),
        index=index,
        chunk_size=BULK_CHUNK,
        ignore_status=(404, 409),
    )
    return done


def _rebuild_mark(alias: str) -> str:
    return f"portal.search.rebuilding.{alias}"


def sync_rows(entry: IndexedRows, pks: Iterable) -> int:
    """Index the rows `pks` the index holds as they now stand in the database and remove the
    others (deleted, unpublished): idempotent, so a repeated or late sync does no harm."""
    pks = set(pks)
    rows = list(entry.rows().filter(pk__in=pks))
    removed = pks - {row.pk for row in rows}
    done = bulk_update(entry.document, rows=rows, removed=removed, index=entry.alias)
    loading = cache.get(_rebuild_mark(entry.alias))
    if loading:
        bulk_update(entry.document, rows=rows, removed=removed, index=loading)
    return done


# -- Creating and rebuilding indexes ------------------------------------------------------------


def _timestamped(alias: str) -> str:
    return f"{alias}-{timezone.now():%Y%m%d%H%M%S%f}"


def create_index(entry: IndexedRows, serving: bool = True) -> str:
    """Create a new physical index for `entry` with the document's mapping and analysis."""
    name = _timestamped(entry.alias)
    index = entry.document._index.clone(name=name)
    index.settings(**(SERVING_SETTINGS if serving else LOAD_SETTINGS))
    index.create(using=client())
    return name


def _behind_alias(es, alias: str) -> tuple[list[str], bool]:
    """The indexes the alias points at, and whether a plain index holds the alias's name (one
    written before aliases, or auto-created by a write to a missing alias)."""
    aliased = es.options(ignore_status=404).indices.get_alias(name=alias)
    if aliased.meta.status == 200:
        return sorted(aliased.body), False
    return [], bool(es.indices.exists(index=alias))


def _point_alias(es, alias: str, new: str, old: list[str], squatter: bool) -> None:
    actions = [{"add": {"index": new, "alias": alias}}]
    actions += [{"remove": {"index": name, "alias": alias}} for name in old]
    if squatter:
        actions.append({"remove_index": {"index": alias}})
    # One request: readers see the old index or the new one, never neither.
    es.indices.update_aliases(actions=actions)


def ensure_index(entry: IndexedRows) -> None:
    """Give a fresh cluster the alias and an empty index before the first write, so a sync
    never auto-creates an index with guessed mappings. Rows arrive with syncs and rebuilds."""
    es = client()
    old, squatter = _behind_alias(es, entry.alias)
    if old:
        return
    push_synonyms(es)
    _point_alias(es, entry.alias, create_index(entry), [], squatter)


def rebuild(entry: IndexedRows) -> int:
    """Fill a new index with every row and swap the alias to it without downtime; returns the
    number of documents loaded. A failed load deletes the new index and leaves the alias."""
    es = client()
    push_synonyms(es)
    new = create_index(entry, serving=False)
    cache.set(_rebuild_mark(entry.alias), new, REBUILD_MARK_SECONDS)
    try:
        count = bulk_update(entry.document, rows=entry.rows(), index=new, create_only=True)
        es.indices.put_settings(index=new, settings=SERVING_SETTINGS)
        es.indices.refresh(index=new)
        old, squatter = _behind_alias(es, entry.alias)
        _point_alias(es, entry.alias, new, old, squatter)
    except Exception:
        es.options(ignore_status=404).indices.delete(index=new)
        raise
    finally:
        cache.delete(_rebuild_mark(entry.alias))
    for name in old:
        es.options(ignore_status=404).indices.delete(index=name)
    return count


# -- Consistency --------------------------------------------------------------------------------


def index_ids(entry: IndexedRows) -> set[int]:
    """Every document id in the index (a scroll over ids only)."""
    search = Search(using=client(), index=entry.alias).source(False).params(size=5000)
    return {int(hit.meta.id) for hit in search.scan()}


def database_ids(entry: IndexedRows) -> set[int]:
    rows = entry.rows().prefetch_related(None).order_by()
    return set(rows.values_list("pk", flat=True))


@dataclass
class Differences:
    alias: str
    missing: set[int]  # in the database, not in the index
    extra: set[int]  # in the index, no longer in the database's searchable rows

    @property
    def consistent(self) -> bool:
        return not self.missing and not self.extra


def compare(entry: IndexedRows, db_ids: set[int], es_ids: set[int]) -> Differences:
    return Differences(entry.alias, missing=db_ids - es_ids, extra=es_ids - db_ids)


def reconcile(entry: IndexedRows, fix: bool = True) -> Differences:
    """Compare the index's ids with the database's searchable rows; with `fix`, index the
    missing rows and delete the extra documents."""
    ensure_index(entry)
    differences = compare(entry, database_ids(entry), index_ids(entry))
    if fix and not differences.consistent:
        logger.warning(
            "Search index %s out of step: %d missing, %d extra; repairing",
            entry.alias,
            len(differences.missing),
            len(differences.extra),
        )
        for chunk in _chunks(sorted(differences.missing | differences.extra)):
            sync_rows(entry, chunk)
    return differences


def _chunks(items: list, size: int = BULK_CHUNK * 4):
    for start in range(0, len(items), size):
        yield items[start : start + size]
