"""The question as visitors find it in search: with the words of its public answers."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from community.markdown import words_of
from community.questions.models import Answer, Question, QuestionStatus
from community.searching import Entry, SearchFacet, join_text, votes_lift

QUESTION_BOOSTS = {"solved": 1.6, "answered": 1.25, "duplicate": 0.6}


class QuestionSearch(SearchFacet):
    """A question with the text of its public answers and replies: a visitor's words often
    match the answer rather than how the asker put it. Solved questions rank higher,
    duplicates lower."""

    key = "question"
    label = _("Question")
    label_plural = _("Questions")
    order = 10
    details_template = "community/questions/includes/search_result.html"
    has_status = True

    def indexable(self):
        return Question.objects.public().prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.public().order_by("created_at", "pk"),
                to_attr="public_answers",
            )
        )

    def entry(self, question) -> Entry:
        answers = getattr(question, "public_answers", None)
        if answers is None:
            answers = list(Answer.objects.public().filter(question=question))
        boost = QUESTION_BOOSTS.get(question.status, 1.0) * votes_lift(
            question.vote_count, per_decade=0.15, most=0.3
        )
        return Entry(
            kind=self.key,
            object_id=question.pk,
            title=question.title,
            body=join_text(words_of(question), *(words_of(answer) for answer in answers)),
            product_id=question.product_id,
            status=f"{self.key}-{question.status}",
            created_at=question.created_at,
            boost=boost,
        )

    def for_display(self, ids):
        return Question.objects.public().filter(pk__in=ids).select_related("topic")

    def status_labels(self, values) -> dict:
        return {
            value: str(QuestionStatus(value).label)
            for value in values
            if value in QuestionStatus.values
        }

    def status_order(self, value: str):
        """The steps of a question in their order: open, answered, solved…"""
        return QuestionStatus.values.index(value) if value in QuestionStatus.values else 99
