"""The admin's "Background tasks" page: the worker's last run, the queue, the failed tasks.

Site admins (and superusers) only: failed tasks carry tracebacks, which may show data. The
page lives under Settings; its hooks are loaded from `community/wagtail_hooks.py`.
"""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from community import operations, permissions

FAILED_TASKS_SHOWN = 50


class TasksView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "community/admin/tasks.html"
    page_title = _("Background tasks")
    header_icon = "cogs"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_view_operations(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        failed = operations.failed_tasks(limit=FAILED_TASKS_SHOWN)
        context.update(
            backlog=operations.task_backlog(),
            uses_worker=operations.uses_task_worker(),
            late_after_minutes=int(operations.TASKS_LATE_AFTER.total_seconds() // 60),
            failed_tasks=[
                {
                    "id": task.id,
                    "name": task.task_path.rsplit(".", 1)[-1],
                    "path": task.task_path,
                    "enqueued_at": task.enqueued_at,
                    "finished_at": task.finished_at,
                    "exception": operations.exception_text(task.traceback)
                    or task.exception_class_path,
                    "traceback": task.traceback,
                }
                for task in failed
            ],
            failed_tasks_shown=FAILED_TASKS_SHOWN,
        )
        return context


class TasksMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_view_operations(request.user)


@hooks.register("register_admin_urls")
def register_tasks_url():
    return [path("tasks/", TasksView.as_view(), name="community_tasks")]


@hooks.register("register_settings_menu_item")
def register_tasks_menu_item():
    return TasksMenuItem(
        _("Background tasks"), reverse("community_tasks"), icon_name="cogs", order=900
    )
