"""Extension points through which the services plug into the shared portal.

`portal` imports no service app (see docs/architecture.md). Each app fills these registries from
one `<app>/integration.py` whose `register()` its AppConfig.ready() calls:
- services (`Service`): the app's entry in the header menu, the footer and the home tiles;
- cabinet sections (`CabinetSection`): a block in «Личный кабинет»;
- home blocks (`HomeBlock`): a block on the home page (deadlines, practices, courses…);
- search providers (`SearchProvider`): a tab and a group of results on the site-wide search
  page, suggestions under the header box, citation jumps;
- related content (`RelatedContent`): what a higher app shows on a lower app's page, such as
  practices on a support measure's page;
- alert sources (`AlertSource`): how a service runs a saved filter of its list for the alert
  digests (`portal.notifications.models.Alert`) and how the digest is worded;
- personal data (`PersonalData`): what the app holds about a person, its export and its erasure
  when the account is deleted (152-ФЗ);
- seeding (`Seeding`): the modules with the app's demo content (`seed(stdout)`) and benchmark
  data and pages (`generate(scale, stdout)`, `BENCH_URLS`…), named, not imported, so a web
  worker never loads them (`app_modules`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from django.dispatch import Signal
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Service:
    key: str
    url_name: str
    title: str
    description: str
    order: int = 100


@dataclass(frozen=True)
class CabinetSection:
    key: str
    title: str
    template: str
    # Returns the template context for the section; must run a bounded number of queries.
    get_context: Callable = field(default=lambda request: {})
    order: int = 100
    url_name: str = ""


@dataclass(frozen=True)
class HomeBlock:
    key: str
    title: str
    template: str
    get_context: Callable = field(default=lambda: {})
    order: int = 100
    # A personal block gets the request (`get_context(request)`) to show the user's own items;
    # the home page is cached only for visitors without a session, so guests share one copy.
    personal: bool = False


class LowerBound(int):
    """A count known only from below: the page says «более N»."""

    is_lower_bound = True


@dataclass(frozen=True)
class SearchItem:
    """One result on the site-wide search page or one suggestion under the header box.

    `snippet` is plain text (the page escapes it) or a `SafeString` built by
    `portal.search.safe_headline`/`headlines`: escaped text with <mark> tags only.
    """

    title: str
    url: str
    snippet: str = ""
    kind: str = ""


@dataclass
class SearchResults:
    """What a provider found: the shown `items` and the `total` (an int, or a `LowerBound`
    when it stopped counting)."""

    items: list
    total: int


@dataclass(frozen=True)
class SearchJump:
    """A document or unit the query names by its requisites («ст. 14 131-ФЗ», a number).

    `exact`: the query is nothing but the citation, so the page may go straight there.
    `note`: what could not be found («ст. 999» of an existing document).
    """

    title: str
    url: str
    kind: str = ""
    exact: bool = False
    note: str = ""


@dataclass(frozen=True)
class SearchProvider:
    """A group of results on /search/ and a tab of its own (docs/search.md, «Site search»).

    Everything a provider returns must be public: published, not hidden, not private.
    """

    key: str
    title: str
    # search(query, user, limit, offset) -> SearchResults (a plain `(items, total)` pair is
    # accepted too): one bounded query for the items, one capped count when needed.
    search: Callable
    order: int = 100
    # search_part(query, limit, offset) -> SearchResults: rows holding part of the query's
    # meaningful words, asked when no provider found every word (`site_search.ranked_matches`).
    search_part: Callable | None = None
    # The tab's short label; the title when empty.
    tab: str = ""
    # more_url(query) -> the service's own search page carrying the query.
    more_url: Callable | None = None
    # suggest(query, limit) -> [SearchItem]: titles for the header box, one cheap query.
    suggest: Callable | None = None
    # jump(query) -> SearchJump | None: a citation of a document or unit.
    jump: Callable | None = None
    # correct(query) -> the query with its typos corrected, "" when nothing was corrected.
    correct: Callable | None = None

    @property
    def tab_title(self):
        return self.tab or self.title


@dataclass(frozen=True)
class RelatedContent:
    """A block a higher app adds to a page of a lower one, e.g. practices on a measure page.

    `target` is the label of the model whose page shows it ("navigator.SupportMeasure");
    `get_context(obj)` returns the template's context, or a falsy value for no block. The
    pages that show the block cache it for every visitor, so it holds nothing personal; the
    app sends `related_content_changed` when what it shows changes.
    """

    key: str
    target: str
    template: str
    get_context: Callable
    order: int = 100


@dataclass(frozen=True)
class PersonalData:
    """What one app stores about a person (152-ФЗ) and what account deletion does with it.

    `models` are the labels of every model of the app with a link to the user model. `export(user)`
    returns JSON-serialisable data (None: exported by the account's own export); `erase(user)`
    deletes or anonymises the rows inside the deletion's transaction. Rows deletion leaves in
    place (content others read, work records) need `kept_because`: the reason stated to the
    person; they then point at the anonymised account.
    """

    key: str
    models: tuple[str, ...]
    export: Callable | None = None
    erase: Callable | None = None
    kept_because: str = ""


@dataclass(frozen=True)
class AlertSource:
    """A service whose list filters users can save as alerts (docs/notifications.md, «Alerts»).

    `new_items(alert)` returns the service's published items that the alert's saved query
    selects and that are new or changed since `alert.created_at`, in the order the digest lists
    them; the portal leaves out those already delivered. `subject(alert, count)` is the
    e-mail's subject line (plain text); `template` names the digest's e-mail templates without
    their extension (".txt" and ".html", context: alert, items, list_url, unsubscribe_url,
    site_url). `kind` is the notification kind each digest leaves in the portal.
    `filterset` is the list's FilterSet (with `for_query(data)`): the portal's «подписаться»
    form (`notifications:alert_create`) checks the saved query with it and keeps its canonical
    form; `verified_only` lets only verified employees subscribe.
    """

    service: str
    title: str
    list_url_name: str
    new_items: Callable
    subject: Callable
    template: str
    kind: str
    filterset: type | None = None
    verified_only: bool = False


services: dict[str, Service] = {}
cabinet_sections: dict[str, CabinetSection] = {}
home_blocks: dict[str, HomeBlock] = {}
search_providers: dict[str, SearchProvider] = {}
# Record one site-wide query: func(query, result_count, user); set by the app keeping the log.
related_content: dict[str, RelatedContent] = {}
personal_data: dict[str, PersonalData] = {}
alert_sources: dict[str, AlertSource] = {}
# Personal data export: key -> func(user); filled by `register_personal_data`.
personal_data_exporters: dict[str, Callable] = {}

# Sent by the app that fills a `RelatedContent` block when what the block shows has changed,
# so that the lower app drops its cached pages. Arguments: `target` (the model label).
related_content_changed = Signal()


def register_service(service: Service) -> None:
    services[service.key] = service


def register_cabinet_section(section: CabinetSection) -> None:
    cabinet_sections[section.key] = section


def register_home_block(block: HomeBlock) -> None:
    home_blocks[block.key] = block


def register_search_provider(provider: SearchProvider) -> None:
    search_providers[provider.key] = provider


def register_related_content(block: RelatedContent) -> None:
    related_content[block.key] = block


def register_alert_source(source: AlertSource) -> None:
    alert_sources[source.service] = source


def register_personal_data(entry: PersonalData) -> None:
    if not (entry.erase or entry.kept_because):
        raise ValueError(f"{entry.key}: say how deletion erases the data or why it is kept")
    personal_data[entry.key] = entry
    if entry.export is not None:
        personal_data_exporters[entry.key] = entry.export


def ordered(registry: dict):
    return sorted(registry.values(), key=lambda item: (item.order, item.key))


def render_related(obj) -> SafeString:
    """Every registered block for `obj`'s page, rendered; empty when no app adds one."""
    label = obj._meta.label
    parts = []
    for block in ordered(related_content):
        if block.target == label:
            context = block.get_context(obj)
            if context:
                parts.append(render_to_string(block.template, context))
    # Rendered from the apps' own autoescaping templates.
    return mark_safe("".join(parts))


def erase_personal_data(user) -> None:
    """Run every app's erasure for `user`; called by account deletion in its transaction."""
    for key in sorted(personal_data):
        if personal_data[key].erase is not None:
            personal_data[key].erase(user)


@dataclass(frozen=True)
class Seeding:
    """Where an app's demo content and bench data live: dotted module names, loaded only by
    `seed_demo`, `generate_bench_data` and `make bench`. Lower layers seed first (`order`)."""

    key: str
    demo: str = ""
    bench: str = ""
    order: int = 100


seedings: dict[str, Seeding] = {}


def register_seeding(seeding: Seeding) -> None:
    seedings[seeding.key] = seeding


def app_modules(kind: str):
    """Yield each registered app's `demo` or `bench` module, lower layers first."""
    for seeding in ordered(seedings):
        dotted = getattr(seeding, kind)
        if dotted:
            yield import_module(dotted)
