"""Background work of the search app: keeping the indexes in step with the content."""

from django_tasks import task

from search.services import index_object


@task()
def index_content(kind: str, object_id: int):
    """Index one object again (or remove it, when the public may no longer see it)."""
    index_object(kind, object_id)
