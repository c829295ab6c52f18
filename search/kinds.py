"""The kinds the search app indexes, as it reads them from the content-kind registry.

The search app names no kind: each kind declares its search facet beside its model
(`community.searching.SearchFacet`) and registers it with its `ContentKind`. These helpers read
the registry at the moment they are called, so that a kind registered later is searched too.
"""

from community.content_kinds import ContentKind, registry
from community.searching import Entry


def searched() -> list[ContentKind]:
    """Every searched kind, in the order the search page lists them (the facets' `order`)."""
    return sorted(registry.searched(), key=lambda kind: (kind.search.order, kind.key))


def searched_kind(key: str) -> ContentKind | None:
    """The searched kind `key`, or None (a kind no longer registered, or not searched)."""
    kind = registry.get(key)
    return kind if kind is not None and kind.search is not None else None


def kind_of_model(model) -> ContentKind | None:
    """The searched kind whose model is `model` (a subclass counts), or None."""
    for kind in registry.searched():
        if issubclass(model, kind.model):
            return kind
    return None


def entries(kind: ContentKind, objects) -> list[Entry]:
    """The documents of a batch of objects of one kind."""
    return kind.search.entries(list(objects))
