"""Reporting a question or an answer to the moderators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from community import reports
from community.forms import guidelines_url
from community.questions import permissions
from community.questions.forms import (
    ReportForm,
)
from community.questions.views.common import (
    add_errors,
    answer_url,
    refuse_unverified,
    standing_answer,
    standing_question,
)

# --- Reports --------------------------------------------------------------------------------


def _report(request, target, *, question, back_url, quote_template_context):
    if not permissions.can_report(request.user, target):
        refuse_unverified(request.user, _("Please verify your e-mail address before reporting."))
        raise PermissionDenied(_("You cannot report what you wrote."))
    already = _("You have already reported this. A moderator will look at it.")
    if reports.has_reported(request.user, target):
        messages.info(request, already)
        return HttpResponseRedirect(back_url)
    form = ReportForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            reports.report_create(
                request.user,
                target,
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            if getattr(error, "code", None) == "duplicate":
                messages.info(request, already)
                return HttpResponseRedirect(back_url)
            add_errors(form, error)
        else:
            messages.success(request, _("Thank you for your report. A moderator will look at it."))
            return HttpResponseRedirect(back_url)
    return render(
        request,
        "community/questions/report_form.html",
        {
            "form": form,
            "question": question,
            "back_url": back_url,
            "guidelines_url": guidelines_url(),
            **quote_template_context,
        },
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
        quote_template_context={"reported": question, "reported_is_question": True},
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
        quote_template_context={"reported": answer, "reported_is_question": False},
    )
