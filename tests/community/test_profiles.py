"""Member profiles: edited by their owner only, shown on a public page at a readable address."""

import pytest
from django.core.exceptions import PermissionDenied

from community import permissions, services
from community.models import Member
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def profile_data(member, **changes):
    data = {
        "display_name": member.display_name,
        "handle": member.handle,
        "bio": member.bio,
        "preferred_language": member.preferred_language,
    }
    data.update(changes)
    return data


def fresh(member):
    return Member.objects.get(pk=member.pk)


def test_visitors_are_sent_to_log_in_to_edit_a_profile(client, site_pages):
    response = client.get("/accounts/profile/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/profile/"


def test_the_profile_form_shows_the_members_current_profile(client, site_pages, member, elements):
    client.force_login(member)

    response = client.get("/accounts/profile/")

    page = response.content.decode()
    assert response.status_code == 200
    assert elements(page, "input", name="display_name")[0][0]["value"] == "Camille Martin"
    assert elements(page, "input", name="handle")[0][0]["value"] == "camille-martin"


def test_a_member_edits_their_profile_and_the_public_page_shows_it(client, site_pages, member):
    client.force_login(member)

    response = client.post(
        "/accounts/profile/",
        profile_data(
            member,
            display_name="Camille M.",
            handle="camille-m",
            bio="Coffee lover from Lyon.",
            preferred_language="fr",
        ),
    )

    # The new language applies at once: the public page opens in French.
    assert response.status_code == 302
    assert response["Location"] == "/fr/members/camille-m/"
    saved = fresh(member)
    assert (saved.display_name, saved.handle, saved.bio, saved.preferred_language) == (
        "Camille M.",
        "camille-m",
        "Coffee lover from Lyon.",
        "fr",
    )
    public = client.get(response["Location"])
    assert public.status_code == 200
    assert public.context["LANGUAGE_CODE"] == "fr"
    page = public.content.decode()
    assert "Camille M." in page
    assert "Coffee lover from Lyon." in page
    assert len(list(public.context["messages"])) == 1


def test_the_public_page_moves_with_the_handle(client, site_pages, member):
    client.force_login(member)
    client.post("/accounts/profile/", profile_data(member, handle="camille-lyon"))
    client.logout()

    assert client.get("/members/camille-lyon/").status_code == 200
    assert client.get("/members/camille-martin/").status_code == 404


def test_the_public_page_shows_name_and_bio_but_never_the_email(client, site_pages, member):
    member.bio = "I answer questions about grinders."
    member.save()

    response = client.get("/members/camille-martin/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Camille Martin" in page
    assert "I answer questions about grinders." in page
    assert "@camille-martin" in page
    assert member.email not in page
    assert "Edit my profile" not in page


def test_the_owner_sees_an_edit_link_on_their_public_page(client, site_pages, member):
    client.force_login(member)

    page = client.get("/members/camille-martin/").content.decode()

    assert 'href="/accounts/profile/"' in page
    assert "Edit my profile" in page


def test_another_member_sees_no_edit_link_on_someone_elses_page(client, site_pages, member):
    client.force_login(MemberFactory())

    response = client.get("/members/camille-martin/")

    assert "Edit my profile</a></p>" not in response.content.decode()
    assert response.context["can_edit"] is False


def test_unknown_and_deactivated_members_have_no_public_page(client, site_pages, member):
    member.is_active = False
    member.save()

    assert client.get("/members/camille-martin/").status_code == 404
    assert client.get("/members/nobody-here/").status_code == 404


def test_a_post_cannot_edit_another_members_profile(client, site_pages, member):
    other = MemberFactory(display_name="Other Person", bio="Untouched")
    client.force_login(member)

    response = client.post(
        "/accounts/profile/",
        {
            **profile_data(member, display_name="Changed Name", bio="Changed"),
            "id": other.pk,
            "pk": other.pk,
            "member": other.pk,
            "email": other.email,
        },
    )

    assert response.status_code == 302
    untouched = fresh(other)
    assert (untouched.display_name, untouched.bio) == ("Other Person", "Untouched")
    assert fresh(member).display_name == "Changed Name"
    assert fresh(member).email == member.email


def test_a_post_cannot_take_over_another_members_handle(client, site_pages, member):
    other = MemberFactory(display_name="Other Person")
    client.force_login(member)

    response = client.post("/accounts/profile/", profile_data(member, handle=other.handle))

    assert response.status_code == 200
    assert "This handle is taken. Please choose another." in response.content.decode()
    assert fresh(member).handle == "camille-martin"
    assert fresh(other).handle == other.handle


def test_the_profile_service_refuses_to_edit_someone_else(member):
    other = MemberFactory()

    assert not permissions.can_edit_profile(member, other)
    with pytest.raises(PermissionDenied):
        services.profile_update(member, other, cleaned_data={"display_name": "Hijacked"})
    assert fresh(other).display_name != "Hijacked"


@pytest.mark.parametrize("handle", ["admin", "staff", "team", "Admin"])
def test_reserved_handles_are_refused_and_what_was_typed_is_kept(
    client, site_pages, member, handle, elements
):
    client.force_login(member)

    response = client.post(
        "/accounts/profile/", profile_data(member, handle=handle, bio="My new bio")
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "This handle is reserved. Please choose another." in page
    assert elements(page, "input", name="handle")[0][0]["value"] == handle
    assert elements(page, "textarea", name="bio")[0][1] == "My new bio"
    assert fresh(member).handle == "camille-martin"


def test_a_handle_that_is_not_a_slug_is_refused(client, site_pages, member):
    client.force_login(member)

    response = client.post("/accounts/profile/", profile_data(member, handle="camille martin!"))

    assert response.status_code == 200
    assert response.context["form"].errors["handle"]
    assert fresh(member).handle == "camille-martin"


def test_bad_input_keeps_everything_typed_and_changes_nothing(client, site_pages, member, elements):
    client.force_login(member)

    response = client.post(
        "/accounts/profile/",
        profile_data(member, display_name="C", handle="camille-new", bio="Half-written bio"),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Please choose a name of at least two characters." in page
    assert "Please correct the errors below. Nothing you typed is lost." in page
    assert elements(page, "input", name="display_name")[0][0]["value"] == "C"
    assert elements(page, "input", name="handle")[0][0]["value"] == "camille-new"
    assert elements(page, "textarea", name="bio")[0][1] == "Half-written bio"
    saved = fresh(member)
    assert (saved.display_name, saved.handle, saved.bio) == ("Camille Martin", "camille-martin", "")


def test_a_refused_form_still_shows_the_saved_name_in_the_account_menu(
    client, site_pages, member, elements
):
    client.force_login(member)

    response = client.post("/accounts/profile/", profile_data(member, display_name="C"))

    names = elements(response.content, "span", class_="account-menu__name")
    assert [text for _attrs, text in names] == ["Camille Martin"]


def test_a_bio_longer_than_500_characters_is_refused(client, site_pages, member):
    client.force_login(member)

    response = client.post("/accounts/profile/", profile_data(member, bio="x" * 501))

    assert response.status_code == 200
    assert response.context["form"].errors["bio"]
    assert fresh(member).bio == ""


def test_a_staff_members_public_page_shows_their_card(client, site_pages, staff):
    response = client.get(staff.get_absolute_url())

    page = response.content.decode()
    assert "Amélie Durand" in page
    assert "Support specialist" in page
