"""The pages that list ideas: the ideas list with its filters and sorts, "my ideas and votes",
the roadmap, the changelog and its feed, and the ideas sections of product and member pages."""

from datetime import timedelta
from html import unescape
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from ideas import services
from ideas.models import Importance, Status
from ideas.models.statuses import contrast_ratio, readable_text_colour
from tests.factories import (
    IdeaTagFactory,
    MemberFactory,
    idea_status,
    product_page,
    proposed_idea,
)

pytestmark = pytest.mark.django_db


def titles(elements, response, tag="a", **attrs):
    """The idea titles a page lists, in order."""
    return [
        text
        for _attrs, text in elements(response.content, "h3", class_="idea-card__title", **attrs)
    ]


def decide(staff, idea, slug, note="Decided.", **extra):
    return services.idea_status_change(
        staff, idea, to_status=idea_status(slug), note=note, notify_people=False, **extra
    )


def vote_times(idea, count, importance=Importance.NICE):
    for _ in range(count):
        services.idea_vote(MemberFactory(), idea, importance=importance)


# The ideas list


def test_the_list_sorts_by_votes_and_leaves_out_merged_and_deleted_ideas(
    client, elements, staff, author
):
    popular = proposed_idea(title="Popular")
    vote_times(popular, 3)
    quiet = proposed_idea(title="Quiet")
    merged = proposed_idea(title="Merged away")
    services.idea_merge(staff, merged, popular, notify_people=False)
    deleted = proposed_idea(author, title="Deleted one")
    services.idea_delete(author, deleted)

    response = client.get("/ideas/")

    assert titles(elements, response) == ["Popular", "Quiet"]
    assert quiet.get_absolute_url() in response.content.decode()


def test_the_list_filters_by_status_product_and_tag(client, elements, site_pages, staff):
    espresso = product_page(site_pages.catalogue["en"], "Espresso One")
    kettle = product_page(site_pages.catalogue["en"], "Brume kettle")
    app = IdeaTagFactory(slug="app", name_en="App")
    planned = proposed_idea(title="Planned espresso idea", product=espresso, tags=[app])
    decide(staff, planned, "planned")
    proposed_idea(title="New espresso idea", product=espresso)
    proposed_idea(title="Kettle idea", product=kettle, tags=[app])

    by_status = client.get("/ideas/", {"status": "planned"})
    by_product = client.get("/ideas/", {"product": espresso.pk, "sort": "newest"})
    by_tag = client.get("/ideas/", {"tag": "app", "sort": "newest"})
    unknown = client.get("/ideas/", {"status": "nope", "product": "x", "tag": "none"})

    assert titles(elements, by_status) == ["Planned espresso idea"]
    assert titles(elements, by_product) == ["New espresso idea", "Planned espresso idea"]
    assert titles(elements, by_tag) == ["Kettle idea", "Planned espresso idea"]
    assert len(titles(elements, unknown)) == 3


def product_options(elements, response, field_id):
    """The product filter's options (their titles) and its "more" link, as the page shows them."""
    html = response.content.decode()
    start = html.index(f'<select id="{field_id}"')
    select = html[start : html.index("</select>", start)]
    links = elements(html, "a", class_="more-link")
    return [text for _a, text in elements(select, "option")], links


def test_the_product_filter_offers_the_products_with_the_most_ideas_and_lists_all_on_request(
    client, elements, site_pages, monkeypatch
):
    monkeypatch.setattr("community.products.PRODUCT_FILTER_TOP", 2)
    catalogue = site_pages.catalogue["en"]
    for title, ideas in (("Zest grinder", 3), ("Brume kettle", 2), ("Aero frother", 1)):
        product = product_page(catalogue, title)
        for number in range(ideas):
            proposed_idea(title=f"{title} idea {number}", product=product)
    quiet = product_page(catalogue, "Calm scale")

    first = client.get("/ideas/", {"sort": "newest"})
    options, links = product_options(elements, first, "ideas-product")
    assert options == ["All products", "Brume kettle", "Zest grinder"]
    assert [text for _a, text in links] == ["List 2 more products"]
    assert links[0][0]["href"] == "?sort=newest&all_products=1"
    assert 'name="robots"' not in first.content.decode()

    every_one = client.get("/ideas/", {"sort": "newest", "all_products": "1"})
    options, links = product_options(elements, every_one, "ideas-product")
    assert options == ["All products", "Aero frother", "Brume kettle", "Calm scale", "Zest grinder"]
    assert links == []
    assert '<meta name="robots" content="noindex">' in every_one.content.decode()

    chosen = client.get("/ideas/", {"product": quiet.pk})
    options, links = product_options(elements, chosen, "ideas-product")
    assert options == ["All products", "Brume kettle", "Calm scale", "Zest grinder"]
    assert [text for _a, text in links] == ["List 1 more product"]
    assert f'<option value="{quiet.pk}" selected>' in chosen.content.decode()

    roadmap = client.get("/roadmap/")
    options, links = product_options(elements, roadmap, "roadmap-product")
    assert options == ["All products", "Brume kettle", "Zest grinder"]
    assert links[0][0]["href"] == "?all_products=1"

    french = client.get("/fr/ideas/")
    assert [text for _a, text in product_options(elements, french, "ideas-product")[1]] == [
        "Lister 2 autres produits"
    ]


def test_mine_and_voted_by_me_are_for_members(client, elements, member):
    mine = proposed_idea(member, title="Mine")
    voted = proposed_idea(title="Voted")
    services.idea_vote(member, voted, importance=Importance.ESSENTIAL)
    proposed_idea(title="Someone else's")

    assert titles(elements, client.get("/ideas/", {"mine": "1"})) != ["Mine"]

    client.force_login(member)
    assert titles(elements, client.get("/ideas/", {"mine": "1"})) == ["Mine"]
    voted_page = client.get("/ideas/", {"voted": "1", "sort": "newest"})
    assert titles(elements, voted_page) == ["Voted", "Mine"]
    assert "You voted: Essential" in unescape(voted_page.content.decode())
    assert mine.pk


def test_trending_counts_votes_of_the_last_30_days(client, elements, time_machine):
    start = timezone.now()
    old = proposed_idea(title="Old favourite")
    time_machine.move_to(start - timedelta(days=60))
    vote_times(old, 5)
    time_machine.move_to(start)
    rising = proposed_idea(title="Rising")
    vote_times(rising, 2)

    top = client.get("/ideas/", {"sort": "top"})
    trending = client.get("/ideas/", {"sort": "trending"})

    assert titles(elements, top) == ["Old favourite", "Rising"]
    assert titles(elements, trending) == ["Rising", "Old favourite"]
    assert "+3 votes in 30 days" in unescape(trending.content.decode())


def test_recently_updated_puts_the_latest_activity_first(client, elements, member):
    first = proposed_idea(title="First")
    proposed_idea(title="Second")
    services.comment_create(member, first, body="Bump")

    assert titles(elements, client.get("/ideas/", {"sort": "updated"})) == ["First", "Second"]
    assert titles(elements, client.get("/ideas/", {"sort": "newest"})) == ["Second", "First"]


def test_only_staff_sort_by_score(client, elements, member, staff, product_team_member):
    quick_win = proposed_idea(title="Quick win")
    big_bet = proposed_idea(title="Big bet")
    vote_times(big_bet, 2)
    services.idea_estimate(product_team_member, quick_win, impact=4, effort=1)
    services.idea_estimate(product_team_member, big_bet, impact=5, effort=5)
    proposed_idea(title="Not estimated")

    client.force_login(staff)
    staff_page = client.get("/ideas/", {"sort": "score"})
    client.force_login(member)
    member_page = client.get("/ideas/", {"sort": "score"})

    assert titles(elements, staff_page) == ["Quick win", "Big bet", "Not estimated"]
    assert "Score 400" in staff_page.content.decode()
    assert titles(elements, member_page)[0] == "Big bet"
    assert "Score" not in member_page.content.decode()


def test_the_list_comes_20_ideas_to_a_page(client, elements):
    for number in range(23):
        proposed_idea(title=f"Idea {number:02}")

    first = client.get("/ideas/", {"sort": "newest"})
    next_url = elements(first.content, "a", rel="next")[0][0]["href"]
    second = client.get(next_url)

    assert len(titles(elements, first)) == 20
    assert titles(elements, second) == ["Idea 02", "Idea 01", "Idea 00"]
    assert next_url.startswith("/ideas/?sort=newest&after=")


def test_the_french_list_shows_status_names_in_french(client, elements):
    proposed_idea(title="Une idée")

    response = client.get("/fr/ideas/")

    assert elements(response.content, "span", class_="idea-status")[0][1] == "Nouvelle"


def test_my_ideas_and_votes(client, elements, member, staff):
    proposed_idea(member, title="My own")
    other = proposed_idea(title="Theirs")
    services.vote_record_for(staff, member, other, importance=Importance.ESSENTIAL)
    client.force_login(member)

    response = client.get("/ideas/mine/")

    html = unescape(response.content.decode())
    assert titles(elements, response) == ["My own"]
    assert "Theirs" in html
    assert "Recorded by Amélie Durand" in html
    assert client.logout() is None
    assert client.get("/ideas/mine/")["Location"].startswith("/accounts/login/")


# The roadmap


def test_the_roadmap_has_a_column_per_roadmap_status_in_order(client, elements, staff):
    planned = proposed_idea(title="Planned idea")
    decide(staff, planned, "planned")
    building = proposed_idea(title="Being built")
    decide(staff, building, "in-progress")
    proposed_idea(title="Still new")

    response = client.get("/roadmap/")

    headings = [text for _a, text in elements(response.content, "h2", class_="roadmap__title")]
    assert headings == ["Planned 1 idea", "In progress 1 idea", "Shipped 0 ideas"]
    cards = [text for _a, text in elements(response.content, "h3", class_="roadmap-card__title")]
    assert cards == ["Planned idea", "Being built"]


def test_the_roadmap_follows_the_admins_statuses(client, elements, staff):
    review = Status.objects.get(slug="under-review")
    review.on_roadmap = True
    review.order = 5
    review.save()

    response = client.get("/roadmap/")

    headings = [text for _a, text in elements(response.content, "h2", class_="roadmap__title")]
    assert headings[0] == "Under review 0 ideas"


def test_the_roadmap_filters_by_product_and_tag(client, elements, site_pages, staff):
    espresso = product_page(site_pages.catalogue["en"], "Espresso One")
    app = IdeaTagFactory(slug="app", name_en="App")
    for title, product, tags in (
        ("Espresso app idea", espresso, [app]),
        ("Espresso idea", espresso, []),
        ("App idea", None, [app]),
    ):
        decide(staff, proposed_idea(title=title, product=product, tags=tags), "planned")

    by_product = client.get("/roadmap/", {"product": espresso.pk})
    by_both = client.get("/roadmap/", {"product": espresso.pk, "tag": "app"})

    def cards(response):
        return sorted(
            text for _a, text in elements(response.content, "h3", class_="roadmap-card__title")
        )

    assert cards(by_product) == ["Espresso app idea", "Espresso idea"]
    assert cards(by_both) == ["Espresso app idea"]


def test_the_roadmap_shows_the_most_voted_ideas_of_a_long_column_and_links_to_all(
    client, elements, staff, monkeypatch
):
    from ideas.views import boards

    monkeypatch.setattr(boards, "ROADMAP_CARDS_PER_COLUMN", 2)
    for votes in (0, 3, 1):
        idea = proposed_idea(title=f"{votes} extra votes")
        vote_times(idea, votes)
        decide(staff, idea, "planned")

    response = client.get("/roadmap/")

    cards = [text for _a, text in elements(response.content, "h3", class_="roadmap-card__title")]
    assert cards == ["3 extra votes", "1 extra votes"]
    assert "See all 3 ideas “Planned”" in unescape(response.content.decode())


def test_the_french_roadmap_keeps_its_address(client, elements, staff):
    decide(staff, proposed_idea(title="Prévue"), "planned")

    response = client.get("/fr/roadmap/")

    assert response.status_code == 200
    assert elements(response.content, "h1")[0][1] == "Feuille de route"
    assert elements(response.content, "h2", class_="roadmap__title")[0][1].startswith("Prévue")


# The changelog and its feed


def test_the_changelog_lists_shipped_ideas_newest_first_with_their_note(
    client, elements, staff, time_machine
):
    start = timezone.now()
    older = proposed_idea(title="Shipped first")
    time_machine.move_to(start - timedelta(days=40))
    decide(staff, older, "shipped", note="It is in version 2.")
    time_machine.move_to(start)
    newer = proposed_idea(title="Shipped last")
    decide(staff, newer, "shipped", note="It is in version **3**.")
    decide(staff, proposed_idea(title="Only planned"), "planned")

    response = client.get("/changelog/")

    shipped = [text for _a, text in elements(response.content, "h3")]
    assert shipped == ["Shipped last", "Shipped first"]
    html = response.content.decode()
    assert "It is in version <strong>3</strong>." in html
    assert newer.get_absolute_url() in html
    assert "Amélie Durand" in html


def test_the_changelog_feed_is_atom_with_the_shipping_notes(client, staff):
    idea = proposed_idea(title="Shipped & good")
    decide(staff, idea, "shipped", note="Out now.")

    response = client.get("/changelog/feed/")

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    atom = "{http://www.w3.org/2005/Atom}"
    entries = feed.findall(f"{atom}entry")
    assert [entry.findtext(f"{atom}title") for entry in entries] == ["Shipped & good"]
    assert entries[0].find(f"{atom}link").get("href") == (
        f"http://testserver{idea.get_absolute_url()}"
    )
    assert "Out now." in entries[0].findtext(f"{atom}summary")
    assert entries[0].findtext(f"{atom}author/{atom}name") == "Amélie Durand (Support specialist)"


# Sections on other pages


def test_the_product_page_shows_its_open_ideas_and_a_way_to_propose(
    client, elements, site_pages, staff, member
):
    espresso = product_page(site_pages.catalogue["en"], "Espresso One")
    favourite = proposed_idea(title="Espresso favourite", product=espresso)
    vote_times(favourite, 2)
    proposed_idea(title="Espresso newcomer", product=espresso)
    decide(staff, proposed_idea(title="Espresso shipped", product=espresso), "shipped")
    proposed_idea(title="Elsewhere")
    client.force_login(member)

    response = client.get("/products/espresso-one/")

    section = elements(response.content, "section", id="ideas")[0][1]
    assert titles(elements, response) == ["Espresso favourite", "Espresso newcomer"]
    assert "See all 3 ideas" in section
    propose = elements(response.content, "a", href=f"/ideas/new/?product={espresso.pk}")
    assert propose[0][1] == "Propose an idea"


def test_proposing_from_a_product_page_chooses_the_product(client, site_pages, member, elements):
    espresso = product_page(site_pages.catalogue["en"], "Espresso One")
    client.force_login(member)

    response = client.get("/ideas/new/", {"product": espresso.pk})

    assert "selected" in elements(response.content, "option", value=str(espresso.pk))[0][0]


def test_a_members_page_lists_the_ideas_they_proposed(client, elements, member):
    proposed_idea(member, title="Camille's idea")

    response = client.get(f"/members/{member.handle}/")

    assert [text for _a, text in elements(response.content, "h4")] == ["Camille's idea"]


# Status colours


def test_status_colours_come_from_a_versioned_stylesheet(client, elements):
    listing = client.get("/ideas/")
    link = [
        attrs["href"]
        for attrs, _text in elements(listing.content, "link", rel="stylesheet")
        if "statuses.css" in attrs["href"]
    ][0]
    planned = idea_status("planned")

    css = client.get(link).content.decode()

    assert (
        f".idea-status--{planned.pk} {{ --status-colour: #3a56c5; --status-text: #ffffff; }}" in css
    )
    planned.colour = "#ffe066"
    planned.save()
    relinked = [
        attrs["href"]
        for attrs, _text in elements(client.get("/ideas/").content, "link", rel="stylesheet")
        if "statuses.css" in attrs["href"]
    ][0]
    assert relinked != link
    assert (
        "--status-colour: #ffe066; --status-text: #000000;" in client.get(relinked).content.decode()
    )


def test_badge_text_is_readable_on_any_status_colour():
    greys = [f"#{value:02x}{value:02x}{value:02x}" for value in range(256)]
    colours = greys + ["#3a56c5", "#ffe066", "#1e7b45", "#ff0000", "#00ff00", "#0000ff"]

    assert min(contrast_ratio(c, readable_text_colour(c)) for c in colours) >= 4.5


def test_the_roadmap_page_exists_in_both_languages_and_editors_cannot_move_it(
    client, site_pages, elements
):
    from community.roles import Role
    from tests.factories import totp_authenticator

    editor = MemberFactory(roles=[Role.SITE_ADMIN])
    totp_authenticator(editor)
    client.force_login(editor)
    english, french = site_pages.roadmap["en"], site_pages.roadmap["fr"]

    form = client.get(f"/admin/pages/{english.pk}/edit/")

    assert (english.url, french.url) == ("/roadmap/", "/fr/roadmap/")
    assert form.status_code == 200
    assert b'name="intro"' in form.content
    assert not elements(form.content, "input", name="slug")
