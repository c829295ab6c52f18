"""The reviews views against every role (visitor, unverified member, member, the review's author,
staff and moderator), and the review form refusing bad input without losing what was typed."""

import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import CommunitySettings, ModerationState, Notification, Report
from reviews.models import HelpfulVote, Review, StaffResponse
from tests.factories import MemberFactory, ReviewFactory, image_upload, product_page, review_photo

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "unverified_member", "member", "author", "staff", "moderator"]


@pytest.fixture
def product(site_pages):
    return product_page(site_pages.catalogue["en"], "Espresso One")


@pytest.fixture
def author(db):
    return MemberFactory(display_name="Rita Reviewer")


@pytest.fixture
def review(product, author):
    return ReviewFactory(product=product, author=author, title="Quiet and hot", rating=4)


@pytest.fixture(params=ROLES)
def role(request):
    return request.param


@pytest.fixture
def actor(request, role, review):
    """Whoever is acting, one role at a time (None for a visitor)."""
    return request.getfixturevalue(role)


@pytest.fixture
def acting(client, actor):
    if actor is not None:
        client.force_login(actor)
    return client


def assert_sent_to_log_in(response, path=None):
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    if path is not None:
        assert response["Location"] == f"/accounts/login/?next={path}"


def assert_back_at_the_review(response, review):
    assert response.status_code == 302
    assert response["Location"] == f"/products/espresso-one/#review-{review.pk}"


# The permission matrix


def test_writing_a_review_is_for_verified_members_who_have_not_reviewed_the_product(
    acting, role, actor, product, review
):
    path = f"/reviews/write/{product.pk}/"

    response = acting.post(
        path, {"rating": "5", "title": "My take", "text": "Lovely.", "pros": "", "cons": ""}
    )

    written = Review.objects.filter(title="My take").first()
    if role == "visitor":
        assert_sent_to_log_in(response, path)
        assert written is None
    elif role == "unverified_member":
        assert response.status_code == 403
        assert written is None
    elif role == "author":
        assert response.status_code == 302
        assert response["Location"] == f"/reviews/{review.pk}/edit/"
        assert written is None
        assert Review.objects.filter(author=actor).count() == 1
    else:
        assert_back_at_the_review(response, written)
        assert (written.author, written.product_id, written.rating) == (actor, product.pk, 5)
        assert written.is_published


def test_the_write_form_shows_to_those_who_may_write(acting, role, product):
    response = acting.get(f"/reviews/write/{product.pk}/")

    if role == "visitor":
        assert_sent_to_log_in(response)
    elif role == "unverified_member":
        assert response.status_code == 403
        assert "verify your e-mail address" in response.content.decode()
    elif role == "author":
        assert response.status_code == 302
    else:
        assert response.status_code == 200
        assert 'name="rating"' in response.content.decode()


def test_only_the_author_can_edit_a_review(acting, role, review):
    path = f"/reviews/{review.pk}/edit/"

    response = acting.post(path, {"rating": "2", "title": "Changed", "text": "Changed my mind."})

    review.refresh_from_db()
    if role == "visitor":
        assert_sent_to_log_in(response, path)
    elif role == "author":
        assert_back_at_the_review(response, review)
        assert (review.rating, review.title, review.text) == (2, "Changed", "Changed my mind.")
        assert review.edited_at is not None
        return
    else:
        assert response.status_code == 403
    assert (review.rating, review.title, review.edited_at) == (4, "Quiet and hot", None)


def test_the_edit_form_shows_the_review_to_its_author_only(acting, role, review):
    response = acting.get(f"/reviews/{review.pk}/edit/")

    if role == "visitor":
        assert_sent_to_log_in(response)
    elif role == "author":
        assert response.status_code == 200
        assert re.search(
            r'<input(?=[^>]*name="title")(?=[^>]*value="Quiet and hot")', response.content.decode()
        )
    else:
        assert response.status_code == 403


def test_only_the_author_or_a_moderator_can_delete_a_review(acting, role, review):
    path = f"/reviews/{review.pk}/delete/"

    response = acting.post(path)

    still_there = Review.objects.filter(pk=review.pk).exists()
    if role == "visitor":
        assert_sent_to_log_in(response, path)
        assert still_there
    elif role in ("author", "moderator"):
        assert response.status_code == 302
        assert response["Location"] == "/products/espresso-one/#reviews"
        assert not still_there
    else:
        assert response.status_code == 403
        assert still_there


def test_helpful_votes_are_for_verified_members_other_than_the_author(acting, role, actor, review):
    response = acting.post(f"/reviews/{review.pk}/helpful/", {"helpful": "1"})

    review.refresh_from_db()
    if role == "visitor":
        assert_sent_to_log_in(response)
    elif role in ("member", "staff", "moderator"):
        assert_back_at_the_review(response, review)
        assert review.helpful_count == 1
        assert HelpfulVote.objects.filter(review=review, member=actor).exists()
        return
    else:
        assert response.status_code == 403
    assert review.helpful_count == 0
    assert not HelpfulVote.objects.exists()


def test_only_staff_with_an_active_card_can_respond(acting, role, review):
    path = f"/reviews/{review.pk}/respond/"

    response = acting.post(path, {"text": "Thank you, Rita."})

    if role == "visitor":
        assert_sent_to_log_in(response, path)
    elif role == "staff":
        assert_back_at_the_review(response, review)
        assert StaffResponse.objects.get(review=review).text == "Thank you, Rita."
        return
    else:
        assert response.status_code == 403
    assert not StaffResponse.objects.exists()


def test_verified_members_other_than_the_author_can_report_a_review(acting, role, actor, review):
    path = f"/reviews/{review.pk}/report/"

    response = acting.post(path, {"reason": "spam", "text": "An advert."})

    if role == "visitor":
        assert_sent_to_log_in(response, path)
    elif role in ("member", "staff", "moderator"):
        assert_back_at_the_review(response, review)
        report = Report.objects.get()
        assert (report.content_object, report.reporter, report.reason) == (review, actor, "spam")
        return
    else:
        assert response.status_code == 403
    assert not Report.objects.exists()


# Votes, responses and reports in more detail


def test_a_helpful_vote_can_be_taken_back_and_a_double_click_counts_once(client, member, review):
    client.force_login(member)
    path = f"/reviews/{review.pk}/helpful/"

    client.post(path, {"helpful": "1"})
    client.post(path, {"helpful": "1"})
    review.refresh_from_db()
    assert review.helpful_count == 1

    client.post(path, {"helpful": "0"})
    review.refresh_from_db()
    assert review.helpful_count == 0
    assert not HelpfulVote.objects.exists()


def test_a_helpful_vote_needs_a_yes_or_no(client, member, review):
    client.force_login(member)

    response = client.post(f"/reviews/{review.pk}/helpful/", {"helpful": "maybe"})

    assert response.status_code == 400
    review.refresh_from_db()
    assert review.helpful_count == 0


def test_voting_is_a_post_only(client, member, review):
    client.force_login(member)

    response = client.get(f"/reviews/{review.pk}/helpful/?helpful=1")

    assert response.status_code == 405
    assert not HelpfulVote.objects.exists()


def test_after_voting_the_reader_goes_back_to_the_list_as_they_left_it(client, member, review):
    client.force_login(member)

    response = client.post(
        f"/reviews/{review.pk}/helpful/",
        {"helpful": "1", "next": "/products/espresso-one/?sort=newest&page=2"},
    )

    assert response["Location"] == f"/products/espresso-one/?sort=newest&page=2#review-{review.pk}"


def test_after_voting_the_reader_is_never_sent_to_another_site(client, member, review):
    client.force_login(member)

    response = client.post(
        f"/reviews/{review.pk}/helpful/", {"helpful": "1", "next": "https://evil.example/"}
    )

    assert_back_at_the_review(response, review)


@pytest.mark.parametrize("status", [ModerationState.HELD, ModerationState.HIDDEN])
def test_a_review_that_is_not_published_cannot_be_reached_by_others(
    client, member, product, status
):
    hidden = ReviewFactory(product=product, moderation_state=status)
    client.force_login(member)

    for path in ["edit", "delete", "respond", "report"]:
        assert client.get(f"/reviews/{hidden.pk}/{path}/").status_code == 404
    assert client.post(f"/reviews/{hidden.pk}/helpful/", {"helpful": "1"}).status_code == 404


def test_the_author_can_still_edit_their_held_review(client, product, author):
    held = ReviewFactory(product=product, author=author, moderation_state=ModerationState.HELD)
    client.force_login(author)

    response = client.post(
        f"/reviews/{held.pk}/edit/", {"rating": "3", "title": "Edited", "text": "Still waiting."}
    )

    assert response.status_code == 302
    held.refresh_from_db()
    assert (held.title, held.moderation_state) == ("Edited", ModerationState.HELD)


def test_a_staff_response_is_signed_with_the_card_and_the_reviewer_is_notified(
    client, staff, review
):
    client.force_login(staff)

    client.post(f"/reviews/{review.pk}/respond/", {"text": "Thank you, Rita."})

    response = StaffResponse.objects.get(review=review)
    assert response.author_card == staff.staff_card
    assert Notification.objects.filter(
        recipient=review.author, kind="review_staff_response"
    ).exists()


def test_an_empty_staff_response_is_refused_next_to_the_field(client, staff, review):
    client.force_login(staff)

    response = client.post(f"/reviews/{review.pk}/respond/", {"text": "   "})

    assert response.status_code == 200
    assert "Please write a response." in response.content.decode()
    assert not StaffResponse.objects.exists()


def test_reporting_twice_records_one_report_and_says_so(client, member, review):
    client.force_login(member)
    path = f"/reviews/{review.pk}/report/"
    client.post(path, {"reason": "spam"})

    response = client.post(path, {"reason": "abuse"}, follow=True)

    assert Report.objects.count() == 1
    assert "You have already reported this." in response.content.decode()


def test_a_report_without_a_reason_is_refused_keeping_the_details(client, member, review):
    client.force_login(member)

    response = client.post(f"/reviews/{review.pk}/report/", {"text": "Details I typed"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Please choose a reason." in page
    assert re.search(r'<textarea[^>]*name="text"[^>]*>\s*Details I typed\s*</textarea>', page)
    assert not Report.objects.exists()


# Bad input on the review form: refused with a clear message, nothing typed is lost


TYPED = {
    "rating": "4",
    "title": "Typed title",
    "text": "Typed text about the machine.",
    "pros": "Typed pros",
    "cons": "Typed cons",
    "received_free": "on",
}


def post_review(client, member, product, **changes):
    data = {**TYPED, **changes}
    client.force_login(member)
    return client.post(f"/reviews/write/{product.pk}/", data)


def assert_refused_keeping_what_was_typed(response, reason, *, keep_rating=True, **typed):
    typed = {**TYPED, **typed}
    page = response.content.decode()
    assert response.status_code == 200
    assert reason in unescape(page)
    assert "Nothing you typed is lost." in page
    for name in ("title",):
        assert re.search(rf'<input(?=[^>]*name="{name}")(?=[^>]*value="{typed[name]}")', page)
    for name in ("text", "pros", "cons"):
        assert re.search(rf'<textarea[^>]*name="{name}"[^>]*>\s*{typed[name]}\s*</textarea>', page)
    assert re.search(r'<input(?=[^>]*name="received_free")(?=[^>]*checked)', page)
    if keep_rating:
        assert re.search(
            rf'<input(?=[^>]*name="rating")(?=[^>]*value="{typed["rating"]}")(?=[^>]*checked)',
            page,
        )
    assert not Review.objects.exists()


@pytest.mark.parametrize("rating", ["0", "6", ""])
def test_a_rating_outside_one_to_five_is_refused_keeping_what_was_typed(
    client, member, product, rating
):
    response = post_review(client, member, product, rating=rating)

    assert_refused_keeping_what_was_typed(
        response, "Please choose a rating from 1 to 5 stars.", keep_rating=False
    )


@pytest.mark.parametrize("text", ["", "   "])
def test_a_review_without_text_is_refused_keeping_what_was_typed(client, member, product, text):
    response = post_review(client, member, product, text=text)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Please write your review." in page
    assert re.search(r'<input(?=[^>]*name="title")(?=[^>]*value="Typed title")', page)
    assert re.search(r'<input(?=[^>]*name="rating")(?=[^>]*value="4")(?=[^>]*checked)', page)
    assert re.search(r'<textarea[^>]*name="pros"[^>]*>\s*Typed pros\s*</textarea>', page)
    assert not Review.objects.exists()


def test_a_seventh_photo_is_refused_keeping_what_was_typed(client, member, product):
    photos = [image_upload(f"photo-{n}.jpg", size=(64, 64)) for n in range(7)]

    response = post_review(client, member, product, photos=photos)

    assert_refused_keeping_what_was_typed(response, "A review can have at most 6 photos.")


def test_six_photos_are_accepted(client, member, product, django_capture_on_commit_callbacks):
    photos = [image_upload(f"photo-{n}.jpg", size=(64, 64)) for n in range(6)]

    with django_capture_on_commit_callbacks(execute=True):
        response = post_review(client, member, product, photos=photos)

    review = Review.objects.get()
    assert_back_at_the_review(response, review)
    assert review.photos.count() == 6


def test_an_oversized_photo_is_refused_with_its_size_keeping_what_was_typed(
    client, member, product, settings
):
    settings.AVATAR_MAX_BYTES = 1024
    upload = image_upload("big.jpg", size=(400, 400))
    assert upload.size > 1024

    response = post_review(client, member, product, photos=[upload])

    assert_refused_keeping_what_was_typed(response, "images may be at most 1.0\xa0KB.")
    assert "big.jpg" in response.content.decode()


def test_a_fake_photo_is_refused_keeping_what_was_typed(client, member, product):
    fake = SimpleUploadedFile(
        "holiday.jpg", b"#!/bin/sh\necho this is not a picture\n" * 50, content_type="image/jpeg"
    )

    response = post_review(client, member, product, photos=[fake])

    assert_refused_keeping_what_was_typed(
        response, "This file is not an image we can read. Please upload a JPEG, PNG, WebP or GIF."
    )


def test_one_bad_photo_among_good_ones_refuses_the_lot(client, member, product):
    fake = SimpleUploadedFile("fake.png", b"nope" * 100, content_type="image/png")

    response = post_review(client, member, product, photos=[image_upload(), fake])

    assert_refused_keeping_what_was_typed(response, "fake.png: This file is not an image")


def test_an_edit_that_would_pass_six_photos_says_how_many_more_fit(client, author, review):
    for _ in range(4):
        review_photo(review, size=(64, 64))
    client.force_login(author)

    response = client.post(
        f"/reviews/{review.pk}/edit/",
        {
            "rating": "4",
            "title": "Kept title",
            "text": "Kept text",
            "photos": [image_upload(f"new-{n}.jpg", size=(64, 64)) for n in range(3)],
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "It has 4 already, so you can add 2 more." in page
    assert re.search(r'<input(?=[^>]*name="title")(?=[^>]*value="Kept title")', page)
    assert review.photos.count() == 4


def test_an_edit_removes_a_photo_and_adds_another(
    client, author, review, django_capture_on_commit_callbacks
):
    first, second = review_photo(review, size=(64, 64)), review_photo(review, size=(64, 64))
    client.force_login(author)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/reviews/{review.pk}/edit/",
            {
                "rating": "4",
                "title": "Quiet and hot",
                "text": "With a new photo.",
                "remove_photos": [first.pk],
                "photos": [image_upload("new.jpg", size=(64, 64))],
            },
        )

    assert response.status_code == 302
    kept = list(review.photos.all())
    assert len(kept) == 2
    assert kept[0].pk == second.pk
    assert first.pk not in {photo.pk for photo in kept}


def test_a_first_review_held_for_moderation_tells_the_member(client, member, product):
    community_settings = CommunitySettings.load()
    community_settings.hold_first_contribution = True
    community_settings.save()

    response = post_review(client, member, product)

    assert Review.objects.get().moderation_state == ModerationState.HELD
    followed = client.get(response["Location"])
    assert "Your review is waiting for a moderator." in followed.content.decode()


# A member's public page


def member_review_links(elements, response):
    return {
        text: attrs["href"]
        for attrs, text in elements(response.content, "a", class_="member-review__title")
    }


def test_a_members_page_lists_their_published_reviews_with_links_to_them(
    client, elements, site_pages, product, review, author
):
    frother = product_page(site_pages.catalogue["en"], "Milk Frother")
    grinder = product_page(site_pages.catalogue["en"], "Grinder")
    frother_review = ReviewFactory(product=frother, author=author, title="Froths well")
    ReviewFactory(
        product=grinder, author=author, title="Held one", moderation_state=ModerationState.HELD
    )
    ReviewFactory(product=grinder, title="Someone else's")

    response = client.get(author.get_absolute_url())

    assert member_review_links(elements, response) == {
        "Quiet and hot": f"/products/espresso-one/?review={review.pk}#review-{review.pk}",
        "Froths well": f"/products/milk-frother/?review={frother_review.pk}"
        f"#review-{frother_review.pk}",
    }


def test_a_members_page_costs_the_same_with_more_reviews(client, site_pages, product, author):
    def queries():
        assert client.get(author.get_absolute_url()).status_code == 200
        with CaptureQueriesContext(connection) as captured:
            client.get(author.get_absolute_url())
        return len(captured)

    ReviewFactory(product=product, author=author)
    few = queries()
    for number in range(6):
        other = product_page(site_pages.catalogue["en"], f"Product {number}")
        ReviewFactory(product=other, author=author, helpful_count=number)
    many = queries()

    assert many == few
