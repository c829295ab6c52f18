"""The content security policies: one for the public pages, one for the Wagtail admin, and the
address where browsers report what either policy blocked.

django-csp builds both headers. The public policy is `CONTENT_SECURITY_POLICY`; pages under the
admin's prefixes (`ADMIN_CONTENT_SECURITY_POLICY["URL_PREFIXES"]`) get the admin policy
instead, which allows what the Wagtail admin needs and nothing the public pages do not. A view
that sets its own policy with django-csp's decorators keeps it.

Browsers send what a policy blocked to `csp_report`: the older `report-uri` reports
(`application/csp-report`, one violation a request) and the Reporting API's
(`application/reports+json`, a list). Each violation becomes one log line on the
`community.csp` logger, with the policy, the directive and the addresses without their query
strings; nothing about the visitor is logged or stored, and the reports a network address may
send are counted with the site's rate limits.
"""

import contextvars
import json
import logging
from urllib.parse import urlsplit, urlunsplit

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.admin.widgets.chooser import BaseChooser

from community.protections import ratelimits
from community.protections.ratelimits import Window

PUBLIC = "site"
ADMIN = "admin"
# The name of the reporting endpoint in `Reporting-Endpoints`, which `report-to` refers to.
REPORTING_ENDPOINT = "csp"
# A page rarely breaks a policy more than a few times; a browser batches a page's reports into
# one request of a few kilobytes. Anything much larger is not a browser's report.
MAX_REPORT_BYTES = 64 * 1024
# Violations one network address may report a minute; the rest are answered 429 unread.
REPORTS_PER_ADDRESS = Window(limit=60, period=60)
# How much of a blocked inline script or style the log keeps (browsers send at most 40).
SAMPLE_LENGTH = 40
REPORT_TYPES = ("application/csp-report", "application/reports+json", "application/json")

logger = logging.getLogger("community.csp")

_request = contextvars.ContextVar("community_csp_request", default=None)


def current_nonce() -> str:
    """The nonce of the page being answered, for the inline scripts the Wagtail admin writes
    where no template context reaches (form widgets, panels); "" outside a request."""
    request = _request.get()
    return str(getattr(request, "csp_nonce", "")) if request is not None else ""


def policy_for(path: str) -> str:
    """Which policy a page at `path` is served with."""
    prefixes = tuple(settings.ADMIN_CONTENT_SECURITY_POLICY["URL_PREFIXES"])
    return ADMIN if path.startswith(prefixes) else PUBLIC


def report_url(policy: str) -> str:
    """Where the browser sends `policy`'s reports: the site's own address for them, whatever
    address book (urlconf) the request was answered from."""
    return reverse("csp_report", kwargs={"policy": policy}, urlconf="community.urls")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the admin policy for the admin's pages.

    Each response also names where its policy's reports go (`Reporting-Endpoints`), so that the
    report says which policy was broken without trusting what the report says of its page.
    """

    def __call__(self, request):
        token = _request.set(request)
        try:
            return super().__call__(request)
        finally:
            _request.reset(token)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        policy = policy_for(request.path_info)
        if not report_only and parts.config is None and policy == ADMIN:
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        if not report_only:
            parts.update = {
                **(parts.update or {}),
                "report-uri": report_url(policy),
                "report-to": REPORTING_ENDPOINT,
            }
        return parts

    def process_response(self, request, response):
        if getattr(request, "is_preview", False):
            # A Wagtail preview: the page is rendered through the middleware a second time, for
            # its own address, inside the admin's request, whose policy (framed by the admin)
            # it gets.
            return response
        response = super().process_response(request, response)
        if "Content-Security-Policy" in response and "Reporting-Endpoints" not in response:
            # A relative address is resolved against the page's own: reports stay same-origin.
            url = report_url(policy_for(request.path_info))
            response["Reporting-Endpoints"] = f'{REPORTING_ENDPOINT}="{url}"'
        return response


_wagtail_chooser_render = BaseChooser.render


def _chooser_render_with_nonce(self, name, value, attrs=None, renderer=None):
    """Wagtail's chooser widgets end with an inline script written in Python
    (`BaseChooser.render`); it gets the page's nonce like the admin templates' scripts."""
    html = _wagtail_chooser_render(self, name, value, attrs=attrs, renderer=renderer)
    widget, script, init = html.rpartition("<script>")
    if not script:
        return html
    return mark_safe(f'{widget}<script nonce="{current_nonce()}">{init}')  # noqa: S308


def install():
    """Give the nonce to the chooser widgets' scripts (from `CommunityConfig.ready`)."""
    BaseChooser.render = _chooser_render_with_nonce


def _without_query(address) -> str | None:
    """An address without its query string and fragment (which may carry tokens), or the
    browser's keyword for what was blocked ("inline", "eval", "data")."""
    if not isinstance(address, str) or not address:
        return None
    address = address[:500]
    parts = urlsplit(address)
    if not parts.scheme or not parts.netloc:
        return address.split("?", 1)[0].split("#", 1)[0]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def _number(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value, length: int = 200) -> str | None:
    return value[:length] if isinstance(value, str) and value else None


def _violation(fields: dict, camel: bool) -> dict:
    """The loggable part of one violation, from a `report-uri` body (`camel=False`, hyphenated
    keys) or a Reporting API body (camelCase keys)."""

    def field(hyphenated, camel_case):
        return fields.get(camel_case if camel else hyphenated)

    directive = field("effective-directive", "effectiveDirective")
    if not directive and not camel:
        # Older browsers name only the directive as written in the policy ("script-src 'self'").
        directive = str(fields.get("violated-directive") or "").split(" ", 1)[0]
    return {
        "directive": _text(directive, 60),
        "blocked": _without_query(field("blocked-uri", "blockedURL")),
        "document": _without_query(field("document-uri", "documentURL")),
        "source": _without_query(field("source-file", "sourceFile")),
        "line": _number(field("line-number", "lineNumber")),
        "column": _number(field("column-number", "columnNumber")),
        "sample": _text(field("script-sample", "sample"), SAMPLE_LENGTH),
        "disposition": _text(field("disposition", "disposition"), 20),
    }


class BadReport(ValueError):
    """A body that is not a browser's violation report."""


def violations_in(body: bytes) -> list[dict]:
    """The violations in a report body, in either format; raises `BadReport` otherwise.

    A Reporting API batch may hold reports of other types (deprecations, interventions): those
    are skipped.
    """
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, ValueError) as error:
        raise BadReport("not JSON") from error
    if isinstance(data, dict) and isinstance(data.get("csp-report"), dict):
        return [_violation(data["csp-report"], camel=False)]
    if isinstance(data, list) and data and all(isinstance(item, dict) for item in data):
        return [
            _violation(item["body"], camel=True)
            for item in data
            if item.get("type") == "csp-violation" and isinstance(item.get("body"), dict)
        ]
    raise BadReport("not a violation report")


@csrf_exempt
@never_cache
@require_POST
def csp_report(request, policy):
    """Where browsers send what the `policy` policy blocked: 204 once logged, 400 for anything
    that is not a report, 429 when the address has sent too many."""
    if request.content_type not in REPORT_TYPES:
        return HttpResponse(status=400)
    try:
        length = int(request.headers.get("Content-Length") or 0)
    except ValueError:
        return HttpResponse(status=400)
    if length > MAX_REPORT_BYTES:
        return HttpResponse(status=400)
    body = request.read(MAX_REPORT_BYTES + 1)
    if len(body) > MAX_REPORT_BYTES:
        return HttpResponse(status=400)
    try:
        violations = violations_in(body)
    except BadReport:
        return HttpResponse(status=400)
    address = ratelimits.client_ip(request)
    for violation in violations:
        wait = ratelimits.hit("csp_report", "ip", address, REPORTS_PER_ADDRESS)
        if wait:
            return HttpResponse(status=429, headers={"Retry-After": str(wait)})
        logger.warning(
            "CSP violation (%s policy): %s blocked %s",
            policy,
            violation["directive"],
            violation["blocked"],
            extra={"policy": policy, **violation},
        )
    return HttpResponse(status=204)
