"""Fixtures of the API tests: a token in clear, a client that sends it, and public and hidden
content of every kind the API serves."""

import pytest
from django.core.cache import cache

from community.models import ModerationState
from community.questions.services import answer_create, solution_set
from ideas import services as idea_services
from ideas.models import Importance
from tests.factories import (
    IdeaTagFactory,
    MemberFactory,
    QuestionFactory,
    ReviewFactory,
    SegmentFactory,
    api_token,
    product_page,
    proposed_idea,
)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits are counted in the cache, which outlives a test's database."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def token_pair(db):
    return api_token(name="Roadmap sync", rate_per_minute=1000)


@pytest.fixture
def token(token_pair):
    return token_pair[1]


@pytest.fixture
def api(client, token):
    """GET an API path with the token; returns the response."""

    def get(path, data=None, **headers):
        return client.get(path, data, HTTP_AUTHORIZATION=f"Bearer {token}", **headers)

    return get


@pytest.fixture
def product(site_pages):
    return product_page(site_pages.catalogue["en"], "Espresso One")


@pytest.fixture
def content(product, staff):
    """Public content of every kind, and some that the public may not see."""
    business = SegmentFactory(slug="business", name_en="Business")
    tag = IdeaTagFactory(slug="automation", name_en="Automation")
    author = MemberFactory(display_name="Ines Idea", email="ines@example.com")
    idea = proposed_idea(
        author, title="Schedule the machine", body="**Early** coffee.", product=product, tags=[tag]
    )
    voter = MemberFactory(display_name="Vera Voter", email="vera@example.com", segment=business)
    idea_services.idea_vote(voter, idea, importance=Importance.ESSENTIAL)
    deleted = proposed_idea(author, title="A deleted idea", body="Gone.")
    idea_services.idea_delete(author, deleted)
    review = ReviewFactory(product=product, author=MemberFactory(display_name="Rita Reviewer"))
    hidden = ReviewFactory(
        product=product, title="A hidden review", moderation_state=ModerationState.HIDDEN
    )
    question = QuestionFactory(title="How do I descale it?", author=author)
    answer = answer_create(MemberFactory(display_name="Anna Answer"), question, body="Use vinegar.")
    solution_set(author, answer)
    gone = QuestionFactory(title="A deleted question")
    from community.writing import content_soft_delete

    content_soft_delete(gone, by=gone.author)
    return {
        "idea": idea,
        "deleted_idea": deleted,
        "review": review,
        "hidden_review": hidden,
        "question": question,
        "deleted_question": gone,
        "tag": tag,
        "segment": business,
    }
