"""The member's private conversations and the notes staff keep about them (with each note's
earlier versions), in "my data" and in the download: both are about the member, so both are
theirs to see."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from community.conversations.models import (
    Conversation,
    ConversationMessage,
    MemberNote,
    MemberNoteRevision,
)
from community.personal_data import DataSection, register


def _when(value):
    return value.isoformat() if value else None


def _conversations(member):
    messages = ConversationMessage.objects.select_related("author_card").order_by(
        "created_at", "pk"
    )
    return (
        Conversation.objects.filter(member=member)
        .select_related("owner_card", "question", "review")
        .prefetch_related(Prefetch("messages", queryset=messages))
        .order_by("-created_at", "-pk")
    )


def _writer(message, member) -> str:
    if message.author_id == member.pk and not message.is_staff_writing:
        return "you"
    if message.author_card is not None:
        return message.author_card.real_name
    return "staff"


def describe_conversation(conversation) -> dict:
    thread = conversation.question or conversation.review
    return {
        "id": conversation.pk,
        "subject": conversation.subject,
        "status": conversation.status,
        "opened": conversation.get_origin_display().__str__(),
        "about": thread.title if thread is not None else "",
        "looked_after_by": conversation.owner_card.real_name if conversation.owner_card else "",
        "created_at": _when(conversation.created_at),
        "closed_at": _when(conversation.closed_at),
        "messages": [
            {
                "from": _writer(message, conversation.member),
                "text": message.body,
                "written_at": _when(message.created_at),
            }
            for message in conversation.messages.all()
        ],
    }


def describe_note(note) -> dict:
    return {
        "id": note.pk,
        "text": note.text,
        "written_by": note.author_card.real_name if note.author_card else "",
        "created_at": _when(note.created_at),
        "edited_at": _when(note.edited_at),
        "earlier_versions": [
            {
                "text": revision.text,
                "replaced_by": revision.edited_by_name,
                "replaced_at": _when(revision.edited_at),
            }
            for revision in note.revisions.all()
        ],
    }


def _notes(member):
    revisions = MemberNoteRevision.objects.select_related("edited_by", "edited_by_card")
    return (
        MemberNote.objects.filter(member=member)
        .select_related("author_card")
        .prefetch_related(Prefetch("revisions", queryset=revisions))
        .order_by("-created_at", "-pk")
    )


CONVERSATIONS = register(
    DataSection(
        key="conversations",
        label=_("Private conversations"),
        explanation=_(
            "What you and our staff wrote to each other privately, about your questions and "
            "reviews. Nobody else can read it."
        ),
        rows=_conversations,
        describe=describe_conversation,
        url=lambda conversation: conversation.get_absolute_url(),
        title=lambda conversation: conversation.subject,
        order=70,
    )
)

STAFF_NOTES = register(
    DataSection(
        key="staff_notes",
        label=_("Notes staff keep about you"),
        explanation=_(
            "What our staff noted so that nobody asks you again for what you already told us. "
            "Only staff see them, on a page for staff."
        ),
        rows=_notes,
        describe=describe_note,
        title=lambda note: note.text[:80],
        order=71,
    )
)
