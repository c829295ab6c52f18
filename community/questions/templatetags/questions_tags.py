"""Template pieces of questions and answers: the product page's questions, a member's questions
and answers, status badges and waiting times."""

from django import template
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from community import names
from community.i18n import current_language
from community.products import canonical_product, products_in_language
from community.questions import permissions, selectors

register = template.Library()

PRODUCT_QUESTIONS_SHOWN = 5
MEMBER_ITEMS_PER_PAGE = 10


@register.filter
def waited(start, end=None):
    """How long from `start` to `end` (or now), in its largest unit: "3 days", "2 hours"."""
    if not start:
        return ""
    return timesince(start, end or timezone.now(), depth=1)


@register.inclusion_tag("community/questions/includes/status_badge.html")
def question_status(question):
    """The question's state as a badge: solved, answered, duplicate, or open."""
    return {"question": question}


@register.simple_tag(takes_context=True)
def questions_query(context, **changes):
    """This page's address with some query parameters changed (None removes one)."""
    request = context["request"]
    params = request.GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    query = params.urlencode()
    return f"{request.path}?{query}" if query else request.path


@register.inclusion_tag("community/questions/product_questions.html", takes_context=True)
def product_questions(context, page):
    """The questions section of a product page, in any language: the most recently active
    questions, how many there are and how many are solved, and where to ask."""
    request = context["request"]
    product = canonical_product(page)
    questions = list(selectors.product_questions(product)[:PRODUCT_QUESTIONS_SHOWN])
    stats = product.product_stats
    counts = {"all": stats.question_count, "solved": stats.solved_question_count}
    list_url = f"{reverse('questions:list')}?product={product.pk}"
    ask_url = f"{reverse('questions:ask')}?product={product.pk}"
    return {
        "request": request,
        "user": request.user,
        "page": page,
        "questions": questions,
        "counts": counts,
        "list_url": list_url,
        "ask_url": ask_url,
        "can_ask": permissions.can_ask(request.user),
        "is_member": request.user.is_authenticated,
        "now": timezone.now(),
    }


@register.inclusion_tag("community/questions/member_questions.html", takes_context=True)
def member_questions(context, member):
    """A member's questions and answers for their public page, newest first."""
    request = context["request"]
    questions = Paginator(selectors.member_questions(member), MEMBER_ITEMS_PER_PAGE).get_page(
        request.GET.get("questions_page")
    )
    answers = Paginator(selectors.member_answers(member), MEMBER_ITEMS_PER_PAGE).get_page(
        request.GET.get("answers_page")
    )
    listed = list(questions.object_list)
    pages = products_in_language({q.product for q in listed if q.product_id}, current_language())
    for question in listed:
        question.place_name = (
            pages[question.product_id].title if question.product_id else question.topic.name
        )
    return {
        "request": request,
        "member": member,
        "questions_page": questions,
        "questions": listed,
        "answers_page": answers,
        "answers": list(answers.object_list),
        "current_language": current_language(),
    }


register.filter("actor_name", names.step_actor)


@register.filter
def recipient_name(event):
    """Who a question was handed to, by the name on their staff card."""
    return names.name_of(event.to_member, card=event.to_card, nobody=_("a former member of staff"))


@register.filter
def card_role(card):
    """The role title on a staff card, in the active language ("Billing specialist"): where a
    member of staff is named, their role shows, not only their team."""
    return card.role_title if card is not None else ""


@register.filter
def writer_name(content):
    """The name a question, answer or reply is signed with."""
    return names.writer_name(content, nobody=_("a former member"))
