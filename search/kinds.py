"""What each kind of content puts in the index, and how the search page loads it back.

One `Kind` per searchable model. Visibility is never decided here: a kind asks the model's
own `public()` (and `live().public()` for product pages) which rows may be indexed, and asks
it again when the page loads the rows it shows, so that content hidden after it was indexed
is still never shown.
"""

import math
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch
from django.utils import timezone
from wagtail.models import Locale

from community.markdown import plain_text_of_html, words_of
from community.models import Answer, ProductPage, Question
from ideas.models import Comment, Idea
from reviews.models import Review
from search.highlight import clean_text
from search.models import Kind

# Longest text kept for one document: a thread with hundreds of answers stays searchable by
# its first 50,000 characters (about 8,000 words) without one row growing without bound.
MAX_BODY_CHARS = 50_000


@dataclass
class Entry:
    """A document as both engines receive it: words, filters and the ranking boost."""

    kind: str
    object_id: int
    title: str
    body: str
    language: str = ""
    product_id: int | None = None
    rating: int | None = None
    status: str = ""
    created_at: datetime | None = None
    boost: float = 1.0

    def __post_init__(self):
        self.title = clean_text(self.title)[:300]
        self.body = clean_text(self.body)

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.object_id}"


def _join(*parts) -> str:
    return " ".join(part for part in parts if part)[:MAX_BODY_CHARS]


def _votes_lift(count: int, *, per_decade: float, most: float) -> float:
    """1 for no votes, rising by `per_decade` for each tenfold, up to 1 + `most`."""
    return 1.0 + min(most, math.log10(1 + max(count, 0)) * per_decade)


class ReviewKind:
    name = Kind.REVIEW
    model = Review

    def indexable(self):
        return Review.objects.public().select_related("staff_response")

    def entry(self, review) -> Entry:
        response = getattr(review, "staff_response", None)
        return Entry(
            kind=self.name,
            object_id=review.pk,
            title=review.title,
            body=_join(review.text, review.pros, review.cons, response.text if response else ""),
            product_id=review.product_id,
            rating=review.rating,
            created_at=review.created_at,
            boost=_votes_lift(review.helpful_count, per_decade=0.25, most=0.5),
        )

    def for_display(self, ids):
        return Review.objects.public().filter(pk__in=ids).select_related("author")


QUESTION_BOOSTS = {"solved": 1.6, "answered": 1.25, "duplicate": 0.6}


class QuestionKind:
    """A question with the text of its public answers and replies: a visitor's words often
    match the answer rather than how the asker put it."""

    name = Kind.QUESTION
    model = Question

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
        boost = QUESTION_BOOSTS.get(question.status, 1.0) * _votes_lift(
            question.vote_count, per_decade=0.15, most=0.3
        )
        return Entry(
            kind=self.name,
            object_id=question.pk,
            title=question.title,
            body=_join(words_of(question), *(words_of(answer) for answer in answers)),
            product_id=question.product_id,
            status=f"question-{question.status}",
            created_at=question.created_at,
            boost=boost,
        )

    def for_display(self, ids):
        return Question.objects.public().filter(pk__in=ids).select_related("topic")


class IdeaKind:
    """An idea with its public comments. Staff's internal notes are never indexed, so no
    search, on any engine, can show them or match on their words. A duplicate merged into
    another idea is left out: its votes and comments live on the idea it was merged into."""

    name = Kind.IDEA
    model = Idea

    def indexable(self):
        return (
            Idea.objects.public()
            .filter(merged_into__isnull=True)
            .select_related("status")
            .prefetch_related(
                Prefetch(
                    "comments",
                    queryset=Comment.objects.public()
                    .filter(is_internal=False)
                    .order_by("created_at", "pk"),
                    to_attr="public_comments",
                )
            )
        )

    def entry(self, idea) -> Entry:
        comments = getattr(idea, "public_comments", None)
        if comments is None:
            comments = list(Comment.objects.public().filter(idea=idea, is_internal=False))
        return Entry(
            kind=self.name,
            object_id=idea.pk,
            title=idea.title,
            body=_join(words_of(idea), *(words_of(comment) for comment in comments)),
            product_id=idea.product_id,
            status=f"idea-{idea.status.slug}",
            created_at=idea.created_at,
            boost=_votes_lift(idea.vote_count, per_decade=0.5, most=1.0),
        )

    def for_display(self, ids):
        return Idea.objects.public().filter(pk__in=ids).select_related("status")


class ProductKind:
    """A product page in one language; readers find the page in their own language."""

    name = Kind.PRODUCT
    model = ProductPage

    def indexable(self):
        return ProductPage.objects.live().public().select_related("locale")

    def canonical_ids(self, pages) -> dict:
        """{page pk: pk of its default-language page} for `pages`, in one query."""
        default = Locale.get_default()
        keys = {page.translation_key for page in pages if page.locale_id != default.pk}
        originals = dict(
            ProductPage.objects.filter(locale=default, translation_key__in=keys).values_list(
                "translation_key", "pk"
            )
        )
        return {
            page.pk: page.pk
            if page.locale_id == default.pk
            else originals.get(page.translation_key, page.pk)
            for page in pages
        }

    def entry(self, page, canonical_id=None) -> Entry:
        if canonical_id is None:
            canonical_id = self.canonical_ids([page])[page.pk]
        return Entry(
            kind=self.name,
            object_id=page.pk,
            title=page.title,
            body=_join(page.tagline, plain_text_of_html(page.description)),
            language=page.locale.language_code,
            product_id=canonical_id,
            created_at=page.first_published_at or timezone.now(),
            boost=1.3,
        )

    def for_display(self, ids):
        return ProductPage.objects.live().public().filter(pk__in=ids)


KINDS = {kind.name: kind for kind in (ReviewKind(), QuestionKind(), IdeaKind(), ProductKind())}
KIND_ORDER = (Kind.QUESTION, Kind.IDEA, Kind.REVIEW, Kind.PRODUCT)


def kind_of_model(model):
    """The kind that indexes `model` (a subclass counts), or None."""
    for kind in KINDS.values():
        if issubclass(model, kind.model):
            return kind
    return None


def entries(kind, objects) -> list[Entry]:
    """Entries for a batch of objects of one kind (product pages resolve their product once)."""
    objects = list(objects)
    if kind.name == Kind.PRODUCT:
        canonical = kind.canonical_ids(objects)
        return [kind.entry(page, canonical[page.pk]) for page in objects]
    return [kind.entry(obj) for obj in objects]
