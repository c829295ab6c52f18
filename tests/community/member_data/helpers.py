"""A member who has one of everything the site can hold about them, and another member whose
data must never show on the first one's page or in their download."""

import io
import json
import zipfile
from dataclasses import dataclass, field

from allauth.socialaccount.models import SocialAccount
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from community import services as profile_services
from community.member_data import exports, preferences
from community.member_data.models import DataExport
from community.models import Appeal, Block, Decision, Notification, Report, Suspension
from community.models.api import ApiToken
from community.questions import services as questions
from ideas import services as ideas
from ideas.models import ExportJob, ShipFeedback
from ideas.services.ideas import image_process
from reviews import services as reviews
from reviews.models import Ownership
from tests.factories import (
    MemberFactory,
    ReviewFactory,
    SegmentFactory,
    StaffCardFactory,
    image_upload,
    product_page,
    review_photo,
    totp_authenticator,
)

# Each is written by the member somewhere; finding it in the download proves that part is in.
MARKERS = {
    "account": "Quillon roasts beans in Nantes",
    "staff_card": "Quillon Realname",
    "email_addresses": "quillon.second@example.org",
    "two_factor": "totp",
    "social_accounts": "quillon-at-provider",
    "segment": "Espresso enthusiasts",
    "consents": "show_on_public_voter_lists",
    "preference_changes": "consent:voter_lists",
    "notification_preferences": "welcome",
    "reviews": "Quillon's loud machine review",
    "helpful_votes": "Olga's helpful review",
    "staff_responses": "Quillon answers for the brand",
    "ownerships": "Quillon espresso machine",
    "questions": "Why does Quillon's pump rattle?",
    "answers": "Quillon answers: prime the pump",
    "replies": "Quillon replies: that worked",
    "answer_upvotes": "Which grind size for Olga?",
    "question_votes": "Which grind size for Olga?",
    "ideas": "Quillon's quiet grinder mode",
    "idea_votes": "Olga's bigger water tank",
    "comments": "Quillon comments: three litres",
    "ship_feedback": "Quillon says it does not solve it",
    "follows": "Which grind size for Olga?",
    "notifications": "quillon-notification-link",
    "reports": "Quillon reports an advert",
    "appeals": "Quillon appeals the decision",
    "moderation_decisions": "Quillon's statement of reasons",
    "suspensions": "Quillon was rude for a week",
    "blocks": "Omar Other",
    "data_exports": "expired",
    "backlog_exports": "votes",
    "api_tokens": "Quillon's roadmap sync",
}

# Never in Quillon's data: others' private details, and who voted for Quillon's idea.
OTHERS_EMAILS = ("olga.other@example.org", "omar.other@example.org")
VOTER_NAME = "Vera Voter-On-Quillon"


@dataclass
class Everything:
    member: object
    others: list
    product: object
    things: dict = field(default_factory=dict)


def build_everything(site_pages) -> Everything:
    """A member of staff (so that staff data is there too) with one of each kind of data."""
    product = product_page(site_pages.catalogue["en"], "Quillon espresso machine")
    card = StaffCardFactory(
        real_name="Quillon Realname",
        member__display_name="Quillon",
        member__email="quillon@example.org",
    )
    member = card.member
    profile_services.profile_update(
        member,
        member,
        cleaned_data={
            "display_name": "Quillon",
            "handle": member.handle,
            "bio": MARKERS["account"],
            "preferred_language": "en",
        },
        avatar_upload=profile_services.avatar_process(image_upload(), member),
        remove_avatar=False,
    )
    member.refresh_from_db()
    member.guidelines_version = "2026-01"
    member.guidelines_accepted_at = timezone.now()
    member.segment = SegmentFactory(name_en=MARKERS["segment"])
    member.save()
    member.emailaddress_set.create(email=MARKERS["email_addresses"], verified=False)
    totp_authenticator(member)
    SocialAccount.objects.create(
        user=member, provider="openid_connect", uid=MARKERS["social_accounts"]
    )
    olga = MemberFactory(display_name="Olga Other", email=OTHERS_EMAILS[0])
    omar = MemberFactory(display_name="Omar Other", email=OTHERS_EMAILS[1])
    voter = MemberFactory(display_name=VOTER_NAME, email="vera@example.org")
    preferences.choices_update(member, show_on_voter_lists=True, digest="missed")
    preferences.choices_update(voter, show_on_voter_lists=True)
    from community import notifications

    notifications.set_preference(member, "welcome", in_site=True, email=False)
    things = {}

    review = ReviewFactory(author=member, product=product, title=MARKERS["reviews"])
    things["photo"] = review_photo(review)
    olga_review = ReviewFactory(author=olga, product=product, title=MARKERS["helpful_votes"])
    reviews.review_helpful_set(member, olga_review, helpful=True)
    reviews.review_helpful_set(olga, review, helpful=True)
    reviews.staff_response_save(member, olga_review, text=MARKERS["staff_responses"])
    Ownership.objects.create(member=member, product=product, source=Ownership.Source.IMPORT)

    asked = questions.question_ask(
        member, title=MARKERS["questions"], body="It rattles.", product=product
    )
    olga_question = questions.question_ask(
        olga, title=MARKERS["question_votes"], body="Fine or very fine?", product=product
    )
    questions.answer_create(member, asked, body=MARKERS["answers"])
    olga_answer = questions.answer_create(olga, olga_question, body="Olga's own answer.")
    questions.reply_create(member, olga_answer, body=MARKERS["replies"])
    questions.answer_vote_set(member, olga_answer, on=True)
    questions.question_vote_set(member, olga_question, on=True)
    questions.question_follow_set(member, olga_question, on=True)

    large, thumbnail = image_process(image_upload(), "idea-picture")
    idea = ideas.idea_propose(
        member,
        title=MARKERS["ideas"],
        body="Grind slowly at night.",
        product=product,
        images=[(large, thumbnail, "A sketch of the grinder")],
    )
    ideas.idea_vote(voter, idea, importance=3)
    ideas.idea_vote(olga, idea, importance=1)
    olga_idea = ideas.idea_propose(
        olga, title=MARKERS["idea_votes"], body="Two litres.", product=product
    )
    ideas.idea_vote(member, olga_idea, importance=3)
    ideas.comment_create(member, olga_idea, body=MARKERS["comments"])
    ShipFeedback.objects.create(
        idea=olga_idea, member=member, solves=False, why=MARKERS["ship_feedback"]
    )

    Notification.objects.create(recipient=member, kind="welcome", url="/quillon-notification-link/")
    Notification.objects.create(recipient=olga, kind="welcome", url="/olga-private-link/")
    review_type = ContentType.objects.get_for_model(type(olga_review))
    Report.objects.create(
        content_type=review_type,
        object_id=olga_review.pk,
        reporter=member,
        reason=Report.Reason.SPAM,
        text=MARKERS["reports"],
    )
    decision = Decision.objects.create(
        content_type=review_type,
        object_id=review.pk,
        author=member,
        action=Decision.Action.HIDE,
        reason_code="abuse",
        reason=MARKERS["moderation_decisions"],
        moderator=omar,
    )
    Appeal.objects.create(
        content_type=review_type,
        object_id=review.pk,
        appellant=member,
        decision=decision,
        text=MARKERS["appeals"],
    )
    Suspension.objects.create(
        member=member,
        until=timezone.now() - timezone.timedelta(days=1),
        reason=MARKERS["suspensions"],
        suspended_by=omar,
    )
    Block.objects.create(blocker=member, blocked=omar)
    DataExport.objects.create(member=member, status=DataExport.Status.EXPIRED)
    ExportJob.objects.create(requester=member, kind=ExportJob.Kind.VOTES, format="csv")
    ApiToken.objects.create(
        name=MARKERS["api_tokens"], prefix="quillon123", token_hash="0" * 64, created_by=member
    )
    things.update(review=review, idea=idea, olga_idea=olga_idea, question=asked)
    return Everything(member=member, others=[olga, omar, voter], product=product, things=things)


def zip_of(member) -> zipfile.ZipFile:
    """The ZIP of `member`'s data, written in memory as the task writes it."""
    buffer = io.BytesIO()
    exports.write_zip(member, buffer)
    buffer.seek(0)
    return zipfile.ZipFile(buffer)


def section_json(archive, key) -> dict:
    return json.loads(archive.read(f"data/{key}.json"))


def whole_text(archive) -> str:
    """Every text file of the ZIP, joined (the data, the manifest and the README)."""
    return "\n".join(
        archive.read(name).decode()
        for name in archive.namelist()
        if name.endswith((".json", ".txt"))
    )
