"""The community's own models: members, staff identities, notifications and the site's pages."""

from .authorship import AuthoredContent, WrittenAs
from .members import Member, unique_handle
from .notifications import Notification, NotificationPreference
from .pages import (
    ContentPage,
    GuidelinesPage,
    HomePage,
    ProductCategory,
    ProductIndexPage,
    ProductPage,
    ProductPageImage,
    TeamPage,
)
from .questions import (
    Answer,
    AnswerVote,
    Question,
    QuestionEvent,
    QuestionStatus,
    QuestionVote,
    Topic,
)
from .reports import Report
from .settings import CommunitySettings
from .staff import SPOKEN_LANGUAGES, StaffCard, Team
from .writing import Follow, Revision, WrittenContent

__all__ = [
    "SPOKEN_LANGUAGES",
    "Answer",
    "AnswerVote",
    "AuthoredContent",
    "CommunitySettings",
    "Follow",
    "ContentPage",
    "GuidelinesPage",
    "HomePage",
    "Member",
    "Notification",
    "NotificationPreference",
    "ProductCategory",
    "ProductIndexPage",
    "ProductPage",
    "ProductPageImage",
    "Question",
    "QuestionEvent",
    "QuestionStatus",
    "QuestionVote",
    "Report",
    "Revision",
    "StaffCard",
    "Team",
    "TeamPage",
    "Topic",
    "WrittenAs",
    "WrittenContent",
    "unique_handle",
]
