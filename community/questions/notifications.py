"""The kinds of notification questions and answers send.

Followers of a question hear of its answers, its solution, its owner and hand-offs, and of it
being a duplicate; answerers hear that their answer is the solution or has a reply; mentioned
members hear that someone mentioned them; a member of staff hears that a question was handed to
them. (An asker asks for a person only while nobody from the team is on the question: the staff
inbox lists the request.)
"""

from django.utils.translation import gettext_lazy as _

from community.notifications import NotificationKind, registry

NEW_ANSWER = registry.register(
    NotificationKind(
        key="question_new_answer",
        label=_("A question I follow gets an answer"),
        message=_("%(name)s answered “%(title)s”."),
    )
)
NEW_REPLY = registry.register(
    NotificationKind(
        key="question_new_reply",
        label=_("Someone replies to my answer, or in a question I follow"),
        message=_("%(name)s replied to an answer on “%(title)s”."),
    )
)
SOLUTION_TO_ANSWERER = registry.register(
    NotificationKind(
        key="question_answer_accepted",
        label=_("My answer is marked as the solution"),
        message=_("Your answer to “%(title)s” was marked as the solution by %(name)s."),
    )
)
SOLVED = registry.register(
    NotificationKind(
        key="question_solved",
        label=_("A question I follow is solved"),
        message=_("“%(title)s” is solved: %(name)s marked an answer as the solution."),
    )
)
OWNER_TAKEN = registry.register(
    NotificationKind(
        key="question_owner_taken",
        label=_("A member of staff takes on a question I follow"),
        message=_("%(staff_name)s (%(role)s) is now looking after “%(title)s”."),
    )
)
HANDED_OFF = registry.register(
    NotificationKind(
        key="question_handed_off",
        label=_("A question I follow is handed to another member of staff"),
        message=_("%(from_name)s handed “%(title)s” to %(to_name)s (%(role)s): %(note)s"),
    )
)
HANDED_TO_YOU = registry.register(
    NotificationKind(
        key="question_handed_to_you",
        label=_("A colleague hands me a question (staff)"),
        message=_("%(from_name)s handed “%(title)s” to you: %(note)s"),
    )
)
MENTIONED = registry.register(
    NotificationKind(
        key="question_mention",
        label=_("Someone mentions me in a question or an answer"),
        message=_("%(name)s mentioned you in “%(title)s”."),
    )
)
DUPLICATE = registry.register(
    NotificationKind(
        key="question_duplicate",
        label=_("A question I follow is marked as a duplicate"),
        message=_(
            "“%(title)s” was marked as a duplicate of “%(other_title)s”: the answers are there."
        ),
    )
)
