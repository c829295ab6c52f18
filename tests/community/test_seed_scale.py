"""The scaled community for benchmarks (`seed_demo --scale`): the numbers asked for, the skew
of a real community, and counters that agree with the rows, as the site's services keep them.

Seeding takes seconds even at a thousandth of the large scale, so one test reads the whole
of what one seeding made."""

import io
from statistics import median

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from community.demo import scale as scaling
from community.demo.scale import (
    BUSIEST_THREAD,
    EMAIL_DOMAIN,
    LARGE,
    SCALES,
    ScaleSeeder,
    counters_are_exact,
    skewed_counts,
)
from community.models import Member, ProductPage
from community.questions.models import Answer, Question
from ideas.models import Comment, Idea, IdeaVote, Status, StatusChange
from reviews.models import Review
from search.models import SearchDocument
from tests.factories import StaffCardFactory

TINY = LARGE.divided(1000)


def test_the_scales_are_the_ones_the_benchmarks_name():
    assert SCALES["large"].members == 200_000
    assert SCALES["large"].votes == 1_000_000
    assert SCALES["small"].answers == 4_000
    assert SCALES["small"].products == 5


@pytest.mark.parametrize(
    ("total", "slots", "exponent", "cap"),
    [(1000, 10, 1.0, 1000), (400, 100, 0.6, 7), (5, 10, 2.0, 1), (0, 3, 1.0, 5)],
)
def test_skewed_counts_add_up_and_fall_with_rank(total, slots, exponent, cap):
    counts = skewed_counts(total, slots, exponent=exponent, cap=cap)

    assert sum(counts) == min(total, slots * cap)
    assert max(counts) <= cap
    assert counts == sorted(counts, reverse=True)


@pytest.mark.django_db
def test_a_scaled_community_has_its_numbers_its_skew_and_exact_counters(site_pages):
    # Without the demo's own content (drawn pictures take seconds), with one staff member.
    StaffCardFactory()
    made = ScaleSeeder(TINY, log=lambda line: None, with_demo=False).run()

    # The numbers asked for.
    members = Member.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
    assert members.count() == TINY.members
    assert Review.objects.filter(author__in=members).count() == TINY.reviews
    assert Question.objects.filter(title__contains="(#").count() == TINY.questions
    assert Answer.objects.filter(question__title__contains="(#").count() == TINY.answers
    assert Idea.objects.filter(title__contains="(#").count() == TINY.ideas
    assert IdeaVote.objects.filter(idea__title__contains="(#").count() == TINY.votes
    assert Comment.objects.filter(idea__title__contains="(#").count() == TINY.comments
    assert ProductPage.objects.filter(slug__startswith="scale-product-").count() == TINY.products
    assert made["votes"] == TINY.votes

    # Counters agree with the rows.
    mismatches = counters_are_exact()
    assert {"question answers", "idea votes", "idea comments"} <= set(mismatches)
    assert mismatches == dict.fromkeys(mismatches, 0)

    # Skewed like a real community.
    votes = list(Idea.objects.filter(title__contains="(#").values_list("vote_count", flat=True))
    assert max(votes) > 5 * median(votes)
    busiest = Question.objects.filter(title__contains="(#").order_by("-answer_count").first()
    assert busiest.answer_count == min(BUSIEST_THREAD, TINY.answers * 4 // 5)
    per_product = list(
        Review.objects.filter(author__in=members)
        .values("product")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("n", flat=True)
    )
    assert per_product[0] > 2 * per_product[-1]

    # One vote per member and idea; answers after their question; decisions recorded.
    assert not (
        IdeaVote.objects.values("idea", "member").annotate(n=Count("pk")).filter(n__gt=1).exists()
    )
    answers = Answer.objects.filter(question__title__contains="(#").select_related("question")
    assert all(answer.created_at >= answer.question.created_at for answer in answers)
    first_status = Status.objects.order_by("order").first()
    decided = Idea.objects.filter(title__contains="(#").exclude(status=first_status)
    assert decided.exists()
    assert StatusChange.objects.filter(idea__in=decided).count() == decided.count()
    assert not decided.filter(last_status_change__isnull=True).exists()

    # Solutions are answers of their own question.
    solved = Question.objects.filter(title__contains="(#", status="solved").select_related(
        "solution"
    )
    assert solved.exists()
    assert all(q.solution.question_id == q.pk and q.solved_at for q in solved)

    # Searchable, and nobody signs in as a generated member.
    assert SearchDocument.objects.filter(kind="idea").count() >= TINY.ideas
    assert SearchDocument.objects.filter(kind="review").count() >= TINY.reviews
    assert not members.first().has_usable_password()
    assert Answer.objects.filter(written_as="staff", author_card__isnull=False).exists()


@pytest.mark.django_db
def test_the_command_seeds_the_named_scale_once(monkeypatch):
    monkeypatch.setitem(scaling.SCALES, "small", TINY)
    output = io.StringIO()

    call_command("seed_demo", scale="small", stdout=output)

    assert "Scaled community created" in output.getvalue()
    assert Member.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").count() == TINY.members
    with pytest.raises(CommandError, match="already holds a scaled community"):
        call_command("seed_demo", scale="small", stdout=io.StringIO())
