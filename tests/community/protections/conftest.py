"""Fixtures for the protections: the flood limits switched on, a request being served, site
settings to change, a product and a question to write about, and a suspended member."""

import copy
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from community import trust
from community.models import CommunitySettings
from community.protections import ratelimits, suspensions
from community.questions import services as question_services
from tests.factories import MemberFactory, QuestionFactory, product_page

ADDRESS = "203.0.113.7"


@pytest.fixture(autouse=True)
def _cache_of_its_own(settings):
    """Rate-limit counters live in the cache: each test counts in keys of its own. Clearing the
    cache instead would wipe the counters (and sessions) of tests running at the same time in
    other processes when they share one Redis."""
    caches = copy.deepcopy(settings.CACHES)
    caches["default"]["KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
    settings.CACHES = caches


@pytest.fixture
def flood_limits(settings):
    """The time-based limits and the duplicate check, which the test settings switch off."""
    settings.PROTECTIONS_FLOOD_LIMITS = True


@pytest.fixture
def serving():
    """Run the code inside as if a request from ADDRESS were being served (services called by
    the operators' own scripts are not limited)."""
    with ratelimits.serving(ADDRESS):
        yield ADDRESS


@pytest.fixture
def site_settings(db):
    """Change the community's settings: `site_settings(min_seconds_between_posts=0)`."""

    def change(**values):
        current = CommunitySettings.load()
        for name, value in values.items():
            setattr(current, name, value)
        current.save()
        return current

    return change


@pytest.fixture
def product(site_pages):
    return product_page(site_pages.catalogue["en"], "Aurora espresso machine")


@pytest.fixture
def asker(db):
    return MemberFactory(display_name="Jack Wilson")


@pytest.fixture
def question(product, asker):
    return question_services.question_ask(
        asker,
        title="How often should I descale the Aurora?",
        body="The reminder shows every month. Is that really needed?",
        product=product,
    )


@pytest.fixture
def suspended_member(db, moderator):
    """A member suspended for a week by the moderator, with a reason."""
    member = MemberFactory(display_name="Sam Suspended")
    suspensions.suspend(
        moderator,
        member,
        until=timezone.now() + timedelta(days=7),
        reason="Insulted other members in three answers.",
    )
    suspensions.forget(member)
    return member


def make_trusted(member, *, count=3):
    """Give `member` `count` published contributions (questions in a topic)."""
    for _ in range(count):
        QuestionFactory(author=member)
    trust.forget(member)
    return member
