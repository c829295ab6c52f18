"""Reviews in the Wagtail admin: the moderators' list with its filters, publishing and hiding
with a reason, and the ownership records staff add, delete and import from CSV."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import ModelLogEntry

from community.admin_forms import CSV_MAX_BYTES
from community.models import ModerationState, Notification, Report
from reviews.models import Ownership, Review, ReviewPhoto
from tests.factories import (
    MemberFactory,
    OwnershipFactory,
    ReviewFactory,
    product_page,
    totp_authenticator,
)
from tests.queries import queries_for

pytestmark = pytest.mark.django_db

REVIEWS = "/admin/review/"
OWNERSHIP = "/admin/ownership/"
IMPORT = "/admin/ownership-import/"


@pytest.fixture
def product(site_pages):
    return product_page(site_pages.catalogue["en"], "Espresso One")


@pytest.fixture
def other_product(site_pages):
    return product_page(site_pages.catalogue["en"], "Milk Frother")


@pytest.fixture
def author(db):
    return MemberFactory(display_name="Reviewer Rita", email="rita@example.com")


@pytest.fixture
def review(product, author):
    return ReviewFactory(product=product, author=author, title="Loud but good", rating=3)


@pytest.fixture
def superuser(db):
    member = MemberFactory(display_name="Site Owner", is_superuser=True, is_staff=True)
    totp_authenticator(member)
    return member


def add_photo(review):
    """A photo row: the list counts photos and never opens their files."""
    return ReviewPhoto.objects.create(
        review=review, image="reviews/photo.jpg", thumbnail="reviews/thumbs/photo.jpg"
    )


def add_report(review, status=Report.Status.OPEN):
    return Report.objects.create(
        content_type=ContentType.objects.get_for_model(Review),
        object_id=review.pk,
        reporter=MemberFactory(),
        reason=Report.Reason.SPAM,
        status=status,
    )


def listing(response):
    """The listing table of an admin page, without the sidebar and dialogs around it."""
    html = response.content.decode()
    start = html.index('<table class="listing')
    return html[start : html.index("</table>", start) + len("</table>")]


def listed_titles(response, elements):
    """The titles of the reviews the list shows, each a link to the review's page."""
    links = elements(listing(response), "a")
    return {
        text
        for attrs, text in links
        if attrs.get("href", "").startswith(f"{REVIEWS}edit/") and text != "Edit"
    }


def csv_upload(text, name="owners.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


# The moderators' list


def test_the_review_list_shows_product_author_status_and_counts(login, moderator, review, elements):
    add_photo(review)
    add_photo(review)
    add_report(review)
    add_report(review, status=Report.Status.DISMISSED)
    review.helpful_count = 7
    review.save()

    response = login(moderator).get(REVIEWS)

    assert response.status_code == 200
    headings = [text for _attrs, text in elements(listing(response), "th")]
    assert headings == [
        "Title",
        "Product",
        "Rating",
        "Author",
        "Status",
        "Helpful",
        "Photos",
        "Open reports",
        "Created",
    ]
    cells = [text for _attrs, text in elements(listing(response), "td")]
    assert cells[0].startswith("Loud but good")
    # The dismissed report is not counted: only open reports are.
    assert cells[1:8] == ["Espresso One", "3", "Reviewer Rita", "Published", "7", "2", "1"]


def test_the_review_list_offers_every_filter_and_a_search(login, moderator, review, elements):
    response = login(moderator).get(REVIEWS)

    names = {attrs.get("name") for attrs, _text in elements(response.content, "input")}
    names |= {attrs.get("name") for attrs, _text in elements(response.content, "select")}
    assert {"product", "rating", "status", "has_photos", "reported", "q"} <= names


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("rating=5", {"Five stars"}),
        ("status=hidden", {"Hidden one"}),
        ("has_photos=true", {"With photos"}),
        ("has_photos=false", {"Five stars", "Hidden one", "Reported one", "Settled"}),
        ("reported=true", {"Reported one"}),
        ("reported=false", {"Five stars", "Hidden one", "With photos", "Settled"}),
        ("q=grinder", {"With photos"}),
    ],
)
def test_the_review_list_filters(login, moderator, product, elements, query, expected):
    ReviewFactory(product=product, title="Five stars", rating=5)
    ReviewFactory(product=product, title="Hidden one", moderation_state=ModerationState.HIDDEN)
    add_photo(ReviewFactory(product=product, title="With photos", text="Grinder noise"))
    add_report(ReviewFactory(product=product, title="Reported one"))
    add_report(ReviewFactory(product=product, title="Settled"), status=Report.Status.UPHELD)

    response = login(moderator).get(f"{REVIEWS}?{query}")

    assert response.status_code == 200
    assert listed_titles(response, elements) == expected


def test_the_product_filter_keeps_one_products_reviews(
    login, moderator, product, other_product, elements
):
    ReviewFactory(product=product, title="About the espresso machine")
    ReviewFactory(product=other_product, title="About the frother")

    response = login(moderator).get(f"{REVIEWS}?product={other_product.pk}")

    assert listed_titles(response, elements) == {"About the frother"}


def _reviews_with_everything(product, count):
    for number in range(count):
        review = ReviewFactory(product=product, title=f"Review number {number}")
        add_photo(review)
        add_report(review)


def test_the_review_list_costs_the_same_with_5_reviews_as_with_30(login, moderator, product):
    client = login(moderator)
    _reviews_with_everything(product, 5)
    with_five = queries_for(client.get, REVIEWS)

    _reviews_with_everything(product, 25)
    with_thirty = queries_for(client.get, REVIEWS)

    assert with_thirty == with_five


@pytest.mark.parametrize("role", ["visitor", "member", "staff", "product_team_member"])
def test_the_review_list_is_for_moderators_only(request, login, role, review):
    response = login(request.getfixturevalue(role)).get(REVIEWS)

    assert response.status_code in (302, 403)
    assert "Loud but good" not in response.content.decode()


# Publishing and hiding


def test_a_moderator_hides_a_review_with_a_reason_and_the_author_is_told(
    login, moderator, review, author
):
    client = login(moderator)
    assert client.get(f"{REVIEWS}hide/{review.pk}/").status_code == 200

    response = client.post(
        f"{REVIEWS}hide/{review.pk}/?next={REVIEWS}",
        {"reason": "Please remove the shop's phone number."},
        follow=True,
    )

    review.refresh_from_db()
    assert review.moderation_state == ModerationState.HIDDEN
    assert review.moderation_reason == "Please remove the shop's phone number."
    assert review.moderated_by == moderator
    notification = Notification.objects.get(recipient=author, kind="review_moderated")
    assert notification.params["reason"] == "Please remove the shop's phone number."
    assert response.redirect_chain[-1][0] == REVIEWS
    assert "hidden. The author has been told why." in response.content.decode()
    assert ModelLogEntry.objects.filter(
        object_id=str(review.pk), action="reviews.hide", user=moderator
    ).exists()


def test_hiding_without_a_reason_is_refused_and_the_review_stays_published(
    login, moderator, review, author
):
    response = login(moderator).post(f"{REVIEWS}hide/{review.pk}/", {"reason": "  "})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    review.refresh_from_db()
    assert review.moderation_state == ModerationState.PUBLISHED
    assert not Notification.objects.filter(recipient=author).exists()


def test_a_moderator_publishes_a_held_review_and_the_author_is_told(
    login, moderator, review, author
):
    Review.objects.filter(pk=review.pk).update(moderation_state=ModerationState.HELD)

    response = login(moderator).post(f"{REVIEWS}publish/{review.pk}/")

    assert response.status_code == 302
    review.refresh_from_db()
    assert review.moderation_state == ModerationState.PUBLISHED
    assert Notification.objects.filter(recipient=author, kind="review_moderated").exists()


def test_the_list_offers_publish_and_hide_where_they_apply(login, moderator, product, elements):
    held = ReviewFactory(product=product, title="Held one", moderation_state=ModerationState.HELD)
    hidden = ReviewFactory(
        product=product, title="Hidden one", moderation_state=ModerationState.HIDDEN
    )

    html = login(moderator).get(REVIEWS).content

    links = {attrs["href"].split("?")[0] for attrs, _text in elements(html, "a") if "href" in attrs}
    assert f"{REVIEWS}publish/{held.pk}/" in links
    assert f"{REVIEWS}hide/{held.pk}/" in links
    assert f"{REVIEWS}publish/{hidden.pk}/" in links
    assert f"{REVIEWS}hide/{hidden.pk}/" not in links


def test_a_superuser_can_hide_a_review(login, superuser, review):
    response = login(superuser).post(f"{REVIEWS}hide/{review.pk}/", {"reason": "Spam link."})

    assert response.status_code == 302
    review.refresh_from_db()
    assert review.moderation_state == ModerationState.HIDDEN


@pytest.mark.parametrize("role", ["visitor", "member", "staff", "product_team_member"])
def test_only_moderators_can_hide_a_review(request, login, role, review, author):
    client = login(request.getfixturevalue(role))

    shown = client.get(f"{REVIEWS}hide/{review.pk}/")
    hidden = client.post(f"{REVIEWS}hide/{review.pk}/", {"reason": "Not allowed."})

    assert shown.status_code in (302, 403)
    assert hidden.status_code in (302, 403)
    review.refresh_from_db()
    assert review.moderation_state == ModerationState.PUBLISHED
    assert not Notification.objects.filter(recipient=author).exists()


def test_the_edit_form_changes_status_and_reason_but_never_the_members_words(
    login, moderator, review, author
):
    response = login(moderator).post(
        f"{REVIEWS}edit/{review.pk}/",
        {
            "status": ModerationState.HIDDEN,
            "reason": "Off topic.",
            "title": "Changed by a moderator",
            "text": "Changed by a moderator",
        },
    )

    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.moderation_state, review.moderation_reason) == (
        ModerationState.HIDDEN,
        "Off topic.",
    )
    assert review.title == "Loud but good"
    assert review.text == "It does what it says, every morning."
    assert Notification.objects.filter(recipient=author, kind="review_moderated").exists()


def test_the_edit_form_asks_for_a_reason_before_hiding(login, moderator, review):
    response = login(moderator).post(
        f"{REVIEWS}edit/{review.pk}/", {"status": ModerationState.HIDDEN, "reason": ""}
    )

    assert response.status_code == 200
    assert "Please give the reason the author will see." in response.content.decode()
    review.refresh_from_db()
    assert review.moderation_state == ModerationState.PUBLISHED


def test_the_admin_never_creates_a_review(login, superuser):
    client = login(superuser)

    assert client.get(f"{REVIEWS}new/").status_code == 404
    assert f'href="{REVIEWS}new/"' not in client.get(REVIEWS).content.decode()


# Ownership records


def test_staff_see_the_ownership_list_with_its_import_button(login, staff, product, elements):
    owner = MemberFactory(display_name="Olga Owner", email="olga@example.com")
    OwnershipFactory(member=owner, product=product)

    response = login(staff).get(OWNERSHIP)

    assert response.status_code == 200
    html = response.content.decode()
    for shown in ("Olga Owner", "olga@example.com", "Espresso One", "Imported from sales records"):
        assert shown in html
    assert elements(response.content, "a", href=IMPORT)


def test_the_ownership_list_costs_the_same_with_5_records_as_with_30(login, staff, product):
    client = login(staff)
    OwnershipFactory.create_batch(5, product=product)
    with_five = queries_for(client.get, OWNERSHIP)

    OwnershipFactory.create_batch(25, product=product)
    with_thirty = queries_for(client.get, OWNERSHIP)

    assert with_thirty == with_five


def test_staff_record_that_a_member_owns_a_product(login, staff, product):
    owner = MemberFactory(email="olga@example.com")

    response = login(staff).post(
        f"{OWNERSHIP}new/",
        {"email": "OLGA@example.com", "product": product.pk, "purchased_on": "2025-03-14"},
    )

    assert response.status_code == 302
    ownership = Ownership.objects.get(member=owner, product=product)
    assert (ownership.source, ownership.recorded_by) == (Ownership.Source.STAFF, staff)
    assert str(ownership.purchased_on) == "2025-03-14"


def test_recording_an_unknown_address_says_so_and_keeps_what_was_typed(login, staff, product):
    response = login(staff).post(
        f"{OWNERSHIP}new/", {"email": "nobody@example.com", "product": product.pk}
    )

    assert response.status_code == 200
    assert "No member has this e-mail address." in response.content.decode()
    assert 'value="nobody@example.com"' in response.content.decode()
    assert not Ownership.objects.exists()


def test_an_ownership_record_opens_on_its_own_page(login, staff, product):
    owner = MemberFactory(display_name="Olga Owner")
    ownership = OwnershipFactory(member=owner, product=product, recorded_by=staff)

    response = login(staff).get(f"{OWNERSHIP}inspect/{ownership.pk}/")

    assert response.status_code == 200
    for shown in ("Olga Owner", "Espresso One", "Imported from sales records", "Amélie"):
        assert shown in response.content.decode()


def test_staff_delete_an_ownership_record(login, staff, product):
    ownership = OwnershipFactory(product=product)

    response = login(staff).post(
        f"{OWNERSHIP}delete/{ownership.pk}/", {"reason": "The order was cancelled"}
    )

    assert response.status_code == 302
    assert not Ownership.objects.filter(pk=ownership.pk).exists()


@pytest.mark.parametrize("role", ["member", "moderator"])
def test_only_staff_add_ownership_records(request, login, role, product):
    MemberFactory(email="olga@example.com")

    response = login(request.getfixturevalue(role)).post(
        f"{OWNERSHIP}new/", {"email": "olga@example.com", "product": product.pk}
    )

    assert response.status_code in (302, 403)
    assert not Ownership.objects.exists()


# Importing ownership records from CSV


def test_the_import_page_is_in_the_admin_menu_for_staff(login, staff):
    assert IMPORT in login(staff).get("/admin/").content.decode()


def test_the_import_creates_records_and_reports_rows_that_did_not_match(
    login, staff, product, other_product, elements
):
    olga = MemberFactory(email="olga@example.com")
    noah = MemberFactory(email="noah@example.com")
    text = (
        "email,product,date\n"
        "olga@example.com,espresso-one,2025-03-14\n"
        "noah@example.com,Milk Frother,\n"
        "stranger@example.com,espresso-one,2025-03-14\n"
        "olga@example.com,Teapot,2025-03-14\n"
        "noah@example.com,espresso-one,14/03/2025\n"
    )

    response = login(staff).post(IMPORT, {"file": csv_upload(text)})

    assert response.status_code == 200
    assert Ownership.objects.get(member=olga, product=product).source == Ownership.Source.IMPORT
    assert Ownership.objects.filter(member=noah, product=other_product).exists()
    assert Ownership.objects.count() == 2
    counts = {attrs["data-count"]: text for attrs, text in elements(response.content, "dd")}
    assert counts == {"created": "2", "already-known": "0", "unmatched": "3"}
    rows = [text for _attrs, text in elements(listing(response), "tr")][1:]
    assert rows == [
        "4 stranger@example.com, espresso-one, 2025-03-14 No member has this e-mail address",
        "5 olga@example.com, Teapot, 2025-03-14 No product has this name",
        "6 noah@example.com, espresso-one, 14/03/2025 The date is not YYYY-MM-DD",
    ]


def test_importing_the_same_file_again_creates_nothing_twice(login, staff, product, elements):
    MemberFactory(email="olga@example.com")
    text = "olga@example.com,espresso-one,2025-03-14\n"
    client = login(staff)
    client.post(IMPORT, {"file": csv_upload(text)})

    response = client.post(IMPORT, {"file": csv_upload(text)})

    assert Ownership.objects.count() == 1
    counts = {attrs["data-count"]: text for attrs, text in elements(response.content, "dd")}
    assert counts == {"created": "0", "already-known": "1", "unmatched": "0"}


def test_the_import_reads_a_spreadsheets_utf8_file_with_its_byte_order_mark(login, staff, product):
    MemberFactory(email="zoé@example.com")

    login(staff).post(IMPORT, {"file": csv_upload("\ufeffzoé@example.com,Espresso One,\n")})

    assert Ownership.objects.filter(member__email="zoé@example.com").exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("owners.xlsx", b"PK\x03\x04 a spreadsheet"),
            "Please choose a CSV file",
        ),
        (SimpleUploadedFile("owners.csv", b"\x89PNG\r\n\x1a\n\x00\x00"), "not UTF-8 text"),
        (
            SimpleUploadedFile("owners.csv", "olga@example.com,Théière,\n".encode("latin-1")),
            "not UTF-8 text",
        ),
        (
            SimpleUploadedFile("owners.csv", b"a,b,c\n" * (CSV_MAX_BYTES // 6 + 1)),
            "larger than 5 MB",
        ),
    ],
    ids=["not-csv", "binary", "latin-1", "too-big"],
)
def test_the_import_refuses_other_files_with_a_clear_message(
    login, staff, product, upload, message
):
    MemberFactory(email="olga@example.com")

    response = login(staff).post(IMPORT, {"file": upload})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Ownership.objects.exists()


@pytest.mark.parametrize("role", ["member", "moderator", "product_team_member"])
def test_only_staff_import_ownership_records(request, login, role, product):
    MemberFactory(email="olga@example.com")
    client = login(request.getfixturevalue(role))

    shown = client.get(IMPORT)
    posted = client.post(IMPORT, {"file": csv_upload("olga@example.com,espresso-one,\n")})

    assert shown.status_code in (302, 403)
    assert posted.status_code in (302, 403)
    assert not Ownership.objects.exists()
