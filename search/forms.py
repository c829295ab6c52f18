"""The search form: a query and filters from the address, read leniently.

Addresses are shared, bookmarked and typed by hand, so nothing in them makes the page fail: a
filter value that means nothing is ignored, a query too long is cut, characters a database
refuses are dropped, and a page number that is not one becomes the first page.
"""

import re

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from search.engines.base import DATE_WINDOWS, SearchRequest
from search.kinds import searched, searched_kind

MAX_QUERY_LENGTH = 200
PER_PAGE = 20
# Elasticsearch pages no further than 10,000 results; nobody reads that far anyway.
MAX_PAGE = 10_000 // PER_PAGE
STATUS_RE = re.compile(r"^[a-z][a-z0-9_]{0,15}-[\w-]{1,70}$")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")

DATE_CHOICES = [
    ("week", _("Past week")),
    ("month", _("Past month")),
    ("year", _("Past year")),
]
assert {value for value, _label in DATE_CHOICES} == set(DATE_WINDOWS)


def kind_choices() -> list[tuple[str, str]]:
    """The searched kinds, read from the content-kind registry when the form is built."""
    return [(kind.key, kind.search.label) for kind in searched()]


def clean_query(text: str) -> str:
    text = CONTROL_RE.sub(" ", text or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the community"),
        required=False,
        strip=True,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "enterkeyhint": "search"}
        ),
    )
    kind = forms.ChoiceField(choices=kind_choices, required=False)
    product = forms.IntegerField(min_value=1, max_value=2**62, required=False)
    rating = forms.IntegerField(min_value=1, max_value=5, required=False)
    status = forms.RegexField(regex=STATUS_RE, max_length=80, required=False)
    date = forms.ChoiceField(choices=DATE_CHOICES, required=False)
    page = forms.IntegerField(min_value=1, required=False)
    # Every product with results in the product filter, not only the ones with the most.
    all_products = forms.BooleanField(required=False)

    def __init__(self, data=None, **kwargs):
        data = data.copy() if data is not None else None
        if data is not None and "q" in data:
            data["q"] = clean_query(data.get("q", ""))
        super().__init__(data, **kwargs)

    def clean_status(self):
        """A status belongs to a kind whose documents carry one (`question-solved`)."""
        status = self.cleaned_data["status"]
        kind = searched_kind(status.partition("-")[0]) if status else None
        if status and (kind is None or not kind.search.has_status):
            raise forms.ValidationError(_("Choose a status from the list."), code="invalid")
        return status

    def value(self, name, default=None):
        """The field's clean value, or `default` when it is missing or means nothing."""
        if not self.is_bound:
            return default
        self.is_valid()
        value = self.cleaned_data.get(name)
        return default if value in (None, "") else value

    def search_request(self, language: str) -> SearchRequest:
        status = self.value("status", "")
        rating = self.value("rating")
        return SearchRequest(
            text=self.value("q", ""),
            language=language,
            kind=self.value("kind", ""),
            product=self.value("product"),
            rating=rating,
            status=status,
            date=self.value("date", ""),
            page=min(self.value("page", 1), MAX_PAGE),
            per_page=PER_PAGE,
        )

    def query_string(self, **changes) -> str:
        """This search's address with `changes` (None removes a parameter; any change but the
        page's goes back to the first page, and any change at all shows the product filter's
        first values only, unless `all_products` is among the changes)."""
        params = QueryDict(mutable=True)
        current = {
            name: self.value(name, "")
            for name in ("q", "kind", "product", "rating", "status", "date", "page")
        }
        if set(changes) - {"page", "all_products"}:
            current["page"] = ""
        current.update(changes)
        for name, value in current.items():
            if value not in (None, "", False) and not (name == "page" and value == 1):
                params[name] = 1 if value is True else value
        return params.urlencode()
