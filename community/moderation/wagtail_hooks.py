"""Moderation in the Wagtail admin: the queue, appeals and the audit log, under one menu.

Loaded from `community/wagtail_hooks.py`.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from community.moderation import admin_views, permissions


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_moderate(request.user)


class AuditLogMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_read_audit_log(request.user)


class ModerationMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return permissions.can_read_audit_log(request.user)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path("moderation/", admin_views.QueueView.as_view(), name="moderation_queue"),
        path(
            "moderation/items/<int:pk>/",
            admin_views.QueueItemView.as_view(),
            name="moderation_item",
        ),
        path(
            "moderation/appeals/", admin_views.AppealListView.as_view(), name="moderation_appeals"
        ),
        path(
            "moderation/appeals/<int:pk>/",
            admin_views.AppealDecideView.as_view(),
            name="moderation_appeal",
        ),
        path(
            "moderation/audit-log/", admin_views.AuditLogView.as_view(), name="moderation_audit_log"
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_moderation_menu():
    menu = Menu(
        items=[
            ModeratorMenuItem(
                _("Queue"), reverse("moderation_queue"), icon_name="warning", order=100
            ),
            ModeratorMenuItem(
                _("Appeals"), reverse("moderation_appeals"), icon_name="comment", order=200
            ),
            AuditLogMenuItem(
                _("Audit log"), reverse("moderation_audit_log"), icon_name="list-ul", order=300
            ),
        ]
    )
    return ModerationMenuItem(_("Moderation"), menu, icon_name="warning", order=250)
