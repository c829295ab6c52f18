"""Fixtures for private conversations: a product, a question and a review by a member, staff in
their roles, and people in every role for the permission matrix."""

from datetime import timedelta

import pytest
from django.utils import timezone

from community.conversations import services
from community.models import Suspension
from community.questions import services as question_services
from tests.factories import (
    MemberFactory,
    ReviewFactory,
    StaffCardFactory,
    product_page,
    totp_authenticator,
)


@pytest.fixture
def product(site_pages):
    return product_page(site_pages.catalogue["en"], "Aurora espresso machine")


@pytest.fixture
def asker(db):
    return MemberFactory(display_name="Jack Wilson")


@pytest.fixture
def other_member(db):
    return MemberFactory(display_name="Oliver Smith")


@pytest.fixture
def colleague(db):
    """A second member of staff with an active card, who has set up two-factor sign-in."""
    member = StaffCardFactory(real_name="Léa Bernard", member__display_name="Léa").member
    totp_authenticator(member)
    return member


@pytest.fixture
def suspended_member(db, moderator):
    member = MemberFactory(display_name="Sam Suspended")
    Suspension.objects.create(
        member=member,
        until=timezone.now() + timedelta(days=7),
        reason="Insults in several answers.",
        suspended_by=moderator,
    )
    return member


@pytest.fixture
def question(product, asker):
    return question_services.question_ask(
        asker,
        title="My Aurora arrived with a cracked water tank",
        body="The tank leaks from the first use. What can I do?",
        product=product,
    )


@pytest.fixture
def review(product):
    return ReviewFactory(
        product=product,
        author=MemberFactory(display_name="Rita Reviewer"),
        rating=1,
        title="Arrived three weeks late",
        text="The delivery took three weeks and nobody answered my e-mails.",
    )


@pytest.fixture
def conversation(question, asker):
    """A conversation the asker opened from their question, nobody looking after it yet."""
    return services.conversation_open(
        asker,
        question=question,
        subject="About: my cracked tank",
        body="My order number is **A-1234-ZZ**; the box was damaged too.",
    )
