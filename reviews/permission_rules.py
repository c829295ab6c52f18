"""Who may use the addresses of reviews that change something (`community.permission_matrix`).
"Asker or author" is the reviewer."""

from community.permission_matrix import MODERATORS, STAFF, WRITERS, declare

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
    ("ownership:delete", "Remove an ownership", "ownership"),
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
