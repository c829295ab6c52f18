"""The clock of the demo questions: a faster promise for orders and delivery, then each
demo question's promise replayed from its dated history, so that the threads and the inbox
show believable deadlines."""

from django.db.models import F
from django.utils import timezone

from community import promises
from community.models import ResponsePromise, Team, WaitingOn
from community.questions.models import Answer, Question, QuestionEvent, Topic


def seed_topic_promises(result) -> None:
    """A faster promise for orders and delivery (the topic exists once questions are seeded)."""
    support = Team.objects.filter(slug="support").first()
    orders = Topic.objects.filter(slug="orders-delivery").first()
    if orders is not None and not ResponsePromise.objects.filter(topic=orders).exists():
        ResponsePromise.objects.create(
            topic=orders,
            length=4,
            unit=ResponsePromise.Unit.HOURS,
            text_en="A member of staff answers questions about orders within 4 business hours.",
            text_fr="Un membre de l’équipe répond aux questions de commande sous 4 heures ouvrées.",
            community_solution_fulfils=False,
            team=support,
        )
        result.count("response promises")


def replay_clocks(since, result) -> None:
    """Run the clock of the questions seeded from `since` on, through their dated history."""
    seed_topic_promises(result)
    for question in Question.objects.filter(created_at__lt=since, promise_started_at__gte=since):
        _replay(question)
    now = timezone.now()
    # Demo promises past their deadline are recorded as missed, without telling anyone.
    Question.objects.filter(
        waiting_on=WaitingOn.STAFF, promise_due_at__lte=now, promise_missed_at__isnull=True
    ).update(
        promise_missed_at=F("promise_due_at"),
        promise_kept=False,
        promises_missed=F("promises_missed") + 1,
    )


def _replay(question) -> None:
    Question.objects.filter(pk=question.pk).update(
        waiting_on="",
        waiting_since=None,
        promise=None,
        promise_team_ref=None,
        promise_started_at=None,
        promise_due_at=None,
        promise_warned_at=None,
        promise_missed_at=None,
        promise_kept=None,
        promise_settled_at=None,
        promise_kept_by_community=False,
        promises_kept=0,
        promises_missed=0,
    )
    question.refresh_from_db()
    steps = [(question.created_at, 0, "ask", None)]
    for answer in Answer.objects.filter(question=question).exclude(deleted_at__isnull=False):
        if answer.author_id == question.author_id:
            steps.append((answer.created_at, 1, "asker", answer))
        elif answer.is_staff_writing:
            steps.append((answer.created_at, 1, "staff", answer))
    ends = {
        QuestionEvent.Kind.SOLVED: "solved",
        QuestionEvent.Kind.CLOSED: "stop",
        QuestionEvent.Kind.DUPLICATE: "stop",
        QuestionEvent.Kind.STAFF_REQUESTED: "ask",
        QuestionEvent.Kind.REOPENED: "ask",
    }
    for event in QuestionEvent.objects.filter(question=question, kind__in=ends):
        steps.append((event.created_at, 2, ends[event.kind], event))
    for moment, _order, kind, thing in sorted(steps, key=lambda step: step[:2]):
        if kind == "ask" or kind == "asker":
            promises.start_waiting_on_staff(question, since=moment)
        elif kind == "staff":
            promises.staff_responded(question, at=moment)
        elif kind == "solved":
            solution = thing.answer
            community = solution is not None and not solution.is_staff_writing
            promises.stop_waiting(question, community_solution=community, at=moment)
        else:
            promises.stop_waiting(question, at=moment)
