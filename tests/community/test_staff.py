"""Staff write under their own name and role, through one byline; the team page lists them."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.template import Context, Template
from django.utils import timezone, translation

from community import permissions
from community.i18n import TranslatedField
from community.models import Member, WrittenAs
from community.questions import services as questions
from community.roles import Role
from community.services import authorship_for
from tests.factories import MemberFactory, QuestionFactory, StaffCardFactory, TeamFactory

pytestmark = pytest.mark.django_db


def fresh(member):
    return Member.objects.get(pk=member.pk)


class Writing(SimpleNamespace):
    """Stands in for a saved piece of writing: its role title read in the active language."""

    author_role_title = TranslatedField("author_role_title")


def written(member, *, as_staff=False, edited_at=None):
    """A piece of writing carrying the byline fields stored by `authorship_for`."""
    fields = authorship_for(member, as_staff=as_staff)
    return Writing(
        **fields,
        created_at=timezone.now(),
        edited_at=edited_at,
        is_staff_writing=fields["written_as"] == WrittenAs.STAFF,
    )


def has_staff_badge(elements, html):
    return "Staff" in [text for _attrs, text in elements(html, "span")]


def render_byline(content):
    return Template("{% load community_tags %}{% byline content %}").render(
        Context({"content": content})
    )


def test_staff_writing_shows_the_real_name_role_and_team(staff, elements):
    html = render_byline(written(staff, as_staff=True))

    assert has_staff_badge(elements, html)
    assert [text for _attrs, text in elements(html, "span", class_="byline__name")] == [
        "Amélie Durand"
    ]
    assert "Support specialist · Support" in html
    assert [text for _attrs, text in elements(html, "span", class_="badge--staff")] == ["Staff"]
    assert "Amélie</a>" not in html, "staff writing shows the card, not the display name"


def test_staff_writing_captures_the_card_and_role_title_when_written(staff):
    fields = authorship_for(staff, as_staff=True)

    assert fields["written_as"] == WrittenAs.STAFF
    assert fields["author_card"] == staff.staff_card
    assert fields["author_role_title_en"] == "Support specialist"
    assert fields["author"] == staff


def test_staff_writing_from_a_french_page_keeps_the_role_title_in_both_languages(staff):
    with translation.override("fr"):
        writing = written(staff, as_staff=True)

    assert (writing.author_role_title_en, writing.author_role_title_fr) == (
        "Support specialist",
        "Conseillère support",
    )
    assert writing.language == "fr"
    assert "Support specialist" in render_byline(writing)
    with translation.override("fr"):
        assert "Conseillère support" in render_byline(writing)


def test_a_later_change_of_role_title_does_not_rewrite_earlier_bylines(staff):
    earlier = written(staff, as_staff=True)
    card = staff.staff_card
    card.role_title_en = "Head of support"
    card.save()

    assert "Support specialist" in render_byline(earlier)
    assert "Head of support" in render_byline(written(fresh(staff), as_staff=True))


def test_member_writing_shows_display_name_linked_to_their_page_and_initials(member, elements):
    html = render_byline(written(member))

    assert not has_staff_badge(elements, html)
    assert [text for _attrs, text in elements(html, "a", href="/members/camille-martin/")] == [
        "Camille Martin"
    ]
    assert [text for _attrs, text in elements(html, "span", class_="avatar--generated")] == ["CM"]


def test_staff_writing_as_a_member_shows_them_as_a_member(staff, elements):
    html = render_byline(written(staff, as_staff=False))

    assert not has_staff_badge(elements, html)
    assert "Amélie Durand" not in html
    assert [text for _attrs, text in elements(html, "a", class_="byline__name")] == ["Amélie"]


def test_after_the_card_is_deactivated_earlier_writing_still_shows_staff(staff, elements):
    earlier = written(staff, as_staff=True)
    card = staff.staff_card
    card.is_active = False
    card.save()
    staff = fresh(staff)

    html = render_byline(earlier)

    assert has_staff_badge(elements, html)
    assert "Amélie Durand" in html
    assert "Support specialist" in html
    with pytest.raises(PermissionDenied):
        authorship_for(staff, as_staff=True)
    new_writing = render_byline(written(staff))
    assert not has_staff_badge(elements, new_writing)
    assert "Amélie Durand" not in new_writing


def test_someone_who_leaves_the_staff_role_can_no_longer_write_as_staff(staff):
    earlier = written(staff, as_staff=True)
    staff.groups.clear()
    staff = fresh(staff)

    assert not permissions.can_write_as_staff(staff)
    with pytest.raises(PermissionDenied):
        authorship_for(staff, as_staff=True)
    assert "Amélie Durand" in render_byline(earlier)


def test_a_member_without_the_staff_role_cannot_write_as_staff(member):
    with pytest.raises(PermissionDenied):
        authorship_for(member, as_staff=True)
    assert not permissions.can_write_as_staff(member)


def test_a_member_with_a_card_but_without_the_staff_role_cannot_write_as_staff():
    card = StaffCardFactory(member=MemberFactory())

    with pytest.raises(PermissionDenied):
        authorship_for(card.member, as_staff=True)


def test_staff_without_a_card_cannot_write_as_staff():
    colleague = MemberFactory(roles=[Role.STAFF])

    assert permissions.active_staff_card(colleague) is None
    with pytest.raises(PermissionDenied):
        authorship_for(colleague, as_staff=True)
    assert authorship_for(colleague)["written_as"] == WrittenAs.MEMBER


def test_an_unverified_member_cannot_write_at_all(unverified_member):
    with pytest.raises(PermissionDenied):
        authorship_for(unverified_member)
    assert not permissions.can_write(unverified_member)


def test_unverified_staff_cannot_write_as_staff():
    card = StaffCardFactory(member=MemberFactory(roles=[Role.STAFF], verified=False))

    with pytest.raises(PermissionDenied):
        authorship_for(card.member, as_staff=True)


def test_a_deleted_author_shows_as_a_former_member():
    content = SimpleNamespace(
        author=None,
        written_as=WrittenAs.MEMBER,
        author_card=None,
        author_role_title="",
        created_at=timezone.now(),
        edited_at=None,
        is_staff_writing=False,
    )

    assert "Former member" in render_byline(content)


def test_the_byline_shows_when_it_was_edited(member, elements):
    html = render_byline(written(member, edited_at=timezone.now()))

    assert elements(html, "span", class_="byline__edited")


def test_the_team_page_lists_active_cards_and_not_inactive_ones(client, site_pages, staff):
    StaffCardFactory(real_name="Bruno Lefèvre", is_active=False)
    StaffCardFactory(real_name="Chloé Garnier", member__is_active=False)
    product = TeamFactory(slug="product", kind="product", name_en="Product", name_fr="Produit")
    StaffCardFactory(real_name="Diane Moreau", team=product, role_title_en="Product manager")

    response = client.get("/team/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Amélie Durand" in page
    assert "Diane Moreau" in page
    assert "Product manager" in page
    assert "Bruno Lefèvre" not in page
    assert "Chloé Garnier" not in page


def test_the_team_page_names_each_team_lead(client, site_pages, staff):
    team = staff.staff_card.team
    team.lead = staff
    team.save()

    page = client.get("/team/").content.decode()

    assert "Team lead: Amélie Durand" in page


def test_the_team_page_in_french_shows_french_role_titles(client, site_pages, staff):
    response = client.get("/fr/team/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Conseillère support" in page
    assert "Assistance" in page


def test_the_home_page_introduces_some_of_the_team(client, site_pages, staff):
    page = client.get("/").content.decode()

    assert "Amélie Durand" in page


def test_staff_are_named_with_their_role_not_only_their_team(client, site_pages, staff):
    marc = StaffCardFactory(
        real_name="Marc Lebrun",
        role_title_en="Billing specialist",
        role_title_fr="Spécialiste facturation",
    ).member
    question = QuestionFactory()
    questions.ownership_take(marc, question)
    client.force_login(staff)

    english = client.get(question.get_absolute_url()).content.decode()
    with translation.override("fr"):
        french_url = question.get_absolute_url()
    french = client.get(french_url).content.decode()
    member_page = client.get(f"/staff/members/{question.author.handle}/").content.decode()

    assert "Marc Lebrun, Billing specialist, is looking after this question." in english
    assert "Marc Lebrun, Spécialiste facturation, s’occupe de cette question." in french
    assert "Marc Lebrun, Support," not in english
    owners = member_page.split("Marc Lebrun</strong>", 1)[1]
    assert owners.split("</li>", 1)[0].lstrip().startswith('<span class="meta">Billing specialist')
