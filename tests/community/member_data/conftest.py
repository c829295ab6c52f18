from datetime import timedelta

import pytest
from django.utils import timezone

from community.protections import suspensions
from tests.factories import MemberFactory


@pytest.fixture
def suspended_member(db, moderator):
    """A member suspended for a week: they may still see and take their data."""
    member = MemberFactory(display_name="Sam Suspended")
    suspensions.suspend(
        moderator,
        member,
        until=timezone.now() + timedelta(days=7),
        reason="Insulted other members in three answers.",
    )
    suspensions.forget(member)
    return member


@pytest.fixture
def other_member(db):
    return MemberFactory(display_name="Olga Other")
