"""The community's own models in the Wagtail admin: teams and staff cards, questions and
topics."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from community.admin_forms import StaffCardAdminForm
from community.models import Question, StaffCard, Team, Topic
from community.questions import admin as question_admin


class TeamViewSet(SnippetViewSet):
    model = Team
    icon = "group"
    menu_label = _("Teams")
    list_display = ["name_en", "name_fr", "kind", "lead"]
    search_fields = ["name_en", "name_fr"]
    panels = [
        FieldRowPanel([FieldPanel("name_en"), FieldPanel("name_fr")]),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("lead"),
        FieldRowPanel([FieldPanel("description_en"), FieldPanel("description_fr")]),
        FieldPanel("sort_order"),
    ]


class StaffCardViewSet(SnippetViewSet):
    model = StaffCard
    icon = "user"
    menu_label = _("Staff cards")
    list_display = ["real_name", "role_title_en", "team", "member", "is_active"]
    list_filter = ["team", "is_active"]
    search_fields = ["real_name", "role_title_en", "role_title_fr"]
    edit_handler = ObjectList(
        [
            FieldPanel("member"),
            FieldPanel("real_name"),
            FieldRowPanel([FieldPanel("role_title_en"), FieldPanel("role_title_fr")]),
            FieldPanel("team"),
            FieldPanel("photo"),
            MultiFieldPanel([FieldPanel("bio_en"), FieldPanel("bio_fr")], heading=_("Short bio")),
            FieldPanel("spoken_languages"),
            FieldPanel("is_active"),
        ],
        base_form_class=StaffCardAdminForm,
    )


class PeopleViewSetGroup(SnippetViewSetGroup):
    items = (StaffCardViewSet, TeamViewSet)
    menu_icon = "group"
    menu_label = _("Staff")
    menu_name = "staff"


register_snippet(PeopleViewSetGroup)

# The admin page about background tasks.
from community import operations_admin  # noqa: E402, F401


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


class QuestionViewSet(ModelViewSet):
    """Every question with its state, owner and waiting time; acting on one happens on the
    site, where each step is signed with a staff card."""

    model = Question
    icon = "help"
    menu_label = _("Questions")
    index_view_class = question_admin.QuestionIndexView
    inspect_view_class = question_admin.QuestionInspectView
    inspect_view_enabled = True
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
    copy_view_enabled = False
    add_to_reference_index = False
    # Wagtail builds the add and edit views before they are dropped below; no form is shown.
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

    def get_common_view_kwargs(self, **kwargs):
        # Questions are asked, answered, closed and deleted on the site, with their history.
        return super().get_common_view_kwargs(
            add_url_name=None, edit_url_name=None, delete_url_name=None, **kwargs
        )

    def get_urlpatterns(self):
        return [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name not in ("add", "edit", "delete")
        ]

    @property
    def url_finder_class(self):
        finder = super().url_finder_class
        finder.edit_url_name = self.get_url_name("inspect")
        return finder


class QuestionsViewSetGroup(ModelViewSetGroup):
    items = (QuestionViewSet, TopicViewSet)
    menu_icon = "help"
    menu_label = _("Questions")
    menu_name = "questions"


@hooks.register("register_admin_viewset")
def register_questions_viewsets():
    return QuestionsViewSetGroup()


# Integrations (API tokens, webhooks and their deliveries) and members' segments.
from community import api_admin, segments_admin  # noqa: E402, F401

# Deleting a user in the admin erases the account as a member's own deletion does.
from community.account_deletion import wagtail_hooks as account_deletion_admin  # noqa: E402, F401

# Moderation: the queue, appeals and the audit log.
from community.moderation import wagtail_hooks as moderation_admin  # noqa: E402, F401

# Suspensions: moderators suspend members and lift suspensions.
from community.protections import admin as protections_admin  # noqa: E402, F401

# Response promises, business hours and holidays; the staff inbox and service figures.
from community.staffdesk import admin as staffdesk_admin  # noqa: E402, F401
