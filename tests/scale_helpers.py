"""Helpers of the scale tests: the pages the benchmarks measure, and what one list of queries
holds that another does not."""

import re
from collections import Counter

LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b")
LISTS = re.compile(r"IN \((?:\?, )*\?\)")
LONGEST = 400


def pick_pages(busiest):
    """The benchmark's pages (`bench/pages.py` `pick_pages()`), with the busiest question the one
    holding `busiest` answers."""
    from django.db.models import Count
    from django.urls import reverse

    from community.models import ProductPage
    from community.questions.models import Question
    from ideas.models import Idea
    from reviews.models import Review

    popular_product = (
        Review.objects.values("product").annotate(n=Count("pk")).order_by("-n").first()
    )
    product = ProductPage.objects.get(pk=popular_product["product"])
    idea = Idea.objects.public().order_by("-vote_count").first()
    question = Question.objects.public().filter(answer_count=busiest).order_by("pk").first()
    return {
        "home": "/",
        "popular product": product.url,
        "ideas list": reverse("ideas:list"),
        "popular idea": idea.get_absolute_url(),
        "roadmap": "/roadmap/",
        "question, many answers": question.get_absolute_url(),
        "questions list": reverse("questions:list"),
        "search": f"{reverse('search:search')}?q=descale+manual",
    }


def shape(sql):
    """A query without its literal values: the same query for another row looks the same."""
    return LISTS.sub("IN (…)", LITERALS.sub("?", sql))


def extra_queries(fewer, more):
    """The queries (by shape) that one list runs more often than the other, for a failure
    message that says which query grows with the data."""
    first, second = Counter(map(shape, fewer)), Counter(map(shape, more))
    lines = []
    for label, difference in (
        ("More often with more data", second - first),
        ("Less often with more data", first - second),
    ):
        if difference:
            lines.append(f"{label}:")
            lines += [
                f"  {times} × {query[:LONGEST]}{'…' if len(query) > LONGEST else ''}"
                for query, times in difference.most_common()
            ]
    return "\n".join(lines) or "(the same queries by shape, in another number)"


def _recount(model, counter, rows, key):
    """Rows of `model` whose `counter` differs from the number of `rows` pointing at them."""
    from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
    from django.db.models.functions import Coalesce

    counted = Coalesce(
        Subquery(
            rows.filter(**{key: OuterRef("pk")})
            .order_by()
            .values(key)
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )
    return [
        f"{model.__name__} {pk} {counter} = {stored}, rows say {real}"
        for pk, stored, real in model.objects.annotate(real=counted)
        .exclude(**{counter: F("real")})
        .order_by("pk")
        .values_list("pk", counter, "real")
    ]


def wrong_counters():
    """Every denormalised count that differs from the count of its rows, as readable lines
    (an empty list when all are exact): each row's counters, the seeder's own checks
    (`counters_are_exact`) and the products' stored stats."""
    from community.demo.scale import counters_are_exact
    from community.models import ModerationState
    from community.questions.models import Answer, AnswerVote, Question, QuestionVote
    from ideas.models import Comment, Idea, IdeaVote
    from reviews.models import HelpfulVote, Review

    wrong = [
        *_recount(Question, "answer_count", Answer.objects.counted(), "question"),
        *_recount(Question, "vote_count", QuestionVote.objects.all(), "question"),
        *_recount(Answer, "upvote_count", AnswerVote.objects.all(), "answer"),
        *_recount(Idea, "vote_count", IdeaVote.objects.all(), "idea"),
        *_recount(Idea, "comment_count", Comment.objects.counted(), "idea"),
        *_recount(Review, "helpful_count", HelpfulVote.objects.all(), "review"),
    ]
    wrong += [
        f"Question {pk} is solved by answer {solution}, which is not public"
        for pk, solution in Question.objects.filter(status="solved")
        .exclude(
            solution__deleted_at__isnull=True,
            solution__moderation_state=ModerationState.PUBLISHED,
        )
        .values_list("pk", "solution")
    ]
    # The seeder's own checks, which count the same rows in one query per counter (what the
    # benchmark runs on a million rows), and the products' stored stats.
    wrong += [f"{name}: {n} rows differ" for name, n in counters_are_exact().items() if n]
    return wrong
