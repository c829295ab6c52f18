"""The demo members' own choices: the customers who own what they review chose to be shown as
verified owners (the badge needs their consent). Set through the preferences service, so that
each member's history shows the change; setting it again changes nothing."""

from community.demo import DemoContext, DemoStep
from community.member_data.preferences import choices_update

SHOWN_AS_OWNERS = (
    "oliver.smith@example.com",
    "lea.dubois@example.com",
    "grace.taylor@example.com",
)


def seed_choices(context: DemoContext) -> None:
    members = context.members()
    for email in SHOWN_AS_OWNERS:
        if email in members:
            choices_update(members[email], show_owner_badge=True)


# Before the reviews, as when these members wrote them.
DEMO_STEPS = (DemoStep("member_data", seed=seed_choices, order=30),)
