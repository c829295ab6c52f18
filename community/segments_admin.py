"""The admin's "Segments": the segments themselves (product team and site admins), members'
segments set one at a time, and their CSV import (staff). Loaded from
`community/wagtail_hooks.py`."""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from community import permissions, segments
from community.admin_forms import CSV_MAX_BYTES, CsvImportForm
from community.admin_views import CsvImportView, CsvImportViewSet
from community.models import Segment

Member = get_user_model()


class SegmentIndexView(IndexView):
    def get_base_queryset(self):
        return Segment.objects.annotate(member_count=Count("members"))


class SegmentViewSet(ModelViewSet):
    model = Segment
    icon = "tag"
    menu_label = gettext_lazy("Segments")
    index_view_class = SegmentIndexView
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["name_en", "name_fr", "slug"]
    list_display = [
        "name_en",
        "name_fr",
        "slug",
        Column("member_count", label=gettext_lazy("Members"), sort_key="member_count"),
    ]
    panels = [
        FieldRowPanel([FieldPanel("name_en"), FieldPanel("name_fr")]),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]


class SegmentAssignmentPolicy(ModelPermissionPolicy):
    """Members' segments are set by whoever holds `community.assign_segment` (staff, product
    team, site admins), without the right to change anything else about a member."""

    def __init__(self):
        super().__init__(Member, auth_model=Segment)

    def _get_permission_codename(self, action):
        if action in ("change", "view"):
            return "assign_segment"
        return f"{action}_member_segment"


segment_assignment_policy = SegmentAssignmentPolicy()


class MemberSegmentFilterSet(WagtailFilterSet):
    segment = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Segment"), queryset=Segment.objects.all()
    )
    without_segment = django_filters.BooleanFilter(
        label=gettext_lazy("Without a segment"),
        field_name="segment",
        lookup_expr="isnull",
        widget=BooleanRadioSelect,
    )

    class Meta:
        model = Member
        fields = ["segment"]


class MemberSegmentIndexView(IndexView):
    permission_policy = segment_assignment_policy
    page_title = gettext_lazy("Members' segments")

    def get_base_queryset(self):
        return Member.objects.filter(is_active=True).select_related("segment")

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                _("Import from CSV"), url=reverse("segment_import:upload"), icon_name="upload"
            )
        ]


class MemberSegmentForm(WagtailAdminModelForm):
    class Meta:
        model = Member
        fields = ["segment"]


class MemberSegmentEditView(EditView):
    permission_policy = segment_assignment_policy

    def get_page_subtitle(self):
        return f"{self.object.display_name} ({self.object.email})"

    def save_instance(self):
        # The form has already put the new segment on `self.object`: the service compares it
        # with the member as stored.
        member = Member.objects.get(pk=self.object.pk)
        segments.member_segment_set(self.request.user, member, self.form.cleaned_data["segment"])
        return member

    def get_success_message(self):
        return _("%(name)s's segment is saved.") % {"name": self.object.display_name}


class MemberSegmentViewSet(ModelViewSet):
    """Members with their segment, to set one member's at a time; nothing else of a member is
    edited here (that is the Users area's, for site admins)."""

    model = Member
    name = "member_segments"
    url_prefix = "member-segments"
    icon = "user"
    menu_label = gettext_lazy("Members' segments")
    index_view_class = MemberSegmentIndexView
    edit_view_class = MemberSegmentEditView
    add_to_reference_index = False
    copy_view_enabled = False
    ordering = "display_name"
    search_fields = ["display_name", "email"]
    filterset_class = MemberSegmentFilterSet
    list_display = [
        "display_name",
        Column("email", label=gettext_lazy("E-mail address")),
        Column(
            "segment",
            label=gettext_lazy("Segment"),
            accessor=lambda member: member.segment or "—",
        ),
    ]

    def get_form_class(self, for_update=False):
        return MemberSegmentForm

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            add_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

    def get_urlpatterns(self):
        return [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name in ("index", "index_results", "edit")
        ]

    def register_admin_url_finder(self):
        """Links to a member elsewhere in the admin keep going to the Users area."""

    @cached_property
    def menu_item_class(self):
        class SegmentsMenuItem(MenuItem):
            def is_shown(self, request):
                return permissions.can_set_segments(request.user)

        return SegmentsMenuItem


class SegmentImportForm(CsvImportForm):
    """The CSV upload, with this import's own help."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "One member a line: e-mail, segment (its slug or its name; empty takes the member "
            "out of their segment). UTF-8, a header line is optional, %(size)s MB at most."
        ) % {"size": CSV_MAX_BYTES // (1024 * 1024)}


class SegmentImportView(CsvImportView):
    """Upload a CSV of members' segments, then read what changed and what did not match."""

    form_class = SegmentImportForm
    template_name = "community/admin/segment_import.html"
    page_title = gettext_lazy("Import members' segments")
    action_url_name = "segment_import:upload"
    index_url_name = "member_segments:index"
    can_import = staticmethod(permissions.can_set_segments)

    def run_import(self, text):
        return segments.segments_import_csv(self.request.user, text)

    def index_label(self):
        return _("Members' segments")

    def back_label(self):
        return _("Back to members' segments")

    def get_extra_context(self):
        return {"segments": Segment.objects.order_by("sort_order", "name_en")}

    def report_counts(self):
        return [
            (_("Changed"), "updated", self.report.updated),
            (_("Already right"), "unchanged", self.report.unchanged),
            (_("Not matched"), "unmatched", len(self.report.unmatched)),
        ]

    def report_message(self):
        updated, unchanged = self.report.updated, self.report.unchanged
        unmatched = len(self.report.unmatched)
        parts = [
            ngettext("%(count)s row changed", "%(count)s rows changed", updated)
            % {"count": updated},
            ngettext("%(count)s row already right", "%(count)s rows already right", unchanged)
            % {"count": unchanged},
            ngettext("%(count)s row not matched", "%(count)s rows not matched", unmatched)
            % {"count": unmatched},
        ]
        return _("Import finished: %(parts)s.") % {"parts": ", ".join(parts)}


class SegmentImportViewSet(CsvImportViewSet):
    name = "segment_import"
    url_prefix = "segment-import"
    menu_label = gettext_lazy("Import members' segments")
    view_class = SegmentImportView


class SegmentsViewSetGroup(ModelViewSetGroup):
    items = (SegmentViewSet, MemberSegmentViewSet, SegmentImportViewSet)
    menu_icon = "group"
    menu_label = gettext_lazy("Segments")
    menu_name = "segments"


@hooks.register("register_admin_viewset")
def register_segments_viewsets():
    return SegmentsViewSetGroup()
