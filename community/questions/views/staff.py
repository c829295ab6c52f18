"""What staff do with a question, and what the asker does to reach them: taking it on, handing it
off, asking for a person, duplicates, closing and reopening, and the staff inbox."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community import permissions as community_permissions
from community.forms import InboxFilterForm
from community.inbox import sections as inbox_sections
from community.questions import permissions, selectors, services
from community.questions.forms import (
    CloseForm,
    DuplicateForm,
    HandOffForm,
)
from community.questions.views.common import (
    add_errors,
    annotate_rows,
    member_action,
    place_of,
    question_url,
    sign_in_first,
    standing_question,
)
from community.views import hand_over_page

INBOX_LIMIT = 50


@require_POST
def question_take(request, pk):
    question = standing_question(pk)
    if not request.user.is_authenticated:
        return sign_in_first(request, question)
    if not permissions.can_take_ownership(request.user, question):
        raise PermissionDenied(
            _(
                "Only staff with an active staff card can take on a question, and only one "
                "nobody looks after."
            )
        )
    services.ownership_take(request.user, question)
    messages.success(request, _("You look after this question now. The asker is told."))
    return redirect(question_url(question, "owner"))


@login_required
@require_http_methods(["GET", "POST"])
def question_hand_off(request, pk):
    question = standing_question(pk)
    if not permissions.can_hand_off(request.user, question):
        raise PermissionDenied(
            _("Only the member of staff who looks after a question hands it off.")
        )
    return hand_over_page(
        request,
        question,
        form_class=HandOffForm,
        hand_over=services.question_hand_off,
        done=_("You handed the question to %(name)s. They, the asker and followers are told."),
        back_url=question_url(question, "owner"),
        template="community/questions/hand_off_form.html",
        context=lambda: {"question": question, "place": place_of(question)},
    )


@require_POST
def question_ask_staff(request, pk):
    question = standing_question(pk)
    gate = member_action(
        request, question, message=_("Please verify your e-mail address before asking for staff.")
    )
    if gate:
        return gate
    if not permissions.can_ask_for_staff(request.user, question):
        if permissions.is_asker(request.user, question) and question.is_open:
            # A page opened before staff took the question on, or answered it.
            messages.info(
                request,
                _("A member of staff is already on your question: see who, and what happens next."),
            )
            return redirect(question_url(question, "owner"))
        raise PermissionDenied(
            _("Only the asker can ask for a member of staff, while the question is open.")
        )
    services.staff_request(request.user, question)
    messages.success(
        request,
        _("A member of staff will answer: your question is in the staff inbox."),
    )
    return redirect(question_url(question, "owner"))


@login_required
@require_http_methods(["GET", "POST"])
def question_duplicate(request, pk):
    question = standing_question(pk)
    if not permissions.can_mark_duplicate(request.user, question):
        raise PermissionDenied(_("Only staff can mark a question as a duplicate."))
    form = DuplicateForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_mark_duplicate(
                request.user, question, original=form.cleaned_data["original"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("The question is marked as a duplicate. Its followers are told.")
            )
            return redirect(question.get_absolute_url())
    return render(
        request,
        "community/questions/duplicate_form.html",
        {
            "form": form,
            "question": question,
            "place": place_of(question),
            "similar": selectors.similar_questions(question.title, exclude_pk=question.pk),
        },
    )


@require_POST
def question_close(request, pk):
    question = standing_question(pk)
    gate = member_action(
        request, question, message=_("Please verify your e-mail address before closing.")
    )
    if gate:
        return gate
    if not permissions.can_close(request.user, question):
        raise PermissionDenied(
            _("A question can only be closed as answered, by its asker or staff, once answered.")
        )
    form = CloseForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    services.question_close(request.user, question, note=note)
    messages.success(request, _("The question is closed as answered."))
    return redirect(question.get_absolute_url())


@require_POST
def question_reopen(request, pk):
    question = standing_question(pk)
    gate = member_action(
        request, question, message=_("Please verify your e-mail address before reopening.")
    )
    if gate:
        return gate
    if not permissions.can_reopen(request.user, question):
        raise PermissionDenied(_("You cannot reopen this question."))
    services.question_reopen(request.user, question)
    messages.success(request, _("The question is open again."))
    return redirect(question.get_absolute_url())


# --- The staff inbox ------------------------------------------------------------------------


@login_required
@require_GET
def inbox(request):
    """The staff inbox: the queue of open questions by promise deadline, filtered by product,
    team and state; private conversations; and the viewer's, requested and unowned lists."""
    if not permissions.can_see_inbox(request.user):
        raise PermissionDenied(_("The inbox is for staff."))
    now = timezone.now()
    form = InboxFilterForm(data=request.GET or None)
    filters = form.filters() if request.GET else {"product": None, "team": None, "state": ""}
    queue = selectors.inbox_queue(request.user, now=now, limit=INBOX_LIMIT, **filters)
    annotate_rows(queue["rows"])
    sections = selectors.inbox(request.user, limit=INBOX_LIMIT)
    for key in ("mine", "requested", "unowned"):
        annotate_rows(sections[key])
    return render(
        request,
        "community/questions/inbox.html",
        {
            "sections": sections,
            "queue": queue,
            "form": form,
            "filters": filters,
            "is_filtered": any(filters.values()),
            **{
                section.key: section.rows(request.user, now=now, limit=INBOX_LIMIT, **filters)
                for section in inbox_sections()
            },
            "card": community_permissions.active_staff_card(request.user),
            "now": now,
            "limit": INBOX_LIMIT,
        },
    )
