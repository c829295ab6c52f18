"""What the API says about each kind of content: public fields only, never an e-mail address.

Names are the domain's words (idea, vote, status, review, question); dates are ISO 8601 with
their offset; addresses are absolute, on the site's own address (`SITE_URL`).
"""

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from community.markdown import plain_text
from community.models import Question, Segment, Topic
from ideas.models import Idea, IdeaVote, Importance, Status, Tag
from reviews.models import Review


def absolute(path: str) -> str:
    if not path or path.startswith(("http://", "https://")):
        return path or ""
    return settings.SITE_URL + path


AUTHOR_SCHEMA = inline_serializer(
    "Author",
    {
        "name": serializers.CharField(),
        "profile_url": serializers.URLField(allow_null=True),
        "is_staff": serializers.BooleanField(),
        "role": serializers.CharField(),
    },
    allow_null=True,
)


def author_of(content) -> dict | None:
    """The byline as the site shows it: a staff card's name and role for staff writing, the
    member's display name and public page otherwise; None for a deleted account."""
    if content.is_staff_writing and content.author_card is not None:
        return {
            "name": content.author_card.real_name,
            "profile_url": None,
            "is_staff": True,
            "role": content.author_role_title,
        }
    if content.author is None:
        return None
    return {
        "name": content.author.display_name,
        "profile_url": absolute(content.author.get_absolute_url()),
        "is_staff": False,
        "role": "",
    }


PRODUCT_SCHEMA = inline_serializer(
    "ProductReference",
    {
        "id": serializers.IntegerField(),
        "title": serializers.CharField(),
        "url": serializers.URLField(),
    },
    allow_null=True,
)


def product_of(page) -> dict | None:
    if page is None:
        return None
    return {"id": page.pk, "title": page.title, "url": absolute(page.url)}


class StatusSerializer(serializers.ModelSerializer):
    class Meta:
        model = Status
        fields = [
            "slug",
            "name_en",
            "name_fr",
            "description_en",
            "description_fr",
            "kind",
            "on_roadmap",
            "order",
            "colour",
        ]


class TagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["slug", "name_en", "name_fr"]


class SegmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Segment
        fields = ["slug", "name_en", "name_fr"]


class ProductSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    slug = serializers.CharField()
    tagline = serializers.CharField()
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, page) -> str:
        return absolute(page.url)


class StatusReferenceSerializer(serializers.ModelSerializer):
    name = serializers.CharField()

    class Meta:
        model = Status
        fields = ["slug", "name", "kind"]


class IdeaSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    description_markdown = serializers.CharField(source="body")
    status = StatusReferenceSerializer()
    product = serializers.SerializerMethodField()
    tags = serializers.SerializerMethodField()
    votes = serializers.IntegerField(source="vote_count")
    votes_by_importance = serializers.SerializerMethodField()
    comments = serializers.IntegerField(source="comment_count")
    author = serializers.SerializerMethodField()
    status_note = serializers.SerializerMethodField()
    merged_into = serializers.IntegerField(source="merged_into_id", allow_null=True)

    class Meta:
        model = Idea
        fields = [
            "id",
            "url",
            "title",
            "description",
            "description_markdown",
            "status",
            "status_changed_at",
            "status_note",
            "product",
            "tags",
            "votes",
            "votes_by_importance",
            "comments",
            "author",
            "created_at",
            "last_activity_at",
            "merged_into",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, idea) -> str:
        return absolute(idea.get_absolute_url())

    def get_description(self, idea) -> str:
        return plain_text(idea.body)

    @extend_schema_field(PRODUCT_SCHEMA)
    def get_product(self, idea):
        return product_of(idea.product)

    @extend_schema_field(TagSerializer(many=True))
    def get_tags(self, idea):
        return TagSerializer(idea.tags.all(), many=True).data

    @extend_schema_field(
        inline_serializer(
            "VotesByImportance",
            {
                "essential": serializers.IntegerField(),
                "important": serializers.IntegerField(),
                "nice_to_have": serializers.IntegerField(),
            },
        )
    )
    def get_votes_by_importance(self, idea):
        return {
            "essential": idea.votes_essential,
            "important": idea.votes_important,
            "nice_to_have": idea.votes_nice,
        }

    @extend_schema_field(AUTHOR_SCHEMA)
    def get_author(self, idea):
        return author_of(idea)

    def get_status_note(self, idea) -> str:
        change = idea.last_status_change
        return plain_text(change.note) if change is not None else ""


class VoteSerializer(serializers.ModelSerializer):
    idea = serializers.IntegerField(source="idea_id")
    voter = serializers.SerializerMethodField()
    importance = serializers.SerializerMethodField()
    recorded_by_staff = serializers.SerializerMethodField()

    class Meta:
        model = IdeaVote
        fields = ["id", "idea", "voter", "importance", "recorded_by_staff", "created_at"]

    @extend_schema_field(
        inline_serializer(
            "Voter",
            {
                "name": serializers.CharField(),
                "profile_url": serializers.URLField(),
                "segment": serializers.CharField(allow_null=True),
            },
        )
    )
    def get_voter(self, vote):
        member = vote.member
        return {
            "name": member.display_name,
            "profile_url": absolute(member.get_absolute_url()),
            "segment": member.segment.slug if member.segment_id else None,
        }

    @extend_schema_field(
        serializers.ChoiceField(choices=["essential", "important", "nice_to_have"])
    )
    def get_importance(self, vote) -> str:
        return {
            Importance.ESSENTIAL: "essential",
            Importance.IMPORTANT: "important",
            Importance.NICE: "nice_to_have",
        }[vote.importance]

    def get_recorded_by_staff(self, vote) -> bool:
        return vote.recorded_by_id is not None


class ReviewSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    product = serializers.SerializerMethodField()
    author = serializers.SerializerMethodField()
    verified_owner = serializers.BooleanField()
    helpful_votes = serializers.IntegerField(source="helpful_count")
    staff_response = serializers.SerializerMethodField()

    class Meta:
        model = Review
        fields = [
            "id",
            "url",
            "product",
            "rating",
            "title",
            "text",
            "pros",
            "cons",
            "received_free",
            "verified_owner",
            "helpful_votes",
            "author",
            "staff_response",
            "created_at",
            "edited_at",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, review) -> str:
        return absolute(review.get_absolute_url())

    @extend_schema_field(PRODUCT_SCHEMA)
    def get_product(self, review):
        return product_of(review.product)

    @extend_schema_field(AUTHOR_SCHEMA)
    def get_author(self, review):
        return author_of(review)

    @extend_schema_field(
        inline_serializer(
            "StaffResponse",
            {
                "text": serializers.CharField(),
                "author": AUTHOR_SCHEMA,
                "created_at": serializers.DateTimeField(),
            },
            allow_null=True,
        )
    )
    def get_staff_response(self, review):
        response = getattr(review, "staff_response", None)
        if response is None:
            return None
        return {
            "text": response.text,
            "author": author_of(response),
            "created_at": serializers.DateTimeField().to_representation(response.created_at),
        }


class TopicReferenceSerializer(serializers.ModelSerializer):
    name = serializers.CharField()

    class Meta:
        model = Topic
        fields = ["slug", "name"]


class QuestionSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()
    body_markdown = serializers.CharField(source="body")
    product = serializers.SerializerMethodField()
    topic = TopicReferenceSerializer(allow_null=True)
    author = serializers.SerializerMethodField()
    answers = serializers.IntegerField(source="answer_count")
    same_question = serializers.IntegerField(source="vote_count")
    solution = serializers.SerializerMethodField()

    class Meta:
        model = Question
        fields = [
            "id",
            "url",
            "title",
            "body",
            "body_markdown",
            "product",
            "topic",
            "status",
            "answers",
            "same_question",
            "solution",
            "author",
            "created_at",
            "solved_at",
            "last_activity_at",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, question) -> str:
        return absolute(question.get_absolute_url())

    def get_body(self, question) -> str:
        return plain_text(question.body)

    @extend_schema_field(PRODUCT_SCHEMA)
    def get_product(self, question):
        return product_of(question.product)

    @extend_schema_field(AUTHOR_SCHEMA)
    def get_author(self, question):
        return author_of(question)

    @extend_schema_field(
        inline_serializer(
            "Solution",
            {"answer": serializers.IntegerField(), "url": serializers.URLField()},
            allow_null=True,
        )
    )
    def get_solution(self, question):
        answer = question.solution
        if answer is None or not answer.is_public:
            return None
        return {
            "answer": answer.pk,
            "url": absolute(answer.get_absolute_url()),
        }
