from django.urls import path

from community.conversations import views

app_name = "conversations"

urlpatterns = [
    path("conversations/", views.conversation_list, name="list"),
    path(
        "conversations/start/question/<int:pk>/",
        views.start_from_question,
        name="start_question",
    ),
    path("conversations/start/review/<int:pk>/", views.start_from_review, name="start_review"),
    path("conversations/complaint/<int:pk>/", views.complaint, name="complaint"),
    path("conversations/<int:pk>/", views.conversation_detail, name="detail"),
    path("conversations/<int:pk>/reply/", views.message_post, name="reply"),
    path("conversations/<int:pk>/take/", views.conversation_take, name="take"),
    path("conversations/<int:pk>/hand-over/", views.conversation_hand_over, name="hand_over"),
    path("conversations/<int:pk>/close/", views.conversation_close, name="close"),
    path("conversations/<int:pk>/reopen/", views.conversation_reopen, name="reopen"),
    path("conversations/<int:pk>/summary/", views.summary_propose, name="summary"),
    path("conversations/summaries/<int:pk>/consent/", views.summary_decide, name="consent"),
    path("staff/members/notes/<int:pk>/edit/", views.note_edit, name="note_edit"),
    path("staff/members/notes/<int:pk>/delete/", views.note_delete, name="note_delete"),
    path("staff/members/<slug:handle>/", views.member_file, name="member_file"),
    path("staff/members/<slug:handle>/notes/add/", views.note_add, name="note_add"),
    path(
        "staff/members/<slug:handle>/<slug:section>/",
        views.member_file_list,
        name="member_file_list",
    ),
]
