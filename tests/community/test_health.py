"""/health/ tells load balancers whether this server can reach its database."""

from unittest import mock

import pytest
from django.db import DatabaseError

pytestmark = pytest.mark.django_db


def test_health_answers_200_with_the_database_ok(client):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}


def test_health_is_never_cached(client):
    response = client.get("/health/")

    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_health_answers_503_when_the_database_is_unreachable(client):
    with mock.patch("community.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/health/")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


def test_health_needs_no_site_pages_nor_a_language_prefix(client):
    response = client.get("/health/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 200


def test_health_only_answers_get(client):
    assert client.post("/health/").status_code == 405
