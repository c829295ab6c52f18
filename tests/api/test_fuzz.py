"""Property-based fuzzing of the API against its own schema (schemathesis): whatever the
parameters, ids and cursors, no request ends in a server error, and every answer is JSON that
matches the schema. Bounded and repeatable: 20 examples per operation, derandomised.

The schema is the one the site serves (`/api/v1/schema/`), made when the tests are collected;
requests go to the WSGI application in this process, with public and hidden content in the
database and a usable token.
"""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from community.api.openapi import ApiSchemaGenerator
from community.wsgi import application

pytestmark = pytest.mark.django_db


def served_schema() -> dict:
    generated = ApiSchemaGenerator().get_schema(public=True)
    return json.loads(OpenApiJsonRenderer().render(generated))


schema = schemathesis.openapi.from_dict(served_schema())
schema.app = application


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI application closes the database connection after each request; the test's
    transaction needs it open, as Django's own test client keeps it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_fuzzed_schema_is_the_one_the_site_serves(client):
    assert client.get("/api/v1/schema/", {"format": "json"}).json() == served_schema()


@schema.parametrize()
@settings(
    max_examples=20,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_request_ends_in_a_server_error(case, token, content):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        checks=[not_a_server_error, content_type_conformance, response_schema_conformance],
    )
