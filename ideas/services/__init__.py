"""Every write about ideas: in a transaction, with its permission check.

Split by subject: proposing and editing (`ideas`), votes (`votes`), signed decisions and the
answers to "does this solve it?" (`decisions`), merges (`merges`), comments (`comments`), and
who is told what (`notifying`).
"""

from ideas.services.comments import comment_create, comment_delete, comment_edit
from ideas.services.decisions import idea_status_change, ship_feedback_save
from ideas.services.ideas import (
    estimate_score,
    idea_delete,
    idea_edit,
    idea_estimate,
    idea_follow_set,
    idea_propose,
    image_process,
)
from ideas.services.merges import idea_merge, idea_unmerge, merge_check
from ideas.services.votes import idea_unvote, idea_vote, vote_record_for

__all__ = [
    "comment_create",
    "comment_delete",
    "comment_edit",
    "estimate_score",
    "idea_delete",
    "idea_edit",
    "idea_estimate",
    "idea_follow_set",
    "idea_merge",
    "idea_propose",
    "idea_status_change",
    "idea_unmerge",
    "idea_unvote",
    "idea_vote",
    "image_process",
    "merge_check",
    "ship_feedback_save",
    "vote_record_for",
]
