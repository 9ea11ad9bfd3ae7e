"""Which models take part in the community, and how the engine reaches into them.

An app opts a model in from its `integration.register()`:

    community.register(Practice, label="практика", features={COMMENTS, REACTIONS, ...},
                       is_public=lambda p: p.status == "published", set_hidden=Practice.set_hidden)

Everything else (comments, reports, reactions, bookmarks, follows, questions, moderation) is
generic and keyed by `Target.key` ("practices.practice") in URLs.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import Http404

COMMENTS = "comments"
REACTIONS = "reactions"
BOOKMARKS = "bookmarks"
FOLLOWS = "follows"
REPORTS = "reports"
QUESTIONS = "questions"
ALL_FEATURES = frozenset({COMMENTS, REACTIONS, BOOKMARKS, FOLLOWS, REPORTS, QUESTIONS})


def _author(item):
    return getattr(item, "author", None)


def _always(item):
    return True


def _url(item):
    return item.get_absolute_url() if hasattr(item, "get_absolute_url") else "/"


@dataclass(frozen=True)
class Target:
    model: type
    label: str
    features: frozenset = ALL_FEATURES
    # The person answerable for the item: told about comments, reactions, reports.
    author_of: Callable = _author
    # The item's page, where the community block is shown.
    url_of: Callable = _url
    # Whether everybody may see the item (and so comment on it, react, follow).
    is_public: Callable = _always
    # Hides (True) or shows again (False) an item after reports; None: the item is not hidden.
    set_hidden: Callable | None = None
    # Called with (item, approved: bool, reason) when a moderator decides a «new»/«edit» case.
    on_review: Callable | None = None
    # True when `on_review` tells the item's authors the outcome itself (a lifecycle with its
    # own notifications): the engine then does not tell them a second time.
    on_review_tells_author: bool = False
    # What followers of the item's topics follow: the author, spheres, the municipality.
    topics_of: Callable = field(default=lambda item: [])

    @property
    def key(self):
        meta = self.model._meta
        return f"{meta.app_label}.{meta.model_name}"

    def has(self, feature):
        return feature in self.features


_targets: dict[str, Target] = {}


def register(model, **options) -> Target:
    target = Target(model=model, **options)
    _targets[target.key] = target
    return target


def target_for(item_or_model) -> Target:
    model = item_or_model if isinstance(item_or_model, type) else type(item_or_model)
    meta = model._meta
    return _targets[f"{meta.app_label}.{meta.model_name}"]


def is_registered(item_or_model) -> bool:
    try:
        target_for(item_or_model)
    except KeyError:
        return False
    return True


def target_by_key(key, feature=None) -> Target:
    target = _targets.get(key)
    if target is None or (feature is not None and not target.has(feature)):
        raise Http404("Такого раздела нет.")
    return target


def public_item(key, pk, feature):
    """The item behind a community URL, if it is public and takes `feature`; 404 otherwise."""
    target = target_by_key(key, feature)
    item = target.model._default_manager.filter(pk=pk).first()
    if item is None or not target.is_public(item):
        raise Http404("Материал не найден или ещё не опубликован.")
    return target, item


def item_url(item):
    """The page of any item: through its registration, else its get_absolute_url()."""
    return target_for(item).url_of(item) if is_registered(item) else _url(item)


def registered_targets():
    return list(_targets.values())
