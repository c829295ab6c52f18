"""Background work of the reviews room: the copies of review photos (`reviews.photos`)."""

from django_tasks import task

from reviews.photos import review_photo_prepare, review_photos_resume


@task()
def prepare_review_photo(*, photo_id: int):
    """Make the large copy and the thumbnail of one photo sent with a review."""
    review_photo_prepare(photo_id)


@task()
def resume_review_photos():
    """Send again to the worker the photos whose worker stopped half way."""
    review_photos_resume()
