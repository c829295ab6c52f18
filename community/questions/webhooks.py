"""What the webhooks are told about questions: one solved (registered in
`CommunityConfig.ready()`); the body describes the question as the API does."""

from django.utils.translation import gettext_lazy as _

from community.questions.api import QuestionSerializer, public_questions
from community.webhook_events import Event

QUESTION_SOLVED = "question.solved"


def describe_solved(pk) -> dict | None:
    question = public_questions().filter(pk=pk).first()
    if question is None or not question.is_solved:
        return None
    return {"question": QuestionSerializer(question).data}


EVENTS = (Event(QUESTION_SOLVED, _("A question is solved"), describe_solved, order=50),)
