"""A kind declared by one app (`tests.tips`) and nothing else: through the site's own pages and
services, a tip is moderated, searched, part of the member's data and erased with their
account, counted in the transparency figures and in its author's trust, and listed in the
sitemap, the API and the webhooks, like the kinds the project ships."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from community import trust, webhooks
from community.account_deletion.services import deletion_request
from community.erasure import Choice
from community.member_data.models import DataExport
from community.models import Appeal, ModerationState, Notification, QueueItem, Report
from community.moderation import selectors as moderation_selectors
from community.moderation import services as moderation
from tests.community.account_deletion.helpers import traces_of
from tests.community.moderation.conftest import hold_new_members
from tests.factories import MemberFactory
from tests.queries import queries_for
from tests.tips.conftest import TIP_BODY, TIP_TITLE
from tests.tips.factories import TipFactory
from tests.tips.models import Tip
from tests.tips.services import tip_create

pytestmark = pytest.mark.django_db

REASON = "Advertises a descaling product with a shop link."


def hide(moderator, tip, committed):
    committed(moderation.decide, moderator, tip, action="hide", reason=REASON, reason_code="spam")
    tip.refresh_from_db()


# --- Moderation -----------------------------------------------------------------------------


def test_a_reported_tip_is_queued_hidden_with_a_receipt_and_restored_on_appeal(
    login, member, moderator, other_moderator, tip, author
):
    reported = login(member).post(
        reverse("tips:report", args=[tip.pk]), {"reason": "spam", "text": "A shop link."}
    )
    assert reported.status_code == 302
    assert reported["Location"] == tip.get_absolute_url()
    item = QueueItem.objects.get(object_id=tip.pk, closed_at__isnull=True)
    assert item.target == tip
    assert item.cause == QueueItem.Cause.REPORTED

    queue = login(moderator).get(reverse("moderation_queue")).content.decode()
    assert f'data-queue-item="{item.pk}"' in queue
    assert TIP_TITLE in queue
    assert "Tamsin Tipper" in queue
    page = login(moderator).get(reverse("moderation_item", args=[item.pk])).content.decode()
    assert "A shop link." in page
    assert "Aurora espresso machine" in page, "the product the tip belongs to"

    decided = login(moderator).post(
        reverse("moderation_item", args=[item.pk]),
        {"step": "decide", "action": "hide", "reason_code": "spam", "reason": REASON},
    )
    assert decided.status_code == 302
    tip.refresh_from_db()
    assert tip.moderation_state == ModerationState.HIDDEN
    assert Report.objects.get().status == Report.Status.UPHELD
    told = Notification.objects.get(recipient=author, kind="moderation_hidden")
    assert told.params == {"moderator": "Moderator Max", "title": TIP_TITLE, "reason": REASON}
    assert told.url == tip.get_absolute_url()

    assert login(member).get(tip.get_absolute_url()).status_code == 404
    own = login(author).get(tip.get_absolute_url())
    assert own.status_code == 200
    receipt = own.content.decode()
    assert "Hidden by Moderator Max" in receipt
    assert REASON in receipt
    appeal_url = reverse("moderation:appeal", args=["tip", tip.pk])
    assert appeal_url in receipt

    appealed = login(author).post(
        appeal_url, {"text": "It names a common acid, not a brand or a shop."}
    )
    assert appealed.status_code == 302
    appeal = Appeal.objects.get(object_id=tip.pk)
    restored = login(other_moderator).post(
        reverse("moderation_appeal", args=[appeal.pk]),
        {"outcome": "uphold", "statement": "Citric acid is not an advertisement."},
    )
    assert restored.status_code == 302
    tip.refresh_from_db()
    assert tip.is_public
    assert Notification.objects.filter(recipient=author, kind="moderation_appeal_upheld").exists()
    assert login(member).get(tip.get_absolute_url()).status_code == 200


def test_a_tip_held_for_a_new_member_waits_in_the_queue_until_published(
    committed, login, moderator, product
):
    hold_new_members()
    newcomer = MemberFactory(display_name="Nina Newcomer")

    held = committed(tip_create, newcomer, product, title="Warm the cup", body="With hot water.")

    assert held.moderation_state == ModerationState.HELD
    item = QueueItem.objects.get(object_id=held.pk, closed_at__isnull=True)
    assert item.cause == QueueItem.Cause.HELD
    assert Notification.objects.filter(recipient=newcomer, kind="moderation_held").exists()
    assert login(None).get(held.get_absolute_url()).status_code == 404
    own = login(newcomer).get(held.get_absolute_url()).content.decode()
    assert "Waiting for a moderator." in own

    committed(moderation.decide, moderator, held, action="publish", reason="A fine little tip.")

    assert held.is_public


# --- Search ---------------------------------------------------------------------------------


def test_the_site_search_finds_a_new_tip_and_not_a_hidden_one(
    settings, client, elements, committed, moderator, author, product, tip
):
    settings.ELASTICSEARCH_URL = ""  # the database engine
    other = committed(
        tip_create, author, product, title="Purge the steam wand", body="Citric acid too."
    )

    def results(**params):
        page = client.get("/search/", {"q": "citric", **params}).content.decode()
        return {
            (text, attrs["href"])
            for attrs, text in elements(page, "a")
            if attrs.get("href", "").startswith("/tips/")
        }

    assert results() == {
        (TIP_TITLE, tip.get_absolute_url()),
        ("Purge the steam wand", other.get_absolute_url()),
    }

    hide(moderator, tip, committed)

    assert results() == {("Purge the steam wand", other.get_absolute_url())}
    assert results(kind="tip") == {("Purge the steam wand", other.get_absolute_url())}


# --- Personal data and erasure --------------------------------------------------------------


def test_the_members_data_page_and_download_hold_their_tips(
    client, django_capture_on_commit_callbacks, author, tip
):
    client.force_login(author)

    page = client.get("/accounts/data/").content.decode()
    assert 'data-section="tips"' in page
    assert 'data-testid="count-tips">1<' in page
    assert f'href="{tip.get_absolute_url()}"' in page

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/accounts/data/download/").status_code == 302
    export = DataExport.objects.get(member=author)
    response = client.get(f"/accounts/data/download/{export.pk}/")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    section = json.loads(archive.read("data/tips.json"))
    assert section["count"] == 1
    described = json.dumps(section, ensure_ascii=False)
    assert TIP_TITLE in described
    assert "citric acid rinses out clean" in described
    assert "Aurora espresso machine" in described


def test_removing_the_account_deletes_the_tips_and_leaves_no_trace_of_them(
    django_capture_on_commit_callbacks, member, author, tip
):
    from community import reports

    reports.report_create(member, tip, reason="spam")
    handle = author.handle

    with django_capture_on_commit_callbacks(execute=True):
        deletion_request(author, choice=Choice.REMOVE)

    assert not Tip.objects.filter(pk=tip.pk).exists()
    assert not Report.objects.filter(object_id=tip.pk, status=Report.Status.OPEN).exists()
    assert traces_of("citric acid rinses out clean", "Tamsin Tipper", handle) == []


def test_anonymising_the_account_keeps_the_tips_signed_by_nobody(
    django_capture_on_commit_callbacks, author, tip
):
    handle = author.handle

    with django_capture_on_commit_callbacks(execute=True):
        deletion_request(author, choice=Choice.ANONYMISE)

    tip.refresh_from_db()
    assert tip.author is None
    assert (tip.title, tip.body) == (TIP_TITLE, TIP_BODY)
    assert tip.is_public
    assert traces_of("Tamsin Tipper", handle) == []


# --- Transparency and trust -----------------------------------------------------------------


def test_a_published_tip_counts_in_the_transparency_figures_and_in_its_authors_trust(
    committed, moderator, author, product
):
    before = moderation_selectors.transparency()[0]["published"]
    assert trust.published_contribution_count(author) == 0

    tip = committed(tip_create, author, product, title=TIP_TITLE, body=TIP_BODY)

    assert moderation_selectors.transparency()[0]["published"] == before + 1
    trust.forget(author)
    assert trust.published_contribution_count(author) == 1

    hide(moderator, tip, committed)

    trust.forget(author)
    assert trust.published_contribution_count(author) == 0


# --- Sitemap, API and webhooks --------------------------------------------------------------


def test_the_sitemap_lists_the_tips_section_and_each_public_tip_in_both_languages(
    client, product, tip
):
    hidden = TipFactory(product=product, moderation_state=ModerationState.HIDDEN)

    index = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/sitemap-tips.xml</loc>" in index

    section = client.get("/sitemap-tips.xml")
    assert section.status_code == 200
    text = section.content.decode()
    assert f"<loc>http://testserver/tips/{tip.pk}/</loc>" in text
    assert f'href="http://testserver/fr/tips/{tip.pk}/"' in text
    assert f"/tips/{hidden.pk}/" not in text


def test_the_api_lists_published_tips_to_a_token_holder(client, api, product, tip):
    hidden = TipFactory(product=product, moderation_state=ModerationState.HIDDEN)

    assert client.get("/api/v1/tips/").status_code == 401
    rows = api("/api/v1/tips/").json()["results"]
    assert [row["id"] for row in rows] == [tip.pk]
    assert rows[0]["title"] == TIP_TITLE
    assert rows[0]["url"] == f"http://testserver/tips/{tip.pk}/"
    assert rows[0]["product"]["id"] == product.pk
    assert rows[0]["author"]["name"] == "Tamsin Tipper"
    assert api(f"/api/v1/tips/{tip.pk}/").json()["body"] == TIP_BODY
    assert api(f"/api/v1/tips/{hidden.pk}/").status_code == 404
    assert api("/api/v1/").json()["endpoints"]["tip"] == "http://testserver/api/v1/tips/"


def test_a_registered_webhook_receives_tip_published_once_the_tip_is_public(
    receiver, hook_for, committed, moderator, product
):
    hook = hook_for(receiver, events=["tip.published"])
    hold_new_members()
    newcomer = MemberFactory(display_name="Nina Newcomer")

    held = committed(tip_create, newcomer, product, title=TIP_TITLE, body=TIP_BODY)
    assert receiver.received == [], "held: nothing public to tell"

    committed(moderation.decide, moderator, held, action="publish", reason="A fine little tip.")

    assert len(receiver.received) == 1
    headers, body = receiver.received[0]
    assert headers["X-Community-Event"] == "tip.published"
    assert webhooks.verify(
        hook.secret, headers["X-Community-Timestamp"], body, headers["X-Community-Signature"]
    )
    payload = json.loads(body)
    assert payload["event"] == "tip.published"
    assert payload["data"]["tip"]["id"] == held.pk
    assert payload["data"]["tip"]["title"] == TIP_TITLE


def test_the_tip_page_and_the_api_list_cost_the_same_with_more_tips(client, api, product, tip):
    def costs():
        return queries_for(client.get, tip.get_absolute_url()), queries_for(api, "/api/v1/tips/")

    few = costs()
    TipFactory.create_batch(5, product=product)

    assert costs() == few
