"""The content-kind registry: what the ground floor knows about each kind of member writing.

A kind (review, question, answer, idea, comment, and any kind an app adds) is declared once,
beside its model, by the app that owns it, and registered from that app's
`AppConfig.ready()`:

    # reviews/kinds.py
    REVIEW = ContentKind(key="review", label=_("review"), model_label="reviews.Review", ...)

    # reviews/apps.py
    def ready(self):
        content_kinds.register(REVIEW)

Everything that cuts across kinds — moderation and its queue, protections, trust, the search
index, sitemaps — reads this registry and never names a kind. A kind says:

- its text: which field holds the text, whether that text is Markdown, which fields a
  moderator may edit, whether it has a title, and the other writing it takes that is not a
  post of its own (`other_writing`: a staff response on a review), for the protections;
- its moderation: the model keeps the `community.models.Moderated` fields; where it stands in
  its thread (`parent_field`; a reply also has a `parent` of its own kind, and
  `thread_filter` narrows the neighbours shown beside it); how its parent's counters move
  when it enters or leaves the public (`counter_move`); how it is announced when held
  content is first published (`announce`); what else happens each time it enters the public
  (`entered_public`); whether deleting keeps the row (`soft_delete`), and otherwise how a
  moderator deletes one (`delete(moderator, target)`, the kind's own delete service);
- whether its published rows count towards a member's trust (`counts_towards_trust`);
- how it is searched (`search`, a `community.searching.SearchFacet`), and which models' changes
  put its documents in the index again (`reindex_on`);
- the other models whose rows its pages show with it (`shown_with`: votes, photos; the models
  of `reindex_on` are shown with it too): writing one makes the cached pages that show the kind
  stale (`community.page_scopes`);
- the counts it keeps on its product (`product_counts(product_ids)` returns
  {product pk: {`ProductStats` field: value}}, recounted from the rows by the services that
  write them: `products.recount(row)`);
- its sitemap sections (`sitemaps`, {section: a Django `Sitemap` class}) and the URL names
  of the lists people start from (`list_urls`), listed in the sitemap's "lists" section; with
  `parent_field`, they are also where a member whose report held a row reads on
  (`community.reports.readable_place`);
- how staff reply under it in public (`staff_reply(actor, target, text)`: posts a reply signed
  with the actor's staff card under `target`, an answer on a question, the staff response on a
  review, and returns it; PermissionDenied when the actor may not);
- who already looks after a row (`looked_after_by(target)`: the member of staff named on it and
  their active staff card, or (None, None));
- whether its author may talk privately with staff about it (`private_talk`, a `PrivateTalk`);
- what of a member's activity it lists on the member page for staff (`member_history`,
  `HistorySection`s), and each time a member of staff took on or was handed one of the member's
  rows (`owner_history(member)`: (staff card pk, row pk, when) rows, in one query);
- whether its rows are what customers ask staff and wait on under a response promise, counted
  by the service figures (`service_figures`, a `ServiceFigures`).

The member is a kind of its own for moderation (a profile can be reported) but not writing:
`MEMBER` below, registered by the community app itself.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Reindex:
    """A model whose rows belong to a kind's search documents: when one is saved or deleted,
    the document `attribute` points at is indexed again (`pk` for the kind's own model,
    `question_id` for an answer inside a question's document)."""

    model_label: str
    attribute: str = "pk"


@dataclass(frozen=True)
class PrivateTalk:
    """A member may talk privately with staff about their own row of a kind.

    `rows()` gives the rows one can be about, with the joins the pages about it show;
    `can_start(member, row)` says whether `member` may start one about `row` (its author, who
    can write, while it stands)."""

    rows: Callable
    can_start: Callable


@dataclass(frozen=True)
class HistorySection:
    """One list of the member page for staff: `rows(member)` selects what the member did, with
    the joins its rows show (the page costs the same queries whatever the member did), under
    `title`; `key` names the list (its address and its rows' markup) and `order` places it."""

    key: str
    title: object
    rows: Callable
    order: int = 100


@dataclass(frozen=True)
class ServiceFigures:
    """How a kind's rows count in the service figures: `rows()` the rows that count (a
    `community.models.PromiseClock` with `created_at`, `first_staff_answer_at` and
    `owner_card`, deleted ones left out), and the conditions of those a member's writing solved
    (`solved_by_member`) and those staff writing solved (`solved_by_staff`)."""

    rows: Callable
    solved_by_member: object
    solved_by_staff: object


@dataclass(frozen=True)
class ContentKind:
    key: str
    label: object
    model_label: str
    order: int = 100
    text_field: str = "body"
    markdown: bool = True
    edit_fields: tuple = ("body",)
    has_title: bool = False
    parent_field: str = ""
    moderated: bool = True
    soft_delete: bool = True
    delete: Callable | None = None
    counts_towards_trust: bool = True
    is_writing: bool = True
    other_writing: tuple = ()
    counter_move: Callable | None = None
    announce: Callable | None = None
    entered_public: Callable | None = None
    thread_filter: dict = field(default_factory=dict)
    reply_label: object = None
    queue_related: tuple = ("author", "moderated_by")
    search: object = None
    reindex_on: tuple[Reindex, ...] = field(default=())
    shown_with: tuple[str, ...] = ()
    product_counts: Callable | None = None
    sitemaps: dict = field(default_factory=dict)
    list_urls: tuple = ()
    staff_reply: Callable | None = None
    looked_after_by: Callable | None = None
    private_talk: PrivateTalk | None = None
    member_history: tuple[HistorySection, ...] = ()
    owner_history: Callable | None = None
    service_figures: ServiceFigures | None = None

    @property
    def model(self):
        return apps.get_model(self.model_label)


class Registry:
    """The registered kinds, listed by their `order` (then by key)."""

    def __init__(self):
        self._kinds: dict[str, ContentKind] = {}
        self._by_model: dict[type, ContentKind | None] = {}
        # Changes with every registration, for what others work out from the kinds.
        self.version = 0

    def register(self, kind: ContentKind) -> ContentKind:
        known = self._kinds.get(kind.key)
        if known is not None and known != kind:
            raise ValueError(f"Another content kind is registered as {kind.key!r}.")
        self._kinds[kind.key] = kind
        self._by_model.clear()
        self.version += 1
        return kind

    def unregister(self, key: str) -> None:
        self._kinds.pop(key, None)
        self._by_model.clear()
        self.version += 1

    def __iter__(self) -> Iterator[ContentKind]:
        return iter(sorted(self._kinds.values(), key=lambda kind: (kind.order, kind.key)))

    def __contains__(self, key) -> bool:
        return key in self._kinds

    def get(self, key: str) -> ContentKind | None:
        return self._kinds.get(key)

    def of_model(self, model) -> ContentKind | None:
        """The kind whose model is `model` (or its concrete parent), or None; remembered per
        model, since signal receivers ask it for every row saved."""
        try:
            return self._by_model[model]
        except KeyError:
            pass
        label = model._meta.concrete_model._meta.label
        found = next((kind for kind in self._kinds.values() if kind.model_label == label), None)
        self._by_model[model] = found
        return found

    def writing(self) -> list[ContentKind]:
        """Kinds of member writing (everything but the member's profile)."""
        return [kind for kind in self if kind.is_writing]

    def moderated(self) -> list[ContentKind]:
        return [kind for kind in self if kind.moderated]

    def searched(self) -> list[ContentKind]:
        return [kind for kind in self if kind.search is not None]

    def member_history(self) -> list[HistorySection]:
        """The lists of the member page for staff that the kinds declare, by their `order`."""
        sections = [section for kind in self for section in kind.member_history]
        return sorted(sections, key=lambda section: section.order)


registry = Registry()
register = registry.register


MEMBER = ContentKind(
    key="member",
    label=_("member"),
    model_label="community.Member",
    text_field="bio",
    markdown=False,
    edit_fields=(),
    soft_delete=False,
    counts_towards_trust=False,
    is_writing=False,
    queue_related=(),
    order=900,
)
