"""Reporting a question or an answer to the moderators, and the asker's request that the
moderators remove a question others have answered."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from community import reports
from community.forms import RemovalRequestForm
from community.questions import permissions
from community.questions.views.common import (
    answer_url,
    refuse_unverified,
    standing_answer,
    standing_question,
)
from community.views import add_errors, report_page

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


@login_required
@require_http_methods(["GET", "POST"])
def question_request_removal(request, pk):
    """Once others have answered, the asker no longer deletes the question (their answers would
    go with it): they ask the moderators to remove it, who decide in the moderation queue."""
    question = standing_question(pk)
    back_url = question.get_absolute_url()
    if not permissions.can_request_removal(request.user, question):
        refuse_unverified(
            request.user, _("Please verify your e-mail address before asking for a removal.")
        )
        raise PermissionDenied(
            _(
                "Only the asker asks the moderators to remove a question, once others have "
                "answered it; until then the asker can delete it."
            )
        )
    already = _("You have already asked the moderators to remove this question. They will decide.")
    if reports.has_reported(request.user, question):
        messages.info(request, already)
        return redirect(back_url)
    form = RemovalRequestForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            reports.removal_request_create(request.user, question, text=form.cleaned_data["text"])
        except ValidationError as error:
            if error.code == "duplicate":
                messages.info(request, already)
                return redirect(back_url)
            add_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "The moderators have your request. Your question stays until they decide, "
                    "and you are told what they decided."
                ),
            )
            return redirect(back_url)
    return render(
        request,
        "community/questions/removal_request_form.html",
        {"form": form, "question": question, "back_url": back_url},
        status=400 if request.method == "POST" else 200,
    )
