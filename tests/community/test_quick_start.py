"""`make run`: it prints the address it really serves, shows the site as visitors get it (its own
error pages, static files without DEBUG), and says plainly that staff skip the second factor."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management.base import CommandError
from django.test import Client

from community.demo import ADMIN_EMAIL, ADMIN_PASSWORD
from community.management.commands.seed_demo import how_to_sign_in, served_url
from community.settings import dev

PROJECT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("address", "url", "every_interface"),
    [
        ("", "http://127.0.0.1:8000/", False),
        ("8001", "http://127.0.0.1:8001/", False),
        ("localhost:8080", "http://localhost:8080/", False),
        ("192.168.1.20:8000", "http://192.168.1.20:8000/", False),
        ("[::1]:8000", "http://[::1]:8000/", False),
        ("0.0.0.0:8080", "http://127.0.0.1:8080/", True),
        ("0:8080", "http://127.0.0.1:8080/", True),
        ("[::]:9000", "http://[::1]:9000/", True),
    ],
)
def test_the_address_printed_is_the_one_runserver_serves(address, url, every_interface):
    assert served_url(address) == (url, every_interface)


def test_an_address_runserver_would_refuse_is_refused_before_seeding():
    with pytest.raises(CommandError, match="not an address runserver takes"):
        served_url("http://localhost:8000")


def test_the_log_ins_name_the_served_address_and_the_admin_under_it():
    text = how_to_sign_in("0.0.0.0:8080")

    assert "Site:        http://127.0.0.1:8080/\n" in text
    assert "Admin:       http://127.0.0.1:8080/admin/\n" in text
    assert "every network interface" in text
    assert f"{ADMIN_EMAIL} / {ADMIN_PASSWORD}" in text
    assert "8000" not in text


def test_the_log_ins_say_plainly_whether_staff_are_asked_for_a_second_factor(settings):
    settings.REQUIRE_MFA_FOR_STAFF = False
    assert "not asked for a second factor here" in how_to_sign_in()
    assert "REQUIRE_MFA_FOR_STAFF=1 make run" in how_to_sign_in()

    settings.REQUIRE_MFA_FOR_STAFF = True
    assert "set up two-factor authentication at their first log-in" in how_to_sign_in()


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_seeds_announces_and_serves_the_same_host_without_debug_pages():
    commands = subprocess.run(
        ["make", "--dry-run", "--always-make", "run", "HOST=0.0.0.0:8081"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()

    seed = next(line for line in commands if "manage.py seed_demo" in line)
    serve = next(line for line in commands if "manage.py runserver" in line)
    assert seed.endswith("seed_demo --address 0.0.0.0:8081")
    assert serve.endswith("runserver 0.0.0.0:8081")
    assert "DEBUG=0 " in serve


@pytest.mark.django_db
def test_without_debug_static_files_and_the_sites_own_404_are_served(settings, site_pages):
    """What `make run` serves with DEBUG=0: WhiteNoise reads the static files from the apps'
    folders as in development (community/settings/dev.py), and a missing page is the site's."""
    settings.DEBUG = False
    settings.WHITENOISE_USE_FINDERS = dev.WHITENOISE_USE_FINDERS
    settings.WHITENOISE_AUTOREFRESH = dev.WHITENOISE_AUTOREFRESH
    client = Client()  # its middleware, WhiteNoise's included, reads the settings above

    stylesheet = client.get("/static/css/site.css")
    missing = client.get("/fr/no-such-page/")

    assert stylesheet.status_code == 200
    assert b".site-header" in b"".join(stylesheet.streaming_content)
    assert missing.status_code == 404
    assert "<h1>Page introuvable</h1>" in missing.content.decode()
