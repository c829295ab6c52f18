"""What retires kept answer fragments (`fragments.py`) when the people they name change.

A byline shows the author's display name and avatar, or their staff card (real name, photo,
team); saving either may change it, and erasing an account saves the member. Rather than find
every fragment that names the member, the member gets a new profile generation (and each
member of a team, when the team is renamed).
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save

from community.models import StaffCard, Team
from community.questions import fragments

# Saves that change nothing a byline shows: signing in, changing one's password.
UNSEEN_FIELDS = frozenset({"last_login", "password"})


def _member_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= UNSEEN_FIELDS:
        return
    fragments.new_profile_generation(instance.pk)


def _staff_card_changed(sender, instance, **kwargs):
    fragments.new_profile_generation(instance.member_id)


def _team_saved(sender, instance, **kwargs):
    """A staff byline names the team of the card."""
    for member_id in StaffCard.objects.filter(team=instance).values_list("member_id", flat=True):
        fragments.new_profile_generation(member_id)


def connect() -> None:
    post_save.connect(
        _member_saved, sender=get_user_model(), dispatch_uid="questions-fragments-member"
    )
    post_save.connect(
        _staff_card_changed, sender=StaffCard, dispatch_uid="questions-fragments-card-saved"
    )
    post_delete.connect(
        _staff_card_changed, sender=StaffCard, dispatch_uid="questions-fragments-card-deleted"
    )
    post_save.connect(_team_saved, sender=Team, dispatch_uid="questions-fragments-team")
