"""Ideas in a real browser: a member proposes an idea (similar ideas are suggested while the
title is typed), another votes, staff move it to "planned" with a signed note; the roadmap shows
it, and the voter's notifications quote the note signed by name. axe checks each page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_no_serious_violations
from tests.browser.test_reviews import log_in, log_out
from tests.factories import MemberFactory, product_page, proposed_idea

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Schedule a start time for the machine"
NOTE = "Planned for the spring firmware: you will set a start time in the app."


def test_a_proposed_idea_is_voted_for_planned_with_a_signed_note_and_the_voter_is_told(
    page, site_pages, staff
):
    product = product_page(site_pages.catalogue["en"], "Aurora espresso")
    proposed_idea(
        MemberFactory(),
        title="Start the machine on a timer",
        body="Warm up before I wake up.",
        product=product,
    )
    author = MemberFactory(display_name="Camille Martin")
    voter = MemberFactory(display_name="Victor Voter")

    # The author proposes an idea; a similar one is suggested while the title is typed.
    log_in(page, author, next_url="/ideas/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ideas")
    assert_no_serious_violations(page)
    page.get_by_role("link", name="Propose an idea").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Propose an idea")
    page.get_by_role("textbox", name="Title").press_sequentially(TITLE, delay=15)
    suggestions = page.locator("#similar-ideas")
    expect(suggestions).to_be_visible()
    expect(suggestions.get_by_role("link")).to_have_text(["Start the machine on a timer"])
    expect(suggestions).to_contain_text("1 vote")
    assert_no_serious_violations(page)
    page.get_by_role("textbox", name="Description").fill(
        "I would like my espresso ready at 6:45 on weekdays."
    )
    page.get_by_label("Product (optional)").select_option(label="Aurora espresso")
    page.get_by_role("button", name="Publish my idea").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("#vote")).to_contain_text("1 vote")
    idea_url = page.url
    assert_no_serious_violations(page)

    # Another member votes, saying it is essential to them; no script is needed.
    log_out(page)
    log_in(page, voter, next_url=idea_url)
    votes = page.locator("#vote")
    votes.get_by_role("radio", name="Essential").check()
    votes.get_by_role("button", name="Vote for this idea").click()
    expect(page.get_by_text("Thank you, your vote counts.")).to_be_visible()
    expect(votes).to_contain_text("2 votes")
    expect(votes).to_contain_text("You voted: Essential.")
    assert_no_serious_violations(page)

    # A member of staff moves it to "planned", with a note signed with their staff card.
    log_out(page)
    log_in(page, staff, next_url=idea_url)
    panel = page.locator("#staff")
    panel.get_by_text("Change the status").click()
    panel.get_by_label("New status").select_option(label="Planned")
    panel.get_by_role("textbox", name="Public note").fill(NOTE)
    assert_no_serious_violations(page)
    panel.get_by_role("button", name="Publish the decision").click()
    decision = page.locator("#timeline li", has_text=NOTE)
    expect(decision).to_be_visible()
    expect(decision.locator(".byline__name")).to_have_text("Amélie Durand")
    expect(page.locator(".idea__status")).to_contain_text("Planned")

    # The roadmap shows it in the "Planned" column.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Roadmap").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Roadmap")
    planned = page.locator(
        "section.roadmap__column", has=page.get_by_role("heading", name=re.compile("^Planned"))
    )
    expect(planned.get_by_role("link", name=TITLE)).to_be_visible()
    expect(planned).to_contain_text("2 votes")
    assert_no_serious_violations(page)

    # The voter's notifications quote the note, signed by name and role.
    log_out(page)
    log_in(page, voter, next_url="/accounts/notifications/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    told = page.locator(".notification", has_text=TITLE)
    expect(told).to_contain_text(
        f"Amélie Durand (Support specialist) moved “{TITLE}” to Planned: “{NOTE}”"
    )
    assert_no_serious_violations(page)
    told.get_by_role("button").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert re.search(r"#decision-\d+$", page.url)


def test_the_roadmap_and_the_changelog_read_well_on_a_phone(page, site_pages, staff):
    from ideas import services
    from tests.factories import idea_status

    for title, status in (("Quiet mode", "planned"), ("Dark theme", "shipped")):
        services.idea_status_change(
            staff,
            proposed_idea(title=title),
            to_status=idea_status(status),
            note=f"{title}: decided.",
            notify_people=False,
        )
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto("/fr/roadmap/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Feuille de route")
    columns = page.locator("section.roadmap__column")
    expect(columns).to_have_count(3)
    first, second = columns.nth(0).bounding_box(), columns.nth(1).bounding_box()
    assert second["y"] > first["y"] + first["height"] - 1, "columns stack on a phone"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_no_serious_violations(page)

    page.goto("/changelog/")
    expect(page.get_by_role("heading", name="Dark theme")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_no_serious_violations(page)


def test_listing_every_product_keeps_the_filters_chosen_but_not_yet_sent(
    page, site_pages, staff, monkeypatch
):
    from ideas import services
    from tests.factories import idea_status

    monkeypatch.setattr("community.products.PRODUCT_FILTER_TOP", 1)
    catalogue = site_pages.catalogue["en"]
    busy = product_page(catalogue, "Aurora espresso")
    quiet = product_page(catalogue, "Brume kettle")
    proposed_idea(title="A busy idea", product=busy)
    proposed_idea(title="Another busy idea", product=busy)
    services.idea_status_change(
        staff,
        proposed_idea(title="Keep the kettle warm", product=quiet),
        to_status=idea_status("planned"),
        note="Planned.",
        notify_people=False,
    )
    proposed_idea(title="Pour faster", product=quiet)

    page.goto("/ideas/")
    product = page.get_by_label("Product")
    expect(product.locator("option")).to_have_text(["All products", "Aurora espresso"])
    page.get_by_label("Status").select_option(label="Planned")
    page.get_by_role("link", name="List 1 more product").click()

    expect(page).to_have_url(re.compile(r"all_products=1"))
    expect(page.get_by_label("Status")).to_have_value("planned")
    expect(product.locator("option")).to_have_text(
        ["All products", "Aurora espresso", "Brume kettle"]
    )
    assert_no_serious_violations(page)
    product.select_option(label="Brume kettle")
    page.get_by_role("button", name="Show ideas").click()

    expect(page.locator("h3.idea-card__title")).to_have_text(["Keep the kettle warm"])
    expect(product).to_have_value(str(quiet.pk))
