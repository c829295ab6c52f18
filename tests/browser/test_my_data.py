"""Members own their data, in a real browser: a member downloads everything the site holds
about them, then deletes their account and leaves their answers signed "former member"; the
thread they answered in still reads well. axe checks every page on the way."""

import json
import re
import zipfile

import pytest
from playwright.sync_api import expect

from community.models import AccountDeletion, Member
from community.questions import services
from tests.browser.axe import assert_no_serious_violations
from tests.browser.test_reviews import log_in
from tests.factories import DEFAULT_PASSWORD, MemberFactory, product_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_member_downloads_their_data_then_deletes_their_account_keeping_their_answers(
    page, site_pages, tmp_path
):
    product = product_page(site_pages.catalogue["en"], "Aurora espresso machine")
    olga = MemberFactory(display_name="Olga Other")
    question = services.question_ask(
        olga,
        title="Which grind size for espresso?",
        body="Fine or very fine? The manual says nothing.",
        product=product,
    )
    leaving = MemberFactory(display_name="Zoé Leaving", email="zoe.leaving@example.org")
    services.answer_create(leaving, question, body="Fine, like table salt. Adjust by taste.")
    services.answer_create(olga, question, body="Thanks, that fixed my sour shots.")

    # The member opens their data and prepares the download.
    log_in(page, leaving, next_url="/accounts/data/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My data")
    assert_no_serious_violations(page)
    page.get_by_role("button", name="Prepare my download").click()
    download_link = page.get_by_role("link", name="Download the ZIP")
    expect(download_link).to_be_visible()
    assert_no_serious_violations(page)
    with page.expect_download() as downloading:
        download_link.click()
    archive = tmp_path / "my-data.zip"
    downloading.value.save_as(archive)
    with zipfile.ZipFile(archive) as zipped:
        everything = "".join(
            zipped.read(name).decode("utf-8", "replace")
            for name in zipped.namelist()
            if name.endswith(".json")
        )
    assert "Fine, like table salt." in everything
    assert "zoe.leaving@example.org" in everything
    assert "Thanks, that fixed my sour shots." not in everything, "nothing of other members"
    assert json.loads(zipfile.ZipFile(archive).read(_first_json(archive)))

    # From the same page, the member goes to delete their account.
    page.get_by_role("link", name="Delete my account").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete my account")
    assert_no_serious_violations(page)
    keep = page.get_by_role("radio", name=re.compile("Keep my contributions"))
    keep.check()
    page.get_by_label("Your password").fill("not my password")
    page.get_by_label(re.compile("I understand that my account cannot be restored")).check()
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was deleted")
    expect(page.get_by_text("That is not your password.")).to_be_visible()
    expect(keep).to_be_checked()
    assert_no_serious_violations(page)
    page.get_by_label("Your password").fill(DEFAULT_PASSWORD)
    page.get_by_label(re.compile("I understand that my account cannot be restored")).check()
    page.get_by_role("button", name="Delete my account").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is being deleted")
    expect(page.locator("details.account-menu")).to_have_count(0)
    assert_no_serious_violations(page)
    assert not Member.objects.filter(email="zoe.leaving@example.org").exists()
    assert AccountDeletion.objects.get().status == AccountDeletion.Status.COMPLETED

    # The thread still reads well: the answer stays, signed by a former member.
    page.goto(question.get_absolute_url())
    answer = page.locator("article.answer", has_text="Fine, like table salt.")
    expect(answer.locator(".byline__name")).to_have_text("Former member")
    expect(page.locator("article.answer", has_text="Thanks, that fixed")).to_be_visible()
    expect(page.get_by_text("Zoé Leaving")).to_have_count(0)
    assert_no_serious_violations(page)

    # Nobody can sign in to the account any more.
    page.goto("/accounts/login/")
    form = page.locator("main form")
    form.get_by_label(re.compile(r"e-?mail", re.I)).fill("zoe.leaving@example.org")
    form.get_by_label(re.compile(r"^password", re.I)).fill(DEFAULT_PASSWORD)
    form.get_by_role("button", name=re.compile(r"sign in|log in", re.I)).click()
    expect(page.locator("details.account-menu")).to_have_count(0)


def _first_json(archive):
    with zipfile.ZipFile(archive) as zipped:
        return next(name for name in zipped.namelist() if name.endswith(".json"))
