"""Who may use the addresses of reviews that change something (`community.permission_matrix`).
"Asker or author" is the reviewer."""

from community.permission_matrix import (
    ADMIN,
    MEMBERS,
    MODERATORS,
    STAFF,
    WRITERS,
    Outcome,
    declare,
)

AREA = "Reviews"
ADMIN_PAGES = "The community's pages in the Wagtail admin"

declare(
    AREA,
    "reviews:write",
    "Write a review",
    target="product",
    allowed=WRITERS,
    why="`can_write_review`",
)
declare(
    AREA,
    "reviews:edit",
    "Edit a review",
    target="review",
    allowed={"author"},
    why="`can_edit_review`",
)
declare(
    AREA,
    "reviews:delete",
    "Delete a review",
    target="review",
    allowed={"author"} | MODERATORS,
    why="`can_delete_review`",
)
declare(
    AREA,
    "reviews:helpful",
    "Vote a review helpful",
    target="review",
    allowed=WRITERS - {"author"},
    why="`can_vote_helpful`: not one's own",
)
declare(
    AREA,
    "reviews:respond",
    "Respond to a review as staff",
    target="review",
    allowed=STAFF,
    why="`can_respond`: staff with a card",
)
declare(
    AREA,
    "reviews:report",
    "Report a review",
    target="review",
    allowed=WRITERS - {"author"},
    why="`can_report`: not one's own",
)
declare(
    ADMIN_PAGES,
    "review:delete",
    "Delete a review in the admin",
    target="review",
    allowed=(),
    why="superusers only (no role holds `reviews.delete_review`; moderators delete on the site)",
)
for name, action in (
    ("review:edit", "Edit a review in the admin"),
    ("review:publish", "Publish a held review"),
    ("review:hide", "Hide a review"),
):
    declare(
        ADMIN_PAGES,
        name,
        action,
        target="review",
        allowed=MODERATORS,
        why="`can_moderate_review` (`reviews.change_review`)",
    )
for name, action, target in (
    ("ownership:add", "Record that a member owns a product", "none"),
    ("ownership:delete", "Remove an ownership, with a logged reason", "ownership"),
    ("ownership_import:upload", "Import ownerships from an order feed", "none"),
):
    declare(
        ADMIN_PAGES,
        name,
        action,
        target=target,
        allowed=STAFF,
        why="`reviews.add_ownership`, `reviews.delete_ownership`",
    )
for name, action, target in (
    ("order_sources:add", "Add an order source", "none"),
    ("order_sources:edit", "Edit an order source", "order_source"),
    ("order_sources:delete", "Delete an order source that has no orders", "order_source"),
    ("order_sources:new_secret", "Make a new signing secret for an order source", "order_source"),
):
    declare(
        ADMIN_PAGES,
        name,
        action,
        target=target,
        allowed=ADMIN,
        why="`reviews.*_ordersource`, held by site admins only: the secret lets one create orders",
    )
for name, action, target in (
    ("invitation_policies:add", "Set a product's invitation delay", "none"),
    ("invitation_policies:edit", "Change a product's invitation delay", "invitation_policy"),
    ("invitation_policies:delete", "Remove a product's invitation delay", "invitation_policy"),
):
    declare(
        ADMIN_PAGES,
        name,
        action,
        target=target,
        allowed=STAFF | ADMIN,
        why="`reviews.*_productinvitationpolicy`, held by staff and site admins",
    )
declare(
    AREA,
    "reviews:orders_webhook",
    "Send an order (a shop's signed webhook)",
    target="order_source_slug",
    allowed=MEMBERS,
    visitor=Outcome.ALLOWED,
    why="no role: the request must be signed with the source's secret (`reviews.orders."
    "check_signature`); an unsigned one gets 401 and stores nothing",
)
declare(
    ADMIN_PAGES,
    "order_import:upload",
    "Import orders from a CSV file",
    target="none",
    allowed=STAFF | ADMIN,
    why="`can_import_orders` (`reviews.add_order`)",
)
declare(
    AREA,
    "reviews:invited",
    "Write the review an invitation asks for, with its signed link",
    target="invitation_token",
    allowed={"author"},
    visitor=Outcome.ALLOWED,
    why="`can_use_invitation`: the buyer (here the author), or whoever holds the link while "
    "signed out; a member signed in as someone else is told the link is not theirs",
)
declare(
    AREA,
    "reviews:invitations_unsubscribe",
    "Stop invitations to review with the signed link of one",
    target="invitation_unsubscribe_token",
    allowed=MEMBERS,
    visitor=Outcome.ALLOWED,
    why="whoever holds the signed link",
)
