"""Production settings: `check --deploy` is clean, and the site refuses a missing secret key."""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
INHERITED = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")


def manage(tmp_path, *args, **env):
    """Run manage.py with production settings and only the environment given here."""
    environment = {name: os.environ[name] for name in INHERITED if name in os.environ}
    environment.update(
        DJANGO_SETTINGS_MODULE="community.settings.production",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        PYTHONDONTWRITEBYTECODE="1",
    )
    environment.update(env)
    return subprocess.run(
        [sys.executable, str(PROJECT / "manage.py"), *args],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def random_secret_key():
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(64))


def test_production_settings_pass_check_deploy(tmp_path):
    result = manage(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=random_secret_key(),
        ALLOWED_HOSTS="example.com",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    result = manage(tmp_path, "check", ALLOWED_HOSTS="example.com")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    "secret_key",
    ["too-short", "dev-" + "x" * 60, "django-insecure-" + "x" * 60],
    ids=["short", "dev-key", "django-insecure"],
)
def test_production_settings_refuse_a_weak_secret_key(tmp_path, secret_key):
    result = manage(tmp_path, "check", SECRET_KEY=secret_key, ALLOWED_HOSTS="example.com")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_send_a_content_security_policy(tmp_path):
    script = (
        "import django; django.setup();"
        "from django.conf import settings;"
        "policy = settings.CONTENT_SECURITY_POLICY['DIRECTIVES'];"
        "print(policy['default-src'], policy['script-src'], settings.DEBUG,"
        " settings.SESSION_COOKIE_SECURE, settings.SECURE_SSL_REDIRECT)"
    )
    environment = {name: os.environ[name] for name in INHERITED if name in os.environ}
    environment.update(
        DJANGO_SETTINGS_MODULE="community.settings.production",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        SECRET_KEY=random_secret_key(),
        DEBUG="True",
    )

    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["[\"'self'\"]", "[\"'self'\"]", "False", "True", "True"]


@pytest.mark.django_db
def test_pages_are_served_with_a_content_security_policy_and_no_framing(client, site_pages):
    response = client.get("/")

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
