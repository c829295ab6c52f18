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
from .reports import Report
from .settings import CommunitySettings
from .staff import SPOKEN_LANGUAGES, StaffCard, Team
from .writing import Follow, Revision, WrittenContent

__all__ = [
    "SPOKEN_LANGUAGES",
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
    "Report",
    "Revision",
    "StaffCard",
    "Team",
    "TeamPage",
    "WrittenAs",
    "WrittenContent",
    "unique_handle",
]
