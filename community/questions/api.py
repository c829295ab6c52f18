"""The questions' part of the read API: public questions at /api/v1/questions/ (`ROUTES`,
registered in `CommunityConfig.ready()`), described the same way in the webhooks' bodies."""

from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers

from community.api.filters import CatalogueProductMixin
from community.api.routes import Route
from community.api.serializers import AUTHOR_SCHEMA, PRODUCT_SCHEMA, absolute, author_of, product_of
from community.api.views import PublicReadViewSet
from community.forms import RowNumberChoiceField
from community.markdown import plain_text
from community.models import ProductPage
from community.questions.models import Question, QuestionStatus, Topic


def public_questions():
    return Question.objects.public().select_related(
        "product", "topic", "author", "author_card", "solution"
    )


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


class QuestionFilterForm(CatalogueProductMixin, forms.Form):
    product = RowNumberChoiceField(
        queryset=ProductPage.objects.none(),
        required=False,
        help_text=_("A product's number, from /api/v1/products/."),
        error_messages={"invalid_choice": _("No product in the catalogue has this number.")},
    )
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        help_text=_("A topic's slug."),
        error_messages={"invalid_choice": _("No topic has this slug.")},
    )
    status = forms.ChoiceField(
        choices=[("", "")] + list(QuestionStatus.choices),
        required=False,
        help_text=_("open, solved, answered or duplicate."),
        error_messages={"invalid_choice": _("A status is open, solved, answered or duplicate.")},
    )


@extend_schema_view(
    list=extend_schema(summary="Questions", description="Public questions, newest first."),
    retrieve=extend_schema(summary="One question"),
)
class QuestionViewSet(PublicReadViewSet):
    serializer_class = QuestionSerializer
    filter_form_class = QuestionFilterForm

    def get_queryset(self):
        return public_questions()

    def filter_by(self, queryset, cleaned):
        for name in ("product", "topic", "status"):
            if cleaned.get(name):
                queryset = queryset.filter(**{name: cleaned[name]})
        return queryset


ROUTES = (Route("questions", QuestionViewSet, "question", order=80),)
