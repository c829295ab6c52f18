"""Every read that conversations pages, the staff inbox and the member page for staff need, with
their joins: each page costs the same number of queries whatever the member has done."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from community import permissions as community_permissions
from community.content_kinds import registry
from community.conversations.models import (
    Conversation,
    ConversationEvent,
    ConversationMessage,
    ConversationStatus,
    MemberNote,
    MemberNoteRevision,
    SummaryRequest,
)
from community.models import Appeal, Decision, Report, StaffCard
from community.protections.suspensions import active_suspension

# How many rows of each kind the member page for staff shows; the full list has the rest.
MEMBER_FILE_ROWS = 5
MEMBER_FILE_NOTES = 10

_OWNER = ("owner", "owner_card__member", "owner_card__team")
_THREAD = ("question", "review", "review__product")
_BYLINE = ("author", "author_card__member", "author_card__team")


def _with_people(conversations):
    return conversations.select_related("member", *_OWNER, *_THREAD)


# --- Conversations --------------------------------------------------------------------------


def conversation_for_page(pk):
    """The conversation with everything its page shows about it, or None."""
    return _with_people(Conversation.objects.filter(pk=pk)).select_related("closed_by").first()


def messages_of(conversation):
    return ConversationMessage.objects.filter(conversation=conversation).select_related(*_BYLINE)


def events_of(conversation):
    return ConversationEvent.objects.filter(conversation=conversation).select_related(
        "actor", "actor_card", "to_card"
    )


def summary_requests_of(conversation):
    return SummaryRequest.objects.filter(conversation=conversation).select_related(
        "author_card__member", "author_card__team"
    )


def summary_request_for_action(pk):
    return (
        SummaryRequest.objects.filter(pk=pk)
        .select_related("conversation", "conversation__member")
        .first()
    )


def member_conversations(member):
    """A member's own conversations, the latest activity first."""
    return _with_people(Conversation.objects.filter(member=member)).order_by(
        "status", "-last_message_at", "-pk"
    )


def thread_conversations(viewer, *, question=None, review=None):
    """The private conversations linked to a thread that `viewer` may know of: all of them for
    staff, their own for the member, none for anyone else (the caller decides who asks)."""
    conversations = Conversation.objects.all()
    if question is not None:
        conversations = conversations.filter(question=question)
    else:
        conversations = conversations.filter(review=review)
    if not community_permissions.is_staff_member(viewer):
        conversations = conversations.filter(member=viewer)
    return _with_people(conversations).order_by("status", "-last_message_at", "-pk")


def product_review_conversations(viewer, product_id) -> dict:
    """{review id: [conversations]} for the reviews of one product, as `viewer` may know of
    them: one query for the whole product page."""
    conversations = Conversation.objects.filter(review__product_id=product_id)
    if not community_permissions.is_staff_member(viewer):
        conversations = conversations.filter(member=viewer)
    found = {}
    for conversation in conversations.select_related(*_OWNER).order_by("status", "-pk"):
        found.setdefault(conversation.review_id, []).append(conversation)
    return found


def inbox_conversations(staff_member, *, product=None, team=None, state=None, limit=50):
    """Open private conversations for the staff inbox, longest waiting on staff first.

    `product` (a ProductPage) keeps those whose question or review is about it; `team` those
    whose owner is in that team; `state` is one of "mine" (owned by `staff_member`), "unowned",
    "staff" (waiting on staff) or "customer" (waiting on the customer); anything else shows all.
    Each row has its member, owner and owner's card, linked question or review (with product),
    and the promise clock's fields (`waiting_on`, `waiting_since`, `promise_due_at`...).
    """
    conversations = Conversation.objects.filter(status=ConversationStatus.OPEN)
    if product is not None:
        conversations = conversations.filter(
            Q(question__product=product) | Q(review__product=product)
        )
    if team is not None:
        conversations = conversations.filter(owner_card__team=team)
    if state == "mine":
        conversations = conversations.filter(owner=staff_member)
    elif state == "unowned":
        conversations = conversations.filter(
            Q(owner__isnull=True) | Q(owner_card__isnull=True) | Q(owner_card__is_active=False)
        )
    elif state in ("staff", "customer"):
        conversations = conversations.filter(waiting_on=state)
    conversations = _with_people(conversations).select_related("question__topic")
    return list(
        conversations.order_by(
            "-waiting_on",  # "staff" before "customer" before nobody
            "promise_due_at",
            "waiting_since",
            "created_at",
            "pk",
        )[:limit]
    )


def colleagues(exclude=None):
    """Staff with an active card, to hand a conversation to."""
    cards = StaffCard.objects.filter(is_active=True, member__is_active=True).select_related(
        "member", "team"
    )
    if exclude is not None:
        cards = cards.exclude(member=exclude)
    return cards.order_by("real_name")


# --- The member page for staff --------------------------------------------------------------


def member_for_file(handle):
    return (
        get_user_model()
        .objects.filter(handle=handle)
        .select_related("segment", "staff_card__team")
        .prefetch_related("groups")
        .first()
    )


def _conversations(member):
    return _with_people(Conversation.objects.filter(member=member)).order_by(
        "status", "-last_message_at", "-pk"
    )


def _content_of(member) -> Q:
    """Reports against the member, or against anything they wrote."""
    member_type = ContentType.objects.get_for_model(get_user_model())
    condition = Q(content_type=member_type, object_id=member.pk)
    for model in (kind.model for kind in registry.writing()):
        kind = ContentType.objects.get_for_model(model)
        authored = model._base_manager.filter(author=member).values("pk")
        condition |= Q(content_type=kind, object_id__in=authored)
    return condition


def _reports(member):
    return (
        Report.objects.filter(_content_of(member))
        .select_related("content_type")
        .order_by("-created_at", "-pk")
    )


def _decisions(member):
    return (
        Decision.objects.filter(author=member)
        .select_related("content_type", "moderator__staff_card")
        .order_by("-created_at", "-pk")
    )


def _suspensions(member):
    return member.suspensions.select_related("suspended_by", "lifted_by").order_by(
        "-created_at", "-pk"
    )


def _appeals(member):
    return (
        Appeal.objects.filter(appellant=member)
        .select_related("content_type", "decided_by")
        .order_by("-created_at", "-pk")
    )


def note_revisions(note):
    """A note's earlier versions, the latest first, with who replaced each."""
    return MemberNoteRevision.objects.filter(note=note).select_related(
        "edited_by", "edited_by_card"
    )


def _notes(member):
    """The member's notes with their earlier versions: one query for the notes, one for all
    their versions."""
    revisions = MemberNoteRevision.objects.select_related("edited_by", "edited_by_card")
    return (
        MemberNote.objects.filter(member=member)
        .select_related("author", "author_card__team", "author_card__member")
        .prefetch_related(Prefetch("revisions", queryset=revisions))
    )


# The lists of the member page that are no content kind's: key → (rows of the member, how many
# the page shows, title).
_OWN_SECTIONS = {
    "conversations": (_conversations, MEMBER_FILE_ROWS, _("Private conversations")),
    "reports": (_reports, MEMBER_FILE_ROWS, _("Reports against them or their writing")),
    "decisions": (_decisions, MEMBER_FILE_ROWS, _("Moderation decisions")),
    "suspensions": (_suspensions, MEMBER_FILE_ROWS, _("Suspensions")),
    "appeals": (_appeals, MEMBER_FILE_ROWS, _("Appeals")),
    "notes": (_notes, MEMBER_FILE_NOTES, _("Staff notes")),
}


def file_sections() -> dict:
    """The lists of the member page, key → (rows of the member, how many the page shows,
    title): what the content kinds list of a member (`ContentKind.member_history`), then the
    conversations, the moderation history and the staff notes."""
    sections = {
        section.key: (section.rows, MEMBER_FILE_ROWS, section.title)
        for section in registry.member_history()
    }
    return sections | _OWN_SECTIONS


def file_section(member, key):
    """All the rows of one list of the member page (its full list)."""
    rows, _shown, _title = file_sections()[key]
    return rows(member)


def earlier_owners(member) -> list[dict]:
    """Every member of staff who looked after one of the member's questions or conversations,
    now or before: their card, how many threads, and when they last took one on. Three queries
    whatever the member's history: the steps, the current owners, and the cards."""
    seen: dict[int, dict] = {}

    def add(card_id, thread, when):
        if card_id is None:
            return
        entry = seen.setdefault(card_id, {"threads": set(), "last": when})
        entry["threads"].add(thread)
        if when and (entry["last"] is None or when > entry["last"]):
            entry["last"] = when

    for kind in registry:
        if kind.owner_history is not None:
            for card_id, thread, when in kind.owner_history(member):
                add(card_id, f"{kind.key}{thread}", when)
    conversation_steps = ConversationEvent.objects.filter(
        conversation__member=member,
        kind__in=[ConversationEvent.Kind.TAKEN, ConversationEvent.Kind.HANDED_OVER],
    ).values_list("kind", "actor_card_id", "to_card_id", "conversation_id", "created_at")
    for kind, actor_card, to_card, thread, when in conversation_steps.order_by():
        taken = kind == ConversationEvent.Kind.TAKEN
        add(actor_card if taken else to_card, f"c{thread}", when)
    current = Conversation.objects.filter(member=member, owner_card__isnull=False).values_list(
        "owner_card_id", "pk", "owned_since"
    )
    for card_id, thread, when in current.order_by():
        add(card_id, f"c{thread}", when)
    cards = StaffCard.objects.filter(pk__in=seen).select_related("member", "team")
    owners = [
        {"card": card, "threads": len(seen[card.pk]["threads"]), "last": seen[card.pk]["last"]}
        for card in cards
    ]
    return sorted(owners, key=lambda owner: (owner["last"] is None, owner["last"]), reverse=True)


def member_file(member) -> dict:
    """Everything the community knows about `member`, for staff: each list's latest rows and its
    count, the earlier owners and the account's facts. A fixed number of queries (two per list,
    plus a handful), however much the member has done."""
    sections = {}
    for key, (rows, shown, _title) in file_sections().items():
        queryset = rows(member)
        sections[key] = {"rows": list(queryset[:shown]), "count": queryset.count(), "key": key}
    addresses = list(EmailAddress.objects.filter(user=member).order_by("-primary", "email"))
    return {
        "sections": sections,
        "owners": earlier_owners(member),
        "email_addresses": addresses,
        "verified": any(
            address.verified and address.email.lower() == member.email.lower()
            for address in addresses
        ),
        "suspension": active_suspension(member),
        "conversation_counts": Conversation.objects.filter(member=member).aggregate(
            open=Count("pk", filter=Q(status=ConversationStatus.OPEN)), all=Count("pk")
        ),
    }


def inbox_section_rows(viewer, *, now, product, team, state, limit):
    """The inbox's private conversations, with its filters; "overdue" keeps those past their
    promise."""
    rows = inbox_conversations(
        viewer,
        product=product,
        team=team,
        state="staff" if state == "overdue" else state,
        limit=limit,
    )
    if state == "overdue":
        rows = [row for row in rows if row.promise_due_at is not None and row.promise_due_at <= now]
    return rows
