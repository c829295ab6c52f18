"""Links the site writes for the outside use the address it really serves (`SITE_URL`, which
`make run HOST=…` sets): feeds, the API, e-mails; and the site answers at that address."""

import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from ideas import services as ideas
from tests.factories import idea_status, proposed_idea

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parents[2]
ATOM = "{http://www.w3.org/2005/Atom}"
PUBLIC = "http://192.168.1.20:9000"


@pytest.fixture
def served_elsewhere(settings):
    """The site serves PUBLIC, and is reached here through the test client's own host."""
    settings.SITE_URL = PUBLIC


def test_the_changelog_feed_links_to_the_address_the_site_serves(
    client, site_pages, staff, served_elsewhere
):
    idea = proposed_idea(title="Start by itself")
    ideas.idea_status_change(
        staff, idea, to_status=idea_status("shipped"), note="Out now.", notify_people=False
    )

    feed = ElementTree.fromstring(client.get("/fr/changelog/feed/").content)

    assert feed.find(f"{ATOM}link").get("href") == f"{PUBLIC}/fr/changelog/"
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href").startswith(f"{PUBLIC}/fr/ideas/{idea.pk}/")
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Amélie Durand (Conseillère support)"
    assert b"testserver" not in client.get("/changelog/feed/").content


def test_the_api_points_to_its_documentation_on_the_address_the_site_serves(
    client, served_elsewhere
):
    root = client.get("/api/v1/").json()
    missing = client.get("/api/v1/nothing-here/").json()

    assert root["documentation"] == f"{PUBLIC}/api/v1/docs/"
    assert all(url.startswith(f"{PUBLIC}/api/v1/") for url in root["endpoints"].values())
    assert f"{PUBLIC}/api/v1/docs/" in missing["error"]["message"]


def settings_value(name, **env):
    """A setting as `community.settings.base` reads it from `env` alone, in a fresh process."""
    environment = {key: os.environ[key] for key in ("PATH", "HOME") if key in os.environ}
    environment.update(env, DJANGO_SETTINGS_MODULE="community.settings.base")
    result = subprocess.run(
        [sys.executable, "-c", f"from django.conf import settings; print(settings.{name})"],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def test_the_site_answers_at_the_host_of_its_public_address():
    allowed = settings_value("ALLOWED_HOSTS", SITE_URL=PUBLIC)

    assert "192.168.1.20" in allowed
    assert "localhost" in allowed


def test_make_run_serves_and_links_to_the_same_host_and_port():
    commands = subprocess.run(
        ["make", "-n", "run", "HOST=192.168.1.20:9000"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=60,
        env={key: os.environ[key] for key in ("PATH", "HOME") if key in os.environ},
        check=True,
    ).stdout

    runserver = next(line for line in commands.splitlines() if "runserver" in line)
    assert runserver.startswith(f"SITE_URL={PUBLIC} ")
    assert runserver.endswith("runserver 192.168.1.20:9000")
