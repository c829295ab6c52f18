"""The ground floor's models in the Wagtail admin: teams and staff cards, background tasks,
integrations, segments, moderation and suspensions. Each feature app adds its own
(`wagtail_hooks.py` in its package)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.views.account import NameEmailSettingsPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from community.admin_forms import MemberNameForm, StaffCardAdminForm
from community.models import StaffCard, Team

# One's own account page in the admin asks for the display name, not a first and last name
# (its other settings could not be saved without them). Wagtail always lists this panel and
# has no hook to replace it, only its form.
NameEmailSettingsPanel.form_class = MemberNameForm


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


@hooks.register("get_avatar_url")
def admin_avatar_url(user, size):
    """People in the admin have the face the site gives them: the staff card's photo, else the
    member's avatar. Without either, Wagtail's own profile picture or its default one; never an
    outside service (WAGTAIL_GRAVATAR_PROVIDER_URL is None)."""
    card = getattr(user, "staff_card", None)  # a member without a card has none
    if card is not None and card.photo:
        return card.photo.url
    avatar = getattr(user, "avatar", None)
    return avatar.url if avatar else None


# The admin page about background tasks.
# Integrations (API tokens, webhooks and their deliveries) and members' segments.
from community import (  # noqa: E402, F401
    api_admin,
    operations_admin,  # noqa: E402, F401
    segments_admin,
)

# Deleting a user in the admin erases the account as a member's own deletion does.
from community.account_deletion import wagtail_hooks as account_deletion_admin  # noqa: E402, F401

# Moderation: the queue, appeals and the audit log.
from community.moderation import wagtail_hooks as moderation_admin  # noqa: E402, F401

# Suspensions: moderators suspend members and lift suspensions.
from community.protections import admin as protections_admin  # noqa: E402, F401
