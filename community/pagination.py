"""Keyset pagination for long public lists: a page is "the rows after this one" rather than
"rows 40,000 to 40,020", so the database reads the same few index entries on the thousandth page
as on the first, and a row added while someone reads does not shift the next page.

A list is ordered by a tuple of fields that ends with the primary key, so that every row has its
own place. The cursor in the address (`?after=…` or `?before=…`) is the sort values of the last
(or first) row shown, signed so that it cannot be forged and is only accepted by the same list
and sort; anything else in its place shows the first page.
"""

import datetime
import decimal
import uuid
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import F, Func, Q, Value
from django.db.models.lookups import GreaterThan, LessThan

AFTER = "after"
BEFORE = "before"
# Parameters of one page that the links to another page drop.
PAGE_PARAMS = ("page", AFTER, BEFORE)


class _Row(Func):
    """A row value, `(a, b, c)`, so that a sort key is compared at once: PostgreSQL answers
    `(a, b, id) < (x, y, z)` from an index on (a, b, id)."""

    template = "(%(expressions)s)"

    def __init__(self, *expressions):
        super().__init__(*expressions, output_field=models.Field())


@dataclass(frozen=True)
class _Key:
    name: str
    field: models.Field
    descending: bool

    @property
    def nullable(self):
        return self.field.null


@dataclass
class KeysetPage:
    """One page of a keyset-paginated list, with the links to its neighbours."""

    object_list: list
    has_next: bool
    has_previous: bool
    next_cursor: str | None
    previous_cursor: str | None
    base_query: str = ""
    path: str = ""

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    @property
    def has_other_pages(self):
        return self.has_next or self.has_previous

    @property
    def is_first(self):
        """The start of the list: nothing before these rows."""
        return not self.has_previous

    def _url(self, extra=""):
        query = "&".join(part for part in (self.base_query, extra) if part)
        return f"{self.path}?{query}" if query else (self.path or "?")

    @property
    def first_url(self):
        return self._url()

    @property
    def next_url(self):
        return self._url(f"{AFTER}={self.next_cursor}") if self.next_cursor else ""

    @property
    def previous_url(self):
        return self._url(f"{BEFORE}={self.previous_cursor}") if self.previous_cursor else ""


class KeysetPaginator:
    """Pages through `queryset` in the order `ordering`: concrete field names of its model, each
    optionally with "-" for descending, the last one the primary key ("pk", "-pk", "id").

    Nullable fields sort their NULLs last in both directions on every database, and the cursor
    conditions name NULL explicitly. Each page is one query of `per_page + 1` rows, no count.
    """

    def __init__(self, queryset, ordering, per_page=20):
        if not ordering:
            raise ValueError("A keyset ordering needs at least the primary key.")
        self.queryset = queryset
        self.per_page = int(per_page)
        if self.per_page < 1:
            raise ValueError("per_page must be at least 1.")
        model = queryset.model
        self.keys = [self._key(model, name) for name in ordering]
        if not self.keys[-1].field.primary_key:
            raise ValueError("A keyset ordering must end with the primary key.")
        self.salt = f"keyset:{model._meta.label_lower}:{','.join(ordering)}"

    @staticmethod
    def _key(model, name):
        descending = name.startswith("-")
        bare = name.lstrip("-")
        try:
            field = model._meta.pk if bare == "pk" else model._meta.get_field(bare)
        except FieldDoesNotExist:
            raise ValueError(f"{bare!r} is not a field of {model.__name__}.") from None
        if not getattr(field, "concrete", False) or field.many_to_many:
            raise ValueError(f"{bare!r} is not a concrete field of {model.__name__}.")
        return _Key(name=field.attname, field=field, descending=descending)

    # --- Cursors ----------------------------------------------------------------------------

    def cursor_for(self, row) -> str:
        return signing.dumps(
            [_to_json(getattr(row, key.name)) for key in self.keys], salt=self.salt
        )

    def _decode(self, token):
        """The sort values in a cursor, or None when it is not one of this list's."""
        if not token or len(token) > 1000:
            return None
        try:
            raw = signing.loads(token, salt=self.salt)
        except (signing.BadSignature, ValueError, TypeError):
            return None
        if not isinstance(raw, list) or len(raw) != len(self.keys):
            return None
        values = []
        for key, value in zip(self.keys, raw, strict=True):
            if value is None:
                if not key.nullable:
                    return None
                values.append(None)
                continue
            try:
                values.append(key.field.to_python(value))
            except (ValidationError, TypeError, ValueError):
                return None
        return values

    # --- Queries ----------------------------------------------------------------------------

    def _order(self, reverse):
        order = []
        for key in self.keys:
            descending = key.descending != reverse
            if key.nullable:
                # NULLs last in the reading order, so first when reading backwards.
                nulls = {"nulls_first": True} if reverse else {"nulls_last": True}
                expression = F(key.name)
                order.append(expression.desc(**nulls) if descending else expression.asc(**nulls))
            else:
                order.append(f"-{key.name}" if descending else key.name)
        return order

    def _beyond(self, values, forward):
        """Rows strictly after the cursor (`forward`) or strictly before it, in reading order."""
        same_direction = len({key.descending for key in self.keys}) == 1
        if same_direction and not any(key.nullable for key in self.keys):
            row = _Row(*[F(key.name) for key in self.keys])
            cursor = _Row(
                *[
                    Value(value, output_field=key.field)
                    for key, value in zip(self.keys, values, strict=True)
                ]
            )
            smaller = self.keys[0].descending == forward
            return (LessThan if smaller else GreaterThan)(row, cursor)
        condition = Q(pk__in=[])
        equal = Q()
        for key, value in zip(self.keys, values, strict=True):
            condition |= equal & self._past(key, value, forward)
            equal &= Q(**{f"{key.name}__isnull": True}) if value is None else Q(**{key.name: value})
        first, first_value = self.keys[0], values[0]
        if not first.nullable:
            # A range on the leading field, so that an index on it bounds the scan.
            lookup = "lte" if first.descending == forward else "gte"
            condition &= Q(**{f"{first.name}__{lookup}": first_value})
        return condition

    @staticmethod
    def _past(key, value, forward):
        """Rows whose `key` alone puts them strictly past `value`; NULLs come last."""
        if value is None:
            return Q(pk__in=[]) if forward else Q(**{f"{key.name}__isnull": False})
        lookup = "lt" if key.descending == forward else "gt"
        past = Q(**{f"{key.name}__{lookup}": value})
        if forward and key.nullable:
            past |= Q(**{f"{key.name}__isnull": True})
        return past

    def page(self, request, after_param=AFTER, before_param=BEFORE) -> KeysetPage:
        """The page the request's `?after=` or `?before=` cursor asks for; the first page when
        there is none or it is not a valid cursor of this list."""
        query = getattr(request, "GET", request)
        path = getattr(request, "path", "")
        after = self._decode(query.get(after_param, ""))
        before = None if after is not None else self._decode(query.get(before_param, ""))
        rest = query.copy()
        for name in (*PAGE_PARAMS, after_param, before_param):
            rest.pop(name, None)
        base_query = rest.urlencode()

        limit = self.per_page + 1
        if before is not None:
            rows = list(
                self.queryset.filter(self._beyond(before, forward=False)).order_by(
                    *self._order(reverse=True)
                )[:limit]
            )
            has_previous = len(rows) > self.per_page
            rows = rows[: self.per_page][::-1]
            has_next = True
        else:
            queryset = self.queryset
            if after is not None:
                queryset = queryset.filter(self._beyond(after, forward=True))
            rows = list(queryset.order_by(*self._order(reverse=False))[:limit])
            has_next = len(rows) > self.per_page
            rows = rows[: self.per_page]
            has_previous = after is not None
        return KeysetPage(
            object_list=rows,
            has_next=has_next and bool(rows),
            has_previous=has_previous,
            next_cursor=self.cursor_for(rows[-1]) if has_next and rows else None,
            previous_cursor=self.cursor_for(rows[0]) if has_previous and rows else None,
            base_query=base_query,
            path=path,
        )


def _to_json(value):
    """A sort value as JSON keeps it exactly: datetimes with their microseconds and offset."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value
