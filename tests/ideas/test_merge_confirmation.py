"""Merging a duplicate starts from the staff panel's "Possible duplicates" in one click, and goes
through a confirmation that shows both ideas and what the merge does; a number typed in the
panel leads to the same confirmation, and what the merge refuses is said before anything moves."""

from html import unescape

import pytest

from ideas import selectors, services
from ideas.models import Idea, Importance
from tests.factories import MemberFactory, proposed_idea

pytestmark = pytest.mark.django_db


def page(response):
    return unescape(response.content.decode())


def merge_url(idea, into):
    return f"/ideas/{idea.pk}/merge/?into={into.pk}"


@pytest.fixture
def kept(product):
    return proposed_idea(
        MemberFactory(),
        title="Schedule the machine to start in the morning",
        body="Start brewing at a set time so that coffee is ready.",
        product=product,
    )


def test_possible_duplicates_offer_a_merge_into_each_one(
    client, staff, idea, kept, elements, monkeypatch
):
    # How duplicates are found is the search's business (tests/search/): here, one is found.
    monkeypatch.setattr(selectors, "similar_ideas", lambda text, *, exclude=None: [kept])
    client.force_login(staff)

    response = client.get(idea.get_absolute_url())

    links = [
        attrs["href"]
        for attrs, text in elements(response.content, "a")
        if text.startswith("Merge this idea into it")
    ]
    assert merge_url(idea, kept) in links


def test_the_confirmation_shows_both_ideas_and_what_moves(client, staff, idea, kept, elements):
    both = MemberFactory()
    services.idea_vote(both, idea, importance=Importance.ESSENTIAL)
    services.idea_vote(both, kept, importance=Importance.NICE)
    services.idea_vote(MemberFactory(), idea, importance=Importance.IMPORTANT)
    client.force_login(staff)

    response = client.get(merge_url(idea, kept))

    assert response.status_code == 200
    html = page(response)
    duplicate = elements(response.content, "section", class_="merge-pair__side--duplicate")[0][1]
    kept_side = elements(response.content, "section", class_="merge-pair__side--kept")[0][1]
    assert idea.title in duplicate
    assert kept.title in kept_side
    assert f"2 votes move to “{kept.title}”." in html
    assert "1 member voted for both: they count once, with the higher importance." in html
    assert ("hidden", "into", str(kept.pk)) in [
        (attrs.get("type"), attrs.get("name"), attrs.get("value"))
        for attrs, _text in elements(response.content, "input")
    ]
    assert Idea.objects.get(pk=idea.pk).merged_into is None


def test_confirming_merges_and_goes_to_the_kept_idea(client, staff, idea, kept):
    client.force_login(staff)

    response = client.post(
        f"/ideas/{idea.pk}/merge/", {"into": str(kept.pk), "confirm": "1", "note": "Same wish."}
    )

    assert response.status_code == 302
    assert response["Location"].startswith(kept.get_absolute_url())
    merged = Idea.objects.get(pk=idea.pk)
    assert merged.merged_into == kept
    assert merged.merges.get().note == "Same wish."


def test_a_number_typed_in_the_panel_leads_to_the_same_confirmation(client, staff, idea, kept):
    client.force_login(staff)

    response = client.get(f"/ideas/{idea.pk}/merge/", {"into": f"/ideas/{kept.pk}/whatever/"})

    assert response.status_code == 200
    assert "Merge these two ideas?" in page(response)


def test_the_confirmation_offers_to_keep_the_other_idea_instead(client, staff, idea, kept):
    client.force_login(staff)

    response = client.get(merge_url(idea, kept))

    assert f'href="{merge_url(kept, idea)}"' in response.content.decode()


@pytest.mark.parametrize("into", ["not a number", "999999"])
def test_an_unknown_idea_is_refused_next_to_the_panel_field(client, staff, idea, elements, into):
    client.force_login(staff)

    response = client.get(f"/ideas/{idea.pk}/merge/", {"into": into})

    assert response.status_code == 200
    errors = [text for _attrs, text in elements(response.content, "div", id="merge_into_error")]
    assert errors == ["No idea has this number or address."]


def test_merging_into_itself_is_refused_before_the_confirmation(client, staff, idea, elements):
    client.force_login(staff)

    response = client.get(merge_url(idea, idea))

    errors = [text for _attrs, text in elements(response.content, "div", id="merge_into_error")]
    assert errors == ["An idea cannot be merged into itself."]
    assert "Merge these two ideas?" not in page(response)


def test_an_idea_merged_meanwhile_is_refused_on_the_confirmation(client, staff, idea, kept):
    services.idea_merge(staff, kept, proposed_idea(title="Third one"), notify_people=False)
    client.force_login(staff)

    response = client.post(f"/ideas/{idea.pk}/merge/", {"into": str(kept.pk), "confirm": "1"})

    assert response.status_code == 200
    html = page(response)
    assert "Merge these two ideas?" in html
    assert "is itself merged into “Third one”" in html
    assert Idea.objects.get(pk=idea.pk).merged_into is None


def test_a_merged_idea_says_so_instead_of_offering_a_merge(client, staff, idea, kept):
    services.idea_merge(staff, idea, kept, notify_people=False)
    other = proposed_idea(title="Another one")
    client.force_login(staff)

    response = client.get(merge_url(idea, other), follow=True)

    assert "This idea is already merged into" in page(response)


def test_the_merge_address_without_an_idea_goes_back_to_the_staff_panel(client, staff, idea):
    client.force_login(staff)

    response = client.get(f"/ideas/{idea.pk}/merge/")

    assert response.status_code == 302
    assert response["Location"] == f"{idea.get_absolute_url()}#staff"
