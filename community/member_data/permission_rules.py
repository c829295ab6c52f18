"""Who may use the addresses of a member's own data that change something
(`community.permission_matrix`): each member their own."""

from community.permission_matrix import EVERYONE, MEMBERS, Outcome, declare

AREA = "Accounts, notifications and members"

declare(
    AREA,
    "member_data:export_request",
    "Ask for the download of one's data",
    target="none",
    allowed=MEMBERS,
    why="signed in: one's own data",
)
for name in ("member_data:preferences", "notification_preferences"):
    declare(
        AREA,
        name,
        "Save one's notification and privacy preferences",
        target="none",
        allowed=MEMBERS,
        why="signed in: one's own preferences",
    )
declare(
    AREA,
    "member_data:digest_unsubscribe",
    "Stop the summary e-mail with its signed link",
    target="digest_token",
    allowed=EVERYONE - {"visitor"},
    visitor=Outcome.ALLOWED,
    why="whoever holds the signed link",
)
