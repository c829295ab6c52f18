"""Ideas in the Wagtail admin: the product team defines statuses (colour checked, one open
status kept), decline reasons and tags; staff list the ideas with filters, find one by its
exact title first, and the product team sets its estimates on its admin page."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError

from ideas import services
from ideas.models import DeclineReason, Idea, Status, Tag
from tests.factories import MemberFactory, idea_status, proposed_idea, totp_authenticator
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


def status_data(**changes):
    data = {
        "name_en": "Needs design",
        "name_fr": "À concevoir",
        "slug": "needs-design",
        "description_en": "Our designers are on it.",
        "description_fr": "",
        "colour": "#AA3377",
        "kind": "open",
        "order": "25",
    }
    data.update(changes)
    return data


def test_the_product_team_adds_a_status_shown_on_the_roadmap(client, product_team_member):
    client.force_login(product_team_member)

    response = client.post("/admin/idea-statuses/new/", status_data(on_roadmap="on"), follow=True)

    assert response.status_code == 200
    status = Status.objects.get(slug="needs-design")
    assert (status.colour, status.on_roadmap, status.name_fr) == ("#aa3377", True, "À concevoir")
    listing = client.get("/admin/idea-statuses/").content.decode()
    assert "background:#aa3377;color:#ffffff" in listing


def test_a_colour_that_is_not_a_hex_colour_is_refused(client, product_team_member):
    client.force_login(product_team_member)

    response = client.post("/admin/idea-statuses/new/", status_data(colour="red"))

    assert response.status_code == 200
    assert "Enter a colour as # followed by six hexadecimal digits" in response.content.decode()
    assert not Status.objects.filter(slug="needs-design").exists()


def test_the_last_open_status_cannot_become_another_kind(client, product_team_member):
    Status.objects.filter(kind="open").exclude(slug="new").update(kind="declined")
    new = idea_status("new")
    client.force_login(product_team_member)

    response = client.post(
        f"/admin/idea-statuses/edit/{new.pk}/",
        status_data(name_en="New", slug="new", colour="#5b6472", kind="shipped", order="10"),
    )

    assert "keep at least one open status" in response.content.decode()
    assert idea_status("new").kind == "open"


def test_a_status_in_use_cannot_be_deleted(client, product_team_member):
    proposed_idea()
    new = idea_status("new")
    client.force_login(product_team_member)

    response = client.post(f"/admin/idea-statuses/delete/{new.pk}/", follow=True)

    assert "“New” cannot be deleted: 1 idea is in it" in response.content.decode()
    assert Status.objects.filter(pk=new.pk).exists()


def test_an_unused_status_can_be_deleted(client, product_team_member):
    unused = Status.objects.create(slug="unused", name_en="Unused", order=99)
    client.force_login(product_team_member)

    client.post(f"/admin/idea-statuses/delete/{unused.pk}/")

    assert not Status.objects.filter(pk=unused.pk).exists()


def test_the_product_team_edits_decline_reasons_and_tags(client, product_team_member):
    client.force_login(product_team_member)

    client.post(
        "/admin/idea-decline-reasons/new/",
        {
            "label_en": "Out of scope",
            "label_fr": "Hors sujet",
            "explanation_en": "",
            "explanation_fr": "",
            "active": "on",
            "order": "99",
        },
    )
    client.post(
        "/admin/idea-tags/new/", {"name_en": "Mobile", "name_fr": "Mobile", "slug": "mobile"}
    )

    assert DeclineReason.objects.filter(label_fr="Hors sujet", active=True).exists()
    assert Tag.objects.filter(slug="mobile").exists()


def test_staff_list_ideas_with_filters_and_open_them_on_the_site(client, staff):
    planned = proposed_idea(title="Planned one")
    services.idea_status_change(
        staff, planned, to_status=idea_status("planned"), note="Yes.", notify_people=False
    )
    merged = proposed_idea(title="Merged one")
    services.idea_merge(staff, merged, planned, notify_people=False)
    proposed_idea(title="New one")
    client.force_login(staff)

    everything = client.get("/admin/ideas/").content.decode()
    only_planned = client.get("/admin/ideas/", {"status": idea_status("planned").pk})
    not_merged = client.get("/admin/ideas/", {"merged": "false"})
    only_merged = client.get("/admin/ideas/", {"merged": "true"})

    assert all(title in everything for title in ("Planned one", "Merged one", "New one"))
    assert planned.get_absolute_url() in everything
    assert "New one" not in only_planned.content.decode()
    assert "Merged one" not in not_merged.content.decode()
    assert "New one" not in only_merged.content.decode()
    assert "Merged one" in only_merged.content.decode()


def test_ideas_are_not_created_or_deleted_in_the_admin(client, product_team_member):
    idea = proposed_idea()
    client.force_login(product_team_member)

    assert client.get("/admin/ideas/new/").status_code == 404
    assert client.get(f"/admin/ideas/delete/{idea.pk}/").status_code == 404
    assert client.get(f"/admin/ideas/edit/{idea.pk}/").status_code == 200
    assert client.get(f"/admin/ideas/inspect/{idea.pk}/").status_code == 200


def listed_titles(response):
    """The ideas' titles in the admin's listing, in order."""
    html = response.content.decode()
    return re.findall(r'<a href="/admin/ideas/(?:edit|inspect)/\d+/"[^>]*>\s*([^<]+?)\s*</a>', html)


@pytest.fixture
def dark_modes(db):
    """ "Dark mode", then ten longer titles that repeat its words, which the search engine's
    ranking puts above it."""
    exact = proposed_idea(title="Dark mode", body="Easier on the eyes at night.")
    for number in range(10):
        proposed_idea(title=f"Dark mode, a real dark mode {number}", body="Dark mode again.")
    return exact


def test_searching_an_exact_title_lists_that_idea_first(client, staff, dark_modes):
    client.force_login(staff)

    found = listed_titles(client.get("/admin/ideas/", {"q": "dark   MODE "}))

    assert found[0] == "Dark mode"
    assert len(found) == 11


def test_the_exact_title_is_counted_and_paged_once(client, staff, dark_modes):
    for number in range(10, 20):
        proposed_idea(title=f"Dark mode, a real dark mode {number}", body="Dark mode again.")
    client.force_login(staff)

    first = listed_titles(client.get("/admin/ideas/", {"q": "Dark mode"}))
    second = listed_titles(client.get("/admin/ideas/", {"q": "Dark mode", "p": "2"}))

    assert first[0] == "Dark mode"
    assert len(first) + len(second) == 21
    assert sorted(first + second) == sorted(Idea.objects.values_list("title", flat=True))


def test_a_column_chosen_to_sort_search_results_wins_over_the_exact_title(
    client, staff, dark_modes
):
    voted = Idea.objects.get(title="Dark mode, a real dark mode 3")
    Idea.objects.filter(pk=voted.pk).update(vote_count=40)
    client.force_login(staff)

    by_votes = client.get("/admin/ideas/", {"q": "Dark mode", "ordering": "-vote_count"})
    by_title = client.get("/admin/ideas/", {"q": "Dark mode", "ordering": "-title"})

    assert listed_titles(by_votes)[0] == "Dark mode, a real dark mode 3"
    assert listed_titles(by_title)[0] == "Dark mode, a real dark mode 9"
    assert listed_titles(by_title)[-1] == "Dark mode"


def test_the_title_opens_the_estimates_for_the_product_team_and_inspection_for_staff(
    client, staff, product_team_member
):
    idea = proposed_idea(title="Descale reminder")

    client.force_login(product_team_member)
    for_product_team = client.get("/admin/ideas/").content.decode()
    client.force_login(staff)
    for_staff = client.get("/admin/ideas/").content.decode()

    assert f'href="/admin/ideas/edit/{idea.pk}/"' in for_product_team
    assert f'href="/admin/ideas/edit/{idea.pk}/"' not in for_staff
    assert f'href="/admin/ideas/inspect/{idea.pk}/"' in for_staff


def test_the_product_team_sets_the_estimates_on_the_ideas_admin_page(client, product_team_member):
    idea = proposed_idea(title="Descale reminder")
    client.force_login(product_team_member)

    page = client.get(f"/admin/ideas/edit/{idea.pk}/").content.decode()
    response = client.post(f"/admin/ideas/edit/{idea.pk}/", {"impact": "4", "effort": "2"})

    assert idea.get_absolute_url() in page
    assert "Not estimated" in page
    assert response.status_code == 302
    assert response["Location"] == f"/admin/ideas/edit/{idea.pk}/"
    idea.refresh_from_db()
    assert (idea.impact, idea.effort, idea.score) == (4, 2, 200)
    assert idea.estimated_by == product_team_member
    saved = client.get(response["Location"]).content.decode()
    assert "The estimates of “Descale reminder” are saved." in saved
    assert re.search(r'aria-readonly="true">\s*200\s*<', saved)


def test_clearing_an_estimate_clears_the_score(client, product_team_member):
    idea = proposed_idea()
    services.idea_estimate(product_team_member, idea, impact=3, effort=3)
    client.force_login(product_team_member)

    client.post(f"/admin/ideas/edit/{idea.pk}/", {"impact": "3", "effort": ""})

    idea.refresh_from_db()
    assert (idea.impact, idea.effort, idea.score) == (3, None, None)


@pytest.mark.parametrize(
    "impact, effort",
    [("high", "2"), ("4", "9"), ("0", "2"), ("4", "-1"), ("4.5", "2")],
)
def test_an_estimate_that_is_not_1_to_5_is_refused_and_nothing_is_lost(
    client, product_team_member, impact, effort
):
    idea = proposed_idea()
    services.idea_estimate(product_team_member, idea, impact=3, effort=1)
    client.force_login(product_team_member)

    response = client.post(f"/admin/ideas/edit/{idea.pk}/", {"impact": impact, "effort": effort})

    assert response.status_code == 200
    assert "Choose a value from 1 to 5." in response.content.decode()
    idea.refresh_from_db()
    assert (idea.impact, idea.effort, idea.score) == (3, 1, 300)


def test_an_invalid_estimate_keeps_the_other_value_chosen(client, product_team_member):
    idea = proposed_idea()
    client.force_login(product_team_member)

    response = client.post(f"/admin/ideas/edit/{idea.pk}/", {"impact": "5", "effort": "many"})

    html = response.content.decode()
    assert re.search(r'<option value="5" selected>', html)
    assert Idea.objects.get(pk=idea.pk).impact is None


def test_what_the_estimate_service_refuses_is_said_on_the_form(
    client, product_team_member, monkeypatch
):
    idea = proposed_idea()
    client.force_login(product_team_member)

    def refuse(*args, **kwargs):
        raise ValidationError({"effort": "Estimate the effort once the design is known."})

    monkeypatch.setattr(services, "idea_estimate", refuse)
    response = client.post(f"/admin/ideas/edit/{idea.pk}/", {"impact": "4", "effort": "2"})

    assert response.status_code == 200
    assert "Estimate the effort once the design is known." in response.content.decode()
    assert Idea.objects.get(pk=idea.pk).impact is None


@pytest.fixture
def estimators(db):
    """A group an admin gave the permission to estimate ideas, and a member of staff in it."""
    group = Group.objects.create(name="Product leads")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="ideas", codename="estimate_idea")
    )
    return group


@pytest.mark.parametrize(
    "role, allowed",
    [
        ("visitor", False),
        ("member", False),
        ("moderator", False),
        ("staff", False),
        ("product_team_member", True),
        ("staff_given_the_permission", True),
        ("unverified_product_team_member", False),
    ],
)
def test_who_sets_estimates_in_the_admin(request, client, estimators, role, allowed):
    if role == "staff_given_the_permission":
        actor = request.getfixturevalue("staff")
        actor.groups.add(estimators)
    elif role == "unverified_product_team_member":
        actor = MemberFactory(roles=["Product team"], verified=False)
        totp_authenticator(actor)
    else:
        actor = request.getfixturevalue(role)
    idea = proposed_idea()
    if actor is not None:
        client.force_login(actor)

    page = client.get(f"/admin/ideas/edit/{idea.pk}/")
    response = client.post(f"/admin/ideas/edit/{idea.pk}/", {"impact": "5", "effort": "1"})

    idea.refresh_from_db()
    assert (idea.score == 500) is allowed
    assert (page.status_code == 200) is allowed
    if not allowed:
        assert response.status_code in (302, 403)
        assert response.get("Location") != f"/admin/ideas/edit/{idea.pk}/"


def test_staff_who_cannot_estimate_inspect_an_idea_with_its_link_and_no_none(client, staff):
    idea = proposed_idea(title="Descale reminder")
    client.force_login(staff)

    html = client.get(f"/admin/ideas/inspect/{idea.pk}/").content.decode()

    assert idea.get_absolute_url() in html
    assert html.count("Not estimated") == 3
    assert not re.search(r">\s*None\s*<", html)
    assert f"/admin/ideas/edit/{idea.pk}/" not in html


def test_the_ideas_admin_page_costs_the_same_with_more_votes_and_tags(client, product_team_member):
    idea = proposed_idea()
    client.force_login(product_team_member)
    before = queries_for(client.get, f"/admin/ideas/edit/{idea.pk}/")

    for _ in range(5):
        services.idea_vote(MemberFactory(), idea, importance=2)
    idea.tags.add(*(Tag.objects.create(slug=f"t{n}", name_en=f"T{n}") for n in range(3)))

    assert queries_for(client.get, f"/admin/ideas/edit/{idea.pk}/") == before


def test_the_admin_listing_and_its_search_cost_the_same_for_more_ideas(client, staff):
    for number in (1, 2, 10):
        proposed_idea(title=f"Dark mode {number}")
    client.force_login(staff)
    listing = queries_for(client.get, "/admin/ideas/")
    searching = queries_for(client.get, "/admin/ideas/", {"q": "Dark mode 1"})

    for number in range(11, 25):
        proposed_idea(title=f"Dark mode {number}")

    assert queries_for(client.get, "/admin/ideas/") == listing
    assert queries_for(client.get, "/admin/ideas/", {"q": "Dark mode 1"}) == searching
