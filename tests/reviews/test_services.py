"""Every write about reviews goes through a service that checks who may do it and what is valid:
writing, editing and deleting, photos, helpful votes, staff responses, reports, moderation and
ownership records."""

import io
from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from wagtail.models import Locale

from community.models import CommunitySettings, ModerationState, Notification, Report
from community.products import canonical_product
from community.reports import report_create
from community.site_setup import translate_page
from reviews import services
from reviews.models import HelpfulVote, Ownership, Review, ReviewPhoto, StaffResponse
from reviews.photos import photo_process
from tests.factories import (
    MemberFactory,
    OwnershipFactory,
    ReviewFactory,
    StaffCardFactory,
    image_upload,
    product_page,
    review_photo,
)

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
MAKE = 0x010F


@pytest.fixture
def product(site_pages):
    return product_page(site_pages.catalogue["en"], "Espresso One")


@pytest.fixture
def other_product(site_pages):
    return product_page(site_pages.catalogue["en"], "Milk Frother")


@pytest.fixture
def french_product(product):
    return translate_page(product, Locale.objects.get(language_code="fr"), {"title": "Expresso Un"})


@pytest.fixture
def review(product):
    return ReviewFactory(product=product, author=MemberFactory(display_name="Reviewer Rita"))


def review_data(**changes):
    data = {
        "rating": 4,
        "title": "Good coffee, quietly",
        "text": "Makes a good espresso every morning without waking the house.",
        "pros": "Quiet",
        "cons": "Small water tank",
        "received_free": False,
    }
    data.update(changes)
    return data


def uploaded_photos(count):
    return [image_upload(f"photo-{n}.jpg", size=(640, 480)) for n in range(count)]


def hold_first_reviews(on=True):
    community_settings = CommunitySettings.load()
    community_settings.hold_first_contribution = on
    community_settings.save()


def stored(field_file):
    with field_file.open("rb") as handle:
        raw = handle.read()
    image = Image.open(io.BytesIO(raw))
    image.load()
    return image, raw


# Writing a review


def test_a_verified_member_publishes_a_review_with_everything_they_wrote(member, product):
    review = services.review_create(member, product, data=review_data(received_free=True))

    review = Review.objects.get(pk=review.pk)
    assert review.moderation_state == ModerationState.PUBLISHED
    assert (review.author, review.product_id) == (member, product.pk)
    assert (review.rating, review.title, review.pros, review.cons) == (
        4,
        "Good coffee, quietly",
        "Quiet",
        "Small water tank",
    )
    assert review.received_free is True
    assert review.edited_at is None
    assert review.language == "en"


@pytest.mark.parametrize("who", ["unverified_member", "visitor"])
def test_only_members_with_a_verified_address_can_write_a_review(request, who, product):
    writer = request.getfixturevalue(who) or AnonymousUser()

    with pytest.raises(PermissionDenied):
        services.review_create(writer, product, data=review_data())

    assert not Review.objects.exists()


def test_a_second_review_of_the_same_product_is_refused_with_a_clear_message(member, product):
    services.review_create(member, product, data=review_data())

    with pytest.raises(ValidationError) as refused:
        services.review_create(member, product, data=review_data(title="Again"))

    assert refused.value.messages == [
        "You have already reviewed this product. You can edit your review instead."
    ]
    assert Review.objects.filter(author=member).count() == 1


def test_a_member_can_review_two_different_products(member, product, other_product):
    services.review_create(member, product, data=review_data())
    services.review_create(member, other_product, data=review_data())

    assert Review.objects.filter(author=member).count() == 2


@pytest.mark.parametrize("rating", [0, 6])
def test_a_rating_outside_one_to_five_is_refused(member, product, rating):
    with pytest.raises(ValidationError) as refused:
        services.review_create(member, product, data=review_data(rating=rating))

    assert "rating" in refused.value.message_dict
    assert not Review.objects.exists()


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_a_review_without_text_is_refused(member, product, text):
    with pytest.raises(ValidationError) as refused:
        services.review_create(member, product, data=review_data(text=text))

    assert "text" in refused.value.message_dict
    assert not Review.objects.exists()


def test_a_review_keeps_up_to_six_photos_in_the_order_given(
    member, product, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review = services.review_create(
            member, product, data=review_data(), photos=uploaded_photos(6)
        )

    assert list(review.photos.values_list("sort_order", flat=True)) == [0, 1, 2, 3, 4, 5]


def test_a_seventh_photo_is_refused_and_nothing_is_saved(member, product):
    with pytest.raises(ValidationError) as refused:
        services.review_create(member, product, data=review_data(), photos=uploaded_photos(7))

    assert refused.value.messages == ["A review can have at most 6 photos."]
    assert not Review.objects.exists()
    assert not ReviewPhoto.objects.exists()


def test_a_photo_is_stored_large_and_as_a_thumbnail_as_jpegs_without_exif(
    member, product, django_capture_on_commit_callbacks
):
    exif = Image.Exif()
    exif[GPS_IFD] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 7.0)}
    exif[MAKE] = "Pocket Camera"
    upload = image_upload("holiday.png", size=(4000, 3000), image_format="PNG")
    jpeg_with_exif = image_upload("holiday.jpg", size=(3000, 4000), exif=exif)

    with django_capture_on_commit_callbacks(execute=True):
        review = services.review_create(
            member, product, data=review_data(), photos=[upload, jpeg_with_exif]
        )

    landscape, portrait = review.photos.all()
    for photo, large_size, thumbnail_size in [
        (landscape, (1600, 1200), (320, 240)),
        (portrait, (1200, 1600), (240, 320)),
    ]:
        large, large_raw = stored(photo.image)
        thumbnail, thumbnail_raw = stored(photo.thumbnail)
        assert (large.format, large.size) == ("JPEG", large_size)
        assert (thumbnail.format, thumbnail.size) == ("JPEG", thumbnail_size)
        for image, raw in [(large, large_raw), (thumbnail, thumbnail_raw)]:
            assert dict(image.getexif()) == {}
            assert b"Exif\x00\x00" not in raw
            assert b"Pocket Camera" not in raw


def test_a_small_photo_is_never_enlarged(member, product):
    photo = photo_process(image_upload(size=(200, 100)), "small")

    large, thumbnail = (Image.open(io.BytesIO(part.read())) for part in photo)

    assert large.size == (200, 100)
    assert thumbnail.size == (200, 100)


def test_a_file_that_is_not_an_image_is_refused_before_anything_is_written():
    fake = SimpleUploadedFile("cat.jpg", b"not a picture at all" * 20, content_type="image/jpeg")

    with pytest.raises(ValidationError) as refused:
        photo_process(fake, "cat")

    assert refused.value.code == "not_an_image"


def test_a_photo_over_the_size_limit_is_refused(settings):
    settings.AVATAR_MAX_BYTES = 1024
    upload = image_upload(size=(400, 400))
    assert upload.size > 1024

    with pytest.raises(ValidationError) as refused:
        photo_process(upload, "big")

    assert refused.value.code == "too_large"


def test_a_members_first_review_is_held_when_the_site_holds_first_contributions(member, product):
    hold_first_reviews()

    first = services.review_create(member, product, data=review_data())

    assert first.moderation_state == ModerationState.HELD


def test_once_a_member_has_a_published_review_the_next_one_is_published(
    member, moderator, product, other_product
):
    hold_first_reviews()
    first = services.review_create(member, product, data=review_data())
    services.review_moderate(moderator, first, state=ModerationState.PUBLISHED)

    second = services.review_create(member, other_product, data=review_data())

    assert second.moderation_state == ModerationState.PUBLISHED


def test_a_first_review_is_published_when_the_site_does_not_hold_first_contributions(
    member, product
):
    hold_first_reviews(on=False)

    assert services.review_create(member, product, data=review_data()).is_published


def test_a_review_written_on_the_french_page_belongs_to_the_product(
    member, product, french_product
):
    review = services.review_create(member, french_product, data=review_data())

    assert review.product_id == product.pk


def test_canonical_product_maps_the_french_page_to_the_english_one(product, french_product):
    assert french_product.pk != product.pk
    assert canonical_product(french_product).pk == product.pk
    assert canonical_product(product).pk == product.pk


# Editing and deleting


def test_an_edit_changes_the_review_and_marks_it_edited(review):
    created_at = review.created_at

    services.review_update(
        review.author, review, data={"rating": 2, "text": "It broke after a month."}
    )

    review.refresh_from_db()
    assert (review.rating, review.text) == (2, "It broke after a month.")
    assert review.edited_at is not None
    assert review.edited_at >= created_at
    assert review.created_at == created_at


def test_an_edit_removes_and_adds_photos_up_to_six(review, django_capture_on_commit_callbacks):
    kept, removed, *others = [review_photo(review) for _ in range(4)]
    removed_file = removed.image.name
    storage = removed.image.storage

    with django_capture_on_commit_callbacks(execute=True):
        services.review_update(
            review.author,
            review,
            data={},
            photos=uploaded_photos(3),
            remove_photo_ids=[removed.pk],
        )

    photos = list(review.photos.all())
    assert len(photos) == 6
    assert removed.pk not in {photo.pk for photo in photos}
    assert photos[0].pk == kept.pk
    assert [photo.sort_order for photo in photos] == [0, 2, 3, 4, 5, 6]
    assert not storage.exists(removed_file)


def test_an_edit_that_would_pass_six_photos_is_refused_and_changes_nothing(review):
    for _ in range(4):
        review_photo(review)
    text = review.text

    with pytest.raises(ValidationError):
        services.review_update(
            review.author, review, data={"text": "Changed"}, photos=uploaded_photos(3)
        )

    review.refresh_from_db()
    assert review.photos.count() == 4
    assert review.text == text
    assert review.edited_at is None


def test_an_edit_with_a_rating_outside_one_to_five_is_refused(review):
    with pytest.raises(ValidationError):
        services.review_update(review.author, review, data={"rating": 6})

    review.refresh_from_db()
    assert review.rating == 4


@pytest.mark.parametrize("who", ["member", "staff", "moderator"])
def test_only_the_author_can_edit_a_review(request, review, who):
    with pytest.raises(PermissionDenied):
        services.review_update(request.getfixturevalue(who), review, data={"text": "Mine now"})

    review.refresh_from_db()
    assert review.text != "Mine now"


def test_the_author_can_delete_their_review_and_its_photo_files(
    review, django_capture_on_commit_callbacks
):
    photo = review_photo(review)
    storage, files = photo.image.storage, [photo.image.name, photo.thumbnail.name]

    with django_capture_on_commit_callbacks(execute=True):
        services.review_delete(review.author, review)

    assert not Review.objects.filter(pk=review.pk).exists()
    assert not ReviewPhoto.objects.exists()
    assert not any(storage.exists(name) for name in files)


def test_a_moderator_can_delete_a_review(review, moderator):
    services.review_delete(moderator, review)

    assert not Review.objects.filter(pk=review.pk).exists()


@pytest.mark.parametrize("who", ["member", "unverified_member", "staff"])
def test_nobody_else_can_delete_a_review(request, review, who):
    with pytest.raises(PermissionDenied):
        services.review_delete(request.getfixturevalue(who), review)

    assert Review.objects.filter(pk=review.pk).exists()


# Helpful votes


def helpful_count(review):
    return Review.objects.get(pk=review.pk).helpful_count


def test_a_member_marks_a_review_helpful(review, member):
    assert services.review_helpful_set(member, review, helpful=True) is True

    assert helpful_count(review) == 1
    assert HelpfulVote.objects.filter(review=review, member=member).exists()


def test_marking_a_review_helpful_twice_counts_once(review, member):
    services.review_helpful_set(member, review, helpful=True)

    assert services.review_helpful_set(member, review, helpful=True) is False

    assert helpful_count(review) == 1
    assert HelpfulVote.objects.filter(review=review).count() == 1


def test_a_member_can_take_their_helpful_vote_back(review, member):
    other = MemberFactory()
    services.review_helpful_set(member, review, helpful=True)
    services.review_helpful_set(other, review, helpful=True)

    assert services.review_helpful_set(member, review, helpful=False) is True
    assert services.review_helpful_set(member, review, helpful=False) is False

    assert helpful_count(review) == 1
    assert list(HelpfulVote.objects.values_list("member", flat=True)) == [other.pk]


def test_a_member_cannot_mark_their_own_review_helpful(review):
    with pytest.raises(PermissionDenied):
        services.review_helpful_set(review.author, review, helpful=True)

    assert helpful_count(review) == 0


def test_an_unverified_member_cannot_vote(review, unverified_member):
    with pytest.raises(PermissionDenied):
        services.review_helpful_set(unverified_member, review, helpful=True)

    assert not HelpfulVote.objects.exists()


@pytest.mark.parametrize("status", [ModerationState.HELD, ModerationState.HIDDEN])
def test_a_review_that_is_not_published_cannot_be_voted_on(product, member, status):
    review = ReviewFactory(product=product, moderation_state=status)

    with pytest.raises(PermissionDenied):
        services.review_helpful_set(member, review, helpful=True)

    assert helpful_count(review) == 0


# Staff responses


def test_staff_with_an_active_card_respond_under_their_card_and_the_reviewer_is_notified(
    review, staff
):
    response = services.staff_response_save(staff, review, text="  Thank you, Rita!  ")

    response = StaffResponse.objects.get(pk=response.pk)
    assert response.review == review
    assert response.text == "Thank you, Rita!"
    assert response.is_staff_writing
    assert response.author_card == staff.staff_card
    assert response.author_role_title == "Support specialist"
    notification = Notification.objects.get(recipient=review.author)
    assert notification.kind == "review_staff_response"
    assert notification.params["staff_name"] == "Amélie Durand"
    assert notification.actor == staff
    assert notification.url.endswith(f"#review-{review.pk}")


@pytest.mark.parametrize("who", ["member", "unverified_member", "moderator"])
def test_members_and_moderators_without_a_staff_card_cannot_respond(request, review, who):
    with pytest.raises(PermissionDenied):
        services.staff_response_save(request.getfixturevalue(who), review, text="Hello")

    assert not StaffResponse.objects.exists()
    assert not Notification.objects.filter(kind="review_staff_response").exists()


def test_staff_whose_card_is_inactive_cannot_respond(review):
    former = StaffCardFactory(is_active=False).member

    with pytest.raises(PermissionDenied):
        services.staff_response_save(former, review, text="Hello")

    assert not StaffResponse.objects.exists()


def test_an_empty_response_is_refused(review, staff):
    with pytest.raises(ValidationError):
        services.staff_response_save(staff, review, text="  ")

    assert not StaffResponse.objects.exists()


def test_editing_the_response_keeps_one_response_and_marks_it_edited(review, staff):
    first = services.staff_response_save(staff, review, text="Thank you!")
    colleague = StaffCardFactory(real_name="Bruno Leroy").member

    edited = services.staff_response_save(colleague, review, text="Thank you, we fixed it.")

    assert StaffResponse.objects.count() == 1
    edited.refresh_from_db()
    assert edited.pk == first.pk
    assert edited.text == "Thank you, we fixed it."
    assert edited.edited_at is not None
    assert edited.author_card.real_name == "Bruno Leroy"
    assert Notification.objects.filter(kind="review_staff_response").count() == 1


# Reports


def test_a_member_reports_a_review_once(review, member):
    report = report_create(member, review, reason=Report.Reason.SPAM, text=" Advert ")

    assert report.content_object == review
    assert (report.reporter, report.reason, report.text) == (member, "spam", "Advert")
    with pytest.raises(ValidationError) as refused:
        report_create(member, review, reason=Report.Reason.ABUSE)
    assert refused.value.messages == ["You have already reported this."]
    assert Report.objects.count() == 1


def test_two_members_can_each_report_the_same_review(review, member):
    report_create(member, review, reason=Report.Reason.SPAM)
    report_create(MemberFactory(), review, reason=Report.Reason.SPAM)

    assert Report.objects.count() == 2


def test_a_member_cannot_report_their_own_review(review):
    with pytest.raises(PermissionDenied):
        report_create(review.author, review, reason=Report.Reason.SPAM)

    assert not Report.objects.exists()


def test_a_report_needs_a_reason_from_the_list(review, member):
    with pytest.raises(ValidationError):
        report_create(member, review, reason="negative_opinion")

    assert not Report.objects.exists()


def test_an_unverified_member_cannot_report(review, unverified_member):
    with pytest.raises(PermissionDenied):
        report_create(unverified_member, review, reason=Report.Reason.SPAM)

    assert not Report.objects.exists()


# Moderation


def test_hiding_a_review_needs_a_reason(review, moderator):
    with pytest.raises(ValidationError):
        services.review_moderate(moderator, review, state=ModerationState.HIDDEN, reason="  ")

    review.refresh_from_db()
    assert review.moderation_state == ModerationState.PUBLISHED


def test_a_moderator_hides_a_review_and_the_author_sees_why(review, moderator):
    services.review_moderate(
        moderator, review, state=ModerationState.HIDDEN, reason="Shares a phone number."
    )

    review.refresh_from_db()
    assert review.moderation_state == ModerationState.HIDDEN
    assert review.moderation_reason == "Shares a phone number."
    assert review.moderated_by == moderator
    notification = Notification.objects.get(recipient=review.author, kind="review_moderated")
    assert notification.params["reason"] == "Shares a phone number."
    assert "is now hidden by a moderator" in notification.message


def test_a_moderator_publishes_a_held_review(product, moderator):
    review = ReviewFactory(product=product, moderation_state=ModerationState.HELD)

    services.review_moderate(moderator, review, state=ModerationState.PUBLISHED)

    review.refresh_from_db()
    assert review.is_published
    assert Notification.objects.filter(recipient=review.author, kind="review_moderated").exists()


def test_a_status_that_does_not_exist_is_refused(review, moderator):
    with pytest.raises(ValidationError):
        services.review_moderate(moderator, review, state="deleted", reason="Because")

    review.refresh_from_db()
    assert review.moderation_state == ModerationState.PUBLISHED


@pytest.mark.parametrize("who", ["member", "staff"])
def test_only_moderators_publish_or_hide_reviews(request, review, who):
    with pytest.raises(PermissionDenied):
        services.review_moderate(
            request.getfixturevalue(who), review, state=ModerationState.HIDDEN, reason="No"
        )

    review.refresh_from_db()
    assert review.moderation_state == ModerationState.PUBLISHED
    assert not Notification.objects.filter(kind="review_moderated").exists()


# Ownership records


def test_staff_mark_a_member_as_a_verified_owner_and_can_take_it_back(staff, member, product):
    ownership = services.ownership_set(
        staff, member, product, owned=True, purchased_on=date(2025, 3, 1)
    )

    assert (ownership.member, ownership.product_id) == (member, product.pk)
    assert (ownership.source, ownership.recorded_by) == (Ownership.Source.STAFF, staff)
    assert ownership.purchased_on == date(2025, 3, 1)
    assert services.ownership_set(staff, member, product, owned=True).pk == ownership.pk
    assert Ownership.objects.count() == 1

    services.ownership_set(staff, member, product, owned=False, reason="Returned the machine")

    assert not Ownership.objects.exists()


def test_ownership_marked_on_the_french_page_is_recorded_for_the_product(
    staff, member, product, french_product
):
    services.ownership_set(staff, member, french_product, owned=True)

    assert Ownership.objects.get().product_id == product.pk


@pytest.mark.parametrize("who", ["member", "moderator"])
def test_only_staff_mark_verified_owners_or_import_records(request, member, product, who):
    actor = request.getfixturevalue(who)

    with pytest.raises(PermissionDenied):
        services.ownership_set(actor, member, product, owned=True)
    with pytest.raises(PermissionDenied):
        services.ownership_import_csv(actor, f"{member.email},{product.slug},")

    assert not Ownership.objects.exists()


def test_the_csv_import_records_owners_and_reports_rows_that_do_not_match(
    staff, product, other_product
):
    camille = MemberFactory(email="camille@example.com")
    noah = MemberFactory(email="noah@example.com")
    OwnershipFactory(member=noah, product=other_product)
    csv_text = (
        "e-mail,product,date\n"
        "CAMILLE@example.com,espresso-one,2025-01-31\n"
        "noah@example.com,Milk Frother,\n"
        "nobody@example.com,espresso-one,2025-01-31\n"
        "noah@example.com,toaster,2025-01-31\n"
        "noah@example.com,espresso-one,31/01/2025\n"
        "just-one-cell\n"
        "\n"
    )

    report = services.ownership_import_csv(staff, csv_text)

    assert (report.created, report.already_known) == (1, 1)
    assert [(line, reason) for line, _row, reason in report.unmatched] == [
        (4, "no member has this e-mail address"),
        (5, "no product has this name"),
        (6, "the date is not YYYY-MM-DD"),
        (7, "expected: e-mail, product, date"),
    ]
    imported = Ownership.objects.get(member=camille)
    assert (imported.product_id, imported.purchased_on) == (product.pk, date(2025, 1, 31))
    assert (imported.source, imported.recorded_by) == (Ownership.Source.IMPORT, staff)
    assert not Ownership.objects.filter(member=noah, product=product).exists()


def test_the_csv_import_works_without_a_header_and_again_without_duplicates(staff, member, product):
    csv_text = f"{member.email},espresso-one,{timezone.localdate().isoformat()}\n"

    first = services.ownership_import_csv(staff, csv_text)
    again = services.ownership_import_csv(staff, csv_text)

    assert (first.created, first.already_known, first.unmatched) == (1, 0, [])
    assert (again.created, again.already_known, again.unmatched) == (0, 1, [])
    assert Ownership.objects.filter(member=member, product=product).count() == 1
