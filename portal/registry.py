"""Extension points through which the services plug into the shared portal.

Each app registers in its AppConfig.ready():
- cabinet sections (`CabinetSection`): a block in «Личный кабинет»;
- home blocks (`HomeBlock`): a block on the home page (deadlines, practices, courses…);
- search providers (`SearchProvider`): a group of results on the site-wide search page.
Demo content and benchmark data are found by convention: `<app>/demo.py` with `seed(stdout)`
and `<app>/bench.py` with `generate(scale, stdout)` and `BENCH_URLS`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec

from django.conf import settings


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


class LowerBound(int):
    """A count known only from below: the page says «более N»."""

    is_lower_bound = True


@dataclass(frozen=True)
class SearchProvider:
    key: str
    title: str
    # search(query, user, limit) -> (items, total); each item has title, url, snippet, kind;
    # `total` is an int, or a `LowerBound` when the provider stopped counting.
    search: Callable
    order: int = 100


cabinet_sections: dict[str, CabinetSection] = {}
home_blocks: dict[str, HomeBlock] = {}
search_providers: dict[str, SearchProvider] = {}


def register_cabinet_section(section: CabinetSection) -> None:
    cabinet_sections[section.key] = section


def register_home_block(block: HomeBlock) -> None:
    home_blocks[block.key] = block


def register_search_provider(provider: SearchProvider) -> None:
    search_providers[provider.key] = provider


# Personal data export (152-ФЗ): key -> func(user) returning JSON-serialisable data about the user.
personal_data_exporters: dict[str, Callable] = {}


def register_personal_data_exporter(key: str, func: Callable) -> None:
    personal_data_exporters[key] = func


def ordered(registry: dict):
    return sorted(registry.values(), key=lambda item: (item.order, item.key))


def app_modules(module_name: str):
    """Yield `<app>.<module_name>` for every portal app that has such a module."""
    for app in settings.PORTAL_APPS:
        dotted = f"{app}.{module_name}"
        if find_spec(dotted) is not None:
            yield import_module(dotted)
