"""Signing in as before, and reading the signed-in member on each request in one query.

Django reads the member of a session with the backend that signed them in. Both backends the
site signs in with (Django's, for the admin and tests, and allauth's, for the site's forms)
load the member through `selectors.member_for_request`, which reads with them what every page
shows: the unread notification count, a verified address, a suspension in force, the roles.
"""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import ModelBackend

from community import selectors


class _MemberForRequest:
    def get_user(self, user_id):
        member = selectors.member_for_request(user_id)
        return member if member is not None and self.user_can_authenticate(member) else None


class MemberModelBackend(_MemberForRequest, ModelBackend):
    """Django's model backend (e-mail and password)."""


class MemberAuthenticationBackend(_MemberForRequest, AuthenticationBackend):
    """allauth's backend, used by the sign-in form."""
