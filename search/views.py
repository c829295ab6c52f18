"""The search page: thin, the work is in `search.selectors`."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from community import page_cache
from community.i18n import current_language
from search import selectors
from search.forms import SearchForm


@require_GET
def search(request):
    """Search over reviews, questions, ideas and products, with filters; works without
    JavaScript (filters are links, the form is a GET form)."""
    form = SearchForm(request.GET or None)
    page = selectors.search_page(form, current_language(), request)
    # Results are public rows only, with nothing of the reader's own.
    page_cache.share_with_members(request)
    return render(request, "search/search.html", {"form": form, "search": page})
