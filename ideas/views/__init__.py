"""Views of the ideas room: thin, reading through selectors and writing through services."""

from ideas.views.actions import (
    idea_change_status,
    idea_estimate,
    idea_follow,
    idea_merge,
    idea_record_vote,
    idea_report,
    idea_ship_feedback,
    idea_unmerge,
    idea_vote,
)
from ideas.views.boards import changelog
from ideas.views.comments import (
    comment_create,
    comment_delete,
    comment_edit,
    comment_history,
    comment_report,
)
from ideas.views.ideas import (
    idea_delete,
    idea_detail,
    idea_edit,
    idea_history,
    idea_list,
    idea_new,
    idea_redirect,
    idea_similar,
    my_ideas,
    status_styles,
)

__all__ = [
    "changelog",
    "comment_create",
    "comment_delete",
    "comment_edit",
    "comment_history",
    "comment_report",
    "idea_change_status",
    "idea_delete",
    "idea_detail",
    "idea_edit",
    "idea_estimate",
    "idea_follow",
    "idea_history",
    "idea_list",
    "idea_merge",
    "idea_new",
    "idea_record_vote",
    "idea_redirect",
    "idea_report",
    "idea_ship_feedback",
    "idea_similar",
    "idea_unmerge",
    "idea_vote",
    "my_ideas",
    "status_styles",
]
