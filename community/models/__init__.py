"""The ground floor's models: members, staff cards and teams, writing and its moderation, reports,
notifications, privacy choices, products and the site's pages, promises, API tokens and webhooks.
Features keep their own models in their packages (`community.questions.models`, ...)."""

from .api import ApiToken, Webhook, WebhookDelivery
from .authorship import AuthoredContent, WrittenAs
from .erasure import AccountDeletion
from .members import Member, unique_handle
from .moderation import (
    GUIDELINE_REASONS,
    Appeal,
    AuditEntry,
    AuditReference,
    Decision,
    Moderated,
    ModeratedQuerySet,
    ModerationReason,
    ModerationState,
    QueueItem,
)
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
from .prepared_files import PreparedFile
from .privacy import Digest, PreferenceChange, PrivacyChoices
from .products import PRODUCT_COUNTS, ProductStats
from .promises import BusinessHours, Holiday, PromiseClock, ResponsePromise, WaitingOn
from .protections import Block, Suspension
from .reports import Report
from .segments import Segment
from .settings import CommunitySettings
from .staff import SPOKEN_LANGUAGES, StaffCard, Team
from .writing import Follow, Revision, WrittenContent

__all__ = [
    "GUIDELINE_REASONS",
    "SPOKEN_LANGUAGES",
    "AccountDeletion",
    "ApiToken",
    "Appeal",
    "AuditEntry",
    "AuditReference",
    "AuthoredContent",
    "Block",
    "BusinessHours",
    "Holiday",
    "PromiseClock",
    "ResponsePromise",
    "WaitingOn",
    "CommunitySettings",
    "Decision",
    "Follow",
    "ContentPage",
    "GuidelinesPage",
    "HomePage",
    "Digest",
    "Member",
    "PreferenceChange",
    "PreparedFile",
    "PrivacyChoices",
    "Moderated",
    "ModeratedQuerySet",
    "ModerationReason",
    "ModerationState",
    "Notification",
    "NotificationPreference",
    "ProductCategory",
    "ProductIndexPage",
    "ProductPage",
    "ProductPageImage",
    "PRODUCT_COUNTS",
    "ProductStats",
    "QueueItem",
    "Report",
    "Revision",
    "Segment",
    "StaffCard",
    "Suspension",
    "Team",
    "TeamPage",
    "Webhook",
    "WebhookDelivery",
    "WrittenAs",
    "WrittenContent",
    "unique_handle",
]
