"""Who may use the addresses of ideas that change something (`community.permission_matrix`).
"Asker or author" is the idea's (or the comment's) author."""

from community.permission_matrix import MODERATORS, STAFF, WRITERS, Outcome, declare

AREA = "Ideas and the roadmap"
ADMIN_PAGES = "The community's pages in the Wagtail admin"
READERS = WRITERS | {"unverified", "suspended"}
IDEA_STAFF = STAFF | {"product"}

declare(AREA, "ideas:new", "Propose an idea", target="none", allowed=WRITERS, why="`can_propose`")
declare(
    AREA,
    "ideas:short",
    "Go to an idea by its number (any method reads)",
    target="idea",
    allowed=READERS,
    visitor=Outcome.ALLOWED,
    why="changes nothing",
)
declare(
    AREA,
    "ideas:changelog_feed",
    "Read the changelog feed (any method reads)",
    target="none",
    allowed=READERS,
    visitor=Outcome.ALLOWED,
    why="changes nothing",
)
declare(
    AREA,
    "ideas:edit",
    "Edit an idea",
    target="idea",
    allowed={"author"} | IDEA_STAFF | MODERATORS,
    why="`can_edit_idea`",
)
declare(
    AREA,
    "ideas:delete",
    "Delete an idea",
    target="idea",
    allowed={"author"} | MODERATORS,
    why="`can_delete_idea`: its author while it has no votes but theirs; moderators",
)
declare(AREA, "ideas:vote", "Vote for an idea", target="idea", allowed=WRITERS, why="`can_vote`")
declare(
    AREA,
    "ideas:record_vote",
    "Record a customer's vote",
    target="idea",
    allowed=IDEA_STAFF,
    why="`can_record_vote_for`",
)
declare(
    AREA,
    "ideas:follow",
    "Follow an idea",
    target="idea",
    allowed=READERS,
    why="signed in",
)
declare(
    AREA,
    "ideas:change_status",
    "Change an idea's status",
    target="idea",
    allowed=STAFF,
    why="`can_change_status`: staff with a card",
)
declare(AREA, "ideas:merge", "Merge ideas", target="idea", allowed=IDEA_STAFF, why="`can_merge`")
declare(
    AREA,
    "ideas:unmerge",
    "Undo a merge",
    target="idea",
    allowed=IDEA_STAFF,
    why="`can_unmerge`",
)
declare(
    AREA,
    "ideas:estimate",
    "Estimate impact and effort",
    target="idea",
    allowed={"product"},
    why="`can_estimate` (`ideas.estimate_idea`)",
)
declare(
    AREA,
    "ideas:ship_feedback",
    "Say whether a shipped idea solved it",
    target="shipped_idea",
    allowed={"author"},
    why="`can_give_ship_feedback`: its voters (here its author, who voted for it)",
)
declare(
    AREA,
    "ideas:report",
    "Report an idea",
    target="idea",
    allowed=WRITERS - {"author"},
    why="`can_report`: not one's own",
)
declare(
    AREA, "ideas:comment", "Comment on an idea", target="idea", allowed=WRITERS, why="`can_comment`"
)
declare(
    AREA,
    "ideas:comment_edit",
    "Edit a comment",
    target="comment",
    allowed={"author"},
    why="`can_edit_comment`",
)
declare(
    AREA,
    "ideas:comment_delete",
    "Delete a comment",
    target="comment",
    allowed={"author"} | MODERATORS,
    why="`can_delete_comment`",
)
declare(
    AREA,
    "ideas:comment_report",
    "Report a comment",
    target="comment",
    allowed=WRITERS - {"author"},
    why="`can_report`: not one's own",
)
declare(
    AREA,
    "ideas:export_prepare",
    "Prepare a backlog export",
    target="none",
    allowed={"product"},
    why="`can_export` (`ideas.export_ideas`, the product team's)",
)
declare(
    ADMIN_PAGES,
    "idea_backlog:edit",
    "Edit an idea in the admin",
    target="idea",
    allowed={"product"},
    why="`ideas.estimate_idea` (the backlog's triage: tags, estimates)",
)
declare(
    ADMIN_PAGES,
    "idea_statuses:delete",
    "Delete an idea status",
    target="idea_status",
    allowed={"product", "admin"},
    why="`ideas.delete_status`",
)
declare(
    ADMIN_PAGES,
    "idea_decline_reasons:delete",
    "Delete a reason for declining",
    target="decline_reason",
    allowed={"product", "admin"},
    why="`ideas.delete_declinereason`",
)
