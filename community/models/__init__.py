"""The community's own models: members, staff identities, notifications and the site's pages."""

from .api import ApiToken, Webhook, WebhookDelivery
from .authorship import AuthoredContent, WrittenAs
from .conversations import (
    Conversation,
    ConversationEvent,
    ConversationMessage,
    ConversationStatus,
    MemberNote,
    SummaryRequest,
)
from .erasure import AccountDeletion
from .member_data import DataExport, Digest, DigestSchedule, PreferenceChange, PrivacyChoices
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
from .products import ProductStats
from .promises import BusinessHours, Holiday, PromiseClock, ResponsePromise, WaitingOn
from .protections import Block, Suspension
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
from .segments import Segment
from .settings import CommunitySettings
from .staff import SPOKEN_LANGUAGES, StaffCard, Team
from .writing import Follow, Revision, WrittenContent

__all__ = [
    "GUIDELINE_REASONS",
    "SPOKEN_LANGUAGES",
    "AccountDeletion",
    "Answer",
    "ApiToken",
    "AnswerVote",
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
    "Conversation",
    "ConversationEvent",
    "ConversationMessage",
    "ConversationStatus",
    "MemberNote",
    "SummaryRequest",
    "Decision",
    "Follow",
    "ContentPage",
    "GuidelinesPage",
    "HomePage",
    "DataExport",
    "Digest",
    "DigestSchedule",
    "Member",
    "PreferenceChange",
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
    "ProductStats",
    "QueueItem",
    "Question",
    "QuestionEvent",
    "QuestionStatus",
    "QuestionVote",
    "Report",
    "Revision",
    "Segment",
    "StaffCard",
    "Suspension",
    "Team",
    "TeamPage",
    "Topic",
    "Webhook",
    "WebhookDelivery",
    "WrittenAs",
    "WrittenContent",
    "unique_handle",
]
