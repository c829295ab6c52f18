"""Erasing a member's private conversations and the notes staff keep about them.

Both are personal data whatever the member chose for their public writing: they go entirely
(messages, steps and summary requests with them, and each note's earlier versions). Summaries
the member agreed to were posted on the public thread under the staff member's name and stay
there, like any staff answer. What a departing member of staff wrote in others' conversations
stays for those members, without them: the links to their account are set to null by the
database.
"""

from community import erasure
from community.conversations.models import Conversation, MemberNote


def erase_conversations(member, choice) -> None:
    Conversation.objects.filter(member=member).delete()
    MemberNote.objects.filter(member=member).delete()


def register_eraser() -> None:
    erasure.register("conversations", erase_conversations, order=50)
