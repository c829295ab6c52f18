"""What the API (and the webhooks) say of ideas, votes, statuses and tags: public fields only,
never an e-mail address."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from community.api.serializers import AUTHOR_SCHEMA, PRODUCT_SCHEMA, absolute, author_of, product_of
from community.markdown import plain_text
from ideas.models import Idea, IdeaVote, Importance, Status, Tag


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
