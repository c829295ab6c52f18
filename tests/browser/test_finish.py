"""The small things a newcomer noticed, walked in a real browser: dates read the same way
everywhere (relative when recent, the full date on hover, kept true on a cached page), review
photos open in a viewer on the page, the header keeps to two rows on a phone, the site's own 404
page, and an admin that fetches nothing from another host."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from community import dates
from community.questions.models import Question
from reviews.models import Review
from tests.browser.axe import assert_no_serious_violations
from tests.browser.test_reviews import log_in
from tests.factories import (
    MemberFactory,
    QuestionFactory,
    ReviewFactory,
    StaffCardFactory,
    image_upload,
    product_page,
    review_photo,
    site_admin,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def full_date(moment, language):
    with translation.override(language):
        return dates.full(moment)


def header_rows(page):
    """How many rows the header's parts (mark, account, sections, search) stand on."""
    return page.evaluate(
        """() => {
            const middles = [...document.querySelectorAll(
                ".site-header__inner > *, .site-nav > ul > li, .site-nav__more > summary"
            )]
                .filter(element => element.getClientRects().length)
                .map(element => {
                    const box = element.getBoundingClientRect();
                    return (box.top + box.bottom) / 2;
                })
                .sort((a, b) => a - b);
            return middles.filter((middle, i) => i === 0 || middle - middles[i - 1] > 12).length;
        }"""
    )


def test_dates_photos_the_phone_header_the_404_page_and_a_self_contained_admin(
    page, browser, live_server, site_pages
):
    # Nothing the pages load may come from another host.
    outside = []

    def only_this_site(route):
        if urlsplit(route.request.url).hostname not in {"localhost", "127.0.0.1"}:
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", only_this_site)

    product = product_page(site_pages.catalogue["en"], "Aurora kettle")
    reviewer = MemberFactory(display_name="Camille Martin")
    review = ReviewFactory(product=product, author=reviewer, title="Quiet, and the tea is hot")
    review_photo(review, colour="teal")
    review_photo(review, colour="orange")
    written = timezone.now() - timedelta(hours=3)
    Review.objects.filter(pk=review.pk).update(created_at=written)
    question = QuestionFactory(title="Comment détartrer la bouilloire ?", language="fr")
    asked = timezone.now() - timedelta(days=2, hours=1)
    Question.objects.filter(pk=question.pk).update(created_at=asked)

    # A review written three hours ago says so, with the full date on hover.
    page.goto(product.url)
    review_date = page.locator(f"#review-{review.pk} time.byline__date")
    expect(review_date).to_have_text("3 hours ago")
    expect(review_date).to_have_attribute("title", full_date(written, "en"))
    expect(review_date).to_have_attribute("datetime", re.compile(r"^\d{4}-\d\d-\d\dT"))

    # Its photos open in a viewer on the page, with their description; the links still lead to
    # the photos themselves for a browser without JavaScript.
    photos = page.locator(f"#review-{review.pk} .review__photos a")
    expect(photos.first).to_have_attribute("href", re.compile(r"/media/reviews/.+\.jpe?g$"))
    photos.first.click()
    expect(page.get_by_role("dialog", name=re.compile(r"^Photo 1 of the review"))).to_be_visible()
    viewer = page.get_by_role("dialog")
    expect(viewer).to_contain_text("Photo 1 of the review “Quiet, and the tea is hot” by Camille")
    expect(viewer).to_contain_text("1 / 2")
    large = viewer.locator("img")
    large_url = photos.first.get_attribute("href")
    expect(large).to_have_attribute("src", re.compile(re.escape(large_url)))
    expect(large).to_have_js_property("complete", True)
    assert large.evaluate("image => image.naturalWidth") > 0
    assert_no_serious_violations(page)
    page.keyboard.press("ArrowRight")
    expect(viewer).to_contain_text("Photo 2 of the review")
    expect(viewer).to_contain_text("2 / 2")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(photos.first).to_be_focused()

    # The product's photo strip opens the same viewer, with the way to the review.
    page.locator(".review-photo-strip__list a").nth(1).click()
    expect(viewer.get_by_role("link", name="Read the review")).to_be_visible()
    viewer.get_by_role("button", name="Close").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    assert_no_serious_violations(page)

    # In French: "il y a 2 jours", the French full date on hover.
    page.goto("/fr/questions/")
    asked_date = page.locator(".question-row", has_text=question.title).locator("time")
    expect(asked_date).to_have_text("il y a 2 jours")
    expect(asked_date).to_have_attribute("title", full_date(asked, "fr"))
    assert full_date(asked, "fr").split()[0] in {
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"
    }  # fmt: skip

    # The same page kept in a cache, or left open, a day later: the page's script brings the
    # relative date up to date from the moment it carries.
    later = browser.new_context(base_url=live_server.url, locale="fr-FR")
    later_page = later.new_page()
    later_page.clock.set_fixed_time(timezone.now() + timedelta(days=1))
    later_page.goto("/fr/questions/")
    later_date = later_page.locator(".question-row", has_text=question.title).locator("time")
    expect(later_date).to_have_text("il y a 3 jours")
    later.close()

    # On a phone, the header keeps to two rows, with the main sections and the search button
    # in view and the others under "More"; in both languages, for a visitor.
    page.set_viewport_size({"width": 390, "height": 844})
    for home, more in (("/", "More"), ("/fr/", "Plus")):
        page.goto(home)
        header = page.locator("header.site-header")
        assert header_rows(page) <= 2
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        nav = header.get_by_role("navigation")
        for section in nav.locator(".site-nav > ul > li:not(.site-nav__secondary) a").all():
            expect(section).to_be_in_viewport()
        search = header.get_by_role("button", name=re.compile("^(Search|Recherche)$"))
        expect(search).to_be_visible()
        nav.get_by_text(more, exact=True).click()
        more_sections = nav.locator(".site-nav__more-list a")
        expect(more_sections).to_have_count(3)
        for section in more_sections.all():
            expect(section).to_be_in_viewport()
        assert_no_serious_violations(page)
    page.keyboard.press("Escape")
    nav.get_by_role("link", name="Questions").click()
    expect(page).to_have_url(re.compile(r"/fr/questions/$"))
    page.set_viewport_size({"width": 1280, "height": 800})

    # A page that does not exist is the site's own.
    response = page.goto("/no-such-page/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_role("link", name="Go to the community home")).to_be_visible()
    assert_no_serious_violations(page)

    # A site admin with a staff card sees its photo in the admin, and nothing comes from another
    # host (no Gravatar, no release check).
    admin = site_admin(display_name="Sam Admin", email="sam.admin@example.com")
    card = StaffCardFactory(member=admin, real_name="Sam Lefèvre", photo=image_upload("sam.jpg"))
    log_in(page, admin)
    page.goto("/admin/users/")
    account_avatar = page.locator("img[src*='/media/staff/']").first
    expect(account_avatar).to_have_attribute("src", re.compile(re.escape(card.photo.url) + "$"))
    assert not page.locator("img[src*='gravatar']").count()
    assert outside == []
