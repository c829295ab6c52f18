"""Following: one mechanism for questions and ideas, idempotent and without doubles."""

import pytest

from community import follows
from tests.factories import MemberFactory, product_page


@pytest.fixture
def targets(site_pages):
    catalogue = site_pages.catalogue["en"]
    return product_page(catalogue, "Brume kettle"), product_page(catalogue, "Aurora grinder")


@pytest.mark.django_db
def test_following_twice_follows_once(targets, member):
    kettle, _grinder = targets
    assert follows.follow(member, kettle) is True
    assert follows.follow(member, kettle) is False
    assert list(follows.followers(kettle)) == [member]
    assert follows.is_following(member, kettle)


@pytest.mark.django_db
def test_unfollowing_stops_notifications_and_is_idempotent(targets, member):
    kettle, _grinder = targets
    follows.follow(member, kettle)
    assert follows.unfollow(member, kettle) is True
    assert follows.unfollow(member, kettle) is False
    assert not follows.followers(kettle).exists()
    assert not follows.is_following(member, kettle)


@pytest.mark.django_db
def test_inactive_members_are_not_followers(targets):
    kettle, _grinder = targets
    gone = MemberFactory(is_active=False)
    follows.follow(gone, kettle)
    assert not follows.followers(kettle).exists()


@pytest.mark.django_db
def test_copying_followers_adds_nobody_twice(targets):
    kettle, grinder = targets
    both, only_kettle = MemberFactory(), MemberFactory()
    for follower in (both, only_kettle):
        follows.follow(follower, kettle)
    follows.follow(both, grinder)
    assert follows.follows_copy(kettle, grinder) == 1
    assert set(follows.followers(grinder)) == {both, only_kettle}
    assert set(follows.followers(kettle)) == {both, only_kettle}
