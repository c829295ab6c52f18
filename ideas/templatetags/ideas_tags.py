"""Template pieces of the ideas room: status badges, the vote chart, and the ideas sections of
product and member pages."""

from django import template
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from community import names
from community.markdown import plain_text
from community.products import canonical_product
from ideas import permissions, selectors
from ideas.models import Importance
from ideas.status_styles import status_stylesheet
from ideas.views.common import attach_product_pages

register = template.Library()

PRODUCT_IDEAS = 5
MEMBER_IDEAS_PER_PAGE = 10
CHART_WIDTH = 320
CHART_HEIGHT = 80
CHART_PADDING = 4


@register.inclusion_tag("ideas/includes/status_badge.html")
def idea_status(status):
    """A status's badge, in its colour (from the status stylesheet) with readable text."""
    return {"status": status}


@register.simple_tag
def status_styles(stylesheet=None):
    """The link to the statuses' colours; a <link> may sit in the body, for sections."""
    stylesheet = stylesheet or status_stylesheet()
    return format_html('<link rel="stylesheet" href="{}">', stylesheet.url)


@register.filter
def excerpt(text, length=200):
    """The words of a Markdown text, without markup, cut at `length` characters."""
    return Truncator(plain_text(text)).chars(int(length))


@register.filter
def importance_label(value):
    try:
        return Importance(value).label
    except ValueError:
        return ""


@register.inclusion_tag("ideas/includes/vote_chart.html")
def vote_chart(history, idea_pk):
    """The number of votes day by day, drawn as a small SVG line with its area.

    Drawn on the server as an SVG, with a text summary for screen readers: no script needed.
    """
    series = history["series"]
    highest = max((count for _day, count in series), default=0) or 1
    width = CHART_WIDTH - 2 * CHART_PADDING
    height = CHART_HEIGHT - 2 * CHART_PADDING
    steps = max(len(series) - 1, 1)
    points = []
    for index, (_day, count) in enumerate(series):
        x = CHART_PADDING + width * index / steps
        y = CHART_PADDING + height - height * count / highest
        points.append((round(x, 1), round(y, 1)))
    if len(points) == 1:
        points.append((CHART_PADDING + width, points[0][1]))
    line = " ".join(f"{x},{y}" for x, y in points)
    bottom = CHART_PADDING + height
    area = f"M{points[0][0]},{bottom} L" + " L".join(f"{x},{y}" for x, y in points)
    area += f" L{points[-1][0]},{bottom} Z"
    return {
        "idea_pk": idea_pk,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "baseline": bottom,
        "line": line,
        "area": area,
        # Strings, not numbers: a template would write "316,0" in French.
        "last_x": str(points[-1][0]),
        "last_y": str(points[-1][1]),
        "first_day": history["first_day"],
        "last_day": series[-1][0] if series else history["first_day"],
        "start": history["start"],
        "end": history["end"],
        "highest": highest,
        "days": len(series),
    }


@register.inclusion_tag("ideas/product_ideas.html", takes_context=True)
def product_ideas(context, page):
    """The ideas section of a product page: its most voted open ideas and a way to propose."""
    request = context["request"]
    product = canonical_product(page)
    ideas = attach_product_pages(
        selectors.product_top_ideas(product, viewer=request.user, limit=PRODUCT_IDEAS),
        request,
        choices=[(product, page)],
    )
    propose_url = f"{reverse('ideas:new')}?product={product.pk}"
    return {
        "request": request,
        "page": page,
        "product": product,
        "ideas": ideas,
        "count": product.product_stats.idea_count,
        "list_url": f"{reverse('ideas:list')}?product={product.pk}",
        "propose_url": propose_url,
        "can_propose": permissions.can_propose(request.user),
        "is_member": request.user.is_authenticated,
        "status_stylesheet": status_stylesheet(),
    }


@register.inclusion_tag("ideas/member_ideas.html", takes_context=True)
def member_ideas(context, member):
    """The ideas a member proposed, for their public page."""
    request = context["request"]
    ideas = selectors.member_ideas(member, viewer=request.user)
    page_obj = Paginator(ideas, MEMBER_IDEAS_PER_PAGE).get_page(request.GET.get("ideas_page"))
    return {
        "request": request,
        "member": member,
        "page_obj": page_obj,
        "ideas": attach_product_pages(page_obj.object_list, request),
        "status_stylesheet": status_stylesheet(),
        "is_self": request.user.is_authenticated and request.user.pk == member.pk,
    }


@register.simple_tag
def votes_label(count):
    return ngettext("%(count)s vote", "%(count)s votes", count) % {"count": count}


@register.filter
def staff_name_of(member):
    """A member of staff's real name when they have a card, else their display name."""
    card = names.staff_card_now(member, active_only=False)
    return names.name_of(member, card=card, nobody=_("a former member"))
