"""Members in the admin (Settings → Users): known by their display name, found by it, their
e-mail address or their handle; only an administrator makes someone an administrator.

Wagtail builds its users' admin from the viewset its users app names (`MembersAdminConfig` in
`community.apps`), so this one replaces Wagtail's own."""

from wagtail.users.views import users

from community.admin_forms import MemberCreationForm, MemberEditForm


class MemberIndexView(users.IndexView):
    search_fields = ["display_name", "email", "handle"]

    def get_base_queryset(self):
        # Each row shows the member's face, which is their staff card's photo when they have one.
        return super().get_base_queryset().select_related("staff_card")

    def order_queryset(self, queryset):
        if self.ordering in ("name", "-name"):
            return queryset.order_by(self.ordering.replace("name", "display_name"), "pk")
        return super().order_queryset(queryset)


class MemberFormKwargsMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "can_make_admins": self.request.user.is_superuser}


class MemberCreateView(MemberFormKwargsMixin, users.CreateView):
    pass


class MemberEditView(MemberFormKwargsMixin, users.EditView):
    pass


class MemberViewSet(users.UserViewSet):
    index_view_class = MemberIndexView
    add_view_class = MemberCreateView
    edit_view_class = MemberEditView

    def get_form_class(self, for_update=False):
        return MemberEditForm if for_update else MemberCreationForm
