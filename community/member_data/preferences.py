"""A member's consents and weekly summary choice, and the history of every change to their
preferences (`PreferenceChange`).

Every write of a preference goes through here (or through `community.notifications
.set_preference`), and both keep the history with `community.preference_history`, so that the
history shown to the member is complete: what changed, from what to what, and when.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models import Digest, PreferenceChange, PrivacyChoices
from community.notifications import registry
from community.preference_history import NOTIFICATION_PREFIX, on_off, record_change

OWNER_BADGE = "consent:owner_badge"
VOTER_LISTS = "consent:voter_lists"
DIGEST = "digest"

CONSENT_SETTINGS = {
    OWNER_BADGE: ("show_owner_badge", _("Shown as a verified owner")),
    VOTER_LISTS: ("show_on_voter_lists", _("Shown on public voter lists")),
}


def choices_for(member) -> PrivacyChoices:
    """The member's choices, or the defaults (an unsaved row) when they never changed them."""
    choices = PrivacyChoices.objects.filter(member=member).first()
    if choices is None:
        choices = PrivacyChoices(member=member)
    else:
        choices.member = member
    return choices


def consent_summary(choices) -> str:
    yes, no = _("yes"), _("no")
    return str(
        _(
            "Verified owner badge: %(badge)s · Public voter lists: %(voters)s · "
            "Weekly summary: %(digest)s"
        )
        % {
            "badge": yes if choices.show_owner_badge else no,
            "voters": yes if choices.show_on_voter_lists else no,
            "digest": choices.get_digest_display(),
        }
    )


def setting_label(setting: str) -> str:
    """What a setting of the history is called, in the reader's language."""
    if setting in CONSENT_SETTINGS:
        return str(CONSENT_SETTINGS[setting][1])
    if setting == DIGEST:
        return str(_("Weekly summary"))
    if setting.startswith(NOTIFICATION_PREFIX):
        key, _sep, channel = setting[len(NOTIFICATION_PREFIX) :].rpartition(":")
        label = registry.get(key).label if key in registry else key
        where = _("in the site") if channel == "in_site" else _("by e-mail")
        return f"{label} ({where})"
    return setting


def value_label(setting: str, value: str) -> str:
    """A stored value of the history in words ("on", "off", the summary's choice)."""
    if value == "":
        return "—"
    if setting == DIGEST:
        return str(dict(Digest.choices).get(value, value))
    return str({"on": _("on"), "off": _("off")}.get(value, value))


@transaction.atomic
def choices_update(member, *, show_owner_badge=None, show_on_voter_lists=None, digest=None):
    """Change the member's consents and weekly summary; each change goes to the history."""
    choices, _created = PrivacyChoices.objects.select_for_update().get_or_create(member=member)
    now = timezone.now()
    changed = []
    for setting, value in ((OWNER_BADGE, show_owner_badge), (VOTER_LISTS, show_on_voter_lists)):
        if value is None:
            continue
        field = CONSENT_SETTINGS[setting][0]
        old = getattr(choices, field)
        if old != value:
            setattr(choices, field, value)
            record_change(member, setting, on_off(old), on_off(value), at=now)
            changed.append(field)
    if digest is not None and digest != choices.digest:
        if digest not in Digest.values:
            raise ValueError(f"Unknown weekly summary choice: {digest}")
        record_change(member, DIGEST, choices.digest, digest, at=now)
        choices.digest = digest
        changed.append("digest")
    if changed:
        choices.save(update_fields=[*changed, "updated_at"])
    return choices


def history_for(member, *, limit=50):
    return list(PreferenceChange.objects.filter(member=member)[:limit])
