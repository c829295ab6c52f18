from django.urls import path

from ideas import views
from ideas.feeds import ChangelogFeed
from ideas.views import exports

app_name = "ideas"

urlpatterns = [
    path("ideas/", views.idea_list, name="list"),
    path("ideas/new/", views.idea_new, name="new"),
    path("ideas/mine/", views.my_ideas, name="mine"),
    path("ideas/similar/", views.idea_similar, name="similar"),
    path("ideas/statuses.css", views.status_styles, name="status_styles"),
    path("ideas/export/", exports.backlog_export, name="export"),
    path("ideas/export/prepare/", exports.export_prepare, name="export_prepare"),
    path("ideas/export/<uuid:pk>/", exports.export_job, name="export_job"),
    path("ideas/export/<uuid:pk>/download/", exports.export_job_download, name="export_download"),
    path("ideas/<int:pk>/", views.idea_redirect, name="short"),
    path("ideas/<int:pk>/edit/", views.idea_edit, name="edit"),
    path("ideas/<int:pk>/delete/", views.idea_delete, name="delete"),
    path("ideas/<int:pk>/history/", views.idea_history, name="history"),
    path("ideas/<int:pk>/vote/", views.idea_vote, name="vote"),
    path("ideas/<int:pk>/record-vote/", views.idea_record_vote, name="record_vote"),
    path("ideas/<int:pk>/follow/", views.idea_follow, name="follow"),
    path("ideas/<int:pk>/status/", views.idea_change_status, name="change_status"),
    path("ideas/<int:pk>/merge/", views.idea_merge, name="merge"),
    path("ideas/<int:pk>/unmerge/", views.idea_unmerge, name="unmerge"),
    path("ideas/<int:pk>/estimate/", views.idea_estimate, name="estimate"),
    path("ideas/<int:pk>/feedback/", views.idea_ship_feedback, name="ship_feedback"),
    path("ideas/<int:pk>/report/", views.idea_report, name="report"),
    path("ideas/<int:pk>/comment/", views.comment_create, name="comment"),
    path("ideas/<int:pk>/<slug:slug>/", views.idea_detail, name="detail"),
    path("ideas/comments/<int:pk>/edit/", views.comment_edit, name="comment_edit"),
    path("ideas/comments/<int:pk>/delete/", views.comment_delete, name="comment_delete"),
    path("ideas/comments/<int:pk>/history/", views.comment_history, name="comment_history"),
    path("ideas/comments/<int:pk>/report/", views.comment_report, name="comment_report"),
    path("changelog/", views.changelog, name="changelog"),
    path("changelog/feed/", ChangelogFeed(), name="changelog_feed"),
]
