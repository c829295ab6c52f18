"""Ideas in the Wagtail admin: the product team defines statuses (colour checked, one open
status kept), decline reasons and tags; staff list the ideas with filters."""

import pytest

from ideas import services
from ideas.models import DeclineReason, Status, Tag
from tests.factories import idea_status, proposed_idea

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


def test_ideas_are_not_created_or_edited_in_the_admin(client, staff):
    idea = proposed_idea()
    client.force_login(staff)

    assert client.get("/admin/ideas/new/").status_code == 404
    assert client.get(f"/admin/ideas/edit/{idea.pk}/").status_code == 404
    assert client.get(f"/admin/ideas/inspect/{idea.pk}/").status_code == 200
