"""Cursor pagination: each page ends with the address of the next one, which stays right while
ideas are added (no page shifts, no row seen twice)."""

from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import CursorPagination


class StableCursorPagination(CursorPagination):
    ordering = "-id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_cursor_message = _(
        "This cursor is not valid: follow the `next` or `previous` address of a page as it is."
    )
