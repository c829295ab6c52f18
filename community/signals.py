"""Signal handlers only react: they call a service or enqueue work, nothing more."""

from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from django.dispatch import receiver

from community.notifications import WELCOME, notify


@receiver(email_confirmed)
def welcome_verified_member(sender, request, email_address, **kwargs):
    """Welcome a member when their first address is verified (not on later e-mail changes)."""
    member = email_address.user
    member.__dict__.pop("has_verified_email", None)
    earlier = EmailAddress.objects.filter(user=member, verified=True).exclude(pk=email_address.pk)
    if earlier.exists():
        return
    notify(member, WELCOME.key, params={"name": member.display_name}, url="/")
