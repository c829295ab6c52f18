"""The sections of "my data" for what this package keeps: the member's consents, the history of
their preferences and consents, and the downloads of their data. Registered by the community
app's `ready()`; erased by `community.member_data.erasure`."""

from django.utils.translation import gettext_lazy as _

from community.member_data.models import DataExport
from community.member_data.preferences import (
    choices_for,
    consent_summary,
    setting_label,
    value_label,
)
from community.models import PreferenceChange
from community.personal_data import DataSection, register, when

# Preferences and consents --------------------------------------------------------------------


def consent_rows(member):
    return [choices_for(member)]


def describe_consents(choices) -> dict:
    member = choices.member
    return {
        "guidelines_version_accepted": member.guidelines_version,
        "guidelines_accepted_at": when(member.guidelines_accepted_at),
        "show_verified_owner_badge": choices.show_owner_badge,
        "show_on_public_voter_lists": choices.show_on_voter_lists,
        "weekly_summary": choices.digest,
        "last_weekly_summary_sent_at": when(choices.digest_sent_at),
        "changed_at": when(choices.updated_at),
    }


register(
    DataSection(
        key="consents",
        label=_("Consents"),
        explanation=_(
            "What you agreed to: the community guidelines (and which version), being shown as a "
            "verified owner, appearing on public voter lists, and the weekly summary."
        ),
        rows=consent_rows,
        describe=describe_consents,
        title=consent_summary,
        order=22,
    )
)


def describe_change(change) -> dict:
    return {
        "setting": change.setting,
        "before": change.old_value,
        "after": change.new_value,
        "changed_at": when(change.changed_at),
    }


def change_title(change) -> str:
    before = value_label(change.setting, change.old_value)
    after = value_label(change.setting, change.new_value)
    return f"{setting_label(change.setting)}: {before} → {after}"


register(
    DataSection(
        key="preference_changes",
        label=_("History of your preferences and consents"),
        explanation=_("Every change you made to your preferences and consents, with its date."),
        rows=lambda member: PreferenceChange.objects.filter(member=member),
        describe=describe_change,
        title=change_title,
        order=24,
    )
)


# Downloads -----------------------------------------------------------------------------------

register(
    DataSection(
        key="data_exports",
        label=_("Downloads of your data"),
        explanation=_("The copies of your data you asked for; each is kept a week, then removed."),
        rows=lambda member: DataExport.objects.filter(member=member),
        describe=lambda export: {
            "status": export.status,
            "requested_at": when(export.created_at),
            "finished_at": when(export.finished_at),
            "available_until": when(export.expires_at),
        },
        title=lambda export: export.get_status_display(),
        order=80,
    )
)
