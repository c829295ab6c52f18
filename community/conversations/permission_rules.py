"""Who may use the addresses of private conversations and staff notes that change something
(`community.permission_matrix`). "Asker or author" is the member the conversation (or the
note) is about; the staff column looks after the conversation and wrote the note."""

from community.permission_matrix import ADMIN, STAFF, WRITERS, declare

AREA = "Private conversations and staff notes"
STRANGERS = WRITERS - {"author", "staff"} | {"unverified", "suspended"}

declare(
    AREA,
    "conversations:start_question",
    "Open a private conversation from one's question",
    target="question",
    allowed={"author"},
    why="`can_open_from`: the asker",
)
declare(
    AREA,
    "conversations:start_review",
    "Open a private conversation from one's review",
    target="review",
    allowed={"author"},
    why="`can_open_from`: the reviewer",
)
declare(
    AREA,
    "conversations:complaint",
    "Handle a review as a complaint, privately",
    target="review",
    allowed=STAFF,
    why="`can_open_complaint`: staff with a card",
)
for name, action, why in (
    ("conversations:reply", "Write in a conversation", "`can_reply`: its member and staff"),
    ("conversations:close", "Close a conversation", "`can_close`: its member and staff"),
):
    declare(
        AREA,
        name,
        action,
        target="conversation",
        allowed={"author", "staff"},
        hidden=STRANGERS,
        why=why,
    )
declare(
    AREA,
    "conversations:reopen",
    "Reopen a closed conversation",
    target="closed_conversation",
    allowed={"author", "staff"},
    hidden=STRANGERS,
    why="`can_reopen`: its member and staff",
)
declare(
    AREA,
    "conversations:take",
    "Take a conversation on",
    target="unowned_conversation",
    allowed=STAFF,
    hidden=STRANGERS,
    why="`can_take`: staff, while nobody looks after it",
)
declare(
    AREA,
    "conversations:hand_over",
    "Hand a conversation over",
    target="conversation",
    allowed=STAFF,
    hidden=STRANGERS,
    why="`can_hand_over`: its owner",
)
declare(
    AREA,
    "conversations:summary",
    "Propose a public summary",
    target="closed_conversation",
    allowed=STAFF,
    hidden=STRANGERS,
    why="`can_propose_summary`: its owner, once it has ended",
)
declare(
    AREA,
    "conversations:consent",
    "Agree to a summary, or decline it",
    target="summary_request",
    allowed={"author"},
    hidden=STRANGERS,
    why="`can_decide_summary`: the member only",
)
declare(
    AREA,
    "conversations:note_add",
    "Write a staff note about a member",
    target="author_handle",
    allowed=STAFF,
    why="`can_add_note`: staff with a card",
)
for name, action in (
    ("conversations:note_edit", "Edit a staff note (earlier text kept)"),
    ("conversations:note_delete", "Delete a staff note"),
):
    declare(
        AREA,
        name,
        action,
        target="note",
        allowed=STAFF | ADMIN,
        why="`can_change_note`: its writer (the staff column) or a site admin, never a colleague",
    )
