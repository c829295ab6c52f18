"""The hostile image bank (issue 32): the files an attacker, or an unlucky camera, sends as an
avatar, a review photo or an idea image, each posted through the site's own forms as a member
posts them. Each is either refused with a message that says why, keeping the rest of the form,
or stored clean: a still JPEG of its pixels and nothing else (no comment, EXIF, XMP, ICC profile
or text chunk, nothing appended, not a byte of the payload it carried).

Every file is drawn here with Pillow. The large ones (tens of megapixels) run in the PostgreSQL
pass only, where the resident memory of the just-under-the-limit upload is measured too.
"""

import io
import re
import struct
import zlib
from dataclasses import dataclass
from functools import cache
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image, ImageCms, ImageDraw
from PIL.PngImagePlugin import PngInfo

from community.models import Member
from ideas.models import Idea
from reviews.models import Review
from tests.factories import product_page

pytestmark = pytest.mark.django_db

large_image = pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="a large image (tens of megapixels): runs in the PostgreSQL pass only",
)

PAYLOAD = "<script>alert('hostile-bank')</script>"
HTML_PAGE = f"<!DOCTYPE html><html><body><h1>Hello</h1>{PAYLOAD}</body></html>"
CAMERA = "Pocket Camera HB-1"
GPS_IFD = 0x8825
MAKE = 0x010F
ORIENTATION = 0x0112
# What Pillow reports of a JPEG's metadata; a clean stored image has none of it.
METADATA_KEYS = {"comment", "exif", "xmp", "icc_profile", "photoshop", "adobe", "mp"}
# Traces of metadata segments in the stored bytes, whatever Pillow reads of them.
METADATA_TRACES = (b"Exif\x00\x00", b"http://ns.adobe.com/xap/1.0/", b"ICC_PROFILE")
NOT_AN_IMAGE = "This file is not an image we can read. Please upload a JPEG, PNG, WebP or GIF."
TOO_MANY_PIXELS = "This image has too many pixels to be processed safely."
DAMAGED = "This image is damaged or incomplete. Please upload another file."
EMPTY = "The submitted file is empty."
MEGABYTE = 1024 * 1024
# The most memory one just-under-the-limit upload may hold above what the process held before
# (a 40-megapixel PNG decodes to 160 MB; before issue 32 an avatar took about 450 MB).
MEMORY_BOUND_MB = 200


@dataclass(frozen=True)
class Hostile:
    name: str
    content_type: str
    data: bytes

    def upload(self):
        return SimpleUploadedFile(self.name, self.data, content_type=self.content_type)


def encoded(image, image_format, **options):
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def two_halves(size=(640, 480), first="red", second="blue", *, split="top"):
    """Top and bottom halves (or left and right) in two colours, to tell which way is up."""
    width, height = size
    picture = Image.new("RGB", size, first)
    if split == "top":
        picture.paste(Image.new("RGB", (width, height - height // 2), second), (0, height // 2))
    else:
        picture.paste(Image.new("RGB", (width - width // 2, height), second), (width // 2, 0))
    return picture


def camera_exif(orientation):
    exif = Image.Exif()
    exif[GPS_IFD] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 7.0)}
    exif[MAKE] = CAMERA
    exif[ORIENTATION] = orientation
    return exif


def xmp_packet():
    return (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:description>{PAYLOAD}</dc:description><dc:creator>{CAMERA}</dc:creator>"
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()


def srgb_profile():
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def frames(size=(320, 240)):
    return [Image.new("RGB", size, colour) for colour in ("red", "lime", "blue")]


# --- Files stored clean ------------------------------------------------------------------------


@cache
def jpeg_with_html_comment():
    data = encoded(Image.new("RGB", (640, 480), "teal"), "JPEG", comment=HTML_PAGE.encode())
    return Hostile("comment.jpg", "image/jpeg", data)


@cache
def png_with_script_text_chunks():
    chunks = PngInfo()
    chunks.add_text("Comment", PAYLOAD)
    chunks.add_text("Description", HTML_PAGE, zip=True)
    chunks.add_itxt("Title", PAYLOAD, lang="en", tkey="Title")
    chunks.add_itxt("XML:com.adobe.xmp", xmp_packet().decode())
    data = encoded(Image.new("RGB", (640, 480), "teal"), "PNG", pnginfo=chunks)
    return Hostile("text.png", "image/png", data)


@cache
def gif_with_comment():
    data = encoded(Image.new("P", (640, 480), 3), "GIF", comment=PAYLOAD.encode())
    return Hostile("comment.gif", "image/gif", data)


@cache
def gif_that_is_also_html():
    """A GIF whose comment is a whole HTML page and that has the page again after its end: a
    browser that sniffs it as HTML runs the script."""
    gif = encoded(Image.new("P", (640, 480), 3), "GIF", comment=HTML_PAGE.encode())
    return Hostile("page.gif", "image/gif", gif + HTML_PAGE.encode())


@cache
def jpeg_with_script_after_its_end():
    data = encoded(Image.new("RGB", (640, 480), "teal"), "JPEG") + f"\n{HTML_PAGE}\n".encode()
    return Hostile("appended.jpg", "image/jpeg", data)


@cache
def png_with_html_after_its_end():
    data = encoded(Image.new("RGB", (640, 480), "teal"), "PNG") + HTML_PAGE.encode()
    return Hostile("appended.png", "image/png", data)


@cache
def animated_gif():
    first, *others = frames()
    data = encoded(first, "GIF", save_all=True, append_images=others, duration=100, loop=0)
    return Hostile("moving.gif", "image/gif", data)


@cache
def animated_webp():
    first, *others = frames()
    data = encoded(first, "WEBP", save_all=True, append_images=others, duration=100, loop=0)
    return Hostile("moving.webp", "image/webp", data)


@cache
def jpeg_with_gps_and_orientation():
    """A camera's photo held sideways: 4000 × 2000 pixels stored, red on the left, and EXIF
    saying to turn it a quarter clockwise (so red is at the top), with the GPS position."""
    picture = two_halves((4000, 2000), split="left")
    data = encoded(picture, "JPEG", quality=90, exif=camera_exif(orientation=6))
    return Hostile("sideways.jpg", "image/jpeg", data)


@cache
def png_with_exif_orientation():
    """A PNG upside down (blue on top) with an eXIf chunk saying to turn it half a turn."""
    data = encoded(two_halves(first="blue", second="red"), "PNG", exif=camera_exif(orientation=3))
    return Hostile("upside-down.png", "image/png", data)


@cache
def jpeg_with_xmp():
    data = encoded(Image.new("RGB", (640, 480), "teal"), "JPEG", xmp=xmp_packet())
    return Hostile("xmp.jpg", "image/jpeg", data)


@cache
def jpeg_with_icc_profile():
    picture = Image.new("RGB", (640, 480), "teal")
    data = encoded(picture, "JPEG", icc_profile=srgb_profile() + PAYLOAD.encode())
    return Hostile("icc.jpg", "image/jpeg", data)


@cache
def webp_with_exif_xmp_and_icc():
    picture = Image.new("RGB", (640, 480), "teal")
    data = encoded(
        picture,
        "WEBP",
        exif=camera_exif(orientation=1),
        xmp=xmp_packet(),
        icc_profile=srgb_profile(),
    )
    return Hostile("everything.webp", "image/webp", data)


@cache
def large_transparent_gif():
    """2,000 × 1,200 palette pixels, the top half transparent: large enough to be decoded
    reduced for a 512 px avatar (converted strip by strip), which must keep the transparency."""
    picture = Image.new("P", (2000, 1200), 1)
    picture.putpalette([0, 0, 0, 0, 0, 255] + [0, 0, 0] * 254)
    ImageDraw.Draw(picture).rectangle((0, 0, 1999, 599), fill=0)
    data = encoded(picture, "GIF", transparency=0, comment=PAYLOAD.encode())
    return Hostile("transparent.gif", "image/gif", data)


@cache
def just_under_the_pixel_limit():
    """7,300 × 5,465 = 39.9 megapixels of gradients and shapes (a photo's worth of pixels that
    PNG compresses well under 8 MB), with a text chunk carrying the payload."""
    width, height = 7300, 5465
    red = Image.linear_gradient("L").resize((width, height))
    green = Image.radial_gradient("L").resize((width, height))
    picture = Image.merge("RGB", (red, green, red.transpose(Image.Transpose.ROTATE_180)))
    draw = ImageDraw.Draw(picture)
    for step in range(0, width, 400):
        draw.ellipse((step, step // 2, step + 900, step // 2 + 700), outline=(20, 40, 200), width=9)
    chunks = PngInfo()
    chunks.add_text("Comment", PAYLOAD)
    return Hostile("huge.png", "image/png", encoded(picture, "PNG", pnginfo=chunks))


STORED_CLEAN = [
    pytest.param(jpeg_with_html_comment, id="jpeg-html-in-comment-segment"),
    pytest.param(png_with_script_text_chunks, id="png-script-in-text-and-itxt-chunks"),
    pytest.param(gif_with_comment, id="gif-comment"),
    pytest.param(gif_that_is_also_html, id="gif-that-is-also-html"),
    pytest.param(jpeg_with_script_after_its_end, id="jpeg-script-after-its-end"),
    pytest.param(png_with_html_after_its_end, id="png-html-after-its-end"),
    pytest.param(animated_gif, id="animated-gif"),
    pytest.param(animated_webp, id="animated-webp"),
    pytest.param(jpeg_with_gps_and_orientation, id="jpeg-exif-gps-and-orientation"),
    pytest.param(png_with_exif_orientation, id="png-exif-orientation"),
    pytest.param(jpeg_with_xmp, id="jpeg-xmp"),
    pytest.param(jpeg_with_icc_profile, id="jpeg-icc-profile"),
    pytest.param(webp_with_exif_xmp_and_icc, id="webp-exif-xmp-icc"),
    pytest.param(large_transparent_gif, id="large-transparent-gif"),
]


# --- Files refused -----------------------------------------------------------------------------


@cache
def svg_with_script():
    data = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">'
        f'<rect width="640" height="480" fill="teal"/>{PAYLOAD}</svg>'
    ).encode()
    return Hostile("picture.svg", "image/svg+xml", data)


@cache
def html_page_then_png():
    png = encoded(Image.new("RGB", (64, 64), "teal"), "PNG")
    return Hostile("page.png", "image/png", HTML_PAGE.encode() + png)


@cache
def zero_bytes():
    return Hostile("empty.jpg", "image/jpeg", b"")


@cache
def truncated_jpeg():
    whole = encoded(two_halves((600, 600)), "JPEG")
    return Hostile("cut.jpg", "image/jpeg", whole[: len(whole) // 3])


@cache
def forged_header_bomb():
    """A tiny PNG whose header claims 60,000 × 60,000 pixels."""
    data = bytearray(encoded(Image.new("1", (8, 8)), "PNG"))
    header = struct.pack(">II", 60000, 60000) + bytes(data[24:29])
    data[16:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    return Hostile("bomb.png", "image/png", bytes(data))


@cache
def over_the_byte_limit():
    padded = encoded(Image.new("RGB", (64, 64), "teal"), "JPEG") + b"\0" * (8 * MEGABYTE)
    return Hostile("heavy.jpg", "image/jpeg", padded)


@cache
def real_bomb():
    """144 megapixels of one colour: a PNG of a few kilobytes that would decode to 144 MB."""
    return Hostile("bomb.png", "image/png", encoded(Image.new("1", (12000, 12000)), "PNG"))


@cache
def over_the_pixel_limit():
    return Hostile("wide.png", "image/png", encoded(Image.new("1", (8000, 5001)), "PNG"))


@cache
def webp_over_its_pixel_limit():
    """9 megapixels: under the limit of other formats, over the one for WebP, which Pillow
    cannot decode at a reduced scale."""
    return Hostile("wide.webp", "image/webp", encoded(Image.new("RGB", (3000, 3000)), "WEBP"))


@cache
def webp_just_under_its_pixel_limit():
    """3,265 × 2,449 = 7.99 megapixels of noise, as a camera's WebP would hold."""
    noise = Image.effect_noise((3265, 2449), 40).convert("RGB")
    return Hostile("camera.webp", "image/webp", encoded(noise, "WEBP", quality=60))


REFUSED = [
    pytest.param(svg_with_script, NOT_AN_IMAGE, id="svg"),
    pytest.param(html_page_then_png, NOT_AN_IMAGE, id="html-page-then-png"),
    pytest.param(zero_bytes, EMPTY, id="zero-bytes"),
    pytest.param(forged_header_bomb, TOO_MANY_PIXELS, id="bomb-forged-header"),
    pytest.param(
        over_the_byte_limit, "This file is 8.0\xa0MB; images may be at most 8.0\xa0MB.", id="bytes"
    ),
    pytest.param(
        webp_over_its_pixel_limit,
        "This image is 3000 × 3000 pixels; images may have at most 8 megapixels.",
        id="webp-over-its-pixel-limit",
    ),
    pytest.param(real_bomb, TOO_MANY_PIXELS, id="bomb-144-megapixels", marks=large_image),
    pytest.param(
        over_the_pixel_limit,
        "This image is 8000 × 5001 pixels; images may have at most 40 megapixels.",
        id="over-the-pixel-limit",
        marks=large_image,
    ),
]


# --- Posting as a member does --------------------------------------------------------------------

TYPED_PROFILE = {"display_name": "Typed Name", "bio": "A bio I typed"}
TYPED_REVIEW = {
    "rating": "4",
    "title": "Typed title",
    "text": "Typed text about the machine.",
    "pros": "Typed pros",
}


@pytest.fixture
def product(site_pages):
    return product_page(site_pages.catalogue["en"], "Espresso One")


def post_avatar(client, member, upload):
    client.force_login(member)
    data = {
        "handle": member.handle,
        "preferred_language": member.preferred_language,
        "avatar_upload": upload,
        **TYPED_PROFILE,
    }
    return client.post("/accounts/profile/", data)


def post_review(client, member, product, upload):
    client.force_login(member)
    return client.post(f"/reviews/write/{product.pk}/", {**TYPED_REVIEW, "photos": [upload]})


def stored_avatar(member):
    avatar = Member.objects.get(pk=member.pk).avatar
    assert avatar, "no avatar was stored"
    with avatar.open("rb") as stored:
        return [stored.read()]


def stored_review_photos(member):
    """The bytes of the review's photo and thumbnail."""
    review = Review.objects.get(author=member)
    stored = []
    for photo in review.photos.all():
        for field in (photo.image, photo.thumbnail):
            with field.open("rb") as file:
                stored.append(file.read())
    assert len(stored) == 2, "one photo, with its thumbnail"
    return stored


def assert_pixels_only(raw: bytes) -> Image.Image:
    """The stored bytes are a still JPEG of pixels: no metadata segment, nothing after its end,
    nothing of the payload."""
    assert PAYLOAD.encode() not in raw
    assert b"hostile-bank" not in raw
    assert b"<script" not in raw.lower() and b"<html" not in raw.lower()
    assert CAMERA.encode() not in raw
    for trace in METADATA_TRACES:
        assert trace not in raw, f"{trace!r} is in the stored file"
    assert raw.startswith(b"\xff\xd8") and raw.endswith(b"\xff\xd9"), "nothing after its end"
    image = Image.open(io.BytesIO(raw))
    assert image.format == "JPEG"
    assert not METADATA_KEYS & image.info.keys(), image.info.keys()
    assert {marker for marker, _content in image.applist} <= {"APP0"}, "only the JFIF header"
    assert dict(image.getexif()) == {}
    image.load()
    return image


def assert_avatar_refused(response, member, reason):
    page = unescape(response.content.decode())
    assert response.status_code == 200
    assert reason in page
    assert re.search(r'<input(?=[^>]*name="display_name")(?=[^>]*value="Typed Name")', page)
    assert re.search(r'<textarea[^>]*name="bio"[^>]*>\s*A bio I typed\s*</textarea>', page)
    unchanged = Member.objects.get(pk=member.pk)
    assert not unchanged.avatar
    assert unchanged.display_name == member.display_name


def assert_review_refused(response, reason):
    page = unescape(response.content.decode())
    assert response.status_code == 200
    assert reason in page
    assert "Nothing you typed is lost." in page
    assert re.search(r'<input(?=[^>]*name="title")(?=[^>]*value="Typed title")', page)
    assert re.search(r'<textarea[^>]*name="text"[^>]*>\s*Typed text about the machine.\s*<', page)
    assert re.search(r'<input(?=[^>]*name="rating")(?=[^>]*value="4")(?=[^>]*checked)', page)
    assert not Review.objects.exists()


def colour_at(image, x, y):
    """'red', 'blue', 'white' or 'other' for the pixel at (x, y) of a decoded JPEG."""
    red, green, blue = image.convert("RGB").getpixel((x, y))
    if red > 200 and green < 70 and blue < 70:
        return "red"
    if blue > 200 and red < 70 and green < 70:
        return "blue"
    if min(red, green, blue) > 235:
        return "white"
    return "other"


# --- Stored clean ------------------------------------------------------------------------------


@pytest.mark.parametrize("hostile", STORED_CLEAN)
def test_an_avatar_keeps_nothing_of_a_hostile_file_but_its_pixels(
    client, site_pages, member, hostile
):
    response = post_avatar(client, member, hostile().upload())

    assert response.status_code == 302, "accepted"
    [raw] = stored_avatar(member)
    assert assert_pixels_only(raw).size == (512, 512)


@pytest.mark.parametrize("hostile", STORED_CLEAN)
def test_a_review_photo_keeps_nothing_of_a_hostile_file_but_its_pixels(
    client, member, product, commits_as_in_production, hostile
):
    response = post_review(client, member, product, hostile().upload())

    review = Review.objects.get(author=member)
    assert response.status_code == 302
    assert response["Location"] == f"/products/espresso-one/#review-{review.pk}"
    large, thumbnail = (assert_pixels_only(raw) for raw in stored_review_photos(member))
    assert max(large.size) <= 1600 and max(thumbnail.size) == 320


def test_an_idea_image_keeps_nothing_of_a_hostile_file_but_its_pixels(client, member):
    client.force_login(member)

    response = client.post(
        "/ideas/new/",
        {
            "title": "A bigger water tank",
            "body": "Two litres would do.",
            "importance": "2",
            "image_1": jpeg_with_html_comment().upload(),
            "image_2": jpeg_with_gps_and_orientation().upload(),
        },
    )

    idea = Idea.objects.get(title="A bigger water tank")
    assert response["Location"] == idea.get_absolute_url()
    pictures = list(idea.images.order_by("sort_order"))
    assert len(pictures) == 2
    for picture in pictures:
        for field in (picture.image, picture.thumbnail):
            with field.open("rb") as file:
                assert_pixels_only(file.read())
    with pictures[1].image.open("rb") as file:
        assert Image.open(file).size == (800, 1600), "turned upright, fitted in 1,600 px"


# --- What the pixels become --------------------------------------------------------------------


def test_an_animated_gif_avatar_is_stored_still_from_its_first_frame(client, site_pages, member):
    post_avatar(client, member, animated_gif().upload())

    [raw] = stored_avatar(member)
    assert colour_at(Image.open(io.BytesIO(raw)), 256, 256) == "red"


def test_an_animated_webp_review_photo_is_stored_still_from_its_first_frame(
    client, member, product, commits_as_in_production
):
    post_review(client, member, product, animated_webp().upload())

    for raw in stored_review_photos(member):
        image = Image.open(io.BytesIO(raw))
        assert getattr(image, "n_frames", 1) == 1
        assert colour_at(image, image.width // 2, image.height // 2) == "red"


def test_a_sideways_camera_photo_is_stored_upright_as_a_review_photo(
    client, member, product, commits_as_in_production
):
    post_review(client, member, product, jpeg_with_gps_and_orientation().upload())

    large, thumbnail = (Image.open(io.BytesIO(raw)) for raw in stored_review_photos(member))
    assert large.size == (800, 1600) and thumbnail.size == (160, 320)
    assert colour_at(large, 400, 100) == "red" and colour_at(large, 400, 1500) == "blue"


def test_a_sideways_camera_photo_is_stored_upright_as_an_avatar(client, site_pages, member):
    post_avatar(client, member, jpeg_with_gps_and_orientation().upload())

    [raw] = stored_avatar(member)
    image = Image.open(io.BytesIO(raw))
    assert colour_at(image, 256, 40) == "red" and colour_at(image, 256, 470) == "blue"


def test_a_png_turned_by_its_exif_chunk_is_stored_upright(client, site_pages, member):
    post_avatar(client, member, png_with_exif_orientation().upload())

    [raw] = stored_avatar(member)
    image = Image.open(io.BytesIO(raw))
    assert colour_at(image, 256, 40) == "red" and colour_at(image, 256, 470) == "blue"


def test_a_large_transparent_gif_keeps_its_transparent_part_white(client, site_pages, member):
    post_avatar(client, member, large_transparent_gif().upload())

    [raw] = stored_avatar(member)
    image = Image.open(io.BytesIO(raw))
    assert colour_at(image, 256, 40) == "white" and colour_at(image, 256, 470) == "blue"


# --- Refused -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hostile", "reason"), [*REFUSED, pytest.param(truncated_jpeg, DAMAGED, id="truncated")]
)
def test_a_hostile_avatar_is_refused_with_its_reason_keeping_the_form(
    client, site_pages, member, hostile, reason
):
    response = post_avatar(client, member, hostile().upload())

    assert_avatar_refused(response, member, reason)


@pytest.mark.parametrize(("hostile", "reason"), REFUSED)
def test_a_hostile_review_photo_is_refused_with_its_reason_keeping_the_review(
    client, member, product, commits_as_in_production, hostile, reason
):
    response = post_review(client, member, product, hostile().upload())

    assert_review_refused(response, reason)


def test_a_truncated_review_photo_is_dropped_by_the_worker_and_its_author_told(
    client, member, product, commits_as_in_production
):
    """A damaged file passes the request's check of its header; the worker that decodes it
    drops it, keeps the review, and tells the member which file could not be used."""
    response = post_review(client, member, product, truncated_jpeg().upload())

    review = Review.objects.get(author=member)
    assert response.status_code == 302
    assert not review.photos.exists() and not review.pending_photos.exists()
    notifications = unescape(client.get("/accounts/notifications/").content.decode())
    assert "cut.jpg is damaged or incomplete" in notifications


# --- Just under the pixel limit: stored clean, with the memory it took -------------------------


def _status_megabytes(name):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{name}:"):
                return int(line.split()[1]) / 1024
    raise AssertionError(f"/proc/self/status has no {name}")


def peak_extra_megabytes(action):
    """Run `action`; return its result and the most resident memory (RSS) it added to the
    process: Pillow's pixel buffers are outside Python's heap, where tracemalloc cannot see."""
    before = _status_megabytes("VmRSS")
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")  # the peak (VmHWM) starts again from the current RSS
    result = action()
    return result, _status_megabytes("VmHWM") - before


@large_image
def test_an_avatar_just_under_the_pixel_limit_is_stored_clean_in_bounded_memory(
    client, site_pages, member, record_property
):
    upload = just_under_the_pixel_limit().upload()

    response, extra = peak_extra_megabytes(lambda: post_avatar(client, member, upload))

    record_property("measured", f"avatar, 39.9 MP PNG: {extra:.0f} MB resident memory added")
    assert response.status_code == 302
    [raw] = stored_avatar(member)
    assert_pixels_only(raw)
    assert extra < MEMORY_BOUND_MB


@large_image
@pytest.mark.parametrize(
    ("hostile", "described", "large_size"),
    [
        pytest.param(just_under_the_pixel_limit, "39.9 MP PNG", (1600, 1198), id="png"),
        pytest.param(webp_just_under_its_pixel_limit, "8 MP WebP", (1600, 1200), id="webp"),
    ],
)
def test_a_review_photo_just_under_its_pixel_limit_is_stored_clean_in_bounded_memory(
    client,
    member,
    product,
    commits_as_in_production,
    record_property,
    hostile,
    described,
    large_size,
):
    upload = hostile().upload()

    response, extra = peak_extra_megabytes(lambda: post_review(client, member, product, upload))

    record_property("measured", f"review photo, {described}: {extra:.0f} MB resident memory added")
    assert response.status_code == 302
    large, thumbnail = (assert_pixels_only(raw) for raw in stored_review_photos(member))
    assert large.size == large_size and thumbnail.size == (320, 240)
    assert extra < MEMORY_BOUND_MB
