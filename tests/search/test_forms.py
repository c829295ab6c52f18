"""The search form reads addresses leniently: nothing in them makes the page fail."""

from django.http import QueryDict

from search.forms import MAX_PAGE, MAX_QUERY_LENGTH, SearchForm


def form(query):
    return SearchForm(QueryDict(query))


def test_a_clean_address_gives_its_query_and_filters():
    request = form("q=descale&kind=review&product=12&rating=4&status=idea-planned&date=week&page=3")

    search = request.search_request("fr")

    assert (search.text, search.language, search.kind, search.product) == (
        "descale",
        "fr",
        "review",
        12,
    )
    assert (search.rating, search.status, search.date, search.page) == (
        4,
        "idea-planned",
        "week",
        3,
    )


def test_values_that_mean_nothing_are_dropped():
    search = form(
        "q=descale&kind=rocket&product=abc&rating=9&status=<b>&date=century&page=-2"
    ).search_request("en")

    assert (search.kind, search.product, search.rating, search.status, search.date) == (
        "",
        None,
        None,
        "",
        "",
    )
    assert search.page == 1


def test_the_query_is_cut_cleaned_and_the_page_capped():
    search = form("q=" + "a%00b%01c " * 200 + "&page=999999").search_request("en")

    assert len(search.text) <= MAX_QUERY_LENGTH
    assert "\x00" not in search.text and "\x01" not in search.text
    assert search.page == MAX_PAGE


def test_addresses_drop_the_page_when_a_filter_changes():
    request = form("q=descale&kind=review&page=3")

    assert request.query_string(rating=5) == "q=descale&kind=review&rating=5"
    assert request.query_string(page=4) == "q=descale&kind=review&page=4"
    assert request.query_string(kind=None) == "q=descale"
