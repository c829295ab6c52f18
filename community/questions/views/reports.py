"""Reporting a question or an answer to the moderators."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from community.questions import permissions
from community.questions.views.common import (
    answer_url,
    refuse_unverified,
    standing_answer,
    standing_question,
)
from community.views import report_page

# --- Reports --------------------------------------------------------------------------------


def _report(request, target, *, question, back_url, quote_template_context):
    if not permissions.can_report(request.user, target):
        refuse_unverified(request.user, _("Please verify your e-mail address before reporting."))
        raise PermissionDenied(_("You cannot report what you wrote."))
    return report_page(
        request,
        target,
        back_url=back_url,
        template="community/questions/report_form.html",
        context={"question": question, **quote_template_context},
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_report(request, pk):
    question = standing_question(pk)
    return _report(
        request,
        question,
        question=question,
        back_url=question.get_absolute_url(),
        quote_template_context={"reported": question, "heading": _("Report a question")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def answer_report(request, pk):
    answer = standing_answer(pk)
    return _report(
        request,
        answer,
        question=answer.question,
        back_url=answer_url(answer),
        quote_template_context={"reported": answer, "heading": _("Report an answer")},
    )
