"""What every page pays before its own work: the site's structure comes from memory and the
signed-in member is read in one query, and both change on the very next request after a write."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from community import selectors, services, site_cache
from community.models import Member, Notification
from community.protections import suspensions
from community.roles import Role
from tests.factories import (
    MemberFactory,
    NotificationFactory,
    ProductCategoryFactory,
    StaffCardFactory,
    content_page,
    product_page,
    totp_authenticator,
)

pytestmark = pytest.mark.django_db


def queries_of(client, path):
    """The queries of a page once warm (the first view fills what is remembered)."""
    assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return [query["sql"] for query in captured]


def footer_links(client, path="/"):
    html = client.get(path).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    return footer


def add_content(site_pages, count, start=0):
    """More of everything the chrome could be tempted to read row by row."""
    catalogue = site_pages.catalogue["en"]
    for number in range(start, start + count):
        product_page(catalogue, f"Product {number}", category=ProductCategoryFactory())
        content_page(site_pages.home["en"], f"Help page {number}", show_in_menus=True)
        StaffCardFactory(real_name=f"Staff {number}")


def add_notifications(member, count):
    for _number in range(count):
        NotificationFactory(recipient=member, actor=MemberFactory())


# --- Cost -----------------------------------------------------------------------------------


def test_the_home_page_reads_no_site_structure_once_it_is_remembered(client, site_pages):
    queries = queries_of(client, "/")

    structure = (
        'FROM "wagtailcore_site"',
        'FROM "wagtailcore_locale"',
        'FROM "wagtailcore_pageviewrestriction"',
        '"wagtailcore_page"."path" IN (',
        '"wagtailcore_page"."translation_key" = \'',
        '"wagtailcore_page"."show_in_menus")',
    )
    assert [sql for sql in queries if any(part in sql for part in structure)] == []


def test_a_member_costs_the_session_and_one_query_more_than_a_visitor(client, site_pages):
    member = MemberFactory(roles=[Role.PRODUCT_TEAM])
    totp_authenticator(member)
    add_notifications(member, 3)
    visitor = len(queries_of(client, "/"))

    client.force_login(member)
    signed_in = queries_of(client, "/")

    # The session, the member, and the two-factor check that staff roles go through.
    assert len(signed_in) == visitor + 3
    assert "django_session" in signed_in[0]
    assert "community_member" in signed_in[1]
    assert "mfa_authenticator" in signed_in[2]


def test_a_member_without_a_role_costs_the_session_and_the_member(client, site_pages, member):
    add_notifications(member, 3)
    visitor = len(queries_of(client, "/"))

    client.force_login(member)

    assert len(queries_of(client, "/")) == visitor + 2


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_the_home_page_costs_the_same_with_more_content(client, site_pages, who):
    member = MemberFactory(roles=[Role.STAFF])
    totp_authenticator(member)
    if who == "member":
        client.force_login(member)
    add_content(site_pages, 1)
    add_notifications(member, 1)
    few = len(queries_of(client, "/"))

    add_content(site_pages, 4, start=1)
    add_notifications(member, 6)
    many = len(queries_of(client, "/"))

    assert many == few


# --- The signed-in member, read in one query ------------------------------------------------


def test_the_member_read_for_a_request_knows_what_the_separate_queries_would_say(db):
    staff = Group.objects.get(name=Role.STAFF.value)
    member = MemberFactory(email="Mixed.Case_Name@example.com", roles=[Role.STAFF])
    member.user_permissions.add(
        Permission.objects.get(content_type__app_label="community", codename="add_apitoken")
    )
    EmailAddress.objects.filter(user=member).update(email="mixed.case_name@example.com")
    NotificationFactory.create_batch(2, recipient=member, actor=MemberFactory())
    NotificationFactory(recipient=member, actor=MemberFactory(), read_at="2026-01-01T00:00Z")

    loaded = selectors.member_for_request(member.pk)
    fresh = Member.objects.get(pk=member.pk)
    expected_permissions = ModelBackend().get_all_permissions(fresh)

    with CaptureQueriesContext(connection) as captured:
        assert selectors.unread_notification_count(loaded) == 2
        assert loaded.has_verified_email is True
        assert suspensions.active_suspension(loaded) is None
        assert loaded.role_names == {staff.name}
        assert loaded.get_all_permissions() == expected_permissions
        assert loaded.has_perm("community.add_apitoken")
        assert loaded.has_perm("community.view_question")
    assert len(captured) == 0
    assert fresh.has_verified_email is True


def test_an_address_that_only_looks_like_the_members_is_not_taken_for_it(db):
    """On SQLite `iexact` is a LIKE, where "_" would match any character."""
    member = MemberFactory(email="a_b@example.com", verified=False)
    EmailAddress.objects.create(user=member, email="axb@example.com", verified=True)

    assert selectors.member_for_request(member.pk).has_verified_email is False


def test_a_member_without_roles_or_address_is_read_as_such(db, unverified_member):
    loaded = selectors.member_for_request(unverified_member.pk)

    assert loaded.has_verified_email is False
    assert loaded.role_names == frozenset()
    assert loaded.get_all_permissions() == set()
    assert selectors.unread_notification_count(loaded) == 0


def test_a_suspension_shows_on_the_next_request(client, site_pages, member, moderator):
    client.force_login(member)
    assert 'data-testid="suspension-banner"' not in client.get("/").content.decode()

    suspension = suspensions.suspend_for(
        moderator, Member.objects.get(pk=member.pk), days=3, reason="Insults in a review."
    )

    html = client.get("/").content.decode()
    assert 'data-testid="suspension-banner"' in html
    assert "Insults in a review." in html

    suspensions.lift(moderator, suspension, reason="Appeal accepted by the team.")
    assert 'data-testid="suspension-banner"' not in client.get("/").content.decode()


def test_a_new_notification_counts_on_the_next_request(client, site_pages, member):
    client.force_login(member)
    assert 'data-testid="unread-count"' not in client.get("/").content.decode()

    add_notifications(Member.objects.get(pk=member.pk), 2)

    assert 'data-testid="unread-count">2<' in client.get("/").content.decode()


def test_marking_notifications_read_forgets_the_count_read_with_the_member(member):
    add_notifications(member, 2)
    loaded = selectors.member_for_request(member.pk)
    assert selectors.unread_notification_count(loaded) == 2

    services.notifications_mark_read(loaded)

    assert selectors.unread_notification_count(loaded) == 0
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()


def test_a_new_role_shows_on_the_next_request(client, site_pages, member):
    totp_authenticator(member)
    client.force_login(member)
    assert "/admin/" not in client.get("/").content.decode()

    Member.objects.get(pk=member.pk).groups.add(Group.objects.get(name=Role.MODERATOR.value))

    assert 'href="/admin/"' in client.get("/").content.decode()


def test_a_verified_address_lifts_the_notice_on_the_next_request(
    client, site_pages, unverified_member
):
    client.force_login(unverified_member)
    notice = "you need to verify your e-mail address"
    assert notice in client.get("/").content.decode()

    EmailAddress.objects.filter(user=unverified_member).update(verified=True)

    assert notice not in client.get("/").content.decode()


def test_a_session_signed_in_with_a_replaced_backend_stays_signed_in(client, site_pages, member):
    session = client.session
    session[SESSION_KEY] = str(member.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = member.get_session_auth_hash()
    session.save()
    client.cookies["sessionid"] = session.session_key

    html = client.get("/").content.decode()

    assert member.display_name in html
    assert client.session[BACKEND_SESSION_KEY] == "community.auth_backends.MemberModelBackend"


# --- The site's structure, remembered and forgotten -----------------------------------------


def test_a_published_page_joins_the_menu_on_the_next_request(client, site_pages):
    assert "Delivery times" not in footer_links(client)

    page = content_page(site_pages.home["en"], "Delivery times", show_in_menus=True)
    assert "Delivery times" in footer_links(client)

    page.title = "Delivery and returns"
    page.save_revision().publish()
    footer = footer_links(client)
    assert "Delivery and returns" in footer
    assert "Delivery times" not in footer

    page.unpublish()
    assert "Delivery and returns" not in footer_links(client)


def test_a_moved_or_deleted_page_leaves_the_menu_at_once(client, site_pages):
    page = content_page(site_pages.home["en"], "Warranty", show_in_menus=True)
    assert "Warranty" in footer_links(client)

    page.move(site_pages.catalogue["en"], pos="last-child")
    assert "Warranty" not in footer_links(client)

    page.move(site_pages.home["en"], pos="last-child")
    assert "Warranty" in footer_links(client)
    Page.objects.get(pk=page.pk).delete()
    assert "Warranty" not in footer_links(client)


def test_a_view_restriction_applies_at_once(client, site_pages):
    guidelines = site_pages.guidelines["en"]
    assert client.get("/guidelines/").status_code == 200
    assert "Community guidelines" in footer_links(client)

    restriction = PageViewRestriction.objects.create(
        page=guidelines, restriction_type=PageViewRestriction.LOGIN
    )

    response = client.get("/guidelines/")
    assert response.status_code == 302
    assert "next=/guidelines/" in response["Location"]
    assert "Community guidelines" not in footer_links(client)

    restriction.delete()
    assert client.get("/guidelines/").status_code == 200
    assert "Community guidelines" in footer_links(client)


def test_a_restricted_section_restricts_the_pages_below_it(client, site_pages):
    page = content_page(site_pages.guidelines["en"], "House rules")
    PageViewRestriction.objects.create(
        page=site_pages.guidelines["en"], restriction_type=PageViewRestriction.LOGIN
    )

    assert client.get(page.url).status_code == 302


def test_a_new_translation_is_offered_at_once(client, site_pages):
    from wagtail.models import Locale

    from community.site_setup import translate_page

    page = content_page(site_pages.home["en"], "Recycling")
    html = client.get(page.url).content.decode()
    assert 'hreflang="fr"' not in html

    translate_page(page, Locale.objects.get(language_code="fr"), {"title": "Recyclage"})

    assert 'hreflang="fr"' in client.get(page.url).content.decode()


def test_processes_agree_through_the_generation_in_the_cache(client, site_pages):
    """A write in another process replaces the generation in the shared cache; this process
    then reads the structure again (here a title changed behind the ORM's back)."""
    assert "Meet the team" in footer_links(client)
    Page.objects.filter(pk=site_pages.team["en"].pk).update(title="Our people")
    assert "Meet the team" in footer_links(client)

    cache.set(site_cache.GENERATION_KEY, "written-by-another-process")

    assert "Our people" in footer_links(client)


def test_a_write_forgets_the_structure_again_when_it_commits(
    client, site_pages, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        content_page(site_pages.home["en"], "Spare parts", show_in_menus=True)
        generation = cache.get(site_cache.GENERATION_KEY)

    assert callbacks
    for callback in callbacks:
        callback()
    assert cache.get(site_cache.GENERATION_KEY) != generation


def test_outside_a_request_nothing_is_remembered(site_pages):
    from wagtail.models import Locale

    with CaptureQueriesContext(connection) as captured:
        Locale.objects.get_for_language("en")
        Locale.objects.get_for_language("en")
    assert len(captured) == 2


def test_an_unknown_language_is_still_refused(client, site_pages):
    from wagtail.models import Locale

    with site_cache.serving():
        with pytest.raises(LookupError):
            Locale.objects.get_for_language("de")
        assert Locale.objects.get_for_language("fr").language_code == "fr"


def test_the_suspension_read_with_the_member_is_the_one_in_force(member, moderator):
    suspensions.suspend_for(moderator, member, days=3, reason="Spam in three threads.")
    longest = suspensions.suspend_for(moderator, member, days=30, reason="Spam again, after.")

    loaded = selectors.member_for_request(member.pk)
    with CaptureQueriesContext(connection) as captured:
        suspension = suspensions.active_suspension(loaded)
        assert suspension.pk == longest.pk
        assert suspension.reason == "Spam again, after."
        assert suspension.until == longest.until
    assert len(captured) == 0
    assert suspension.suspended_by == moderator
