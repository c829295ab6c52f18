"""What the account deletion tests share: a member who took part in everything, with others
around them, the table-by-table search for their personal data, and the counters recomputed
from the rows."""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Avg, Count, Q

from community.models import Block, ModerationState, Report
from community.questions import services as questions
from community.questions.models import Answer, AnswerVote, Question, QuestionVote
from community.writing import content_edit
from ideas import services as ideas
from ideas.models import Idea, IdeaVote
from reviews import services as reviews
from reviews.models import HelpfulVote, Review
from tests.factories import (
    MemberFactory,
    NotificationFactory,
    OwnershipFactory,
    ReviewFactory,
    StaffCardFactory,
    image_upload,
    product_page,
    review_photo,
)

# Distinctive, so that finding them anywhere in the database means a trace was left.
EMAIL = "zephyrine.quillfeather@example.org"
NAME = "Zéphyrine Quillfeather"


@dataclass
class Community:
    """The leaving member, the others, and what each wrote."""

    leaving: object
    others: list
    staff: object
    product: object
    things: dict = field(default_factory=dict)


def build_community(site_pages, *, avatar: bool = True) -> Community:
    """A member who wrote and voted everywhere, with others answering, replying, voting and
    commenting around them, as a real community looks."""
    from community import services as profile_services

    product = product_page(site_pages.catalogue["en"], "Aurora espresso machine")
    leaving = MemberFactory(email=EMAIL, display_name=NAME, bio="I roast my own beans in Lyon.")
    if avatar:
        profile_services.profile_update(
            leaving,
            leaving,
            cleaned_data={
                "display_name": NAME,
                "handle": leaving.handle,
                "bio": leaving.bio,
                "preferred_language": "en",
            },
            avatar_upload=profile_services.avatar_process(image_upload(), leaving),
            remove_avatar=False,
        )
        leaving.refresh_from_db()
    olga = MemberFactory(display_name="Olga Other")
    omar = MemberFactory(display_name="Omar Other")
    staff = StaffCardFactory(real_name="Sam Staff", member__display_name="Sam").member
    things = {}

    # Reviews: the member's own, found helpful by others and answered by staff; and a vote
    # of the member on someone else's.
    own_review = ReviewFactory(author=leaving, product=product, rating=2, title="Too loud")
    review_photo(own_review)
    reviews.review_helpful_set(olga, own_review, helpful=True)
    reviews.staff_response_save(staff, own_review, text="Sorry to hear that, we can help.")
    other_review = ReviewFactory(author=olga, product=product, rating=5, title="Lovely")
    reviews.review_helpful_set(leaving, other_review, helpful=True)
    reviews.review_helpful_set(omar, other_review, helpful=True)
    OwnershipFactory(member=leaving, product=product)
    things.update(own_review=own_review, other_review=other_review)

    # Questions: one others answered (with a reply of the member), one nobody else touched.
    answered = questions.question_ask(
        leaving, title="Why does the pump rattle?", body="It rattles at start.", product=product
    )
    olga_answer = questions.answer_create(olga, answered, body="Prime the pump with water first.")
    questions.reply_create(leaving, olga_answer, body="That worked, thank you!")
    questions.answer_vote_set(omar, olga_answer, on=True)
    questions.answer_vote_set(leaving, olga_answer, on=True)
    questions.solution_set(leaving, olga_answer)
    lonely = questions.question_ask(
        leaving, title="Can I use oat milk foam?", body="Asking for myself.", product=product
    )
    # Someone else's question: the member answers it (the solution), others vote and reply.
    olga_question = questions.question_ask(
        olga, title="Which grind size for espresso?", body="Fine or very fine?", product=product
    )
    questions.question_vote_set(leaving, olga_question, on=True)
    questions.question_vote_set(omar, olga_question, on=True)
    own_answer = questions.answer_create(leaving, olga_question, body="Fine, like table salt.")
    content_edit(own_answer, editor=leaving, body="Fine, like table salt. Adjust by taste.")
    questions.answer_vote_set(omar, own_answer, on=True)
    questions.reply_create(omar, own_answer, body="Table salt is a good comparison.")
    questions.solution_set(olga, own_answer)
    omar_answer = questions.answer_create(omar, olga_question, body="Very fine for ristretto.")
    questions.answer_vote_set(leaving, omar_answer, on=True)
    questions.question_follow_set(leaving, olga_question, on=True)
    things.update(
        answered=answered,
        olga_answer=olga_answer,
        lonely=lonely,
        olga_question=olga_question,
        own_answer=own_answer,
        omar_answer=omar_answer,
    )

    # Ideas: one with others' votes and comments, one of nobody else; the member's vote and
    # comment on someone else's idea.
    popular = ideas.idea_propose(
        leaving, title="A quieter grinder mode", body="Grind slowly at night.", product=product
    )
    ideas.idea_vote(olga, popular, importance=2)
    ideas.comment_create(olga, popular, body="Yes please, my baby sleeps next door.")
    quiet = ideas.idea_propose(
        leaving, title="Cup warmer timer", body="Warm cups at 7.", product=product
    )
    olga_idea = ideas.idea_propose(
        olga, title="Bigger water tank", body="Two litres at least.", product=product
    )
    ideas.idea_vote(leaving, olga_idea, importance=3)
    ideas.idea_vote(omar, olga_idea, importance=1)
    own_comment = ideas.comment_create(leaving, olga_idea, body="Three litres would be better.")
    ideas.comment_create(omar, olga_idea, body="Agreed.", parent=own_comment)
    things.update(popular=popular, quiet=quiet, olga_idea=olga_idea, own_comment=own_comment)

    # The rest of the account: a report, a block, notifications both ways.
    from django.contrib.contenttypes.models import ContentType

    Report.objects.create(
        content_type=ContentType.objects.get_for_model(Review),
        object_id=other_review.pk,
        reporter=leaving,
        reason=Report.Reason.SPAM,
        text=f"Signed {NAME}: this looks like an advert.",
    )
    Block.objects.create(blocker=leaving, blocked=omar)
    NotificationFactory(recipient=leaving)
    return Community(
        leaving=leaving, others=[olga, omar], staff=staff, product=product, things=things
    )


def text_columns():
    """Every (table, column) of the database, whatever its type: each is searched as text."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                yield table, column.name


def traces_of(*values) -> list:
    """(table, column, value) wherever one of `values` is found, case-insensitively."""
    quote = connection.ops.quote_name
    found = []
    with connection.cursor() as cursor:
        for table, column in text_columns():
            for value in values:
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quote(table)} "  # noqa: S608 - names from introspection
                    f"WHERE LOWER(CAST({quote(column)} AS TEXT)) LIKE %s",
                    [f"%{value.lower()}%"],
                )
                if cursor.fetchone()[0]:
                    found.append((table, column, value))
    return found


def wrong_counters() -> list:
    """Every denormalised counter that differs from what its rows say, as readable lines."""
    wrong = []
    public_answer = Q(
        answers__parent__isnull=True,
        answers__deleted_at__isnull=True,
        answers__moderation_state=ModerationState.PUBLISHED,
    )
    for question in Question.objects.annotate(
        answers_counted=Count("answers", filter=public_answer, distinct=True),
        votes_counted=Count("votes", distinct=True),
    ):
        if question.answer_count != question.answers_counted:
            wrong.append(f"question {question.pk} answer_count {question.answer_count}")
        if question.vote_count != question.votes_counted:
            wrong.append(f"question {question.pk} vote_count {question.vote_count}")
        if question.status == "solved" and (
            question.solution is None or not question.solution.is_public
        ):
            wrong.append(f"question {question.pk} solved without a public solution")
    for answer in Answer.objects.annotate(counted=Count("votes")):
        if answer.upvote_count != answer.counted:
            wrong.append(f"answer {answer.pk} upvote_count {answer.upvote_count}")
    public_comment = Q(
        comments__is_internal=False,
        comments__deleted_at__isnull=True,
        comments__moderation_state=ModerationState.PUBLISHED,
    )
    for idea in Idea.objects.annotate(
        votes_counted=Count("votes", distinct=True),
        comments_counted=Count("comments", filter=public_comment, distinct=True),
    ):
        if idea.vote_count != idea.votes_counted:
            wrong.append(f"idea {idea.pk} vote_count {idea.vote_count}")
        if idea.comment_count != idea.comments_counted:
            wrong.append(f"idea {idea.pk} comment_count {idea.comment_count}")
    for review in Review.objects.annotate(counted=Count("helpful_votes")):
        if review.helpful_count != review.counted:
            wrong.append(f"review {review.pk} helpful_count {review.helpful_count}")
    return wrong


def product_rating(product):
    """The product's published reviews: how many, and their average."""
    return (
        Review.objects.public()
        .filter(product=product)
        .aggregate(count=Count("pk"), average=Avg("rating"))
    )


def votes_of(member) -> int:
    return sum(
        model.objects.filter(member=member).count()
        for model in (AnswerVote, QuestionVote, HelpfulVote, IdeaVote)
    )
