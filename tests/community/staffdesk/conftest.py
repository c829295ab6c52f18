"""Fixtures for the staff desk: a product, a topic, a team with its lead, staff, and the office
hours and default promise most tests work under (Europe/Paris, Monday to Friday 9:00–18:00)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.factories import (
    MemberFactory,
    ResponsePromiseFactory,
    StaffCardFactory,
    TeamFactory,
    TopicFactory,
    office_hours,
    product_page,
    totp_authenticator,
)

PARIS = ZoneInfo("Europe/Paris")


def paris(*args) -> datetime:
    """An aware moment in Paris: paris(2026, 3, 27, 15, 0)."""
    return datetime(*args, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def _site_time_zone(settings):
    settings.TIME_ZONE = "Europe/Paris"


@pytest.fixture(autouse=True)
def _site(request):
    """The page tree and locales every page (error pages too) is drawn in; tests that need no
    database (pure business-time arithmetic) go without."""
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("site_pages")


@pytest.fixture
def product(site_pages):
    return product_page(site_pages.catalogue["en"], "Aurora espresso machine")


@pytest.fixture
def other_product(site_pages):
    return product_page(site_pages.catalogue["en"], "Brume kettle")


@pytest.fixture
def topic(db):
    return TopicFactory(slug="orders-delivery", name_en="Orders and delivery")


@pytest.fixture
def lead(db):
    member = MemberFactory(display_name="Lena Lead")
    return member


@pytest.fixture
def team(lead):
    return TeamFactory(slug="support", name_en="Support", lead=lead)


@pytest.fixture
def other_team(db):
    return TeamFactory(slug="product", name_en="Product")


@pytest.fixture
def staff(team):
    """A member of staff in the support team, with an active card and two-factor sign-in."""
    card = StaffCardFactory(real_name="Amélie Durand", member__display_name="Amélie", team=team)
    totp_authenticator(card.member)
    return card.member


@pytest.fixture
def colleague(team):
    card = StaffCardFactory(real_name="Camille Martin", member__display_name="Camille", team=team)
    totp_authenticator(card.member)
    return card.member


@pytest.fixture
def asker(db):
    return MemberFactory(display_name="Jack Wilson")


@pytest.fixture
def answerer(db):
    return MemberFactory(display_name="Oliver Smith")


@pytest.fixture
def hours(db):
    return office_hours()


@pytest.fixture
def promise(hours, team):
    """The site's default: 1 business day, kept by a community solution, warned at 20% left."""
    return ResponsePromiseFactory(team=team)
