"""Every view that changes something, against every role: visitor, unverified member, member,
staff, moderator and product team."""

import pytest

from community import notifications
from community.models import Member, Notification
from community.notifications import WELCOME, unsubscribe_token
from tests.factories import MemberFactory, NotificationFactory

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "unverified_member", "member", "staff", "moderator", "product_team_member"]
MEMBER_ROLES = ROLES[1:]


@pytest.fixture(params=ROLES)
def actor(request):
    """Whoever is acting, one role at a time (None for a visitor)."""
    return request.getfixturevalue(request.param)


@pytest.fixture
def acting(site_pages, login, actor):
    return login(actor)


def assert_sent_to_log_in(response, path):
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={path}"


def test_profile_edit_post_saves_ones_own_profile_and_sends_visitors_to_log_in(acting, actor):
    response = acting.post(
        "/accounts/profile/",
        {
            "display_name": "New Name",
            "handle": "new-name",
            "bio": "Edited",
            "preferred_language": "en",
        },
    )

    if actor is None:
        assert_sent_to_log_in(response, "/accounts/profile/")
        assert not Member.objects.filter(display_name="New Name").exists()
    else:
        assert response.status_code == 302
        assert response["Location"] == "/members/new-name/"
        edited = Member.objects.get(pk=actor.pk)
        assert (edited.display_name, edited.bio) == ("New Name", "Edited")


def test_profile_edit_post_never_reaches_another_member(acting, actor):
    other = MemberFactory(display_name="Other Person", bio="Untouched")

    acting.post(
        "/accounts/profile/",
        {
            "display_name": "New Name",
            "handle": "new-name",
            "bio": "Edited",
            "preferred_language": "en",
            "id": other.pk,
            "email": other.email,
        },
    )

    other.refresh_from_db()
    assert (other.display_name, other.bio, other.handle) == (
        "Other Person",
        "Untouched",
        "other-person",
    )


def test_notification_open_marks_ones_own_notification_read_and_sends_visitors_to_log_in(
    acting, actor
):
    if actor is None:
        notification = NotificationFactory()
    else:
        notification = NotificationFactory(recipient=actor, url="/team/")
    path = f"/accounts/notifications/{notification.pk}/open/"

    response = acting.post(path)

    notification.refresh_from_db()
    if actor is None:
        assert_sent_to_log_in(response, path)
        assert notification.read_at is None
    else:
        assert response.status_code == 302
        assert response["Location"] == "/team/"
        assert notification.read_at is not None


def test_notification_open_of_someone_elses_notification_is_refused(acting, actor):
    someone_elses = NotificationFactory(recipient=MemberFactory())
    path = f"/accounts/notifications/{someone_elses.pk}/open/"

    response = acting.post(path)

    if actor is None:
        assert_sent_to_log_in(response, path)
    else:
        assert response.status_code == 404
    someone_elses.refresh_from_db()
    assert someone_elses.read_at is None


def test_notification_mark_all_read_marks_only_ones_own_and_sends_visitors_to_log_in(acting, actor):
    someone_elses = NotificationFactory(recipient=MemberFactory())
    if actor is not None:
        NotificationFactory.create_batch(2, recipient=actor)

    response = acting.post("/accounts/notifications/read-all/")

    if actor is None:
        assert_sent_to_log_in(response, "/accounts/notifications/read-all/")
    else:
        assert response.status_code == 302
        assert not Notification.objects.filter(recipient=actor, read_at__isnull=True).exists()
    assert Notification.objects.get(pk=someone_elses.pk).read_at is None


def test_notification_preferences_post_saves_ones_own_and_sends_visitors_to_log_in(acting, actor):
    response = acting.post(
        "/accounts/notifications/preferences/", {"welcome__in_site": "on", "welcome__email": "on"}
    )

    if actor is None:
        assert_sent_to_log_in(response, "/accounts/notifications/preferences/")
        assert not notifications.NotificationPreference.objects.exists()
    else:
        assert response.status_code == 302
        assert notifications.preference_for(actor, WELCOME) == (True, True)


def test_unsubscribe_post_with_a_valid_token_works_for_whoever_holds_it(acting, actor):
    recipient = MemberFactory()

    response = acting.post(f"/unsubscribe/{unsubscribe_token(recipient, WELCOME.key)}/")

    assert response.status_code == 200
    assert notifications.preference_for(recipient, WELCOME) == (True, False)
    if actor is not None:
        assert notifications.preference_for(actor, WELCOME) == (True, False), "default, untouched"
        assert not notifications.NotificationPreference.objects.filter(member=actor).exists()


def test_unsubscribe_post_with_a_tampered_token_is_refused(acting, actor):
    recipient = MemberFactory()
    token = unsubscribe_token(recipient, WELCOME.key)

    response = acting.post(f"/unsubscribe/{token[:-3]}xyz/")

    assert response.status_code == 403
    assert not notifications.NotificationPreference.objects.exists()


@pytest.mark.parametrize(
    "path",
    ["/accounts/profile/", "/accounts/notifications/", "/accounts/notifications/preferences/"],
)
def test_account_pages_need_a_member_and_open_for_every_member(acting, actor, path):
    response = acting.get(path)

    if actor is None:
        assert_sent_to_log_in(response, path)
    else:
        assert response.status_code == 200
