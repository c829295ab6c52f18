"""Who may use the ground floor's addresses that change something: accounts, notifications,
blocking and reporting members, appeals, account deletion, and the community's pages in the
Wagtail admin (`community.permission_matrix`)."""

from community.permission_matrix import (
    ADMIN,
    EVERYONE,
    MEMBERS,
    MODERATORS,
    WRITERS,
    Outcome,
    declare,
)

ACCOUNT = "Accounts, notifications and members"
MODERATION = "Reports, blocks and appeals"
ADMIN_PAGES = "The community's pages in the Wagtail admin"
EVERYONE_BUT_VISITORS = EVERYONE - {"visitor"}

declare(
    ACCOUNT,
    "set_language",
    "Choose the language",
    target="none",
    allowed=EVERYONE_BUT_VISITORS,
    visitor=Outcome.ALLOWED,
    why="anyone (Django's `set_language`)",
)
declare(
    ACCOUNT,
    "member_detail",
    "Read a member's page (any method reads)",
    target="author_handle",
    allowed=EVERYONE_BUT_VISITORS,
    visitor=Outcome.ALLOWED,
    why="changes nothing",
)
declare(
    ACCOUNT,
    "profile_edit",
    "Edit one's profile",
    target="none",
    allowed=MEMBERS,
    why="`can_edit_profile`: one's own, whatever one's standing",
)
declare(
    ACCOUNT,
    "notification_mark_all_read",
    "Mark all one's notifications read",
    target="none",
    allowed=MEMBERS,
    why="signed in; one's own only",
)
declare(
    ACCOUNT,
    "notification_open",
    "Open one of one's notifications",
    target="own_notification",
    allowed=MEMBERS,
    why="signed in; someone else's is not found",
)
declare(
    ACCOUNT,
    "notification_unsubscribe",
    "Unsubscribe from an e-mail with its signed link",
    target="unsubscribe_token",
    allowed=EVERYONE_BUT_VISITORS,
    visitor=Outcome.ALLOWED,
    why="whoever holds the signed link",
)
declare(
    MODERATION,
    "protections:block",
    "Block a member",
    target="author_handle",
    allowed=MEMBERS - {"author"},
    why="`can_block`: any member, not oneself, not staff or moderators",
)
declare(
    MODERATION,
    "protections:unblock",
    "Unblock a member",
    target="author_handle",
    allowed=MEMBERS,
    why="any member (unblocking someone one has not blocked changes nothing)",
)
declare(
    MODERATION,
    "moderation:member_report",
    "Report a member",
    target="author_handle",
    allowed=WRITERS - {"author"},
    why="`moderation.permissions.can_report`: verified, not suspended, not oneself",
)
declare(
    MODERATION,
    "moderation:appeal",
    "Appeal a moderator's decision",
    target="hidden_answer",
    allowed={"author"},
    hidden=EVERYONE_BUT_VISITORS - {"author"},
    why="`can_appeal`: the author of hidden content; nobody else learns it exists",
)
declare(
    ACCOUNT,
    "account_deletion:delete",
    "Delete one's account",
    target="none",
    allowed=MEMBERS,
    why="`can_delete_account`: any member; staff accounts get the page that says a site admin "
    "closes them, and nothing is deleted",
)
declare(
    ACCOUNT,
    "account_deletion:send_link",
    "Ask for the deletion link by e-mail",
    target="none",
    allowed=MEMBERS,
    why="`can_delete_account` and no password: others are sent back to the deletion page",
)
declare(
    ACCOUNT,
    "account_deletion:confirm",
    "Confirm the deletion from the e-mailed link",
    target="deletion_token",
    allowed=MEMBERS,
    why="`can_delete_account` and a valid link, else back to the deletion page",
)
declare(
    ADMIN_PAGES,
    "moderation_item",
    "Decide a moderation queue item",
    target="queue_item",
    allowed=MODERATORS,
    why="`can_moderate`",
)
declare(
    ADMIN_PAGES,
    "moderation_appeal",
    "Decide an appeal",
    target="appeal",
    allowed=MODERATORS,
    why="`can_moderate`, `can_decide_appeal`",
)
declare(
    ADMIN_PAGES,
    "protections_admin_suspend",
    "Suspend a member",
    target="author_member_pk",
    allowed=MODERATORS,
    why="`can_suspend`",
)
declare(
    ADMIN_PAGES,
    "protections_admin_lift",
    "Lift a suspension",
    target="suspension",
    allowed=MODERATORS,
    why="`can_lift`",
)
declare(
    ADMIN_PAGES,
    "api_tokens:add",
    "Create an API token",
    target="none",
    allowed=ADMIN,
    why="`can_manage_api`",
)
declare(
    ADMIN_PAGES,
    "api_tokens:revoke",
    "Revoke an API token",
    target="api_token",
    allowed=ADMIN,
    why="`can_manage_api`",
)
declare(
    ADMIN_PAGES,
    "webhooks:edit",
    "Edit a webhook",
    target="webhook",
    allowed=ADMIN,
    why="`can_manage_webhooks`",
)
declare(
    ADMIN_PAGES,
    "webhooks:ping",
    "Send a webhook a test delivery",
    target="webhook",
    allowed=ADMIN,
    why="`can_manage_webhooks`",
)
declare(
    ADMIN_PAGES,
    "webhook_deliveries:resend",
    "Send a webhook delivery again",
    target="webhook_delivery",
    allowed=ADMIN,
    why="`can_manage_webhooks`",
)
declare(
    ADMIN_PAGES,
    "member_segments:edit",
    "Set a member's segments",
    target="author_pk",
    allowed={"staff", "product", "admin"},
    why="`can_set_segments`",
)
declare(
    ADMIN_PAGES,
    "segment_import:upload",
    "Import members' segments from a CSV",
    target="none",
    allowed={"staff", "product", "admin"},
    why="`can_set_segments`",
)
declare(
    ADMIN_PAGES,
    "wagtailusers_users:add",
    "Create a member account",
    target="none",
    allowed=ADMIN,
    why="`community.add_member`",
)
declare(
    ADMIN_PAGES,
    "wagtailusers_users:edit",
    "Edit a member account",
    target="author_pk",
    allowed=ADMIN,
    why="`community.change_member`",
)
declare(
    MODERATION,
    "csp_report",
    "Send a content security policy violation report",
    target="csp_policy",
    allowed=EVERYONE_BUT_VISITORS,
    visitor=Outcome.ALLOWED,
    why="anyone (browsers send them); rate limited per address, nothing stored",
)
