"""What a cached page shows, and the writes that make it stale.

The page cache (`community.page_cache`) keeps whole pages. Each stored page depends on a few
*scopes*, and each scope has a generation token in the cache; a page is served only while the
tokens it was rendered under are still the current ones. A scope is

- a content kind of the registry (`community.content_kinds`): "review", "question", "idea",
  "member", "product"… Its rows are the kind's model, the models its search documents are made
  of (`ContentKind.reindex_on`) and the other models it shows with it (`ContentKind.shown_with`:
  votes, photos);
- `SITE`, what every page shows: the page tree, the settings, the names staff type (teams,
  statuses, staff cards), images. Every model not said otherwise is in it, so that a model
  nobody thought about makes pages stale rather than wrong;
- a scope a model names itself with a `page_scope` attribute ("search" for the search index),
  or none at all with `page_scope = None` for rows no page shows (notifications, audit
  entries, tokens). Models of other libraries that no page shows are listed in `NOT_SHOWN`. A
  model may also name the fields no page shows (`fields_no_page_shows`): a save of only those
  (a member's last sign-in) leaves the pages.

A page says which kinds it shows with `page_cache.shows(request, *kind keys)` and depends on
those and on `SITE`; a page that says nothing depends on every scope.

Every write forgets the scope of the rows it wrote, once its transaction commits (not at all if
it rolls back):

- saving and deleting a row, and changing a many-to-many relation (model signals: the
  services, the admin, imports and commands all save rows);
- `QuerySet.update()`, `bulk_create()` and `bulk_update()`, which send no signal: the
  querysets of content (`ForgetsPagesQuerySet`, the base of moderated content's, the members'
  and the product counts') forget the scope themselves;
- publishing, unpublishing and moving a page (Wagtail's signals);
- what is written outside the database (the search index): the code that writes it calls
  `forget(scope)`.
"""

import logging
import secrets

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from community import outages
from community.content_kinds import registry

logger = logging.getLogger(__name__)

SITE = "site"
GENERATION_KEY = "page-cache:generation:{scope}"

# Models of other libraries whose rows no page shows (app labels, or app.Model labels): sessions,
# logs, tasks, account security, drafts and the search index Wagtail keeps for its admin.
NOT_SHOWN = frozenset(
    {
        "sessions",
        "admin",
        "contenttypes",
        "django_tasks_database",
        "account",
        "mfa",
        "socialaccount",
        "auth.Permission",
        "wagtailadmin",
        "wagtailsearch",
        "wagtailembeds",
        "wagtailforms",
        "wagtailusers",
        "wagtailimages.Rendition",
        "wagtailcore.ModelLogEntry",
        "wagtailcore.PageLogEntry",
        "wagtailcore.Revision",
        "wagtailcore.ReferenceIndex",
        "wagtailcore.PageSubscription",
        "wagtailcore.WorkflowState",
        "wagtailcore.TaskState",
        "wagtailcore.Comment",
        "wagtailcore.CommentReply",
        "wagtailcore.UploadedFile",
    }
)


# --- Scopes -----------------------------------------------------------------------------------


def scope_of(model) -> str | None:
    """The scope of `model`'s rows (None: no page shows them). Looked up in a dictionary,
    since it is asked for every row written."""
    return _known()[1].get(model._meta.concrete_model, SITE)


def every_scope() -> tuple[str, ...]:
    """Every scope a page can depend on, in a stable order."""
    return _known()[2]


# (registry version, {model: scope}, every scope), worked out again when a kind is registered.
_known_scopes = (None, {}, ())


def _known():
    global _known_scopes
    if _known_scopes[0] != registry.version:
        by_model = _scopes_by_model()
        named = {scope for scope in by_model.values() if scope is not None}
        every = tuple(sorted(named | {SITE} | {kind.key for kind in registry}))
        _known_scopes = (registry.version, by_model, every)
    return _known_scopes


def _scopes_by_model() -> dict:
    """{model: scope} for every installed model."""
    kind_of = {kind.model_label: kind.key for kind in registry}
    for kind in registry:
        for label in [*(reindex.model_label for reindex in kind.reindex_on), *kind.shown_with]:
            kind_of.setdefault(label, kind.key)
    scopes = {}
    for model in apps.get_models():
        label = model._meta.label
        if label in kind_of:
            scopes[model] = kind_of[label]
        elif hasattr(model, "page_scope"):
            scopes[model] = model.page_scope
        elif label in NOT_SHOWN or model._meta.app_label in NOT_SHOWN:
            scopes[model] = None
        else:
            scopes[model] = SITE
    return scopes


# --- Generations ------------------------------------------------------------------------------


def generation_keys(scopes) -> dict:
    """{scope: the cache key of its generation}."""
    return {scope: GENERATION_KEY.format(scope=scope) for scope in scopes}


def generations(scopes, *, known=None) -> dict | None:
    """{scope: its generation token} now, or None when the cache cannot be read; `known` is
    what a read of the cache that asked for them too has found already.

    A new generation is a random token rather than a counter, so that a generation lost from
    the cache (evicted, or a Redis restart) is replaced by one no stored page was ever filed
    under."""
    keys = generation_keys(scopes)
    try:
        found = dict(known) if known is not None else cache.get_many(keys.values())
        missing = [key for key in keys.values() if key not in found]
        if missing:
            for key in missing:
                cache.add(key, secrets.token_hex(8), timeout=None)
            found.update(cache.get_many(missing))
    except Exception:
        logger.warning("The page cache could not read the generations.", exc_info=True)
        return None
    if any(key not in found for key in keys.values()):
        return None
    return {scope: found[key] for scope, key in keys.items()}


def renew(scopes) -> None:
    """Make every page that depends on one of `scopes` stale, at once."""
    try:
        cache.set_many(
            {key: secrets.token_hex(8) for key in generation_keys(scopes).values()},
            timeout=None,
        )
    except Exception:
        logger.warning("The page cache could not renew a generation.", exc_info=True)


class _Renewal:
    """The scopes one transaction wrote, renewed once when it commits."""

    def __init__(self):
        self.scopes = set()

    def __call__(self):
        renew(self.scopes)


def _cache_recovered(**kwargs) -> None:
    """Redis answers again: the writes made while it was down renewed no generation, so a page
    stored before the outage (if Redis kept it) could show what they changed. Every one goes."""
    renew(every_scope())


def forget(*scopes, using=DEFAULT_DB_ALIAS) -> None:
    """Make the pages that show `scopes` stale once the current transaction on `using` commits
    (at once outside one). One renewal per transaction, however many writes it holds: a
    renewal already waiting in this transaction (and not in a savepoint rolled back since)
    takes these scopes too."""
    scopes = {scope for scope in scopes if scope is not None}
    if not scopes or settings.PAGE_CACHE_SECONDS <= 0:
        return
    connection = connections[using]
    if not connection.in_atomic_block:
        renew(scopes)
        return
    for _savepoints, func, _robust in connection.run_on_commit:
        if isinstance(func, _Renewal):
            func.scopes.update(scopes)
            return
    renewal = _Renewal()
    renewal.scopes.update(scopes)
    connection.on_commit(renewal, robust=True)


def forget_everything(using=DEFAULT_DB_ALIAS) -> None:
    """Make every cached page stale (a restored backup, a whole new demo)."""
    forget(*every_scope(), using=using)


def model_changed(model, using=DEFAULT_DB_ALIAS) -> None:
    forget(scope_of(model), using=using)


class ForgetsPagesQuerySet(models.QuerySet):
    """A queryset whose writes that send no model signal forget the pages showing its rows."""

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        if rows:
            model_changed(self.model, self.db)
        return rows

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            model_changed(self.model, self.db)
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        rows = super().bulk_update(objs, fields, *args, **kwargs)
        if rows:
            model_changed(self.model, self.db)
        return rows


# --- Signals ----------------------------------------------------------------------------------


def _row_written(sender, raw=False, using=DEFAULT_DB_ALIAS, update_fields=None, **kwargs):
    if raw:
        return
    if update_fields and set(update_fields) <= getattr(sender, "fields_no_page_shows", set()):
        return
    model_changed(sender, using)


def _relation_changed(sender, instance, action, using=DEFAULT_DB_ALIAS, **kwargs):
    if action.startswith("post_"):
        model_changed(sender, using)
        model_changed(type(instance), using)


def _page_changed(sender, instance=None, **kwargs):
    model_changed(type(instance) if instance is not None else sender)


def install() -> None:
    """Listen to the writes of every model and to Wagtail's page signals (called once, from the
    community app's `ready()`). One receiver for all models: a write looks its scope up in a
    dictionary."""
    post_save.connect(_row_written, dispatch_uid="page_scopes_saved")
    post_delete.connect(_row_written, dispatch_uid="page_scopes_deleted")
    m2m_changed.connect(_relation_changed, dispatch_uid="page_scopes_m2m")
    page_published.connect(_page_changed, dispatch_uid="page_scopes_published")
    page_unpublished.connect(_page_changed, dispatch_uid="page_scopes_unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="page_scopes_moved")
    outages.cache_recovered.connect(_cache_recovered, dispatch_uid="page_scopes_cache_recovered")
