"""Fixtures shared by every test: the site's page tree, members in each role, and media."""

import re
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.db import connection
from django.utils import translation

from community.roles import Role
from community.site_setup import ensure_site_structure
from search.engines import DatabaseEngine
from search.services import rebuild
from tests.browser import browser_skip_reason
from tests.factories import MemberFactory, StaffCardFactory, totp_authenticator


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language, whatever a request before it left active."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: what a test before it remembered (the site's
    structure, community/site_cache.py) described rows its transaction rolled back."""
    from django.core.cache import cache

    from community import site_cache

    cache.clear()
    site_cache.forget_in_this_process()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the page tree once for the session; each test's transaction leaves it as it was."""
    with django_db_blocker.unblock():
        ensure_site_structure()


@pytest.fixture
def site_pages(db):
    """Home, catalogue, team and guidelines pages, in English and French."""
    return ensure_site_structure()


@pytest.fixture
def member(db):
    return MemberFactory(display_name="Camille Martin")


@pytest.fixture
def unverified_member(db):
    return MemberFactory(display_name="Noah Petit", verified=False)


@pytest.fixture
def staff(db):
    """A member of staff with an active card, who has set up two-factor sign-in."""
    card = StaffCardFactory(real_name="Amélie Durand", member__display_name="Amélie")
    totp_authenticator(card.member)
    return card.member


@pytest.fixture
def moderator(db):
    member = MemberFactory(display_name="Moderator Max", roles=[Role.MODERATOR])
    totp_authenticator(member)
    return member


@pytest.fixture
def product_team_member(db):
    member = MemberFactory(display_name="Priya Product", roles=[Role.PRODUCT_TEAM])
    totp_authenticator(member)
    return member


@pytest.fixture
def search_index():
    """`search_index()` puts what the test wrote in the database's search index, as the
    indexing tasks do once a transaction commits (a test's never does); the suggestions while
    a title is typed read it."""
    return lambda: rebuild(DatabaseEngine())


@pytest.fixture
def visitor():
    """Nobody signed in: stands in for a role where tests run over every role."""
    return None


@pytest.fixture
def login(client):
    """Sign the test client in as `member` (or stay anonymous for None) and return it."""

    def sign_in(member):
        if member is not None:
            client.force_login(member)
        return client

    return sign_in


@pytest.fixture
def mail_link():
    """The site path of the first link in the last e-mail sent to `to` that contains `part`."""

    def find(part, to=None):
        sent = [m for m in mail.outbox if to is None or to in m.to]
        assert sent, f"no e-mail was sent to {to or 'anyone'}"
        for url in re.findall(r"https?://testserver(/[^\s\"<>]+)", sent[-1].body):
            if part in url:
                return url
        raise AssertionError(f"no link containing {part!r} in: {sent[-1].body}")

    return find


class _Elements(HTMLParser):
    """Collects elements of one tag as (attributes, text inside), ignoring layout details."""

    VOID = {"img", "input", "link", "meta", "br", "hr", "source"}

    def __init__(self, tag):
        super().__init__(convert_charrefs=True)
        self.tag = tag
        self.found = []
        self.open = []

    def handle_starttag(self, tag, attrs):
        if tag == self.tag:
            element = [{name: value or "" for name, value in attrs}, ""]
            self.found.append(element)
            if tag not in self.VOID:
                self.open.append(element)

    def handle_endtag(self, tag):
        if tag == self.tag and self.open:
            self.open.pop()

    def handle_data(self, data):
        for element in self.open:
            element[1] += data


@pytest.fixture
def elements():
    """Elements of a page by tag and attributes: `elements(html, "a", href="/x/")`.

    A `class_` value matches one of the element's classes. Each element is a pair of its
    attributes and its text, with white space collapsed, so that tests check what people see
    rather than how the markup is laid out.
    """

    def find(html, tag, **wanted):
        parser = _Elements(tag)
        parser.feed(html if isinstance(html, str) else html.decode())
        matches = []
        for attrs, text in parser.found:
            if all(
                value in attrs.get("class", "").split()
                if name == "class_"
                else attrs.get(name.replace("_", "-")) == value
                for name, value in wanted.items()
            ):
                matches.append((attrs, " ".join(text.split())))
        return matches

    return find


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)"
)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Say plainly when the browser tests did not run, and print what tests measured (their
    `record_property("measured", ...)`), here, where the controller of parallel workers sees
    every result: what a worker prints is lost."""
    reason = browser_skip_reason()
    skipped = terminalreporter.stats.get("skipped", [])
    if reason and any(report.nodeid.startswith("tests/browser/") for report in skipped):
        terminalreporter.write_line(f"Browser tests were skipped: {reason}", yellow=True, bold=True)
    measured = sorted(
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", "") == "call"
        for name, value in getattr(report, "user_properties", ())
        if name == "measured"
    )
    if measured:
        terminalreporter.section("measured")
        for line in measured:
            terminalreporter.write_line(line)
