"""Members in the admin (Settings → Users): the forms ask for the display name and never for a
first and last name, a role is given without inventing one, the list shows, sorts and finds
members by their display name, and only an administrator makes someone an administrator."""

import re

import pytest
from django.contrib.auth.models import Group

from community.models import Member
from community.roles import Role
from tests.factories import MemberFactory, site_admin, totp_authenticator
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db):
    return site_admin(display_name="Sam Admin")


@pytest.fixture
def newcomer(db):
    """A member as sign-up makes one: a display name, and no first or last name."""
    return MemberFactory(display_name="Camille Martin", first_name="", last_name="")


def edit_data(member, **changes):
    data = {"email": member.email, "display_name": member.display_name, "is_active": "on"}
    data.update(changes)
    return data


def staff_group():
    return Group.objects.get(name=Role.STAFF.value)


def test_the_user_forms_ask_for_the_display_name_and_no_first_or_last_name(client, admin, newcomer):
    client.force_login(admin)

    for address in ("/admin/users/new/", f"/admin/users/edit/{newcomer.pk}/"):
        html = client.get(address).content.decode()
        assert 'name="display_name"' in html, address
        assert 'name="first_name"' not in html and 'name="last_name"' not in html, address
    assert 'value="Camille Martin"' in html


def test_a_site_admin_gives_a_member_a_role_with_nothing_but_their_display_name(
    client, admin, newcomer
):
    client.force_login(admin)

    response = client.post(
        f"/admin/users/edit/{newcomer.pk}/", edit_data(newcomer, groups=[staff_group().pk])
    )

    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.has_role(Role.STAFF)
    assert (newcomer.display_name, newcomer.first_name, newcomer.last_name) == (
        "Camille Martin",
        "",
        "",
    )


def test_a_site_admin_adds_a_member_by_e_mail_and_display_name(client, admin):
    client.force_login(admin)

    response = client.post(
        "/admin/users/new/",
        {
            "email": "nora@example.com",
            "display_name": "  Nora   Night ",
            "password1": "a-long-Pass-phrase-42",
            "password2": "a-long-Pass-phrase-42",
            "groups": [staff_group().pk],
        },
    )

    assert response.status_code == 302
    nora = Member.objects.get(email="nora@example.com")
    assert (nora.display_name, nora.handle) == ("Nora Night", "nora-night")
    assert nora.has_role(Role.STAFF)


@pytest.mark.parametrize(
    "display_name, error",
    [
        ("", "This field is required."),
        ("   ", "This field is required."),
        (" x ", "Please choose a name of at least two characters."),
        ("N" * 61, "Ensure this value has at most 60 characters (it has 61)."),
    ],
)
def test_a_missing_or_too_short_display_name_is_refused_and_no_role_is_given(
    client, admin, newcomer, display_name, error
):
    client.force_login(admin)

    response = client.post(
        f"/admin/users/edit/{newcomer.pk}/",
        edit_data(newcomer, display_name=display_name, groups=[staff_group().pk]),
    )

    assert response.status_code == 200
    assert error in response.content.decode()
    newcomer.refresh_from_db()
    assert newcomer.display_name == "Camille Martin"
    assert not newcomer.has_role(Role.STAFF)


def test_an_e_mail_address_another_member_has_is_refused(client, admin, newcomer):
    other = MemberFactory()
    client.force_login(admin)

    response = client.post(
        f"/admin/users/edit/{newcomer.pk}/", edit_data(newcomer, email=other.email)
    )

    assert response.status_code == 200
    assert Member.objects.get(pk=newcomer.pk).email == newcomer.email


@pytest.mark.parametrize(
    "role, allowed",
    [
        ("visitor", False),
        ("member", False),
        ("staff", False),
        ("moderator", False),
        ("product_team_member", False),
        ("admin", True),
    ],
)
def test_who_gives_roles_in_the_admin(request, client, newcomer, role, allowed):
    actor = request.getfixturevalue(role)
    if actor is not None:
        client.force_login(actor)

    page = client.get(f"/admin/users/edit/{newcomer.pk}/")
    client.post(f"/admin/users/edit/{newcomer.pk}/", edit_data(newcomer, groups=[staff_group().pk]))

    assert (page.status_code == 200) is allowed
    newcomer.refresh_from_db()
    assert newcomer.has_role(Role.STAFF) is allowed


def test_a_site_admin_cannot_make_anyone_an_administrator(client, admin, newcomer):
    client.force_login(admin)

    page = client.get(f"/admin/users/edit/{newcomer.pk}/").content.decode()
    client.post(f"/admin/users/edit/{newcomer.pk}/", edit_data(newcomer, is_superuser="on"))
    client.post(
        "/admin/users/new/",
        {
            "email": "sneaky@example.com",
            "display_name": "Sneaky",
            "password1": "a-long-Pass-phrase-42",
            "password2": "a-long-Pass-phrase-42",
            "is_superuser": "on",
        },
    )

    assert re.search(r'<input type="checkbox" name="is_superuser"[^>]* disabled', page)
    assert "Only an administrator can make someone an administrator." in page
    assert not Member.objects.get(pk=newcomer.pk).is_superuser
    assert not Member.objects.get(email="sneaky@example.com").is_superuser


def test_an_administrator_makes_someone_an_administrator(client, newcomer):
    root = MemberFactory(is_superuser=True)
    totp_authenticator(root)
    client.force_login(root)

    client.post(f"/admin/users/edit/{newcomer.pk}/", edit_data(newcomer, is_superuser="on"))

    assert Member.objects.get(pk=newcomer.pk).is_superuser


def listed_names(response):
    html = response.content.decode()
    return re.findall(r'<a href="/admin/users/edit/\d+/"[^>]*>\s*([^<]+?)\s*</a>', html)


def test_the_user_list_shows_sorts_and_finds_members_by_display_name(client, admin):
    for name in ("Zoé Zed", "Aline Able", "Marc Middle"):
        MemberFactory(display_name=name, first_name="", last_name="")
    client.force_login(admin)

    by_name = listed_names(client.get("/admin/users/", {"ordering": "name"}))
    by_name_reversed = listed_names(client.get("/admin/users/", {"ordering": "-name"}))
    found = listed_names(client.get("/admin/users/", {"q": "Aline"}))

    ours = [name for name in by_name if name in ("Zoé Zed", "Aline Able", "Marc Middle")]
    assert ours == ["Aline Able", "Marc Middle", "Zoé Zed"]
    assert by_name_reversed.index("Zoé Zed") < by_name_reversed.index("Aline Able")
    assert found == ["Aline Able"]


def test_the_user_list_costs_the_same_for_more_members(client, admin):
    MemberFactory.create_batch(3)
    client.force_login(admin)
    before = queries_for(client.get, "/admin/users/", {"ordering": "name"})

    MemberFactory.create_batch(12)

    assert queries_for(client.get, "/admin/users/", {"ordering": "name"}) == before


def account_data(**changes):
    data = {
        "name_email-display_name": "Amélie Durand",
        "locale-preferred_language": "fr",
        "locale-current_time_zone": "",
        "theme-theme": "system",
        "theme-density": "default",
        "theme-contrast": "system",
    }
    data.update(changes)
    return data


def test_staff_save_their_admin_account_with_their_display_name_alone(client, staff):
    client.force_login(staff)

    page = client.get("/admin/account/").content.decode()
    response = client.post("/admin/account/", account_data())

    assert 'name="name_email-display_name"' in page
    assert "first_name" not in page and "last_name" not in page
    assert 'name="name_email-email"' not in page
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.display_name == "Amélie Durand"
    assert staff.wagtail_userprofile.preferred_language == "fr"


def test_a_too_short_name_on_the_admin_account_page_is_refused(client, staff):
    client.force_login(staff)

    response = client.post("/admin/account/", account_data(**{"name_email-display_name": "A"}))

    assert response.status_code == 200
    assert "Please choose a name of at least two characters." in response.content.decode()
    staff.refresh_from_db()
    assert staff.display_name == "Amélie"
