"""Who may use the addresses of questions and answers that change something
(`community.permission_matrix`). "Asker or author" is the asker for the question's addresses
and the answer's author for an answer's; the question has an answer someone else wrote."""

from community.permission_matrix import MODERATORS, STAFF, WRITERS, Outcome, declare

AREA = "Questions and answers"
ADMIN_PAGES = "The community's pages in the Wagtail admin"
READERS = WRITERS | {"unverified", "suspended"}

declare(AREA, "questions:ask", "Ask a question", target="none", allowed=WRITERS, why="`can_ask`")
declare(
    AREA,
    "questions:short",
    "Go to a question by its number (any method reads)",
    target="question",
    allowed=READERS,
    visitor=Outcome.ALLOWED,
    why="changes nothing",
)
declare(
    AREA,
    "questions:edit",
    "Edit a question",
    target="question",
    allowed={"author"},
    why="`can_edit`: the asker",
)
declare(
    AREA,
    "questions:delete",
    "Delete a question others have answered",
    target="question",
    allowed=MODERATORS,
    why="`can_delete_question`: the asker only until someone else answers; moderators always",
)
declare(
    AREA,
    "questions:request_removal",
    "Ask the moderators to remove a question others have answered",
    target="question",
    allowed={"author"},
    why="`can_request_removal`: the asker, once they may no longer delete it",
)
declare(AREA, "questions:answer", "Answer", target="question", allowed=WRITERS, why="`can_answer`")
declare(
    AREA,
    "questions:follow",
    "Follow a question",
    target="question",
    allowed=READERS,
    why="`can_follow`: any signed-in member",
)
declare(
    AREA,
    "questions:vote",
    "Say “I have this question too”",
    target="question",
    allowed=WRITERS - {"author"},
    why="`can_vote_question`: not the asker",
)
declare(
    AREA,
    "questions:take",
    "Take a question on",
    target="question",
    allowed=STAFF,
    why="`can_take_ownership`: staff with a card",
)
declare(
    AREA,
    "questions:hand_off",
    "Hand a question off",
    target="owned_question",
    allowed=STAFF,
    why="`can_hand_off`: its owner (the staff column owns it)",
)
declare(
    AREA,
    "questions:ask_staff",
    "Ask for a member of staff",
    target="unanswered_question",
    allowed={"author"},
    why="`can_ask_for_staff`: the asker",
)
declare(
    AREA,
    "questions:duplicate",
    "Mark a question as a duplicate",
    target="question",
    allowed={"staff", "moderator"},
    why="`can_mark_duplicate`",
)
declare(
    AREA,
    "questions:close",
    "Close a question as answered",
    target="question",
    allowed={"author", "staff"},
    why="`can_close`: the asker or staff, once it has an answer",
)
declare(
    AREA,
    "questions:reopen",
    "Reopen a question closed as answered",
    target="closed_question",
    allowed={"author", "staff"},
    why="`can_reopen`",
)
declare(
    AREA,
    "questions:report",
    "Report a question",
    target="question",
    allowed=WRITERS - {"author"},
    why="`can_report`: not one's own",
)
declare(
    AREA,
    "questions:reply",
    "Reply to an answer",
    target="answer",
    allowed=WRITERS,
    why="`can_reply`",
)
declare(
    AREA,
    "questions:answer_edit",
    "Edit an answer",
    target="answer",
    allowed={"author"},
    why="`can_edit`: its author",
)
declare(
    AREA,
    "questions:answer_delete",
    "Delete an answer",
    target="answer",
    allowed={"author", "moderator"},
    why="`can_delete_answer`",
)
declare(
    AREA,
    "questions:answer_vote",
    "Upvote an answer",
    target="answer",
    allowed=WRITERS - {"author"},
    why="`can_vote`: not one's own",
)
declare(
    AREA,
    "questions:answer_accept",
    "Mark an answer as the solution",
    target="answer",
    allowed={"staff"},
    why="`can_accept`: the asker (not in this row: the answer's author is not the asker) or staff",
)
declare(
    AREA,
    "questions:answer_report",
    "Report an answer",
    target="answer",
    allowed=WRITERS - {"author"},
    why="`can_report`: not one's own",
)
declare(
    ADMIN_PAGES,
    "topic:delete",
    "Delete a topic",
    target="topic",
    allowed={"admin"},
    why="`community.delete_topic`",
)
