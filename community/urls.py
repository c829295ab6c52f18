"""The site's addresses. English is unprefixed and French lives under /fr/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from community import csp, page_urls, views
from community.member_data import views as member_data_views
from community.sitemaps import sitemaps

urlpatterns = [
    path("health/", views.health, name="health"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    re_path(r"^csp-reports/(?P<policy>site|admin)/$", csp.csp_report, name="csp_report"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps(), "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps()},
        name="sitemap_section",
    ),
    # The admin signs in through the site's own log-in, which asks staff for their second factor.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailadmin_login_redirect",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", views.set_language, name="set_language"),
    # The read API: one address per resource, in no language prefix.
    path("api/", RedirectView.as_view(pattern_name="api:root", permanent=False)),
    path("api/v1/", include("community.api.urls")),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("accounts/profile/", views.profile_edit, name="profile_edit"),
    path("accounts/notifications/", views.notification_list, name="notification_list"),
    path(
        "accounts/notifications/read-all/",
        views.notification_mark_all_read,
        name="notification_mark_all_read",
    ),
    path(
        "accounts/notifications/<int:pk>/open/",
        views.notification_open,
        name="notification_open",
    ),
    path(
        "accounts/notifications/preferences/",
        member_data_views.preferences_page,
        name="notification_preferences",
    ),
    path("accounts/", include("community.member_data.urls")),
    path("accounts/delete/", include("community.account_deletion.urls")),
    path(
        "unsubscribe/<str:token>/",
        views.notification_unsubscribe,
        name="notification_unsubscribe",
    ),
    path("members/<slug:handle>/", views.member_detail, name="member_detail"),
    path("", include("community.protections.urls")),
    path("", include("community.moderation.urls")),
    # The features' pages (`community.page_urls`), then Wagtail's page tree.
    *page_urls.patterns(),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.SERVE_MEDIA:
    # Uploaded media from the local folder, for the quick start and tests. In production a proxy
    # or S3-compatible storage serves them.
    urlpatterns.insert(
        0,
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            views.media,
        ),
    )

# Errors: the 503 page while the database does not answer, Django's 500 page otherwise.
handler500 = "community.outages.server_error"
