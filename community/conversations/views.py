"""Views of private conversations and of the member page for staff: thin, reading through
selectors and writing through services.

A conversation that the viewer may not see answers 404, exactly like one that does not exist,
so that nobody learns that a private conversation is there.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community import permissions as community_permissions
from community.content_kinds import registry
from community.conversations import permissions, selectors, services
from community.conversations.forms import (
    ComplaintForm,
    HandOverForm,
    MessageForm,
    NoteForm,
    OpenForm,
    SummaryForm,
)
from community.conversations.models import MemberNote
from community.protections.suspensions import refuse_if_suspended
from community.views import add_errors, hand_over_page, refuse_unverified

FULL_LIST_PER_PAGE = 50


def _visible(request, pk):
    conversation = selectors.conversation_for_page(pk)
    if conversation is None or not permissions.can_see(request.user, conversation):
        raise Http404(_("This conversation does not exist."))
    return conversation


def _talk_row(kind_key, pk):
    """The row of the kind a private conversation can be about, with the joins its pages show
    (`ContentKind.private_talk`), or None."""
    return registry.get(kind_key).private_talk.rows().filter(pk=pk).first()


def _gate(request, next_url):
    """Common gate of the POST actions: visitors log in first."""
    if not request.user.is_authenticated:
        return redirect_to_login(next_url)
    return None


# --- A member's conversations ---------------------------------------------------------------


@login_required
@require_GET
def conversation_list(request):
    conversations = Paginator(
        selectors.member_conversations(request.user), FULL_LIST_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "community/conversations/conversation_list.html",
        {
            "page_obj": conversations,
            "is_staff": community_permissions.is_staff_member(request.user),
        },
    )


def _start_page(request, *, question=None, review=None):
    thread = question or review
    existing = services.existing_open(request.user, question=question, review=review)
    if existing is not None:
        messages.info(
            request, _("You already have an open private conversation about this: write here.")
        )
        return redirect(existing.get_absolute_url())
    subject = _("About: %(title)s") % {"title": thread.title}
    form = OpenForm(
        data=request.POST if request.method == "POST" else None,
        initial={"subject": subject[:150]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            conversation = services.conversation_open(
                request.user,
                question=question,
                review=review,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Your private conversation is open. Only you and our staff can read it."),
            )
            return redirect(conversation.get_absolute_url())
    owner, card = services.thread_owner(thread)
    return render(
        request,
        "community/conversations/start_form.html",
        {
            "form": form,
            "question": question,
            "review": review,
            "thread": thread,
            "thread_url": thread.get_absolute_url(),
            "owner_card": card,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def start_from_question(request, pk):
    question = _talk_row("question", pk)
    if question is None:
        raise Http404(_("This question does not exist."))
    refuse_if_suspended(request.user)
    if not permissions.can_open_from(request.user, question):
        refuse_unverified(
            request.user, _("Please verify your e-mail address before writing to staff.")
        )
        raise PermissionDenied(_("Only the asker can talk privately with staff about it."))
    return _start_page(request, question=question)


@login_required
@require_http_methods(["GET", "POST"])
def start_from_review(request, pk):
    review = _talk_row("review", pk)
    if review is None or not (review.is_published or review.author_id == request.user.pk):
        raise Http404(_("This review does not exist."))
    refuse_if_suspended(request.user)
    if not permissions.can_open_from(request.user, review):
        refuse_unverified(
            request.user, _("Please verify your e-mail address before writing to staff.")
        )
        raise PermissionDenied(_("Only the reviewer can talk privately with staff about it."))
    return _start_page(request, review=review)


@login_required
@require_http_methods(["GET", "POST"])
def complaint(request, pk):
    """Staff turn a review that is really a complaint into a private conversation."""
    review = _talk_row("review", pk)
    if review is None or not (
        review.is_published or community_permissions.is_staff_member(request.user)
    ):
        raise Http404(_("This review does not exist."))
    if not permissions.can_open_complaint(request.user, review):
        raise PermissionDenied(
            _("Only staff with an active staff card can do this, on a published review.")
        )
    existing = services.existing_open(review.author, review=review)
    if existing is not None:
        messages.info(request, _("The reviewer already has an open private conversation about it."))
        return redirect(existing.get_absolute_url())
    form = ComplaintForm(
        data=request.POST if request.method == "POST" else None,
        initial={
            "subject": (_("About your review: %(title)s") % {"title": review.title})[:150],
            "response_text": services.complaint_response_text(request.user, review),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            conversation = services.complaint_open(
                request.user,
                review,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                response_text=form.cleaned_data["response_text"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "The private conversation is open and the review's response says you are on "
                    "it. The reviewer is told."
                ),
            )
            return redirect(conversation.get_absolute_url())
    response = (
        getattr(review, "staff_response", None) if hasattr(review, "staff_response") else None
    )
    return render(
        request,
        "community/conversations/complaint_form.html",
        {
            "form": form,
            "review": review,
            "response": response,
            "card": community_permissions.active_staff_card(request.user),
        },
    )


# --- A conversation -------------------------------------------------------------------------


def _render_conversation(request, conversation, *, message_form=None, status=200):
    viewer = request.user
    requests = list(selectors.summary_requests_of(conversation))
    pending = next((item for item in requests if item.is_pending), None)
    can_reply = permissions.can_reply(viewer, conversation)
    if message_form is None and can_reply:
        message_form = MessageForm()
    is_member = permissions.is_conversation_member(viewer, conversation)
    context = {
        "conversation": conversation,
        "thread": conversation.thread,
        "chat": list(selectors.messages_of(conversation)),
        "events": list(selectors.events_of(conversation)),
        "summary_requests": requests,
        "pending_summary": pending,
        "is_conversation_member": is_member,
        "is_staff": community_permissions.is_staff_member(viewer),
        "message_form": message_form,
        "can": {
            "reply": can_reply,
            "take": permissions.can_take(viewer, conversation),
            "hand_over": permissions.can_hand_over(viewer, conversation),
            "close": permissions.can_close(viewer, conversation),
            "reopen": permissions.can_reopen(viewer, conversation),
            "summary": permissions.can_propose_summary(viewer, conversation),
            "decide": pending is not None and permissions.can_decide_summary(viewer, pending),
        },
        "card": community_permissions.active_staff_card(viewer),
        "now": timezone.now(),
    }
    return render(
        request, "community/conversations/conversation_detail.html", context, status=status
    )


@login_required
@require_GET
def conversation_detail(request, pk):
    return _render_conversation(request, _visible(request, pk))


@require_POST
def message_post(request, pk):
    gate = _gate(request, reverse("conversations:detail", args=[pk]))
    if gate:
        return gate
    conversation = _visible(request, pk)
    if not permissions.can_reply(request.user, conversation):
        refuse_if_suspended(request.user)
        refuse_unverified(request.user, _("Please verify your e-mail address before writing."))
        raise PermissionDenied(_("This conversation is closed: reopen it to write again."))
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            message = services.message_post(
                request.user, conversation, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your message is sent."))
            return redirect(f"{conversation.get_absolute_url()}#message-{message.pk}")
    return _render_conversation(request, conversation, message_form=form, status=400)


def _action(request, pk, *, allowed, refusal, do, done):
    gate = _gate(request, reverse("conversations:detail", args=[pk]))
    if gate:
        return gate
    conversation = _visible(request, pk)
    if not allowed(request.user, conversation):
        refuse_if_suspended(request.user)
        raise PermissionDenied(refusal)
    do(request.user, conversation)
    messages.success(request, done)
    return redirect(conversation.get_absolute_url())


@require_POST
def conversation_take(request, pk):
    return _action(
        request,
        pk,
        allowed=permissions.can_take,
        refusal=_("Only staff with an active staff card take on a conversation nobody has."),
        do=services.conversation_take,
        done=_("You look after this conversation now. The member is told."),
    )


@require_POST
def conversation_close(request, pk):
    return _action(
        request,
        pk,
        allowed=permissions.can_close,
        refusal=_("You cannot close this conversation."),
        do=services.conversation_close,
        done=_("The conversation is closed."),
    )


@require_POST
def conversation_reopen(request, pk):
    return _action(
        request,
        pk,
        allowed=permissions.can_reopen,
        refusal=_("You cannot reopen this conversation."),
        do=services.conversation_reopen,
        done=_("The conversation is open again."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def conversation_hand_over(request, pk):
    conversation = _visible(request, pk)
    if not permissions.can_hand_over(request.user, conversation):
        raise PermissionDenied(_("Only the member of staff who looks after it hands it over."))
    return hand_over_page(
        request,
        conversation,
        form_class=HandOverForm,
        hand_over=services.conversation_hand_over,
        done=_("You handed the conversation to %(name)s. They and the member are told."),
        back_url=conversation.get_absolute_url(),
        template="community/conversations/hand_over_form.html",
        context=lambda: {"conversation": conversation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def summary_propose(request, pk):
    conversation = _visible(request, pk)
    if not permissions.can_propose_summary(request.user, conversation):
        raise PermissionDenied(
            _("The owner asks to post a summary, once the conversation has ended.")
        )
    form = SummaryForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.summary_propose(request.user, conversation, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("The member is asked. Nothing is posted unless they agree to this exact text."),
            )
            return redirect(f"{conversation.get_absolute_url()}#summary")
    return render(
        request,
        "community/conversations/summary_form.html",
        {"form": form, "conversation": conversation},
    )


@require_POST
def summary_decide(request, pk):
    request_obj = selectors.summary_request_for_action(pk)
    if request_obj is None:
        raise Http404
    gate = _gate(request, reverse("conversations:detail", args=[request_obj.conversation_id]))
    if gate:
        return gate
    conversation = _visible(request, request_obj.conversation_id)
    decision = request.POST.get("decision")
    if decision not in ("accept", "decline"):
        return HttpResponseBadRequest(_("Say whether you agree (accept) or not (decline)."))
    if not permissions.can_decide_summary(request.user, request_obj):
        raise PermissionDenied(_("Only the member answers this request, once."))
    try:
        services.summary_decide(request.user, request_obj, accept=decision == "accept")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if decision == "accept":
            messages.success(request, _("Thank you. The summary is posted on the thread."))
        else:
            messages.info(request, _("Nothing is posted. The conversation stays private."))
    return redirect(f"{conversation.get_absolute_url()}#summary")


# --- The member page for staff --------------------------------------------------------------


def _member_for_staff(request, handle):
    if not permissions.can_see_member_file(request.user):
        raise PermissionDenied(_("The member page for staff is for staff."))
    member = selectors.member_for_file(handle)
    if member is None:
        raise Http404(_("No member has this address."))
    return member


@login_required
@require_GET
def member_file(request, handle):
    member = _member_for_staff(request, handle)
    return _render_member_file(request, member)


def _render_member_file(request, member, *, note_form=None, status=200):
    data = selectors.member_file(member)
    for note in data["sections"]["notes"]["rows"]:
        note.viewer_can_change = permissions.can_change_note(request.user, note)
    return render(
        request,
        "community/conversations/member_file.html",
        {
            "member": member,
            "file": data,
            "sections": data["sections"],
            "note_form": note_form if note_form is not None else NoteForm(),
            "can_add_note": permissions.can_add_note(request.user),
            "now": timezone.now(),
        },
        status=status,
    )


@login_required
@require_GET
def member_file_list(request, handle, section):
    member = _member_for_staff(request, handle)
    sections = selectors.file_sections()
    if section not in sections:
        raise Http404
    page_obj = Paginator(selectors.file_section(member, section), FULL_LIST_PER_PAGE).get_page(
        request.GET.get("page")
    )
    if section == "notes":
        for note in page_obj.object_list:
            note.viewer_can_change = permissions.can_change_note(request.user, note)
    return render(
        request,
        "community/conversations/member_file_list.html",
        {
            "member": member,
            "section": section,
            "section_title": str(sections[section][2]),
            "page_obj": page_obj,
            "rows": page_obj.object_list,
            "now": timezone.now(),
        },
    )


@require_POST
def note_add(request, handle):
    gate = _gate(request, reverse("conversations:member_file", args=[handle]))
    if gate:
        return gate
    member = _member_for_staff(request, handle)
    if not permissions.can_add_note(request.user):
        raise PermissionDenied(_("Only staff with an active staff card write notes."))
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.note_add(request.user, member, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your note is saved. Only staff see it here."))
            return redirect(f"{reverse('conversations:member_file', args=[member.handle])}#notes")
    return _render_member_file(request, member, note_form=form, status=400)


def _changeable_note(request, pk):
    if not permissions.can_reach_notes(request.user):
        raise PermissionDenied(_("Staff notes are for staff."))
    note = MemberNote.objects.select_related("member", "author_card").filter(pk=pk).first()
    if note is None:
        raise Http404
    if not permissions.can_change_note(request.user, note):
        raise PermissionDenied(
            _("Only the note's author or a site admin can change it: it is their note.")
        )
    return note


def _after_note(request, member) -> str:
    """Back to the member's page for staff; a site admin who is not staff goes back to the
    member's account in the admin."""
    if permissions.can_see_member_file(request.user):
        return f"{reverse('conversations:member_file', args=[member.handle])}#notes"
    return reverse("wagtailusers_users:edit", args=[member.pk])


@login_required
@require_http_methods(["GET", "POST"])
def note_edit(request, pk):
    note = _changeable_note(request, pk)
    form = NoteForm(
        data=request.POST if request.method == "POST" else None, initial={"text": note.text}
    )
    back = _after_note(request, note.member)
    if request.method == "POST" and form.is_valid():
        try:
            services.note_edit(request.user, note, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The note is saved; its earlier text is kept."))
            return redirect(back)
    return render(
        request,
        "community/conversations/note_form.html",
        {
            "form": form,
            "note": note,
            "member": note.member,
            "back_url": back,
            "is_own_note": note.author_id == request.user.pk,
            "revisions": list(selectors.note_revisions(note)),
        },
    )


@require_POST
def note_delete(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("conversations:note_edit", args=[pk]))
    note = _changeable_note(request, pk)
    back = _after_note(request, note.member)
    services.note_delete(request.user, note)
    messages.success(request, _("The note is deleted."))
    return redirect(back)
