"""Who may call the API: whoever holds a usable token, and only to read."""

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.permissions import SAFE_METHODS, BasePermission

from community.models import ApiToken


class ReadOnlyWithToken(BasePermission):
    """A usable token, and a method that reads. Writing is refused with 405 on every address,
    whatever the view: the API never changes anything."""

    def has_permission(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return False
        if request.method not in SAFE_METHODS:
            raise exceptions.MethodNotAllowed(
                request.method,
                detail=_(
                    "The API only reads: %(method)s is not allowed. Use GET; changes are made "
                    "on the site."
                )
                % {"method": request.method},
            )
        return True
