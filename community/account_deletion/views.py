"""The account deletion pages: what happens, the confirmation, and the page after."""

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import EmailMultiAlternatives
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community.account_deletion import services
from community.account_deletion.forms import DeletionForm
from community.account_deletion.permissions import can_delete_account, is_staff_account


class DeletionTokenGenerator(PasswordResetTokenGenerator):
    """A link to confirm a deletion, for accounts that have no password: valid for as long as
    a password reset link, and only while the account stays as it was (a log-in, a new
    password or another address makes it stale)."""

    key_salt = "community.account_deletion.DeletionTokenGenerator"


deletion_tokens = DeletionTokenGenerator()


def _page(request, form=None, *, token=""):
    member = request.user
    return render(
        request,
        "community/account_deletion/delete.html",
        {
            "member": member,
            "form": form,
            "token": token,
            "is_staff_account": is_staff_account(member),
            "can_delete": can_delete_account(member),
            "has_password": member.has_usable_password(),
            "link_sent": request.GET.get("sent") == "1",
        },
        status=400 if form is not None and form.errors else 200,
    )


def _delete(request, form):
    member = request.user
    services.deletion_request(member, choice=form.cleaned_data["choice"])
    logout(request)
    return redirect("account_deletion:done")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete(request):
    """What deleting the account does, and the form that confirms it with the password."""
    member = request.user
    if not can_delete_account(member) or not member.has_usable_password():
        return _page(request)
    if request.method == "POST":
        form = DeletionForm(request.POST, member=member)
        # Wrong passwords count against the same limit as allauth's re-authentication, so a
        # session left open cannot be used to guess the password here.
        if not ratelimit.consume(request, action="reauthenticate", user=member, dry_run=True):
            form.is_valid()
            form.errors.pop("password", None)
            form.add_error(
                "password",
                _("Too many wrong passwords. Nothing was deleted; please wait a minute."),
            )
            return _page(request, form)
        if form.is_valid():
            return _delete(request, form)
        if form.has_error("password", "wrong_password"):
            ratelimit.consume(request, action="reauthenticate", user=member)
        return _page(request, form)
    return _page(request, DeletionForm(member=member))


@login_required
@require_POST
def send_link(request):
    """For an account without a password: e-mail a link that confirms the deletion."""
    member = request.user
    if not can_delete_account(member) or member.has_usable_password():
        return redirect("account_deletion:delete")
    token = deletion_tokens.make_token(member)
    link = settings.SITE_URL + reverse("account_deletion:confirm", kwargs={"token": token})
    with translation.override(member.preferred_language):
        context = {"member": member, "link": link, "site_name": settings.WAGTAIL_SITE_NAME}
        subject = render_to_string("community/account_deletion/email/link_subject.txt", context)
        text = render_to_string("community/account_deletion/email/link.txt", context)
        html = render_to_string("community/account_deletion/email/link.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=[member.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    message.send()
    messages.success(
        request, _("We sent you a link to confirm the deletion. It works for three days.")
    )
    return redirect(reverse("account_deletion:delete") + "?sent=1")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The page the e-mailed link opens: the same confirmation, without a password."""
    member = request.user
    if not can_delete_account(member) or member.has_usable_password():
        return redirect("account_deletion:delete")
    if not deletion_tokens.check_token(member, token):
        messages.error(
            request,
            _("This link has expired or was not sent to this account. Ask for a new one below."),
        )
        return redirect("account_deletion:delete")
    if request.method == "POST":
        form = DeletionForm(request.POST, member=member, ask_password=False)
        if form.is_valid():
            return _delete(request, form)
        return _page(request, form, token=token)
    return _page(request, DeletionForm(member=member, ask_password=False), token=token)


@require_GET
def done(request):
    """After the confirmation: the member is signed out, the erasure is under way."""
    if request.user.is_authenticated:
        return redirect("account_deletion:delete")
    return render(request, "community/account_deletion/done.html")
