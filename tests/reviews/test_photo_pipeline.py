"""Review photos are checked in the request and made by the task worker: the review shows at
once with its photos "being prepared", the worker makes the copies and deletes the private
original, a damaged photo is dropped and its author told, and a worker killed half way loses
nothing (the sweep sends the photo again, and preparing twice makes one set of copies).

The task backend here is the database one that production uses (django-tasks-db), and the
worker is its own task runner, so that what is enqueued, deferred and left "running" by a
killed worker is what production sees."""

import io
import re
import struct
import zlib
from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks import task_backends
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from PIL import Image
from wagtail.models import Locale

from community.account_deletion.services import deletion_request
from community.erasure import Choice
from community.models import Notification
from community.personal_data import section
from community.protections import suspensions
from community.site_setup import translate_page
from reviews.models import PendingReviewPhoto, Review, ReviewPhoto
from reviews.notifications import REVIEW_PHOTO_DROPPED
from reviews.photos import STALE_AFTER, review_photo_prepare
from tests.factories import MemberFactory, ReviewFactory, image_upload, product_page

pytestmark = pytest.mark.django_db

START = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
TYPED = {"rating": "4", "title": "Typed title", "text": "Typed text about it.", "pros": "Quiet"}
BEING_PREPARED = "2 photos are being prepared and will appear here in a moment."
ROLES = ["visitor", "unverified_member", "member", "author", "suspended_member", "moderator"]
ROLES += ["staff"]


@pytest.fixture
def database_tasks():
    """The database task backend of production, instead of the tests' immediate one."""
    backend = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(TASKS=backend):
        task_backends._settings = None
        task_backends.__dict__.pop("settings", None)
        try:
            yield
        finally:
            task_backends._settings = None
            task_backends.__dict__.pop("settings", None)


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """Run what waits for the commit (enqueuing tasks) as production does after a request."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


@pytest.fixture
def worker(committing):
    """`manage.py db_worker --batch`: claim each ready task and run it, until none is ready.
    `killed=True` claims the first photo's task and stops there, as a worker killed mid-way
    does (the tasks before it, such as the search index's, run)."""
    runner = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )

    def run(*, killed=False):
        while (task := DBTaskResult.objects.ready().order_by("enqueued_at").first()) is not None:
            task.claim("test-worker")
            if killed and task.task_path.endswith("prepare_review_photo"):
                return
            committing(lambda task=task: runner.run_task(task))

    return run


@pytest.fixture
def product(site_pages):
    return product_page(site_pages.catalogue["en"], "Espresso One")


@pytest.fixture
def author(db):
    return MemberFactory(display_name="Rita Reviewer")


@pytest.fixture
def suspended_member(db, moderator):
    member = MemberFactory(display_name="Sam Suspended")
    suspensions.suspend(
        moderator, member, until=timezone.now() + timedelta(days=7), reason="Insulted others."
    )
    suspensions.forget(member)
    return member


def post_review(client, member, product, photos, **changes):
    client.force_login(member)
    return client.post(f"/reviews/write/{product.pk}/", {**TYPED, **changes, "photos": photos})


def photos(count=2):
    return [image_upload(f"holiday-{n}.jpg", size=(2400, 1800)) for n in range(count)]


def truncated_jpeg():
    """A JPEG whose header is whole and whose pixels stop half way: only decoding finds it."""
    whole = image_upload("broken.jpg", size=(800, 600)).read()
    return SimpleUploadedFile("broken.jpg", whole[: len(whole) // 3], content_type="image/jpeg")


def forged_png(width, height):
    """A tiny PNG whose header claims `width` × `height` pixels."""
    buffer = io.BytesIO()
    Image.new("RGB", (1, 1)).save(buffer, format="PNG")
    raw = bytearray(buffer.getvalue())
    header = b"IHDR" + struct.pack(">II", width, height) + bytes(raw[24:29])
    raw[16:24] = struct.pack(">II", width, height)
    raw[29:33] = struct.pack(">I", zlib.crc32(header))
    return SimpleUploadedFile("huge.png", bytes(raw), content_type="image/png")


def page_of(client, product):
    return unescape(client.get(product.url).content.decode())


def uploads_folder() -> Path:
    return Path(storages["uploads"].location)


def _files_held():
    return {path for path in uploads_folder().rglob("*") if path.is_file()}


_before_this_test = set()


@pytest.fixture(autouse=True)
def _earlier_originals():
    """The uploads folder lasts the whole session: the files of earlier tests are not this
    test's."""
    _before_this_test.clear()
    _before_this_test.update(_files_held())


def originals():
    """The originals this test left in the private uploads folder."""
    return sorted(_files_held() - _before_this_test)


def tasks_named(name):
    return DBTaskResult.objects.filter(task_path__endswith=name)


# The review at once, the photos after the worker -----------------------------------------------


def test_the_review_shows_at_once_with_its_photos_being_prepared(
    client, author, product, database_tasks, committing
):
    response = committing(lambda: post_review(client, author, product, photos()))

    review = Review.objects.get(author=author)
    assert response.status_code == 302
    page = page_of(client, product)
    assert "Typed title" in page
    assert re.search(rf'<p class="review__photos-pending" role="status">{BEING_PREPARED}</p>', page)
    assert not ReviewPhoto.objects.exists()
    assert tasks_named("prepare_review_photo").count() == 2
    # The originals are private: in the uploads folder, never under the public media.
    pending = list(review.pending_photos.all())
    assert [photo.file_name for photo in pending] == ["holiday-0.jpg", "holiday-1.jpg"]
    for photo in pending:
        assert Path(photo.original.path).is_relative_to(uploads_folder())
        assert not Path(photo.original.path).is_relative_to(Path(settings.MEDIA_ROOT))
        assert client.get(photo.original.url).status_code == 404


def test_the_note_reads_in_french_on_the_french_page(
    client, author, product, database_tasks, committing
):
    french_product = translate_page(
        product, Locale.objects.get(language_code="fr"), {"title": "Expresso Un"}
    )
    committing(lambda: post_review(client, author, product, photos()))

    page = page_of(client, french_product)

    assert "2 photos sont en préparation et apparaîtront ici dans un instant." in page


def test_after_the_worker_runs_the_photos_show_and_the_originals_are_gone(
    client, author, product, database_tasks, committing, worker
):
    committing(lambda: post_review(client, author, product, photos()))
    assert len(originals()) == 2

    worker()

    review = Review.objects.get(author=author)
    assert not review.pending_photos.exists()
    shown = list(review.photos.all())
    assert [photo.sort_order for photo in shown] == [0, 1]
    for photo in shown:
        assert Image.open(photo.image.path).size == (1600, 1200)
        assert Image.open(photo.thumbnail.path).size == (320, 240)
    page = page_of(client, product)
    assert "being prepared" not in page
    assert all(photo.thumbnail.url in page for photo in shown)
    assert originals() == []


def test_photos_added_by_an_edit_come_after_those_the_review_has(
    client, author, product, database_tasks, committing, worker
):
    committing(lambda: post_review(client, author, product, photos(2)))
    worker()
    review = Review.objects.get(author=author)

    committing(
        lambda: client.post(
            f"/reviews/{review.pk}/edit/",
            {**TYPED, "photos": [image_upload("later.png", image_format="PNG")]},
        )
    )

    assert [photo.sort_order for photo in review.pending_photos.all()] == [2]
    worker()
    assert [photo.sort_order for photo in review.photos.all()] == [0, 1, 2]


def test_photos_being_prepared_count_towards_the_six(
    client, author, product, database_tasks, committing
):
    committing(lambda: post_review(client, author, product, photos(4)))
    review = Review.objects.get(author=author)

    form = client.get(f"/reviews/{review.pk}/edit/").content.decode()
    response = client.post(f"/reviews/{review.pk}/edit/", {**TYPED, "photos": photos(3)})

    assert "4 photos are being prepared: they count among your photos" in unescape(form)
    assert "It has 4 already, so you can add 2 more." in unescape(response.content.decode())
    assert review.pending_photos.count() == 4


def test_a_damaged_photo_is_dropped_and_its_author_told(
    client, author, product, database_tasks, committing, worker
):
    committing(lambda: post_review(client, author, product, [truncated_jpeg(), *photos(1)]))
    review = Review.objects.get(author=author)
    assert review.pending_photos.count() == 2, "its header is whole: the request accepts it"

    worker()

    assert review.pending_photos.count() == 0
    assert review.photos.count() == 1
    assert originals() == []
    told = Notification.objects.get(recipient=author, kind=REVIEW_PHOTO_DROPPED.key)
    assert told.params == {"title": "Typed title", "file": "broken.jpg"}
    assert told.url == review.get_absolute_url()
    page = page_of(client, product)
    assert "being prepared" not in page


# A worker killed half way ------------------------------------------------------------------------


def test_a_photo_whose_worker_was_killed_is_prepared_by_the_sweep_once(
    client, author, product, database_tasks, committing, worker
):
    with time_machine.travel(START, tick=False) as clock:
        committing(lambda: post_review(client, author, product, photos(1)))
        worker(killed=True)
        killed = tasks_named("prepare_review_photo").get()
        assert killed.status == TaskResultStatus.RUNNING
        # The sweep was deferred when the photo was queued; nothing is stale before its time.
        sweep = tasks_named("resume_review_photos").get()
        assert sweep.run_after == START + STALE_AFTER

        clock.move_to(START + STALE_AFTER - timedelta(minutes=1))
        worker()
        assert not ReviewPhoto.objects.exists()

        clock.move_to(START + STALE_AFTER + timedelta(minutes=1))
        worker()

    review = Review.objects.get(author=author)
    assert review.photos.count() == 1
    assert not review.pending_photos.exists()
    killed.refresh_from_db()
    assert killed.status == TaskResultStatus.RUNNING, "the task database keeps it so for ever"
    assert tasks_named("prepare_review_photo").filter(status=TaskResultStatus.SUCCESSFUL).count()


def test_the_command_sends_stale_photos_again_and_leaves_fresh_ones(
    client, author, member, product, database_tasks, committing, worker
):
    other_product = product_page(product.get_parent(), "Grinder Two")
    with time_machine.travel(START, tick=False) as clock:
        committing(lambda: post_review(client, author, product, photos(1)))
        worker(killed=True)
        clock.move_to(START + STALE_AFTER + timedelta(seconds=1))
        committing(lambda: post_review(client, member, other_product, photos(1)))
        output = io.StringIO()

        committing(lambda: call_command("resume_review_photos", stdout=output))

        assert output.getvalue() == "1 review photos sent to the worker again.\n"
        stale = PendingReviewPhoto.objects.get(review__author=author)
        assert stale.queued_at == timezone.now()
        assert (
            tasks_named("prepare_review_photo")
            .filter(status=TaskResultStatus.READY, args_kwargs__kwargs__photo_id=stale.pk)
            .exists()
        )


def test_preparing_a_photo_twice_makes_one_set_of_copies(
    client, author, product, database_tasks, committing
):
    committing(lambda: post_review(client, author, product, photos(1)))
    pending = PendingReviewPhoto.objects.get()

    first = committing(lambda: review_photo_prepare(pending.pk))
    second = committing(lambda: review_photo_prepare(pending.pk))

    assert first is not None and second is None
    assert ReviewPhoto.objects.count() == 1
    media = list(Path(settings.MEDIA_ROOT).rglob("*.jpg"))
    assert len(media) == 2, "one large copy and one thumbnail"


# Who may send photos, and what is refused --------------------------------------------------------


@pytest.fixture(params=ROLES)
def role(request):
    return request.param


def test_sending_a_review_with_photos_is_for_members_who_may_write(
    request, client, role, product, author, database_tasks, committing
):
    ReviewFactory(product=product, author=author, title="Already written")
    actor = request.getfixturevalue(role) if role != "visitor" else None
    path = f"/reviews/write/{product.pk}/"
    if actor is not None:
        client.force_login(actor)

    response = committing(lambda: client.post(path, {**TYPED, "photos": photos(1)}))

    written = Review.objects.filter(title="Typed title").first()
    if role in ("member", "moderator", "staff"):
        assert response.status_code == 302
        assert written.author == actor
        assert written.pending_photos.count() == 1
        assert tasks_named("prepare_review_photo").count() == 1
        return
    if role == "visitor":
        assert response["Location"] == f"/accounts/login/?next={path}"
    elif role == "author":
        assert response["Location"] == f"/reviews/{Review.objects.get(author=author).pk}/edit/"
    else:
        assert response.status_code == 403
    assert written is None
    assert not PendingReviewPhoto.objects.exists()
    assert originals() == []
    assert not tasks_named("prepare_review_photo").exists()


def test_only_the_author_adds_photos_to_a_review(
    request, client, role, product, author, database_tasks, committing
):
    review = ReviewFactory(product=product, author=author, title="Already written")
    actor = request.getfixturevalue(role) if role != "visitor" else None
    if actor is not None:
        client.force_login(actor)

    response = committing(
        lambda: client.post(f"/reviews/{review.pk}/edit/", {**TYPED, "photos": photos(1)})
    )

    if role == "author":
        assert response.status_code == 302
        assert review.pending_photos.count() == 1
        return
    if role == "visitor":
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == 403
    assert not PendingReviewPhoto.objects.exists()
    assert originals() == []


@pytest.mark.parametrize(
    ("upload", "reason"),
    [
        pytest.param(
            lambda: SimpleUploadedFile("notes.jpg", b"just some text\n" * 40),
            "notes.jpg: This file is not an image we can read.",
            id="not-an-image",
        ),
        pytest.param(
            lambda: forged_png(8000, 5001),
            "huge.png: This image is 8000 × 5001 pixels; images may have at most 40 megapixels.",
            id="too-many-pixels-in-its-header",
        ),
        pytest.param(
            lambda: SimpleUploadedFile("empty.png", b""), "The submitted file is empty.", id="empty"
        ),
    ],
)
def test_a_bad_photo_is_refused_in_the_request_keeping_what_was_typed(
    client, author, product, database_tasks, committing, upload, reason
):
    response = committing(lambda: post_review(client, author, product, [upload(), *photos(1)]))

    page = unescape(response.content.decode())
    assert response.status_code == 200
    assert reason in page
    assert "Nothing you typed is lost." in page
    assert re.search(r'<input(?=[^>]*name="title")(?=[^>]*value="Typed title")', page)
    assert not Review.objects.exists()
    assert originals() == []
    assert not DBTaskResult.objects.exists()


# The member's data and the deletion of their account ---------------------------------------------


def test_a_photo_being_prepared_is_in_the_members_data_as_uploaded(
    client, author, product, database_tasks, committing
):
    upload = photos(1)[0]
    sent = upload.read()
    upload.seek(0)
    committing(lambda: post_review(client, author, product, [upload]))
    reviews = section("reviews")
    review = reviews.rows(author).get()
    pending = review.pending_photos.get()

    described = reviews.describe(review)
    files = dict(reviews.files(review))

    path = f"files/reviews/{review.pk}/being-prepared/{pending.pk}-holiday-0.jpg"
    assert described["photos_being_prepared"] == [path]
    with files[path].open("rb") as held:
        assert held.read() == sent


@pytest.mark.parametrize("choice", [Choice.REMOVE, Choice.ANONYMISE])
def test_deleting_the_account_leaves_nothing_of_a_photo_as_uploaded(
    client, author, product, database_tasks, committing, worker, choice
):
    committing(lambda: post_review(client, author, product, photos(1)))
    DBTaskResult.objects.all().delete()  # the worker never got to it

    committing(lambda: deletion_request(author, choice=choice))
    worker()

    assert not PendingReviewPhoto.objects.exists()
    assert originals() == []
    if choice == Choice.ANONYMISE:
        kept = Review.objects.get(title="Typed title")
        assert kept.author is None
        assert kept.photos.count() == 1, "kept with the review, as its clean copies"
    else:
        assert not Review.objects.exists()
        assert not ReviewPhoto.objects.exists()


# Large images: PostgreSQL only -------------------------------------------------------------------

large_image = pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="39.9-megapixel images run in the PostgreSQL pass only (CI sets DATABASE_URL)",
)


def _status_megabytes(name):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{name}:"):
                return int(line.split()[1]) / 1024
    raise AssertionError(f"/proc/self/status has no {name}")


def peak_extra_megabytes(action):
    """Run `action`; return its result and the most resident memory (RSS) it added: Pillow's
    pixel buffers are outside Python's heap, where tracemalloc cannot see them."""
    before = _status_megabytes("VmRSS")
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")  # the peak (VmHWM) starts again from the current RSS
    result = action()
    return result, _status_megabytes("VmHWM") - before


def just_under_the_pixel_limit():
    """7,300 × 5,465 = 39.9 megapixels, as a PNG (which no decoder can shrink while reading)."""
    size = (7300, 5465)
    image = Image.merge(
        "RGB",
        (
            Image.linear_gradient("L").resize(size),
            Image.radial_gradient("L").resize(size),
            Image.linear_gradient("L").resize(size).transpose(Image.Transpose.FLIP_TOP_BOTTOM),
        ),
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@large_image
def test_six_largest_photos_cost_the_request_their_headers_and_the_worker_bounded_memory(
    client, author, product, database_tasks, committing, worker, record_property
):
    data = just_under_the_pixel_limit()
    uploads = [SimpleUploadedFile(f"big-{n}.png", data) for n in range(6)]

    response, request_extra = peak_extra_megabytes(
        lambda: committing(lambda: post_review(client, author, product, uploads))
    )
    _, worker_extra = peak_extra_megabytes(worker)

    record_property("measured", f"request {request_extra:.0f} MB, worker {worker_extra:.0f} MB")
    assert response.status_code == 302
    review = Review.objects.get(author=author)
    assert review.photos.count() == 6
    assert Image.open(review.photos.first().image.path).size == (1600, 1198)
    # The request holds the uploads (6 × a few MB) and never decodes them.
    assert request_extra < 100
    assert worker_extra < 200
