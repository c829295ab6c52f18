"""The admin's "Delete user" erases the account the way a member's own deletion does.

Staff accounts are closed by a site admin rather than from the self-service page; whoever it
is, deleting a user in the admin must not leave their name in the admin's history, their
notifications or the audit log. So the admin's deletion runs the same erasure, keeping what
the person wrote, signed "former member" (staff writing loses its staff card with the account).
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from community.account_deletion.services import deletion_request
from community.erasure import Choice


@hooks.register("before_delete_user")
def erase_instead_of_deleting(request, user):
    if request.method != "POST":
        return None
    if user.pk == request.user.pk:
        messages.error(request, _("You cannot delete your own account from the admin."))
        return redirect("wagtailusers_users:index")
    deletion_request(user, choice=Choice.ANONYMISE, by=request.user)
    messages.success(
        request,
        _(
            "The account is closed and its personal data is being erased. What the person "
            "wrote stays, signed “former member”."
        ),
    )
    return redirect("wagtailusers_users:index")
