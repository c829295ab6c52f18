"""The backlog export in a real browser: a member of the product team filters the ideas list,
opens "Export" and downloads the CSV of exactly the ideas shown; axe checks the page."""

import csv
import io

import pytest
from playwright.sync_api import expect

from ideas.models import Idea
from tests.browser.axe import assert_no_serious_violations
from tests.browser.test_reviews import log_in
from tests.factories import MemberFactory, idea_status, product_page, proposed_idea

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_product_team_filters_the_ideas_and_downloads_them_as_csv(
    page, site_pages, product_team_member
):
    aurora = product_page(site_pages.catalogue["en"], "Aurora espresso")
    kettle = product_page(site_pages.catalogue["en"], "Brume kettle")
    author = MemberFactory(display_name="Ines Idea")
    planned = proposed_idea(author, title="Start on a schedule", body="Warm up.", product=aurora)
    Idea.objects.filter(pk=planned.pk).update(status=idea_status("planned"))
    proposed_idea(author, title='=HYPERLINK("http://x")', body="Sneaky.", product=aurora)
    proposed_idea(author, title="Keep the water warm", body="Tea.", product=kettle)

    log_in(page, product_team_member, next_url="/ideas/")
    page.get_by_label("Product").select_option(label="Aurora espresso")
    page.get_by_role("button", name="Show ideas").click()
    expect(page.locator(".idea-results")).to_contain_text("Ideas matching your filters.")
    expect(page.locator("main")).to_contain_text("Start on a schedule")
    expect(page.locator("main")).not_to_contain_text("Keep the water warm")

    page.locator("#export summary").click()
    export = page.locator("#export")
    expect(export.get_by_label("Format")).to_be_visible()
    assert_no_serious_violations(page)
    export.get_by_label("Format").select_option(label="CSV")
    with page.expect_download() as downloading:
        export.get_by_role("button", name="Download").click()
    download = downloading.value

    assert download.suggested_filename.startswith("ideas-")
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(io.StringIO(file.read())))
    assert sorted(row["Title"] for row in rows) == [
        '\'=HYPERLINK("http://x")',
        "Start on a schedule",
    ]
    assert {row["Product"] for row in rows} == {"Aurora espresso"}
    statuses = {row["Title"]: row["Status"] for row in rows}
    assert statuses["Start on a schedule"] == "Planned"


def test_a_member_sees_no_export(page, site_pages):
    member = MemberFactory(display_name="Camille Martin")
    proposed_idea(member, title="An idea", body="Text.")

    log_in(page, member, next_url="/ideas/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Ideas")
    expect(page.locator("#export")).to_have_count(0)
