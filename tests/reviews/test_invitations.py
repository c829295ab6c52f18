"""Sending review invitations: at the time the product's delay says, once, with at most one
reminder, never to an address that unsubscribed nor to a buyer who reviewed already; the e-mail
in the buyer's language with its one-click unsubscribe; and the hourly sweep that sends them."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from reviews import invitations, tasks
from reviews.models import (
    Invitation,
    InvitationOptOut,
    InvitationTally,
    Order,
    ReviewInvitationSettings,
)
from tests.factories import MemberFactory, ReviewFactory, order_of, product_page

pytestmark = pytest.mark.django_db

DELIVERED = date(2025, 3, 3)
# Delivered on Monday 3 March, invited 14 days later at 10:00 in the site's time zone.
DUE = timezone.make_aware(datetime(2025, 3, 17, 10, 0))
MINUTE = timedelta(minutes=1)


@pytest.fixture
def product(site_pages):
    return product_page(site_pages.catalogue["en"], "Espresso One")


@pytest.fixture
def invite_settings(db):
    return ReviewInvitationSettings.load()


def ordered(products, *, email="buyer@example.com", **fields):
    """An order delivered on DELIVERED, received then, with its invitations scheduled."""
    with time_machine.travel(timezone.make_aware(datetime(2025, 3, 3, 18, 0)), tick=False):
        order = order_of(
            products,
            email=email,
            **{"purchased_on": date(2025, 3, 1), "delivered_on": DELIVERED} | fields,
        )
        invitations.schedule(order)
    return order


def sweep_at(moment) -> dict:
    with time_machine.travel(moment, tick=False):
        return invitations.send_due()


def invitations_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_the_invitation_goes_out_when_due_and_not_a_minute_before(product, invite_settings):
    order = ordered([product])

    early = sweep_at(DUE - MINUTE)
    assert (early, mail.outbox) == ({"sent": 0, "reminded": 0, "skipped": 0}, [])

    assert sweep_at(DUE) == {"sent": 1, "reminded": 0, "skipped": 0}
    invitation = order.invitations.get()
    assert (invitation.status, invitation.sent_at) == (Invitation.Status.SENT, DUE)
    assert len(invitations_to("buyer@example.com")) == 1
    assert sweep_at(DUE + MINUTE)["sent"] == 0
    assert (
        InvitationTally.objects.get(product=product, month=date(2025, 3, 1)).invitations_sent == 1
    )


def test_a_product_with_its_own_delay_is_invited_on_its_own_day(product, invite_settings):
    from reviews.models import ProductInvitationPolicy

    ProductInvitationPolicy.objects.create(product=product, invite_after_days=30)
    ordered([product])

    assert sweep_at(DUE)["sent"] == 0
    assert sweep_at(DUE + timedelta(days=16))["sent"] == 1


def test_one_reminder_exactly_remind_after_days_later_and_never_a_second(product, invite_settings):
    order = ordered([product])
    sweep_at(DUE)
    reminder_due = DUE + timedelta(days=invite_settings.remind_after_days)

    assert sweep_at(reminder_due - MINUTE)["reminded"] == 0
    assert sweep_at(reminder_due)["reminded"] == 1
    assert sweep_at(reminder_due + timedelta(days=7))["reminded"] == 0

    invitation = order.invitations.get()
    assert (invitation.status, invitation.reminded_at) == (
        Invitation.Status.REMINDED,
        reminder_due,
    )
    sent = invitations_to("buyer@example.com")
    assert len(sent) == 2
    assert sent[1].subject == "[Community] Reminder: what do you think of Espresso One?"
    assert "This is the only reminder we send." in sent[1].body
    assert InvitationTally.objects.get(product=product).reminders_sent == 1


def test_no_reminder_when_reminders_are_off(product, invite_settings):
    invite_settings.remind_after_days = 0
    invite_settings.save()
    ordered([product])
    sweep_at(DUE)

    assert sweep_at(DUE + timedelta(days=30))["reminded"] == 0
    assert len(mail.outbox) == 1


def test_nothing_goes_to_an_address_that_unsubscribed_after_the_order(product, invite_settings):
    order = ordered([product], email="Buyer@Example.com")
    invitations.opt_out(invitations.address_hash("buyer@example.com"))

    assert sweep_at(DUE) == {"sent": 0, "reminded": 0, "skipped": 1}
    invitation = order.invitations.get()
    assert invitation.status == Invitation.Status.SKIPPED
    assert invitation.skipped_because == "the customer asked for no invitations"
    assert mail.outbox == []


def test_nothing_goes_to_a_buyer_who_reviewed_the_product_since_the_order(product, invite_settings):
    buyer = MemberFactory(email="buyer@example.com")
    order = ordered([product], member=buyer)
    ReviewFactory(product=product, author=buyer)

    assert sweep_at(DUE)["skipped"] == 1
    assert order.invitations.get().skipped_because == (
        "the customer has reviewed this product already"
    )
    assert mail.outbox == []


def test_no_reminder_once_the_buyer_has_reviewed_without_the_link(product, invite_settings):
    buyer = MemberFactory(email="buyer@example.com")
    order = ordered([product])  # matched to the buyer's verified address, not to the member
    sweep_at(DUE)
    ReviewFactory(product=product, author=buyer)

    assert sweep_at(DUE + timedelta(days=7)) == {"sent": 0, "reminded": 0, "skipped": 1}
    assert order.invitations.get().status == Invitation.Status.SKIPPED
    assert len(mail.outbox) == 1


def test_the_email_names_the_product_links_to_its_form_and_promises_no_reward(
    client, product, invite_settings, mail_link
):
    ordered([product])
    sweep_at(DUE)

    message = mail.outbox[0]
    html = message.alternatives[0][0]
    assert message.subject == "[Community] What do you think of Espresso One?"
    assert "You bought Espresso One in March 2025." in message.body
    for text in (message.body, html):
        assert (
            "No reward is offered for reviews, and every review is published whatever its stars."
            in text
        )
    assert "/reviews/invited/" in html
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    with time_machine.travel(DUE + MINUTE, tick=False):
        page = client.get(mail_link("/reviews/invited/", to="buyer@example.com"))
    assert page.status_code == 200
    assert "Espresso One" in page.content.decode()


def test_a_french_order_gets_the_email_in_french_with_one_click_unsubscribe(
    product, invite_settings, mail_link
):
    other = product_page(product.get_parent(), "Nova grinder")
    ordered([product], language="fr")
    later = ordered([other], email="buyer@example.com", delivered_on=DELIVERED + timedelta(days=9))
    sweep_at(DUE)

    message = mail.outbox[0]
    assert message.subject == "[Community] Votre avis sur Espresso One ?"
    assert "Vous avez acheté Espresso One en mars 2025." in message.body
    assert "Aucune récompense n’est offerte" in message.body
    unsubscribe = mail_link("/fr/reviews/invitations/unsubscribe/", to="buyer@example.com")
    assert message.extra_headers["List-Unsubscribe"] == f"<http://testserver{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # What a mail program sends for one-click unsubscribe: a bare POST, without a CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        unsubscribe, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    assert InvitationOptOut.objects.filter(
        address_hash=invitations.address_hash("buyer@example.com")
    ).exists()
    assert later.invitations.get().status == Invitation.Status.SKIPPED
    # Nor is the first one's reminder sent.
    assert sweep_at(DUE + timedelta(days=20)) == {"sent": 0, "reminded": 0, "skipped": 1}


def test_the_unsubscribe_link_asks_first_and_still_works_once_the_order_is_erased(
    client, product, invite_settings, mail_link
):
    ordered([product])
    sweep_at(DUE)
    unsubscribe = mail_link("/reviews/invitations/unsubscribe/", to="buyer@example.com")

    asked = client.get(unsubscribe)
    assert asked.status_code == 200
    assert "Stop invitations to review" in asked.content.decode()
    assert not InvitationOptOut.objects.exists()

    Order.objects.all().delete()
    done = client.post(unsubscribe)

    assert done.status_code == 200
    assert "will receive no more invitations" in done.content.decode()
    assert InvitationOptOut.objects.get().address_hash == invitations.address_hash(
        "buyer@example.com"
    )


def test_a_tampered_unsubscribe_link_is_refused_and_remembers_nothing(
    client, product, invite_settings, mail_link
):
    ordered([product])
    sweep_at(DUE)
    unsubscribe = mail_link("/reviews/invitations/unsubscribe/", to="buyer@example.com")
    token = unsubscribe.rstrip("/").rsplit("/", 1)[1]
    tampered = unsubscribe.replace(token, token[:-2] + ("AA" if token[-2:] != "AA" else "BB"))

    response = client.post(tampered)

    assert response.status_code == 400
    assert "This unsubscribe link is not valid." in response.content.decode()
    assert not InvitationOptOut.objects.exists()


def test_one_failing_address_does_not_stop_the_others_and_is_tried_again(
    product, invite_settings, monkeypatch
):
    failing = ordered([product], email="full-mailbox@example.com")
    ordered([product], email="buyer@example.com")
    real_send = invitations._send_email

    def flaky(invitation, *args, **kwargs):
        if invitation.order.email == "full-mailbox@example.com":
            raise OSError("mailbox unavailable")
        real_send(invitation, *args, **kwargs)

    monkeypatch.setattr(invitations, "_send_email", flaky)
    assert sweep_at(DUE)["sent"] == 1
    assert failing.invitations.get().status == Invitation.Status.SCHEDULED

    monkeypatch.setattr(invitations, "_send_email", real_send)
    assert sweep_at(DUE + timedelta(hours=1))["sent"] == 1
    assert len(invitations_to("full-mailbox@example.com")) == 1
    assert InvitationTally.objects.get(product=product).invitations_sent == 2


def test_many_due_invitations_are_sent_chunk_by_chunk(product, invite_settings, monkeypatch):
    monkeypatch.setattr(invitations, "SEND_CHUNK", 2)
    for number in range(5):
        ordered([product], email=f"buyer{number}@example.com")

    assert sweep_at(DUE)["sent"] == 5
    assert len(mail.outbox) == 5
    assert not Invitation.objects.exclude(status=Invitation.Status.SENT).exists()


def test_the_sweep_task_sends_then_comes_back_an_hour_later_as_one_chain(
    product, invite_settings, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ordered([product])
    waiting = DBTaskResult.objects.filter(
        task_path=tasks.sweep_review_invitations.module_path, status=TaskResultStatus.READY
    )

    with time_machine.travel(DUE, tick=False):
        assert tasks.sweep_chain_start() is True
        assert tasks.sweep_chain_start() is False  # a second release, a second migrate
        first = waiting.get()
        assert first.run_after == DUE
        # The worker takes it, and runs it.
        waiting.update(status=TaskResultStatus.RUNNING)
        counts = tasks.sweep_review_invitations.call()

    assert counts["sent"] == 1
    assert waiting.get().run_after == DUE + timedelta(hours=1)


def test_without_a_worker_there_is_no_chain_and_cron_runs_the_command(
    product, invite_settings, capsys
):
    ordered([product])

    assert tasks.sweep_chain_start() is False
    with time_machine.travel(DUE, tick=False):
        call_command("send_review_invitations")

    assert "1 invitations sent, 0 reminders sent" in capsys.readouterr().out
    assert len(mail.outbox) == 1
