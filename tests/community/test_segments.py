"""Members' segments: staff set them in the admin, one at a time or from a CSV, and see an idea's
votes per segment on its page; segments are never shown to members."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import Member, Segment
from ideas import services as idea_services
from ideas.models import Importance
from tests.factories import MemberFactory, SegmentFactory, proposed_idea

pytestmark = pytest.mark.django_db

MEMBERS = "/admin/member-segments/"
SEGMENTS = "/admin/segment/"
IMPORT = "/admin/segment-import/"


@pytest.fixture
def business(db):
    return SegmentFactory(slug="business", name_en="Business", name_fr="Entreprises")


@pytest.fixture
def home(db):
    return SegmentFactory(slug="home", name_en="Home users", name_fr="Particuliers")


@pytest.fixture
def idea_with_voters(business, home):
    idea = proposed_idea(MemberFactory(display_name="Ines", segment=business), title="An idea")
    for segment in (business, business, home, None):
        voter = MemberFactory(segment=segment)
        idea_services.idea_vote(voter, idea, importance=Importance.IMPORTANT)
    return idea


def segment_rows(html, elements):
    table = html.split('id="segments"')[1].split("</table>")[0]
    return [text for _attrs, text in elements(table, "tr")][1:]


def test_staff_see_the_votes_per_segment_on_the_idea_page(login, staff, idea_with_voters, elements):
    page = login(staff).get(idea_with_voters.get_absolute_url()).content.decode()

    assert "Votes by segment" in page
    assert segment_rows(page, elements) == [
        "Business 3 60%",
        "Home users 1 20%",
        "No segment 1 20%",
    ]


@pytest.mark.parametrize("role", ["visitor", "member"])
def test_members_never_see_segments(request, login, role, idea_with_voters):
    page = login(request.getfixturevalue(role)).get(idea_with_voters.get_absolute_url())

    html = page.content.decode()
    assert "Votes by segment" not in html and "Business" not in html


def test_without_segments_the_idea_page_shows_no_split(login, staff):
    idea = proposed_idea(MemberFactory(), title="An idea")

    assert "Votes by segment" not in login(staff).get(idea.get_absolute_url()).content.decode()


def test_the_idea_page_costs_the_same_with_5_and_with_25_voters_in_segments(
    login, staff, business, home
):
    idea = proposed_idea(MemberFactory(), title="An idea")
    client = login(staff)

    def queries():
        client.get(idea.get_absolute_url())
        with CaptureQueriesContext(connection) as captured:
            assert client.get(idea.get_absolute_url()).status_code == 200
        return len(captured)

    def add(count):
        for number in range(count):
            voter = MemberFactory(segment=(business, home, None)[number % 3])
            idea_services.idea_vote(voter, idea, importance=Importance.NICE)

    add(5)
    small = queries()
    add(20)
    assert queries() == small


# One member at a time


def test_staff_set_a_members_segment_in_the_admin(login, staff, business):
    customer = MemberFactory(display_name="Carla Customer", email="carla@example.com")
    client = login(staff)

    listing = client.get(MEMBERS).content.decode()
    assert "Carla Customer" in listing and "carla@example.com" in listing
    form = client.get(f"{MEMBERS}edit/{customer.pk}/").content.decode()
    assert 'name="segment"' in form and 'name="email"' not in form
    response = client.post(f"{MEMBERS}edit/{customer.pk}/", {"segment": business.pk})

    assert response.status_code == 302
    customer.refresh_from_db()
    assert customer.segment == business
    filtered = client.get(MEMBERS, {"segment": business.pk}).content.decode()
    assert "Carla Customer" in filtered


def test_editing_a_segment_changes_nothing_else_about_the_member(login, staff, business):
    customer = MemberFactory(display_name="Carla Customer", email="carla@example.com")

    login(staff).post(
        f"{MEMBERS}edit/{customer.pk}/",
        {"segment": business.pk, "email": "hacked@example.com", "is_superuser": "on"},
    )

    customer.refresh_from_db()
    assert customer.email == "carla@example.com" and not customer.is_superuser


@pytest.mark.parametrize("role", ["moderator", "member"])
def test_only_staff_set_segments(request, login, role, business):
    customer = MemberFactory()
    client = login(request.getfixturevalue(role))

    assert client.get(MEMBERS).status_code in (302, 403)
    response = client.post(f"{MEMBERS}edit/{customer.pk}/", {"segment": business.pk})
    assert response.status_code in (302, 403)
    customer.refresh_from_db()
    assert customer.segment is None


def test_the_product_team_defines_segments(login, product_team_member):
    response = login(product_team_member).post(
        f"{SEGMENTS}new/",
        {"name_en": "Business", "name_fr": "", "slug": "business", "sort_order": 0},
    )

    assert response.status_code == 302
    assert Segment.objects.get().slug == "business"


def test_support_staff_use_segments_but_do_not_define_them(login, staff):
    response = login(staff).post(
        f"{SEGMENTS}new/", {"name_en": "Business", "slug": "business", "sort_order": 0}
    )

    assert response.status_code in (302, 403)
    assert not Segment.objects.exists()


def test_the_members_list_costs_the_same_with_5_and_with_25_members(login, staff, business):
    client = login(staff)

    def queries():
        client.get(MEMBERS)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(MEMBERS).status_code == 200
        return len(captured)

    MemberFactory.create_batch(5, segment=business)
    small = queries()
    MemberFactory.create_batch(20, segment=business)
    assert queries() == small


# From a CSV


def csv_upload(text, name="segments.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def test_staff_import_segments_from_a_csv_and_read_what_did_not_match(
    login, staff, business, home, elements
):
    olga = MemberFactory(email="olga@example.com")
    noah = MemberFactory(email="Noah@Example.com", segment=home)
    ines = MemberFactory(email="ines@example.com", segment=business)
    text = (
        "email,segment\n"
        "olga@example.com,business\n"
        "noah@example.com,Particuliers\n"
        "ines@example.com,\n"
        "stranger@example.com,business\n"
        "olga@example.com,Enterprise\n"
        "just-one-cell\n"
    )

    response = login(staff).post(IMPORT, {"file": csv_upload(text)})

    assert response.status_code == 200
    olga.refresh_from_db(), noah.refresh_from_db(), ines.refresh_from_db()
    assert (olga.segment, noah.segment, ines.segment) == (business, home, None)
    counts = {attrs["data-count"]: text for attrs, text in elements(response.content, "dd")}
    assert counts == {"updated": "2", "unchanged": "1", "unmatched": "3"}
    html = response.content.decode()
    assert "No member has this e-mail address" in html
    assert "No segment has this name" in html
    assert "Expected: e-mail, segment" in html


def test_a_file_that_is_not_utf8_text_is_refused_with_a_reason(login, staff, business):
    response = login(staff).post(
        IMPORT, {"file": csv_upload("olga@example.com,Entreprisé\n", encoding="latin-1")}
    )

    assert response.status_code == 200
    assert "This file is not UTF-8 text." in response.content.decode()


def test_only_staff_import_segments(login, moderator, business):
    MemberFactory(email="olga@example.com")

    response = login(moderator).post(IMPORT, {"file": csv_upload("olga@example.com,business\n")})

    assert response.status_code in (302, 403)
    assert not Member.objects.filter(segment=business).exists()
