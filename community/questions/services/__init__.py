"""Every write about questions and answers: in a transaction, with its permission check.

Counters and dates on the question (answers, votes, last activity, first answer, first staff
answer) move in the same transaction as what moves them, with the question's row locked, so
they stay exact when members write at the same moment. Notifications are recorded in the same
transaction; their e-mails leave after it commits.
"""

from community.questions.services.answers import (
    answer_create,
    answer_delete,
    answer_edit,
    answer_vote_set,
    reply_create,
)
from community.questions.services.common import (
    duplicate_root,
    notifications_muted,
    standing_question,
)
from community.questions.services.ownership import (
    ownership_take,
    question_hand_off,
    staff_request,
)
from community.questions.services.questions import (
    question_ask,
    question_close,
    question_delete,
    question_edit,
    question_follow_set,
    question_mark_duplicate,
    question_reopen,
    question_vote_set,
    solution_remove,
    solution_set,
)

__all__ = [
    "answer_create",
    "answer_delete",
    "answer_edit",
    "answer_vote_set",
    "duplicate_root",
    "notifications_muted",
    "ownership_take",
    "question_ask",
    "question_close",
    "question_delete",
    "question_edit",
    "question_follow_set",
    "question_hand_off",
    "question_mark_duplicate",
    "question_reopen",
    "question_vote_set",
    "reply_create",
    "solution_remove",
    "solution_set",
    "staff_request",
    "standing_question",
]
