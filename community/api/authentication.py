"""Token authentication: `Authorization: Bearer cmt_…`, checked against the stored hash."""

from django.contrib.auth.models import AnonymousUser
from django.utils import formats
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from community.api.tokens import token_find, token_used

KEYWORDS = ("bearer", "token")


class ApiTokenAuthentication(BaseAuthentication):
    """The API acts for no member: a token opens the public content, nothing more, so the
    request's user stays anonymous and `request.auth` is the token."""

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].decode("latin-1").lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the token as “Authorization: Bearer <token>”, with nothing after it.")
            )
        try:
            text = header[1].decode("ascii")
        except UnicodeDecodeError:
            text = ""
        token = token_find(text)
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("This token is not valid. Check that it was copied whole, or ask a site admin.")
            )
        if token.is_revoked:
            raise exceptions.AuthenticationFailed(
                _("This token was revoked on %(date)s. Ask a site admin for a new one.")
                % {"date": formats.date_format(token.revoked_at, "DATE_FORMAT")}
            )
        if token.is_expired:
            raise exceptions.AuthenticationFailed(
                _("This token expired on %(date)s. Ask a site admin for a new one.")
                % {"date": formats.date_format(token.expires_at, "DATE_FORMAT")}
            )
        token_used(token)
        return AnonymousUser(), token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token that a site admin created for you in the admin: cmt_…",
        }
