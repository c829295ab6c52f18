"""Review photos: checked in the request, made in the task worker.

Decoding a large photo takes seconds and hundreds of megabytes: a review with six photos of 40
megapixels made in the request kept an app server busy past its timeout, and the review was
lost. So the request only checks each file from its header (size, format, pixel count:
`photo_check`) and stores it privately as a `PendingReviewPhoto`; the review is saved and shown
at once, with "photos being prepared" where its photos will be. After the commit, one task per
photo (`reviews.tasks.prepare_review_photo`) decodes it reduced, makes the large copy and the
thumbnail (`ReviewPhoto`), and deletes the original. A photo the worker cannot decode (a
damaged file) is dropped and its author is told.

A worker stopped half way (killed, a deploy) leaves its task "running" in the task database for
ever. Every time photos are queued, a sweep is enqueued for `STALE_AFTER` later
(`reviews.tasks.resume_review_photos`, and `manage.py resume_review_photos` for backends that
cannot run tasks later): it sends again to the worker the photos still waiting by then.
Preparing a photo twice makes one set of copies: the copies are saved in the transaction that
deletes the waiting row, under its lock, and a second run finds the row gone.
"""

import logging
import posixpath
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from community.images import ImageLimits, fitted_jpeg, open_checked_header, open_checked_image
from community.notifications import notify
from community.services import avatar_limits
from reviews.models import PendingReviewPhoto, ReviewPhoto, uploads_storage
from reviews.notifications import REVIEW_PHOTO_DROPPED

logger = logging.getLogger(__name__)

PHOTO_LARGE_SIDE = 1600
PHOTO_THUMBNAIL_SIDE = 320
# A photo still waiting this long after it was sent to the worker is sent again: preparing one
# takes seconds, and the health page calls a task late after ten minutes.
STALE_AFTER = timedelta(minutes=10)


def photo_limits() -> ImageLimits:
    """Review photos get the same limits as avatars."""
    return avatar_limits()


def photo_check(upload) -> None:
    """The request's check of one photo, from its header alone: raises ValidationError with
    the reason when it is too large, not an accepted format or has too many pixels."""
    open_checked_header(upload, photo_limits())


def photo_process(upload, name: str):
    """Decode one photo (reduced) and return its (large, thumbnail) clean JPEGs; raises
    ValidationError when it cannot be decoded."""
    image = open_checked_image(upload, photo_limits(), max_side=PHOTO_LARGE_SIDE)
    return fitted_jpeg(image, PHOTO_LARGE_SIDE, name), fitted_jpeg(
        image, PHOTO_THUMBNAIL_SIDE, f"{name}-thumb"
    )


def next_sort_order(review) -> int:
    """The place after the review's last photo, ready or being prepared."""
    last = [
        review.photos.aggregate(last=Max("sort_order"))["last"],
        review.pending_photos.aggregate(last=Max("sort_order"))["last"],
    ]
    known = [order for order in last if order is not None]
    return max(known) + 1 if known else 0


def photos_queue(review, uploads, *, start_at: int = 0) -> list[PendingReviewPhoto]:
    """Keep `uploads` (already through `photo_check`) privately as photos of `review` being
    prepared, and send them to the worker once the transaction commits."""
    now = timezone.now()
    queued = []
    for offset, upload in enumerate(uploads):
        photo = PendingReviewPhoto(
            review=review,
            sort_order=start_at + offset,
            file_name=posixpath.basename(upload.name or "")[:255],
            queued_at=now,
        )
        # The member's file name stays in `file_name`; the stored one tells nothing.
        photo.original.save(f"review-{secrets.token_hex(8)}", upload, save=False)
        photo.save()
        queued.append(photo)
    if queued:
        ids = [photo.pk for photo in queued]
        transaction.on_commit(lambda: _send_to_worker(ids))
    return queued


def _send_to_worker(photo_ids) -> None:
    # The task module imports this one to run the preparation; the tasks are looked up here.
    from reviews.tasks import prepare_review_photo, resume_review_photos

    for photo_id in photo_ids:
        prepare_review_photo.enqueue(photo_id=photo_id)
    if resume_review_photos.get_backend().supports_defer:
        resume_review_photos.using(run_after=timezone.now() + STALE_AFTER).enqueue()


def review_photo_prepare(photo_id: int) -> ReviewPhoto | None:
    """The worker's part: make the copies of one waiting photo and delete its original.

    Returns the new photo; None when there was nothing to do (already prepared by another run,
    or its review deleted) or when the file could not be decoded, in which case the photo is
    dropped and the author told.
    """
    pending = PendingReviewPhoto.objects.filter(pk=photo_id).first()
    if pending is None:
        return None
    try:
        with pending.original.open("rb") as original:
            large, thumbnail = photo_process(original, f"review-{secrets.token_hex(6)}")
    except FileNotFoundError:
        logger.warning("The original of review photo %s is missing; it is dropped", photo_id)
        _drop(pending)
        return None
    except ValidationError as error:
        logger.info("Review photo %s is dropped: %s", photo_id, "; ".join(error.messages))
        _drop(pending)
        return None
    with transaction.atomic():
        pending = PendingReviewPhoto.objects.select_for_update().filter(pk=photo_id).first()
        if pending is None:
            return None
        photo = ReviewPhoto(review_id=pending.review_id, sort_order=pending.sort_order)
        photo.image.save(large.name, large, save=False)
        photo.thumbnail.save(thumbnail.name, thumbnail, save=False)
        photo.save()
        pending.delete()
        delete_originals([pending])
    return photo


def _drop(pending) -> None:
    """Forget a photo the worker could not decode, and tell its author which one."""
    with transaction.atomic():
        deleted, _rows = PendingReviewPhoto.objects.filter(pk=pending.pk).delete()
        if not deleted:
            return
        delete_originals([pending])
        review = pending.review
        if review.author is not None:
            notify(
                review.author,
                REVIEW_PHOTO_DROPPED.key,
                params={"title": review.title, "file": pending.file_name},
                url=review.get_absolute_url(),
            )


def delete_originals(pending_photos) -> None:
    """Remove the private files of photos that were being prepared, once the commit is done."""
    names = [photo.original.name for photo in pending_photos if photo.original]

    def remove_files():
        storage = uploads_storage()
        for name in names:
            storage.delete(name)

    if names:
        transaction.on_commit(remove_files)


def review_photos_resume(*, now=None) -> list[int]:
    """Send again to the worker the photos still waiting `STALE_AFTER` after they were last
    sent (their worker was stopped half way). Returns their numbers."""
    now = now or timezone.now()
    with transaction.atomic():
        stale = list(
            PendingReviewPhoto.objects.filter(queued_at__lte=now - STALE_AFTER).values_list(
                "pk", flat=True
            )
        )
        if stale:
            PendingReviewPhoto.objects.filter(pk__in=stale).update(queued_at=now)
            transaction.on_commit(lambda: _send_to_worker(stale))
    return stale
