"""Serving requests with the protections: who is being served, and how refusals are answered."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from community import permissions
from community.protections import ratelimits
from community.protections.refusals import Refused
from community.protections.suspensions import active_suspension, suspension_message


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def refusal_response(request, refusal: Refused):
    """429 (or 403 for a suspension) with the message for fetch requests; for pages, the message
    on the page the person came from, or on a page of its own."""
    message = " ".join(refusal.messages)
    headers = {"Retry-After": str(refusal.retry_after)} if refusal.retry_after else {}
    if wants_json(request):
        return JsonResponse(
            {"error": message, "code": refusal.code, "retry_after": refusal.retry_after},
            status=refusal.status,
            headers=headers,
        )
    back = request.headers.get("Referer", "")
    if request.method == "POST" and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        messages.error(request, message)
        return HttpResponseRedirect(back)
    response = render(
        request, "protections/refused.html", {"message": message}, status=refusal.status
    )
    for name, value in headers.items():
        response[name] = value
    return response


class ProtectionsMiddleware:
    """Records the client's network address for the rate limits of the services below, and
    answers the refusals that a view did not show next to its form.

    A suspended member who reaches a page that is closed to them is told that they are
    suspended, with the reason, rather than asked to verify their e-mail address.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with ratelimits.serving(ratelimits.client_ip(request)):
            return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Refused):
            return refusal_response(request, exception)
        if isinstance(exception, PermissionDenied):
            user = getattr(request, "user", None)
            suspension = active_suspension(user) if permissions.is_member(user) else None
            if suspension is not None:
                return render(
                    request,
                    "403.html",
                    {"exception": suspension_message(suspension)},
                    status=403,
                )
        return None
