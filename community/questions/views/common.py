"""What the questions views share: finding what a request is about, where to send the reader
back, and refusing with the reason."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from community.i18n import current_language
from community.products import products_in_language
from community.questions import selectors
from community.questions.models import Answer, Question
from community.views import add_errors, refuse_unverified  # noqa: F401 - used by the views

# --- Helpers --------------------------------------------------------------------------------


def localised(products) -> dict:
    """{product pk: its page in the reader's language}."""
    return products_in_language(products, current_language())


def place_of(question) -> dict:
    """The product (in the reader's language) or topic a question is about, with its link."""
    if question.product_id:
        page = localised([question.product])[question.product_id]
        return {"name": page.title, "url": page.url, "product": page, "topic": None}
    return {
        "name": question.topic.name,
        "url": f"{list_url()}?topic={question.topic.slug}",
        "product": None,
        "topic": question.topic,
    }


def list_url():
    return reverse("questions:list")


def visible_question(pk, viewer=None) -> Question:
    question = selectors.question_for_page(pk, viewer)
    if question is None:
        raise Http404(_("This question does not exist."))
    return question


def standing_question(pk) -> Question:
    """A question that can still be acted on: deleted questions take no more actions."""
    question = visible_question(pk)
    if question.is_deleted:
        raise Http404(_("This question was deleted."))
    return question


def standing_answer(pk) -> Answer:
    answer = selectors.answer_for_action(pk)
    if answer is None or answer.is_deleted or answer.question.is_deleted:
        raise Http404(_("This answer does not exist, or was deleted."))
    return answer


def question_url(question, anchor=""):
    url = question.get_absolute_url()
    return f"{url}#{anchor}" if anchor else url


def answer_url(answer):
    """Where `answer` (or a reply) stands now: the page of its question that shows it, at the
    answer. Links that last (notifications, other pages) use `Answer.get_absolute_url`, which
    comes here through `answer_permalink`."""
    page = selectors.answer_page_number(answer)
    url = answer.question.get_absolute_url()
    if page > 1:
        url = f"{url}?page={page}"
    return f"{url}#answer-{answer.pk}"


def sign_in_first(request, question, anchor="", answer=None):
    return redirect_to_login(
        answer.get_absolute_url() if answer is not None else question_url(question, anchor)
    )


def annotate_rows(questions):
    """Each question's place in the reader's language, for a list of rows."""
    pages = localised({q.product for q in questions if q.product_id})
    for question in questions:
        if question.product_id:
            question.place_name = pages[question.product_id].title
            question.place_url = pages[question.product_id].url
        else:
            question.place_name = question.topic.name
            question.place_url = f"{list_url()}?topic={question.topic.slug}"
    return questions


def member_action(request, question, *, message, anchor="", answer=None):
    """Common gate of the POST actions: visitors log in (and come back to the answer or the
    anchor), the unverified are told why."""
    if not request.user.is_authenticated:
        return sign_in_first(request, question, anchor, answer)
    refuse_unverified(request.user, message)
    return None
