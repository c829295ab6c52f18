"""Questions and topics in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from community.admin_views import ReadOnlyModelViewSet
from community.questions import admin as question_admin
from community.questions.models import Question, Topic


class TopicViewSet(ModelViewSet):
    """Topics: the spaces for questions that are not about one product."""

    model = Topic
    icon = "folder-open-inverse"
    menu_label = _("Topics")
    delete_view_class = question_admin.TopicDeleteView
    add_to_reference_index = False
    copy_view_enabled = False
    list_display = ["name_en", "name_fr", "slug", "sort_order"]
    search_fields = ["name_en", "name_fr"]
    panels = [
        FieldRowPanel([FieldPanel("name_en"), FieldPanel("name_fr")]),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("description_en"), FieldPanel("description_fr")]),
        FieldPanel("sort_order"),
    ]


class QuestionViewSet(ReadOnlyModelViewSet):
    """Every question with its state, owner and waiting time; acting on one happens on the
    site, where each step is signed with a staff card."""

    model = Question
    icon = "help"
    menu_label = _("Questions")
    index_view_class = question_admin.QuestionIndexView
    inspect_view_class = question_admin.QuestionInspectView
    inspect_view_fields = [
        "title",
        "body",
        "product",
        "topic",
        "status",
        "author",
        "owner",
        "asked_for_staff_at",
        "duplicate_of",
        "answer_count",
        "vote_count",
        "created_at",
        "first_answer_at",
        "first_staff_answer_at",
        "solved_at",
        "last_activity_at",
        "deleted_at",
    ]
    # Wagtail builds the add and edit views before they are left out; no form is shown.
    form_fields = ["title"]
    ordering = "-created_at"
    search_fields = ["title", "body"]
    filterset_class = question_admin.QuestionFilterSet
    list_display = [
        "title",
        Column("place", label=_("Product or topic"), accessor=question_admin.place),
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor="get_status_display",
            sort_key="status",
            primary=lambda question: question.is_solved,
        ),
        Column("owner_name", label=_("Owner"), accessor=question_admin.owner_name),
        Column("answer_count", label=_("Answers"), sort_key="answer_count"),
        Column("vote_count", label=_("Same question"), sort_key="vote_count"),
        question_admin.WaitingColumn("waiting", label=_("Waiting with no answer")),
        DateColumn("created_at", label=_("Asked"), sort_key="created_at"),
    ]


class QuestionsViewSetGroup(ModelViewSetGroup):
    items = (QuestionViewSet, TopicViewSet)
    menu_icon = "help"
    menu_label = _("Questions")
    menu_name = "questions"


@hooks.register("register_admin_viewset")
def register_questions_viewsets():
    return QuestionsViewSetGroup()
