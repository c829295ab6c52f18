"""The ideas room: ideas and their votes, statuses and decisions, comments, merges, feedback,
and the roadmap page."""

from .exports import ExportJob
from .ideas import (
    ESTIMATE_CHOICES,
    MAX_IMAGES_PER_IDEA,
    TITLE_MAX_LENGTH,
    Comment,
    Idea,
    IdeaImage,
    IdeaVote,
    Importance,
    Merge,
    MergedVote,
    ShipFeedback,
    StatusChange,
    idea_slug,
)
from .pages import RoadmapPage
from .statuses import DeclineReason, Status, Tag, readable_text_colour

__all__ = [
    "ESTIMATE_CHOICES",
    "MAX_IMAGES_PER_IDEA",
    "TITLE_MAX_LENGTH",
    "Comment",
    "DeclineReason",
    "ExportJob",
    "Idea",
    "IdeaImage",
    "IdeaVote",
    "Importance",
    "Merge",
    "MergedVote",
    "RoadmapPage",
    "ShipFeedback",
    "Status",
    "StatusChange",
    "Tag",
    "idea_slug",
    "readable_text_colour",
]
