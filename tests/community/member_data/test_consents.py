"""The "verified owner" badge and the public voter list follow the member's consent."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.member_data import preferences
from ideas import services as ideas
from ideas.selectors import PUBLIC_VOTERS_SHOWN, public_voters
from reviews import selectors as review_selectors
from tests.factories import MemberFactory, OwnershipFactory, ReviewFactory, product_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def product(site_pages):
    return product_page(site_pages.catalogue["en"], "Consent espresso")


def test_an_owner_without_consent_has_no_badge_and_one_with_consent_has_it(client, product):
    shy = ReviewFactory(product=product, title="Shy owner")
    OwnershipFactory(member=shy.author, product=product)
    proud = ReviewFactory(product=product, title="Proud owner")
    OwnershipFactory(member=proud.author, product=product)
    preferences.choices_update(proud.author, show_owner_badge=True)

    flags = {r.title: r.is_verified_owner for r in review_selectors.product_reviews(product)}
    verified = [r.title for r in review_selectors.product_reviews(product, verified_only=True)]

    assert flags == {"Shy owner": False, "Proud owner": True}
    assert verified == ["Proud owner"]
    page = client.get(product.url).content.decode()
    assert page.count("Verified owner</span>") == 1


def test_consent_without_ownership_earns_no_badge(product):
    review = ReviewFactory(product=product, title="Not an owner")
    preferences.choices_update(review.author, show_owner_badge=True)

    assert [r.is_verified_owner for r in review_selectors.product_reviews(product)] == [False]


def test_withdrawing_consent_removes_the_badge(product):
    review = ReviewFactory(product=product)
    OwnershipFactory(member=review.author, product=product)
    preferences.choices_update(review.author, show_owner_badge=True)

    preferences.choices_update(review.author, show_owner_badge=False)

    assert [r.is_verified_owner for r in review_selectors.product_reviews(product)] == [False]


def consenting(name):
    member = MemberFactory(display_name=name)
    preferences.choices_update(member, show_on_voter_lists=True)
    return member


def test_the_idea_page_names_consenting_voters_and_counts_the_others(client):
    idea = ideas.idea_propose(consenting("Alice Author"), title="Quiet mode", body="Please.")
    ideas.idea_vote(consenting("Bruno Public"), idea, importance=3)
    ideas.idea_vote(MemberFactory(display_name="Chloe Private"), idea, importance=1)
    ideas.idea_vote(MemberFactory(display_name="Dan Private"), idea, importance=2)

    response = client.get(idea.get_absolute_url())

    page = response.content.decode()
    section = page.split('data-testid="public-voters"')[1].split("</section>")[0]
    assert "Alice Author" in section
    assert "Bruno Public" in section
    assert "Chloe Private" not in page
    assert "Dan Private" not in page
    assert "and 2 others" in section


def test_with_nobody_consenting_the_page_only_counts(client):
    idea = ideas.idea_propose(MemberFactory(display_name="Eve Private"), title="Idea", body="B.")

    page = client.get(idea.get_absolute_url()).content.decode()

    section = page.split('data-testid="public-voters"')[1].split("</section>")[0]
    assert "1 member voted." in section
    assert "Eve Private" not in section


def test_a_withdrawn_consent_takes_the_name_off_the_list():
    voter = consenting("Fay Fickle")
    idea = ideas.idea_propose(voter, title="Idea", body="Body.")

    preferences.choices_update(voter, show_on_voter_lists=False)

    idea.refresh_from_db()
    assert public_voters(idea) == {"members": [], "others": 1}


def test_the_list_costs_two_queries_at_most_whatever_the_number_of_voters():
    idea = ideas.idea_propose(consenting("Author"), title="Idea", body="Body.")
    for number in range(PUBLIC_VOTERS_SHOWN + 3):
        ideas.idea_vote(consenting(f"Voter {number}"), idea, importance=2)
    for _ in range(3):
        ideas.idea_vote(MemberFactory(), idea, importance=2)
    idea.refresh_from_db()

    with CaptureQueriesContext(connection) as captured:
        voters = public_voters(idea)

    assert len(captured) <= 2
    assert len(voters["members"]) == PUBLIC_VOTERS_SHOWN
    # The author, 15 consenting and 3 other voters: everyone not on the list is among "others".
    assert voters["others"] == 1 + PUBLIC_VOTERS_SHOWN + 3 + 3 - PUBLIC_VOTERS_SHOWN
