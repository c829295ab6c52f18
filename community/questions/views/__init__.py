"""Views of questions and answers: thin, reading through selectors and writing through services.

Every action is a POST form that works without JavaScript and comes back to the question, at
the answer it was about. Visitors are sent to log in; members who have not verified their
e-mail address are told that this is what stops them.
"""

from community.questions.views.answers import (
    answer_accept,
    answer_delete,
    answer_edit,
    answer_history,
    answer_permalink,
    answer_post,
    answer_vote,
    reply_post,
)
from community.questions.views.questions import (
    question_ask,
    question_delete,
    question_detail,
    question_edit,
    question_follow,
    question_history,
    question_list,
    question_redirect,
    question_vote,
    read_list_filters,
    render_question,
    similar_json,
    structured_data,
)
from community.questions.views.reports import (
    answer_report,
    question_report,
    question_request_removal,
)
from community.questions.views.staff import (
    inbox,
    question_ask_staff,
    question_close,
    question_duplicate,
    question_hand_off,
    question_reopen,
    question_take,
)

__all__ = [
    "answer_accept",
    "answer_delete",
    "answer_edit",
    "answer_history",
    "answer_permalink",
    "answer_post",
    "answer_report",
    "answer_vote",
    "inbox",
    "question_ask",
    "question_ask_staff",
    "question_close",
    "question_delete",
    "question_detail",
    "question_duplicate",
    "question_edit",
    "question_follow",
    "question_hand_off",
    "question_history",
    "question_list",
    "question_redirect",
    "question_reopen",
    "question_report",
    "question_request_removal",
    "question_take",
    "question_vote",
    "read_list_filters",
    "render_question",
    "reply_post",
    "similar_json",
    "structured_data",
]
