"""What a page costs in SQL queries, the measure of every query-count test."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(get, path, data=None):
    """The number of SQL queries of `get(path, data)` once warm, the response being a 200.

    `get` is a test client's `get`, or anything called the same way (the API's authenticated
    `api` fixture). The first request may fill caches (content types, locales, the site
    structure, image renditions), so only the second one is counted."""
    assert get(path, data).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = get(path, data)
    assert response.status_code == 200
    return len(captured)
