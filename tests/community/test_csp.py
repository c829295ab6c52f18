"""The content security policies (the public pages', the Wagtail admin's) and the address where
browsers report what they blocked."""

import json
import logging
import re

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from community import csp
from community.observability import JsonFormatter
from community.protections.ratelimits import Window
from tests.factories import product_page, site_admin

pytestmark = pytest.mark.django_db

LEGACY = "application/csp-report"
REPORTING_API = "application/reports+json"


def directives(header):
    """A policy header as {directive: [sources]}."""
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in parts}


def legacy_report(**fields):
    """What a browser sends to `report-uri`: one violation."""
    return {
        "csp-report": {
            "document-uri": "https://community.example/admin/pages/3/edit/?token=secret",
            "referrer": "https://community.example/admin/",
            "violated-directive": "script-src-elem",
            "effective-directive": "script-src-elem",
            "original-policy": "default-src 'self'; script-src 'self'",
            "disposition": "enforce",
            "blocked-uri": "inline",
            "line-number": 12,
            "column-number": 8,
            "source-file": "https://community.example/admin/pages/3/edit/?token=secret",
            "status-code": 200,
            "script-sample": "alert(document.cookie)",
            **fields,
        }
    }


def reporting_api_batch(*blocked_urls):
    """What a browser sends to a `report-to` endpoint: a list of reports, of several types."""
    return [
        {
            "age": 10,
            "type": "csp-violation",
            "url": "https://community.example/products/aurora/",
            "user_agent": "Mozilla/5.0",
            "body": {
                "blockedURL": blocked,
                "disposition": "enforce",
                "documentURL": "https://community.example/products/aurora/?q=mine",
                "effectiveDirective": "img-src",
                "originalPolicy": "default-src 'self'",
                "referrer": "",
                "sample": "",
                "statusCode": 200,
            },
        }
        for blocked in blocked_urls
    ] + [
        {
            "age": 3,
            "type": "deprecation",
            "url": "https://community.example/",
            "body": {"id": "Something", "message": "Something is deprecated"},
        }
    ]


def post_report(client, body, content_type=LEGACY, policy="site", **extra):
    if not isinstance(body, (bytes, str)):
        body = json.dumps(body)
    return client.post(f"/csp-reports/{policy}/", body, content_type=content_type, **extra)


def violation_records(caplog):
    return [record for record in caplog.records if record.name == "community.csp"]


# The policies


def test_public_pages_keep_their_own_strict_policy(client, site_pages):
    response = client.get("/")

    policy = directives(response["Content-Security-Policy"])
    public = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert {name: policy[name] for name in public} == public
    assert policy["report-uri"] == ["/csp-reports/site/"]
    assert policy["report-to"] == ["csp"]
    assert response["Reporting-Endpoints"] == 'csp="/csp-reports/site/"'
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_admin_pages_are_served_with_the_admin_policy(client, site_pages):
    client.force_login(site_admin())

    response = client.get("/admin/")

    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    # The page preview is an admin page framed by the admin itself; nothing else may frame it.
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["report-uri"] == ["/csp-reports/admin/"]
    assert response["Reporting-Endpoints"] == 'csp="/csp-reports/admin/"'


def test_the_admin_sign_in_redirect_is_under_the_admin_policy_too(client):
    response = client.get("/admin/pages/")

    assert response.status_code == 302
    assert directives(response["Content-Security-Policy"])["report-uri"] == ["/csp-reports/admin/"]


def test_the_admins_allowances_do_not_reach_the_public_pages(client, site_pages):
    client.force_login(site_admin())

    public = directives(client.get("/")["Content-Security-Policy"])
    admin = directives(client.get("/admin/")["Content-Security-Policy"])

    assert admin["img-src"] != public["img-src"]
    assert "blob:" not in public["img-src"]
    assert public["frame-ancestors"] == ["'none'"]
    assert "frame-src" not in public


# The report address


def test_a_report_uri_violation_is_logged_as_one_line_without_query_strings(client, caplog):
    caplog.set_level(logging.INFO, logger="community.csp")

    response = post_report(client, legacy_report(), policy="admin", REMOTE_ADDR="203.0.113.9")

    assert response.status_code == 204
    [record] = violation_records(caplog)
    assert record.levelno == logging.WARNING
    assert record.policy == "admin"
    assert record.directive == "script-src-elem"
    assert record.blocked == "inline"
    assert record.document == "https://community.example/admin/pages/3/edit/"
    assert record.source == "https://community.example/admin/pages/3/edit/"
    assert (record.line, record.column) == (12, 8)
    assert record.sample == "alert(document.cookie)"
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert json.loads(line)["directive"] == "script-src-elem"
    # Nothing that tells who the visitor was, nor the secrets in the addresses.
    assert "203.0.113" not in line and "secret" not in line


def test_a_reporting_api_batch_logs_each_violation_and_skips_other_reports(client, caplog):
    caplog.set_level(logging.INFO, logger="community.csp")

    response = post_report(
        client,
        reporting_api_batch("https://tracker.example/pixel.gif?id=42", "data"),
        content_type=REPORTING_API,
    )

    assert response.status_code == 204
    records = violation_records(caplog)
    assert [(r.policy, r.directive, r.blocked) for r in records] == [
        ("site", "img-src", "https://tracker.example/pixel.gif"),
        ("site", "img-src", "data"),
    ]
    assert {r.document for r in records} == {"https://community.example/products/aurora/"}


def test_an_older_browsers_report_names_the_directive_from_the_policy(client, caplog):
    caplog.set_level(logging.INFO, logger="community.csp")
    report = legacy_report(**{"violated-directive": "style-src 'self'"})
    del report["csp-report"]["effective-directive"]

    assert post_report(client, report).status_code == 204

    assert violation_records(caplog)[0].directive == "style-src"


@pytest.mark.parametrize(
    "role", ["visitor", "unverified_member", "member", "staff", "moderator", "product_team_member"]
)
def test_anyones_browser_may_report_without_a_csrf_token(role, request, caplog):
    caplog.set_level(logging.INFO, logger="community.csp")
    browser = Client(enforce_csrf_checks=True)
    person = request.getfixturevalue(role)
    if person is not None:
        browser.force_login(person)

    assert post_report(browser, legacy_report()).status_code == 204
    assert len(violation_records(caplog)) == 1


def test_only_the_two_policies_have_a_report_address(client):
    assert post_report(client, legacy_report(), policy="other").status_code == 404


def test_reports_are_only_sent_not_fetched(client):
    assert client.get("/csp-reports/site/").status_code == 405


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"<html>not json</html>", LEGACY),
        (b"\xff\xfe\x00", LEGACY),
        (b'{"csp-report": ', LEGACY),
        ({"csp-report": "inline"}, LEGACY),
        ({"something": "else"}, LEGACY),
        ([], REPORTING_API),
        ([1, 2, 3], REPORTING_API),
        ("just a string", REPORTING_API),
        (legacy_report(), "text/plain"),
        (legacy_report(), "application/x-www-form-urlencoded"),
    ],
)
def test_anything_but_a_report_is_refused_without_a_stack_trace(client, caplog, body, content_type):
    caplog.set_level(logging.INFO)

    response = post_report(client, body, content_type=content_type)

    assert response.status_code == 400
    assert violation_records(caplog) == []
    assert not [record for record in caplog.records if record.exc_info]


def test_a_body_too_large_is_refused_unread(client, caplog):
    caplog.set_level(logging.INFO)
    padded = legacy_report(**{"script-sample": "x" * csp.MAX_REPORT_BYTES})

    response = post_report(client, padded)

    assert response.status_code == 400
    assert violation_records(caplog) == []
    assert not [record for record in caplog.records if record.exc_info]


def test_a_body_larger_than_it_says_is_refused(rf):
    body = json.dumps(legacy_report(**{"script-sample": "x" * csp.MAX_REPORT_BYTES}))
    request = rf.post("/csp-reports/site/", body, content_type=LEGACY)
    request.META["CONTENT_LENGTH"] = "100"

    assert csp.csp_report(request, policy="site").status_code == 400


def test_an_address_that_reports_too_much_is_told_to_wait_and_others_are_not(
    client, caplog, monkeypatch
):
    caplog.set_level(logging.INFO, logger="community.csp")
    monkeypatch.setattr(csp, "REPORTS_PER_ADDRESS", Window(limit=3, period=60))
    batch = reporting_api_batch("data", "blob")

    with time_machine.travel(timezone.now().replace(second=5), tick=False) as clock:
        first = post_report(client, batch, REPORTING_API, REMOTE_ADDR="198.51.100.7")
        second = post_report(client, batch, REPORTING_API, REMOTE_ADDR="198.51.100.7")
        other = post_report(client, legacy_report(), REMOTE_ADDR="198.51.100.8")
        logged_in_the_minute = len(violation_records(caplog))
        clock.shift(60)
        next_minute = post_report(client, legacy_report(), REMOTE_ADDR="198.51.100.7")

    assert first.status_code == 204
    assert second.status_code == 429
    assert 0 < int(second["Retry-After"]) <= 60
    assert other.status_code == 204
    # Two from the first batch, one from the second before the limit, one from the other address.
    assert logged_in_the_minute == 4
    assert next_minute.status_code == 204


def test_every_inline_script_of_an_admin_form_carries_the_pages_nonce(client, site_pages):
    """Wagtail writes inline scripts for choosers, inline panels and date fields; each must
    carry the nonce, or the browser refuses it and the form stops working."""
    client.force_login(site_admin())
    product = product_page(site_pages.catalogue["en"], "Aurora espresso machine")

    for url in (f"/admin/pages/{product.pk}/edit/", "/admin/users/", "/admin/pages/"):
        response = client.get(url)
        [nonce] = re.findall(r"'nonce-([^']+)'", response["Content-Security-Policy"])
        html = response.content.decode()
        inline = [
            attributes
            for attributes in re.findall(r"<script([^>]*)>", html)
            if "src=" not in attributes and "application/json" not in attributes
        ]
        assert inline, url
        assert all(f'nonce="{nonce}"' in attributes for attributes in inline), (url, inline)


def test_a_page_preview_gets_the_admin_policy_that_lets_the_admin_frame_it(client, site_pages):
    client.force_login(site_admin())
    product = product_page(site_pages.catalogue["en"], "Aurora espresso machine")

    preview_url = f"/admin/pages/{product.pk}/edit/preview/"
    edit_form = nested_form_data(
        {
            "title": "Aurora espresso machine",
            "slug": product.slug,
            "description": rich_text("<p>Brews a cup.</p>"),
            "images": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    assert client.post(preview_url, edit_form).json()["is_valid"]

    response = client.get(preview_url)

    assert response.status_code == 200
    assert b"Aurora espresso machine" in response.content
    policy = directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["report-uri"] == ["/csp-reports/admin/"]
