"""Found by search engines: the sitemap, robots.txt, canonical addresses, link previews and the
structured data of idea pages; deleted content is gone (410) and leaves the sitemap."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from community.questions import services as question_services
from ideas import services as idea_services
from tests.factories import (
    MemberFactory,
    QuestionFactory,
    TopicFactory,
    image_upload,
    product_page,
    proposed_idea,
    wagtail_image,
)

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap_entries(client, section):
    """{address: {hreflang: alternate address}} of one sitemap section."""
    response = client.get(f"/sitemap-{section}.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    entries = {}
    for url in root.iter(f"{SITEMAP}url"):
        alternates = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
        entries[url.findtext(f"{SITEMAP}loc")] = alternates
    return entries


def head_tags(html, elements):
    """The page head's link previews: {property or name: content}."""
    found = {}
    for attrs, _text in elements(html, "meta"):
        key = attrs.get("property") or attrs.get("name")
        if key:
            found.setdefault(key, attrs.get("content"))
    return found


def canonical_of(html, elements):
    links = elements(html, "link", rel="canonical")
    assert len(links) == 1, "a page names exactly one canonical address"
    return links[0][0]["href"]


def french_twin(page, title, slug):
    french = page.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.title, french.slug = title, slug
    french.save_revision().publish()
    return french


# --- robots.txt -------------------------------------------------------------------------------


def test_robots_txt_keeps_crawlers_out_of_private_places_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/admin/", "/api/", "/accounts/", "/fr/accounts/", "/search/", "/fr/search/"):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /" not in lines, "the public pages stay open to crawlers"
    assert "Sitemap: http://testserver/sitemap.xml" in lines


# --- The sitemap ------------------------------------------------------------------------------


def test_the_sitemap_index_names_every_section(client):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    root = ET.fromstring(response.content)
    sections = {loc.text for loc in root.iter(f"{SITEMAP}loc")}
    # The test settings install the tips app (tests/tips), whose section is listed too.
    assert sections == {
        f"http://testserver/sitemap-{name}.xml"
        for name in ("pages", "lists", "questions", "ideas", "tips")
    }


def test_the_sitemap_lists_pages_of_both_languages_and_only_live_ones(client, site_pages):
    image = wagtail_image()
    espresso = product_page(site_pages.catalogue["en"], "Espresso Duo", images=[image])
    french_twin(espresso, "Duo Espresso", "duo-espresso")
    draft = product_page(site_pages.catalogue["en"], "Secret Prototype")
    draft.unpublish()

    pages = sitemap_entries(client, "pages")

    assert "http://testserver/" in pages
    assert "http://testserver/fr/" in pages
    assert "http://testserver/products/espresso-duo/" in pages
    assert "http://testserver/fr/products/duo-espresso/" in pages
    assert "http://testserver/products/secret-prototype/" not in pages


def test_the_sitemap_leaves_out_pages_behind_a_view_restriction(client, site_pages):
    product_page(site_pages.catalogue["en"], "Espresso Duo")
    prototype = product_page(site_pages.catalogue["en"], "Secret Prototype")
    PageViewRestriction.objects.create(page=prototype, restriction_type=PageViewRestriction.LOGIN)

    pages = sitemap_entries(client, "pages")

    assert "http://testserver/products/espresso-duo/" in pages
    assert "http://testserver/products/secret-prototype/" not in pages


def test_the_sitemap_lists_the_lists_in_both_languages_with_their_twins(client):
    lists = sitemap_entries(client, "lists")

    assert set(lists) == {
        "http://testserver/questions/",
        "http://testserver/fr/questions/",
        "http://testserver/ideas/",
        "http://testserver/fr/ideas/",
        "http://testserver/changelog/",
        "http://testserver/fr/changelog/",
    }
    assert lists["http://testserver/fr/ideas/"] == {
        "en": "http://testserver/ideas/",
        "fr": "http://testserver/fr/ideas/",
        "x-default": "http://testserver/ideas/",
    }


def test_the_sitemap_lists_public_questions_in_both_languages_and_not_deleted_ones(client):
    standing = QuestionFactory(title="How do I descale it?")
    deleted = QuestionFactory(title="Never mind")
    question_services.question_delete(deleted.author, deleted)

    questions = sitemap_entries(client, "questions")

    address = f"/questions/{standing.pk}/how-do-i-descale-it/"
    assert set(questions) == {f"http://testserver{address}", f"http://testserver/fr{address}"}
    assert questions[f"http://testserver{address}"]["fr"] == f"http://testserver/fr{address}"


def test_the_sitemap_lists_ideas_but_not_deleted_or_merged_ones(client, staff):
    kept = proposed_idea(title="Start by itself")
    merged = proposed_idea(title="Start on a timer")
    idea_services.idea_merge(staff, merged, kept, notify_people=False)
    deleted = proposed_idea(title="A mistake")
    idea_services.idea_delete(deleted.author, deleted)

    ideas = sitemap_entries(client, "ideas")

    assert set(ideas) == {
        f"http://testserver/ideas/{kept.pk}/start-by-itself/",
        f"http://testserver/fr/ideas/{kept.pk}/start-by-itself/",
    }


def test_held_and_hidden_content_leaves_the_sitemap_until_a_moderator_publishes_it(
    client, moderator
):
    from community.moderation import services as moderation
    from tests.community.moderation.conftest import hold_new_members

    hold_new_members()
    held = question_services.question_ask(
        MemberFactory(), title="Held for a moderator", body="Waiting.", topic=TopicFactory()
    )
    hidden = proposed_idea(title="Hidden by a moderator")
    moderation.decide(
        moderator, hidden, action="hide", reason="Insults another member.", reason_code="abuse"
    )

    listed = set(sitemap_entries(client, "questions")) | set(sitemap_entries(client, "ideas"))
    assert not [url for url in listed if "held-for" in url or "hidden-by" in url]
    assert client.get(held.get_absolute_url()).status_code == 404
    assert client.get(hidden.get_absolute_url()).status_code == 404

    moderation.decide(moderator, held, action="publish", reason="Fine, thank you for waiting.")

    assert f"http://testserver{held.get_absolute_url()}" in sitemap_entries(client, "questions")


def test_the_sitemap_names_addresses_on_the_sites_public_origin(client, settings):
    settings.SITE_URL = "https://community.example.com"
    QuestionFactory(title="Which filter?")

    questions = sitemap_entries(client, "questions")

    assert questions
    assert all(url.startswith("https://community.example.com/") for url in questions)


@pytest.mark.parametrize("section", ["questions", "ideas", "pages"])
def test_a_sitemap_section_costs_the_same_queries_for_more_content(client, site_pages, section):
    def make(count):
        for number in range(count):
            if section == "questions":
                QuestionFactory()
            elif section == "ideas":
                proposed_idea(title=f"Idea number {number}")
            else:
                product_page(site_pages.catalogue["en"], f"Product {number}-{count}")

    def queries():
        # Once warm: the first request after a change reads the site's structure again.
        assert client.get(f"/sitemap-{section}.xml").status_code == 200
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/sitemap-{section}.xml").status_code == 200
        return len(captured)

    make(2)
    few = queries()
    make(12)
    assert queries() == few


# --- Gone content -----------------------------------------------------------------------------


def test_a_deleted_questions_page_answers_gone_and_asks_not_to_be_indexed(client, elements):
    question = QuestionFactory(title="Forget this")
    question_services.question_delete(question.author, question)
    question.refresh_from_db()

    response = client.get(question.get_absolute_url())

    assert response.status_code == 410
    html = response.content.decode()
    assert elements(html, "meta", name="robots", content="noindex")
    assert "Forget this" not in html


def test_a_deleted_ideas_page_answers_gone(client):
    idea = proposed_idea(title="Withdrawn")
    idea_services.idea_delete(idea.author, idea)

    response = client.get(idea.get_absolute_url())

    assert response.status_code == 410
    assert "Withdrawn" not in response.content.decode()


# --- Canonical addresses ----------------------------------------------------------------------


def test_the_canonical_address_leaves_out_sorting_and_tracking(client, elements):
    question = QuestionFactory(title="Grinder noise")

    html = client.get(f"{question.get_absolute_url()}?sort=votes&utm_source=mail").content

    assert canonical_of(html.decode(), elements) == (
        f"http://testserver{question.get_absolute_url()}"
    )


def test_the_canonical_address_of_a_lists_later_page_keeps_the_page(client, elements):
    for _ in range(25):
        QuestionFactory()

    first = client.get("/questions/?page=1&sort=newest").content.decode()
    second = client.get("/questions/?page=2&sort=newest").content.decode()

    assert canonical_of(first, elements) == "http://testserver/questions/"
    assert canonical_of(second, elements) == "http://testserver/questions/?page=2"


def test_a_french_page_is_its_own_canonical_address_with_its_english_twin(client, elements):
    idea = proposed_idea(title="Quieter grinder")
    address = idea.get_absolute_url()

    html = client.get(f"/fr{address}").content.decode()

    assert canonical_of(html, elements) == f"http://testserver/fr{address}"
    assert elements(
        html, "link", rel="alternate", hreflang="en", href=f"http://testserver{address}"
    )


def test_a_merged_ideas_canonical_address_is_the_idea_it_joined(client, staff, elements):
    kept = proposed_idea(title="Start by itself")
    merged = proposed_idea(title="Start on a timer")
    idea_services.idea_merge(staff, merged, kept, notify_people=False)

    html = client.get(merged.get_absolute_url()).content.decode()

    assert canonical_of(html, elements) == f"http://testserver{kept.get_absolute_url()}"
    assert "DiscussionForumPosting" not in html


# --- Link previews ----------------------------------------------------------------------------


def test_a_product_page_previews_with_its_own_image(client, site_pages, elements):
    page = product_page(
        site_pages.catalogue["en"],
        "Espresso Duo",
        images=[wagtail_image()],
        tagline="Two cups at once.",
    )

    html = client.get("/products/espresso-duo/").content.decode()

    tags = head_tags(html, elements)
    rendition = page.main_image.get_rendition("fill-960x640")
    assert tags["og:title"] == "Espresso Duo"
    assert tags["og:description"] == "Two cups at once."
    assert tags["og:image"] == f"http://testserver{rendition.url}"
    assert tags["og:url"] == "http://testserver/products/espresso-duo/"
    assert tags["og:locale"] == "en_GB"
    assert tags["og:locale:alternate"] == "fr_FR"
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["twitter:image"] == tags["og:image"]


def test_an_idea_previews_with_its_first_image_and_its_text(client, elements):
    idea = proposed_idea(
        title="A cup warmer",
        body="Keep the **cups** warm on top of the machine.",
        images=[(*idea_services.image_process(image_upload(), "warmer"), "A sketch")],
    )

    html = client.get(idea.get_absolute_url()).content.decode()

    tags = head_tags(html, elements)
    picture = idea.images.get()
    assert tags["og:title"] == "A cup warmer"
    assert tags["og:description"] == "Keep the cups warm on top of the machine."
    assert tags["og:type"] == "article"
    assert tags["og:image"] == f"http://testserver{picture.image.url}"
    assert tags["og:image:alt"] == "A sketch"


def test_a_page_without_a_picture_previews_with_the_sites_card(client, elements):
    question = QuestionFactory(title="Which beans?")

    html = client.get(question.get_absolute_url()).content.decode()

    tags = head_tags(html, elements)
    assert tags["og:title"] == "Which beans?"
    assert re.fullmatch(r"http://testserver/static/img/share-card\.[\w.]*png", tags["og:image"])
    assert client.get(tags["og:image"].removeprefix("http://testserver")).status_code == 200


# --- Structured data on idea pages --------------------------------------------------------------


def structured_data(html):
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in found]


def test_an_idea_page_describes_itself_as_a_discussion_with_its_public_comments(client, staff):
    author = MemberFactory(display_name="Camille Martin")
    idea = proposed_idea(author, title="Cup </script> warmer", body="Keep cups *warm*.")
    commenter = MemberFactory(display_name="Sam Lee")
    comment = idea_services.comment_create(commenter, idea, body="Yes please")
    idea_services.comment_create(author, idea, body="Thanks!", parent=comment)
    gone = idea_services.comment_create(commenter, idea, body="Oops, wrong idea")
    idea_services.comment_delete(commenter, gone)
    idea_services.comment_create(staff, idea, body="Costly to build", internal=True)
    idea.refresh_from_db()

    html = client.get(idea.get_absolute_url()).content.decode()

    [data] = structured_data(html)
    url = f"http://testserver{idea.get_absolute_url()}"
    assert data["@type"] == "DiscussionForumPosting"
    assert data["headline"] == "Cup </script> warmer"
    assert data["text"] == "Keep cups warm."
    assert data["url"] == url
    assert data["author"] == {
        "@type": "Person",
        "name": "Camille Martin",
        "url": f"http://testserver{author.get_absolute_url()}",
    }
    counters = {
        counter["interactionType"]: counter["userInteractionCount"]
        for counter in data["interactionStatistic"]
    }
    assert counters["https://schema.org/LikeAction"] == idea.vote_count == 1
    [thread] = data["comment"]
    assert thread["text"] == "Yes please"
    assert thread["url"] == f"{url}#comment-{comment.pk}"
    assert [reply["text"] for reply in thread["comment"]] == ["Thanks!"]
    assert "Costly to build" not in json.dumps(data)
    assert "Oops" not in json.dumps(data)
