"""Fixtures of the ideas tests: a product, an idea with its author, and running what services
leave for after the commit (the notification tasks)."""

import pytest

from tests.factories import MemberFactory, product_page, proposed_idea


@pytest.fixture
def product(site_pages):
    return product_page(site_pages.catalogue["en"], "Espresso One")


@pytest.fixture
def author(db):
    return MemberFactory(display_name="Ines Idea")


@pytest.fixture
def idea(author, product):
    """An idea proposed through the service: its author has voted ("important")."""
    return proposed_idea(
        author,
        title="Schedule the machine to start",
        body="I would like my coffee ready when I wake up.",
        product=product,
    )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a service and what it leaves for after the commit, as a real request would."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run
