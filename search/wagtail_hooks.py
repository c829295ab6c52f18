"""The admin's "Search" page under Settings: which engine answers searches, whether
Elasticsearch is reachable, and how many documents each index holds against how many it
should. Site admins only, like the other operations pages (it names the cluster's address)."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from community import permissions
from search import services
from search.kinds import searched


def _address_without_credentials(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


class SearchStatusView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "search/admin/status.html"
    page_title = _("Search")
    header_icon = "search"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_view_operations(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = services.status()
        engines = {engine["engine"]: engine for engine in report["engines"]}
        database = engines["database"]
        context.update(
            engine_in_use=report["engine"],
            database=database,
            elasticsearch=engines.get("elasticsearch"),
            elasticsearch_address=_address_without_credentials(settings.ELASTICSEARCH_URL)
            if settings.ELASTICSEARCH_URL
            else "",
            indexable_total=sum(report["indexable"].values()),
            kinds=[
                {
                    "label": kind.search.label_plural,
                    "indexable": report["indexable"].get(kind.key, 0),
                    "indexed": database["by_kind"].get(kind.key, 0),
                }
                for kind in searched()
            ],
        )
        return context


class SearchMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_view_operations(request.user)


@hooks.register("register_admin_urls")
def register_search_status_url():
    return [path("search-status/", SearchStatusView.as_view(), name="search_status")]


@hooks.register("register_settings_menu_item")
def register_search_status_menu_item():
    return SearchMenuItem(_("Search"), reverse("search_status"), icon_name="search", order=910)
