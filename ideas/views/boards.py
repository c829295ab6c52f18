"""The public roadmap (a Wagtail page, see `ideas.models.RoadmapPage`) and the changelog."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from community import permissions as community_permissions
from community import seo
from ideas import permissions, selectors
from ideas.status_styles import status_stylesheet
from ideas.views.common import attach_product_pages, product_filter, read_filters

CHANGELOG_PER_PAGE = 20
ROADMAP_CARDS_PER_COLUMN = 30


def roadmap_context(request) -> dict:
    """What the roadmap page shows: its columns, filtered by product and tag."""
    filters = read_filters(request.GET, request.user, statuses=[])
    columns = selectors.roadmap(
        product=filters["product"],
        tag=filters["tag"],
        per_column=ROADMAP_CARDS_PER_COLUMN,
        viewer=request.user,
    )
    attach_product_pages([idea for _status, ideas, _total in columns for idea in ideas], request)
    return {
        "columns": columns,
        "filters": filters,
        "is_filtered": bool(filters["product"] or filters["tag"]),
        "product_filter": product_filter(filters),
        "tags": list(selectors.tags()),
        "status_stylesheet": status_stylesheet(),
        "can_propose": permissions.can_propose(request.user),
        "is_member": community_permissions.is_member(request.user),
    }


@require_GET
def changelog(request):
    page_obj = Paginator(selectors.changelog(), CHANGELOG_PER_PAGE).get_page(
        request.GET.get("page")
    )
    ideas = attach_product_pages(page_obj.object_list, request)
    return render(
        request,
        "ideas/changelog.html",
        {
            "page_obj": page_obj,
            "ideas": ideas,
            "status_stylesheet": status_stylesheet(),
            "preview": seo.Preview(
                title=_("What's new"),
                description=_(
                    "Ideas from the community that have shipped, newest first, with the note "
                    "that announced each."
                ),
            ),
        },
    )
