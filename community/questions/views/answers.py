"""Answers and replies: posting, editing, deleting, upvoting and marking the solution."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community.moderation import permissions as moderation_permissions
from community.questions import permissions, selectors, services
from community.questions.forms import (
    AnswerEditForm,
    AnswerForm,
    ReplyForm,
)
from community.questions.models import Answer
from community.questions.views.common import (
    add_errors,
    answer_url,
    member_action,
    refuse_unverified,
    standing_answer,
    standing_question,
    visible_question,
)
from community.questions.views.questions import render_question
from community.views import revision_history

# --- Answers and replies --------------------------------------------------------------------


@require_POST
def answer_post(request, pk):
    question = standing_question(pk)
    gate = member_action(
        request,
        question,
        message=_("Please verify your e-mail address before answering."),
        anchor="answer-form",
    )
    if gate:
        return gate
    if not permissions.can_answer(request.user, question):
        raise PermissionDenied(_("This question takes no more answers."))
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            answer = services.answer_create(request.user, question, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your answer is published. Thank you for helping."))
            return redirect(answer_url(answer))
    return render_question(request, question, answer_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def reply_post(request, pk):
    """Reply under an answer. The question page has the form inline; this page shows it alone
    when a reply comes back with an error, so that nothing typed is lost."""
    answer = standing_answer(pk)
    if not permissions.can_reply(request.user, answer):
        refuse_unverified(request.user, _("Please verify your e-mail address before replying."))
        raise PermissionDenied(_("You cannot reply here."))
    form = ReplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            reply = services.reply_create(request.user, answer, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your reply is published."))
            return redirect(answer_url(reply))
    return render(
        request,
        "community/questions/reply_form.html",
        {"form": form, "answer": answer, "question": answer.question},
    )


@login_required
@require_http_methods(["GET", "POST"])
def answer_edit(request, pk):
    answer = standing_answer(pk)
    if not permissions.can_edit(request.user, answer):
        refuse_unverified(request.user, _("Please verify your e-mail address before editing."))
        raise PermissionDenied(_("Only the author can edit an answer."))
    form = AnswerEditForm(
        data=request.POST if request.method == "POST" else None,
        initial={"body": answer.body},
        is_reply=answer.is_reply,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_edit(
                request.user,
                answer,
                body=form.cleaned_data["body"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(answer_url(answer))
    return render(
        request,
        "community/questions/answer_edit.html",
        {"form": form, "answer": answer, "question": answer.question},
    )


@login_required
@require_http_methods(["GET", "POST"])
def answer_delete(request, pk):
    answer = standing_answer(pk)
    if not permissions.can_delete_answer(request.user, answer):
        raise PermissionDenied(_("Only the author or a moderator can delete an answer."))
    if request.method == "POST":
        services.answer_delete(request.user, answer)
        messages.success(
            request, _("The reply is deleted.") if answer.is_reply else _("The answer is deleted.")
        )
        return redirect(answer_url(answer))
    return render(
        request,
        "community/questions/confirm_delete.html",
        {
            "content": answer,
            "question": answer.question,
            "is_question": False,
            "back_url": answer_url(answer),
        },
    )


@require_GET
def answer_history(request, pk):
    answer = selectors.answer_for_action(pk)
    if answer is None or not permissions.can_see_history(request.user, answer):
        raise Http404
    heading = answer.question.title if not answer.question.is_deleted else _("Deleted question")
    return revision_history(request, answer, heading=heading, back_url=answer_url(answer))


@require_POST
def answer_vote(request, pk):
    """Upvote an answer (vote=1) or take the upvote back (vote=0); a repeat changes nothing."""
    answer = standing_answer(pk)
    gate = member_action(
        request,
        answer.question,
        message=_("Please verify your e-mail address before voting."),
        answer=answer,
    )
    if gate:
        return gate
    choice = request.POST.get("vote")
    if choice not in ("0", "1"):
        return HttpResponseBadRequest(_("Say whether to upvote (1) or not (0)."))
    if not permissions.can_vote(request.user, answer):
        if permissions.is_author(request.user, answer):
            raise PermissionDenied(_("You cannot vote on your own answer."))
        raise PermissionDenied(_("You cannot vote on this."))
    services.answer_vote_set(request.user, answer, on=choice == "1")
    if "application/json" in request.headers.get("Accept", ""):
        count = Answer.objects.values_list("upvote_count", flat=True).get(pk=answer.pk)
        return JsonResponse(
            {
                "upvoted": choice == "1",
                "count": count,
                "label": ngettext("upvote", "upvotes", count),
            }
        )
    return redirect(answer_url(answer))


@require_POST
def answer_accept(request, pk):
    """Mark an answer as the solution (solution=1) or take the mark away (solution=0)."""
    answer = standing_answer(pk)
    gate = member_action(
        request,
        answer.question,
        message=_("Please verify your e-mail address first."),
        answer=answer,
    )
    if gate:
        return gate
    choice = request.POST.get("solution")
    if choice not in ("0", "1"):
        return HttpResponseBadRequest(_("Say whether this is the solution (1) or not (0)."))
    if not permissions.can_accept(request.user, answer):
        raise PermissionDenied(_("Only the asker or staff can mark the solution."))
    if choice == "1":
        services.solution_set(request.user, answer)
        messages.success(request, _("The answer is marked as the solution. Its author is told."))
    elif answer.question.solution_id == answer.pk:
        services.solution_remove(request.user, answer.question)
        messages.info(request, _("The answer is no longer marked as the solution."))
    return redirect(answer_url(answer))


@require_GET
def answer_permalink(request, pk):
    """An answer's lasting address (`Answer.get_absolute_url`): the page of its question that
    shows it now, at the answer. Votes move answers between pages; this address does not move."""
    answer = selectors.answer_for_action(pk)
    if answer is None:
        raise Http404(_("This answer does not exist."))
    question = visible_question(answer.question_id, request.user)
    if not moderation_permissions.can_see(request.user, question):
        raise Http404(_("This answer does not exist."))
    return redirect(answer_url(answer))
