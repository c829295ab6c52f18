"""Avatars: checked, cleaned and squared on upload; refused with a reason; generated when absent."""

import io
import re
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from community.models import Member
from tests.factories import image_upload

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
MAKE = 0x010F
ORIENTATION = 0x0112


def fresh(member):
    return Member.objects.get(pk=member.pk)


def post_avatar(client, member, upload, **fields):
    data = {
        "display_name": member.display_name,
        "handle": member.handle,
        "bio": member.bio,
        "preferred_language": member.preferred_language,
        "avatar_upload": upload,
    }
    data.update(fields)
    client.force_login(member)
    return client.post("/accounts/profile/", data)


def stored_image(member):
    member = fresh(member)
    assert member.avatar, "no avatar was stored"
    with member.avatar.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        image.load()
    return image


def png_upload(size, *, mode="1", name="big.png"):
    """A PNG with many pixels but few bytes: one colour compresses to almost nothing."""
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def png_claiming_size(width, height, name="bomb.png"):
    """A tiny PNG whose header claims `width` × `height` pixels: a decompression bomb."""
    buffer = io.BytesIO()
    Image.new("1", (8, 8)).save(buffer, format="PNG")
    data = bytearray(buffer.getvalue())
    header = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    return SimpleUploadedFile(name, bytes(data), content_type="image/png")


def assert_refused_keeping_what_was_typed(response, member, reason):
    page = response.content.decode()
    assert response.status_code == 200
    assert reason in page
    assert re.search(r'<input(?=[^>]*name="display_name")(?=[^>]*value="Typed Name")', page)
    assert re.search(r'<textarea[^>]*name="bio"[^>]*>\s*A bio I typed\s*</textarea>', page)
    unchanged = fresh(member)
    assert not unchanged.avatar
    assert unchanged.display_name == member.display_name
    assert unchanged.bio == member.bio


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP", "GIF"])
def test_an_accepted_image_is_stored_as_a_512_px_square_jpeg(
    client, site_pages, member, image_format
):
    upload = image_upload(f"me.{image_format.lower()}", size=(800, 600), image_format=image_format)

    response = post_avatar(client, member, upload)

    assert response.status_code == 302
    image = stored_image(member)
    assert image.format == "JPEG"
    assert image.size == (512, 512)
    assert fresh(member).avatar.name.endswith(".jpg")


def test_a_transparent_png_becomes_a_jpeg_on_white(client, site_pages, member):
    buffer = io.BytesIO()
    Image.new("RGBA", (600, 600), (255, 0, 0, 0)).save(buffer, format="PNG")
    upload = SimpleUploadedFile("clear.png", buffer.getvalue(), content_type="image/png")

    post_avatar(client, member, upload)

    image = stored_image(member)
    assert image.mode == "RGB"
    assert all(channel > 245 for channel in image.getpixel((256, 256)))


def test_gps_and_all_other_exif_data_are_removed(client, site_pages, member):
    exif = Image.Exif()
    exif[GPS_IFD] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 7.0)}
    exif[MAKE] = "Pocket Camera"
    upload = image_upload("holiday.jpg", exif=exif)
    assert Image.open(io.BytesIO(upload.read())).getexif().get_ifd(GPS_IFD), "test file has GPS"
    upload.seek(0)

    post_avatar(client, member, upload)

    image = stored_image(member)
    assert "exif" not in image.info
    assert dict(image.getexif()) == {}
    assert image.getexif().get_ifd(GPS_IFD) == {}
    with fresh(member).avatar.open("rb") as stored:
        raw = stored.read()
    assert b"Pocket Camera" not in raw
    assert b"Exif\x00\x00" not in raw


def test_the_exif_orientation_is_applied_before_it_is_dropped(client, site_pages, member):
    picture = Image.new("RGB", (400, 400), "red")
    picture.paste(Image.new("RGB", (400, 200), "blue"), (0, 200))
    exif = Image.Exif()
    exif[ORIENTATION] = 3  # upside down: the camera says to turn it half a turn
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", exif=exif)
    upload = SimpleUploadedFile("turned.jpg", buffer.getvalue(), content_type="image/jpeg")

    post_avatar(client, member, upload)

    red, green, blue = stored_image(member).getpixel((256, 20))
    assert blue > 200 and red < 60, "the top of the stored avatar is the blue half"


def test_a_file_larger_than_8_mb_is_refused_with_its_size(client, site_pages, member):
    too_big = image_upload("huge.jpg").read() + b"\0" * (8 * 1024 * 1024)
    upload = SimpleUploadedFile("huge.jpg", too_big, content_type="image/jpeg")

    response = post_avatar(client, member, upload, display_name="Typed Name", bio="A bio I typed")

    assert_refused_keeping_what_was_typed(
        response, member, "This file is 8.0\xa0MB; images may be at most 8.0\xa0MB."
    )


def test_the_size_limit_comes_from_the_settings(client, site_pages, member, settings):
    settings.AVATAR_MAX_BYTES = 1024
    upload = image_upload("photo.jpg", size=(400, 400))
    assert upload.size > 1024

    response = post_avatar(client, member, upload, display_name="Typed Name", bio="A bio I typed")

    assert_refused_keeping_what_was_typed(response, member, "images may be at most 1.0\xa0KB.")


def test_an_image_over_40_megapixels_is_refused_with_its_dimensions(client, site_pages, member):
    upload = png_upload((8000, 5001))
    assert upload.size < 1024 * 1024

    response = post_avatar(client, member, upload, display_name="Typed Name", bio="A bio I typed")

    assert_refused_keeping_what_was_typed(
        response, member, "This image is 8000 × 5001 pixels; images may have at most 40 megapixels."
    )


def test_the_pixel_limit_comes_from_the_settings(client, site_pages, member, settings):
    settings.AVATAR_MAX_PIXELS = 2_000_000
    upload = image_upload("photo.jpg", size=(2000, 1001))

    response = post_avatar(client, member, upload, display_name="Typed Name", bio="A bio I typed")

    assert_refused_keeping_what_was_typed(response, member, "at most 2 megapixels")


def test_a_non_image_renamed_jpg_is_refused(client, site_pages, member):
    upload = SimpleUploadedFile(
        "holiday.jpg", b"#!/bin/sh\necho this is not a picture\n" * 50, content_type="image/jpeg"
    )

    response = post_avatar(client, member, upload, display_name="Typed Name", bio="A bio I typed")

    assert_refused_keeping_what_was_typed(
        response,
        member,
        "This file is not an image we can read. Please upload a JPEG, PNG, WebP or GIF.",
    )


def test_an_image_in_another_format_is_refused_by_what_it_is_not_its_name(
    client, site_pages, member
):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "teal").save(buffer, format="BMP")
    upload = SimpleUploadedFile("looks-fine.jpg", buffer.getvalue(), content_type="image/jpeg")

    response = post_avatar(client, member, upload, display_name="Typed Name", bio="A bio I typed")

    assert_refused_keeping_what_was_typed(
        response, member, "This kind of image (BMP) is not accepted."
    )


@pytest.mark.parametrize(
    "upload",
    [
        pytest.param(lambda: png_upload((12000, 12000)), id="144-megapixel-png"),
        pytest.param(lambda: png_claiming_size(60000, 60000), id="forged-header"),
    ],
)
def test_a_decompression_bomb_is_refused(client, site_pages, member, upload):
    response = post_avatar(client, member, upload(), display_name="Typed Name", bio="A bio I typed")

    assert_refused_keeping_what_was_typed(
        response, member, "This image has too many pixels to be processed safely."
    )


def test_a_truncated_image_is_refused_as_damaged(client, site_pages, member):
    whole = image_upload("cut.jpg", size=(600, 600)).read()
    upload = SimpleUploadedFile("cut.jpg", whole[: len(whole) // 3], content_type="image/jpeg")

    response = post_avatar(client, member, upload, display_name="Typed Name", bio="A bio I typed")

    assert_refused_keeping_what_was_typed(response, member, "This image is damaged or incomplete.")


def test_the_avatar_shows_on_the_public_page_and_in_the_account_menu(
    client, site_pages, member, elements
):
    post_avatar(client, member, image_upload("me.jpg"))
    avatar_url = fresh(member).avatar.url

    page = client.get(member.get_absolute_url()).content

    assert len(elements(page, "img", src=avatar_url)) >= 2, "on the page and in the account menu"


def test_a_member_without_avatar_gets_generated_initials_not_an_image(
    client, site_pages, member, elements
):
    page = client.get(member.get_absolute_url()).content

    generated = elements(page, "span", class_="avatar--generated")
    assert "CM" in [text for _attrs, text in generated]
    assert not [
        attrs for attrs, _text in elements(page, "img") if "avatar" in attrs.get("class", "")
    ]


def test_generated_avatars_use_initials_of_the_first_two_words(member):
    member.display_name = "jean-paul de la tour"

    assert member.initials == "JD"


def test_removing_the_avatar_brings_back_the_initials_and_deletes_the_file(
    client, site_pages, member, django_capture_on_commit_callbacks, elements
):
    post_avatar(client, member, image_upload("me.jpg"))
    stored = fresh(member).avatar
    path = stored.path

    with django_capture_on_commit_callbacks(execute=True):
        response = post_avatar(client, member, "", remove_avatar="on")

    assert response.status_code == 302
    assert not fresh(member).avatar
    assert not stored.storage.exists(path)
    page = client.get(member.get_absolute_url()).content
    generated = elements(page, "span", class_="avatar--generated")
    assert "CM" in [text for _attrs, text in generated]


def test_a_new_avatar_replaces_the_old_file(
    client, site_pages, member, django_capture_on_commit_callbacks
):
    post_avatar(client, member, image_upload("first.jpg", colour="red"))
    first = fresh(member).avatar
    first_name = first.name

    with django_capture_on_commit_callbacks(execute=True):
        post_avatar(client, member, image_upload("second.jpg", colour="blue"))

    second = fresh(member).avatar
    assert second.name != first_name
    assert not first.storage.exists(first_name)
    red, green, blue = stored_image(member).getpixel((256, 256))
    assert blue > 200 and red < 60
