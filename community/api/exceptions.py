"""Every error of the API as JSON with a message a person can act on:

    {"error": {"status": 429, "code": "throttled", "message": "…", "details": {…}}}

`details` appears when there is more to say, for example which parameter is not valid.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler, set_rollback

from community import outages
from community.models import ApiToken

logger = logging.getLogger("community.api")


def _message(exc, request) -> str:
    if isinstance(exc, exceptions.NotAuthenticated):
        return _(
            "This API needs a token: send it as “Authorization: Bearer <token>”. "
            "Site admins create tokens in the admin."
        )
    if isinstance(exc, exceptions.Throttled):
        token = getattr(request, "auth", None)
        limit = token.rate_per_minute if isinstance(token, ApiToken) else None
        seconds = max(1, int(exc.wait or 1))
        if limit is not None:
            return _(
                "Too many requests for this token: at most %(limit)s a minute. "
                "Try again in %(seconds)s seconds."
            ) % {"limit": limit, "seconds": seconds}
        return _("Too many requests. Try again in %(seconds)s seconds.") % {"seconds": seconds}
    if isinstance(exc, exceptions.ValidationError):
        return _("Some parameters are not valid: see “details”.")
    if isinstance(exc, exceptions.NotFound) and str(exc.detail) in (
        exceptions.NotFound.default_detail,
        "No %s matches the given query.",
    ):
        return _("Nothing public has this address. List the items to find the right number.")
    if isinstance(exc, exceptions.NotAcceptable):
        return _("The API answers in JSON only: accept application/json.")
    return str(exc.detail) if not isinstance(exc.detail, list | dict) else str(exc.default_detail)


def error_body(status_code: int, code: str, message: str, details=None) -> dict:
    body = {"status": status_code, "code": code, "message": message}
    if details:
        body["details"] = details
    return {"error": body}


def json_exception_handler(exc, context):
    request = context.get("request")
    if isinstance(exc, outages.DATABASE_UNAVAILABLE):
        return outages.database_unavailable(request)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    response = exception_handler(exc, context)
    if response is None:
        logger.exception("API error on %s", getattr(request, "path", "?"), exc_info=exc)
        set_rollback()
        return Response(
            error_body(
                500,
                "server_error",
                _("Something went wrong on our side. Try again later; it has been logged."),
            ),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    codes = exc.get_codes()
    code = codes if isinstance(codes, str) else "invalid"
    details = exc.detail if isinstance(exc.detail, dict | list) else None
    response.data = error_body(response.status_code, code, _message(exc, request), details)
    return response
