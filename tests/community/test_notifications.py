"""Notifications: in the site and by e-mail, as each member chose, with one-click unsubscribe."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from community import notifications
from community.models import Notification, NotificationPreference
from community.notifications import (
    WELCOME,
    NotificationKind,
    notify,
    registry,
    unsubscribe_token,
)
from tests.factories import DEFAULT_PASSWORD, MemberFactory, NotificationFactory

pytestmark = pytest.mark.django_db

ANSWER = "test_answer"


@pytest.fixture
def answer_kind():
    """A kind sent in the site and by e-mail unless the member says otherwise."""
    kind = registry.register(
        NotificationKind(
            key=ANSWER,
            label="Answers to my questions",
            message="%(name)s answered your question.",
        )
    )
    yield kind
    registry._kinds.pop(ANSWER)


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Call `notify` and run what it leaves for after the commit (the e-mail task)."""

    def notify_now(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return notify(*args, **kwargs)

    return notify_now


def ticked(elements, page):
    """{field name: ticked?} for the check boxes of a page."""
    return {
        attrs["name"]: "checked" in attrs
        for attrs, _text in elements(page, "input", type="checkbox")
        if "name" in attrs
    }


def preferences_post(client, **choices):
    """Post the preferences page; `choices` maps kind keys to (in_site, email)."""
    data = {}
    for key, (in_site, email) in choices.items():
        if in_site:
            data[f"{key}__in_site"] = "on"
        if email:
            data[f"{key}__email"] = "on"
    return client.post("/accounts/notifications/preferences/", data)


def test_notify_records_a_notification_and_sends_an_email(member, answer_kind, send):
    notification = send(member, ANSWER, params={"name": "Léo"}, url="/questions/1/")

    assert notification == Notification.objects.get(recipient=member)
    assert notification.message == "Léo answered your question."
    assert notification.read_at is None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert "Léo answered your question." in message.body
    assert "http://testserver/questions/1/" in message.body


def test_the_email_has_an_html_alternative_and_one_click_unsubscribe_headers(
    member, answer_kind, send
):
    send(member, ANSWER, params={"name": "Léo"}, url="/questions/1/")

    message = mail.outbox[0]
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Léo answered your question." in html
    assert 'href="http://testserver/questions/1/"' in html
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://testserver/unsubscribe/")
    assert unsubscribe.endswith(">")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe[1:-1] in message.body
    assert unsubscribe[1:-1] in html


def test_the_email_goes_out_in_the_members_language(send):
    french = MemberFactory(display_name="Zoé Bernard", preferred_language="fr")
    notifications.set_preference(french, WELCOME.key, in_site=True, email=True)
    with translation.override("fr"):
        label = str(WELCOME.label)
        hello = gettext("Hello %(name)s,") % {"name": "Zoé Bernard"}
        welcome = str(WELCOME.message) % {"name": "Zoé Bernard"}
    assert label != str(WELCOME.label), "the French catalogue translates the label"

    send(french, WELCOME.key, params={"name": "Zoé Bernard"})

    message = mail.outbox[0]
    assert message.subject == f"[Community] {label}"
    assert hello in message.body
    assert welcome in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<http://testserver/fr/unsubscribe/"
    )
    html, _mimetype = message.alternatives[0]
    assert re.search(r'<html[^>]*\blang="fr"', html)
    assert hello in html


def test_an_english_member_gets_the_email_in_english(member, send):
    notifications.set_preference(member, WELCOME.key, in_site=True, email=True)

    send(member, WELCOME.key, params={"name": "Camille"})

    message = mail.outbox[0]
    assert message.subject == "[Community] Welcome, once your e-mail address is verified"
    assert "Hello Camille Martin," in message.body
    assert "<http://testserver/unsubscribe/" in message.extra_headers["List-Unsubscribe"]


def test_the_preferences_page_shows_every_kind_with_its_defaults(
    client, member, answer_kind, elements
):
    client.force_login(member)

    response = client.get("/accounts/notifications/preferences/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Welcome, once your e-mail address is verified" in page
    boxes = ticked(elements, page)
    assert boxes[f"{ANSWER}__in_site"] and boxes[f"{ANSWER}__email"]
    assert boxes["welcome__in_site"] and not boxes["welcome__email"]


def test_email_turned_off_in_preferences_keeps_only_the_in_site_notification(
    client, member, answer_kind, send
):
    client.force_login(member)
    response = preferences_post(client, test_answer=(True, False), welcome=(True, False))
    assert response.status_code == 302

    notification = send(member, ANSWER, params={"name": "Léo"})

    assert notification is not None
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=member).count() == 1


def test_in_site_turned_off_in_preferences_sends_only_the_email(client, member, answer_kind, send):
    client.force_login(member)
    preferences_post(client, test_answer=(False, True), welcome=(True, False))

    notification = send(member, ANSWER, params={"name": "Léo"})

    assert notification is None
    assert not Notification.objects.filter(recipient=member).exists()
    assert len(mail.outbox) == 1


def test_both_turned_off_in_preferences_tells_the_member_nothing(client, member, answer_kind, send):
    client.force_login(member)
    preferences_post(client, test_answer=(False, False), welcome=(True, False))

    assert send(member, ANSWER, params={"name": "Léo"}) is None
    assert mail.outbox == []
    assert not Notification.objects.filter(recipient=member).exists()


def test_saved_preferences_show_on_the_page_again(client, member, answer_kind, elements):
    client.force_login(member)
    preferences_post(client, test_answer=(True, False), welcome=(False, True))

    page = client.get("/accounts/notifications/preferences/").content.decode()

    shown = {
        name: value
        for name, value in ticked(elements, page).items()
        if name.startswith((f"{ANSWER}__", "welcome__"))
    }
    assert shown == {
        f"{ANSWER}__in_site": True,
        f"{ANSWER}__email": False,
        "welcome__in_site": False,
        "welcome__email": True,
    }


def test_an_email_is_not_sent_to_someone_who_unsubscribed_before_it_went_out(
    member, answer_kind, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(member, ANSWER, params={"name": "Léo"})
    notifications.set_preference(member, ANSWER, in_site=True, email=False)

    for callback in callbacks:
        callback()

    assert mail.outbox == []


def test_nobody_is_notified_of_their_own_action(member, answer_kind, send):
    assert send(member, ANSWER, params={"name": "me"}, actor=member) is None
    assert mail.outbox == []


def test_a_deactivated_member_is_not_notified(member, answer_kind, send):
    member.is_active = False
    member.save()

    assert send(member, ANSWER, params={"name": "Léo"}) is None
    assert mail.outbox == []


def test_the_unsubscribe_link_works_without_logging_in(client, member, answer_kind, send, elements):
    send(member, ANSWER, params={"name": "Léo"})
    link = mail.outbox[0].extra_headers["List-Unsubscribe"][1:-1].removeprefix("http://testserver")

    confirm = client.get(link)

    assert confirm.status_code == 200
    buttons = [text for attrs, text in elements(confirm.content, "button", type="submit")]
    assert "Unsubscribe" in buttons
    assert notifications.preference_for(member, answer_kind) == (True, True)

    done = client.post(link)

    assert done.status_code == 200
    assert "you will no longer receive e-mails" in done.content.decode()
    assert notifications.preference_for(member, answer_kind) == (True, False)
    send(member, ANSWER, params={"name": "Léo"})
    assert len(mail.outbox) == 1, "no further e-mail of that kind"


def test_one_click_unsubscribe_needs_no_csrf_token(member, answer_kind):
    mail_client = Client(enforce_csrf_checks=True)
    token = unsubscribe_token(member, ANSWER)

    response = mail_client.post(
        f"/unsubscribe/{token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert notifications.preference_for(member, answer_kind) == (True, False)


def test_unsubscribing_leaves_other_kinds_alone(client, member, answer_kind):
    client.post(f"/unsubscribe/{unsubscribe_token(member, ANSWER)}/")

    assert notifications.preference_for(member, notifications.WELCOME) == (True, False)
    assert not NotificationPreference.objects.filter(member=member, kind="welcome").exists()


def test_a_tampered_unsubscribe_token_is_refused(client, member, answer_kind):
    token = unsubscribe_token(member, ANSWER)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    assert client.get(f"/unsubscribe/{tampered}/").status_code == 403
    assert client.post(f"/unsubscribe/{tampered}/").status_code == 403
    assert notifications.preference_for(member, answer_kind) == (True, True)


def test_an_unsubscribe_link_for_an_unknown_kind_is_gone(client, member):
    response = client.get(f"/unsubscribe/{unsubscribe_token(member, 'no_such_kind')}/")

    assert response.status_code == 404


def test_the_unread_count_shows_in_the_account_menu(client, site_pages, member, elements):
    NotificationFactory.create_batch(2, recipient=member)
    NotificationFactory(recipient=member, read_at="2025-01-01T00:00:00Z")
    NotificationFactory()
    client.force_login(member)

    page = client.get("/").content.decode()

    counts = [text for _attrs, text in elements(page, "span", data_testid="unread-count")]
    assert [count.split()[0] for count in counts] == ["2"]
    assert "Notifications (2)" in page


def test_no_unread_badge_without_unread_notifications(client, site_pages, member):
    client.force_login(member)

    page = client.get("/").content.decode()

    assert 'data-testid="unread-count"' not in page


def test_the_notification_list_shows_the_members_notifications_only(client, site_pages, member):
    NotificationFactory(recipient=member, params={"name": "Camille"})
    NotificationFactory(params={"name": "Someone Else"})
    client.force_login(member)

    response = client.get("/accounts/notifications/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Welcome, Camille!" in page
    assert "Someone Else" not in page
    assert "notification--unread" in page


def test_the_empty_notification_list_says_so(client, site_pages, member):
    client.force_login(member)

    page = client.get("/accounts/notifications/").content.decode()

    assert "Nothing yet." in page


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, site_pages, member):
    notification = NotificationFactory(recipient=member, url="/products/")
    client.force_login(member)

    response = client.post(f"/accounts/notifications/{notification.pk}/open/")

    assert response.status_code == 302
    assert response["Location"] == "/products/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_notification_never_sends_its_reader_to_another_site(client, site_pages, member):
    notification = NotificationFactory(recipient=member, url="https://evil.example.com/")
    client.force_login(member)

    response = client.post(f"/accounts/notifications/{notification.pk}/open/")

    assert response["Location"] == "/accounts/notifications/"


def test_opening_needs_a_post(client, site_pages, member):
    notification = NotificationFactory(recipient=member)
    client.force_login(member)

    response = client.get(f"/accounts/notifications/{notification.pk}/open/")

    assert response.status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_marks_only_the_members_notifications(client, site_pages, member):
    NotificationFactory.create_batch(3, recipient=member)
    someone_elses = NotificationFactory()
    client.force_login(member)

    response = client.post("/accounts/notifications/read-all/", follow=True)

    assert response.status_code == 200
    assert "3 notifications marked as read." in response.content.decode()
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()
    someone_elses.refresh_from_db()
    assert someone_elses.read_at is None
    assert 'data-testid="unread-count"' not in response.content.decode()


def test_the_welcome_notification_appears_after_email_verification(client, site_pages, mail_link):
    client.post(
        "/accounts/signup/",
        {
            "display_name": "Zoé Bernard",
            "email": "zoe@example.com",
            "password1": DEFAULT_PASSWORD,
            "password2": DEFAULT_PASSWORD,
            "accept_guidelines": "on",
        },
    )
    assert not Notification.objects.exists()

    client.post(mail_link("/accounts/confirm-email/"))
    client.login(email="zoe@example.com", password=DEFAULT_PASSWORD)

    page = client.get("/accounts/notifications/").content.decode()
    assert "Welcome, Zoé Bernard! Your address is verified" in page
    welcome = Notification.objects.get()
    assert (welcome.kind, welcome.recipient.email) == ("welcome", "zoe@example.com")
    assert len(mail.outbox) == 1, "the welcome is in the site only, by default"


def test_the_welcome_is_not_sent_again_on_an_email_change(client, site_pages, member, mail_link):
    client.force_login(member)
    client.post("/accounts/email/", {"action_add": "", "email": "camille@example.org"})

    client.post(mail_link("/accounts/confirm-email/", to="camille@example.org"))

    assert not Notification.objects.filter(recipient=member, kind="welcome").exists()


def test_a_notification_of_an_unregistered_kind_still_reads(member):
    notification = NotificationFactory(recipient=member, kind="retired_kind")

    assert notification.message == "Notification"
