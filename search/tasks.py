"""Background work of the search app: keeping the indexes in step with the content."""

from django_tasks import task


@task()
def index_content(kind: str, object_id: int):
    """Index one object again (or remove it, when the public may no longer see it)."""
    from search.services import index_object

    index_object(kind, object_id)


@task()
def index_ideas_with_status(status_id: int):
    """A status's slug changed: its ideas are filtered under the new one."""
    from ideas.models import Idea
    from search.services import index_object

    for idea_id in Idea.objects.filter(status_id=status_id).values_list("pk", flat=True):
        index_object("idea", idea_id)


@task()
def index_product_pages_under(page_id: int):
    """A page's privacy changed: the product pages under it are indexed again (or removed)."""
    from wagtail.models import Page

    from community.models import ProductPage
    from search.services import index_object

    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    for product_id in ProductPage.objects.descendant_of(page, inclusive=True).values_list(
        "pk", flat=True
    ):
        index_object("product", product_id)
