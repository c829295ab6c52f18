"""Fixtures of the tip tests: a product, a tip written through the service, a second
moderator for appeals, and the API's and the webhooks' own fixtures."""

import pytest

from community.roles import Role
from tests.api.conftest import api, token, token_pair  # noqa: F401
from tests.factories import MemberFactory, product_page, totp_authenticator
from tests.tips.services import tip_create
from tests.webhooks.conftest import hook_for, receiver  # noqa: F401

TIP_TITLE = "Descale with citric acid"
TIP_BODY = "Vinegar leaves a *smell* in the boiler; citric acid rinses out clean."


@pytest.fixture
def product(site_pages):
    return product_page(site_pages.catalogue["en"], "Aurora espresso machine")


@pytest.fixture
def author(db):
    return MemberFactory(display_name="Tamsin Tipper")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`committed(function, ...)`: call it and run what it left for after the commit (indexing,
    webhook deliveries), as production does once the transaction commits."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture
def tip(committed, author, product):
    return committed(tip_create, author, product, title=TIP_TITLE, body=TIP_BODY)


@pytest.fixture
def other_moderator(db):
    member = MemberFactory(display_name="Moderator Mia", roles=[Role.MODERATOR])
    totp_authenticator(member)
    return member
