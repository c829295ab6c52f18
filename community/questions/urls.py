from django.urls import path

from community.questions import views

app_name = "questions"

urlpatterns = [
    path("", views.question_list, name="list"),
    path("ask/", views.question_ask, name="ask"),
    path("similar/", views.similar_json, name="similar"),
    path("inbox/", views.inbox, name="inbox"),
    path("<int:pk>/", views.question_redirect, name="short"),
    path("<int:pk>/edit/", views.question_edit, name="edit"),
    path("<int:pk>/delete/", views.question_delete, name="delete"),
    path("<int:pk>/history/", views.question_history, name="history"),
    path("<int:pk>/answer/", views.answer_post, name="answer"),
    path("<int:pk>/follow/", views.question_follow, name="follow"),
    path("<int:pk>/vote/", views.question_vote, name="vote"),
    path("<int:pk>/take/", views.question_take, name="take"),
    path("<int:pk>/hand-off/", views.question_hand_off, name="hand_off"),
    path("<int:pk>/ask-staff/", views.question_ask_staff, name="ask_staff"),
    path("<int:pk>/duplicate/", views.question_duplicate, name="duplicate"),
    path("<int:pk>/close/", views.question_close, name="close"),
    path("<int:pk>/reopen/", views.question_reopen, name="reopen"),
    path("<int:pk>/report/", views.question_report, name="report"),
    path("<int:pk>/request-removal/", views.question_request_removal, name="request_removal"),
    path("answers/<int:pk>/", views.answer_permalink, name="answer_link"),
    path("answers/<int:pk>/reply/", views.reply_post, name="reply"),
    path("answers/<int:pk>/edit/", views.answer_edit, name="answer_edit"),
    path("answers/<int:pk>/delete/", views.answer_delete, name="answer_delete"),
    path("answers/<int:pk>/history/", views.answer_history, name="answer_history"),
    path("answers/<int:pk>/vote/", views.answer_vote, name="answer_vote"),
    path("answers/<int:pk>/solution/", views.answer_accept, name="answer_accept"),
    path("answers/<int:pk>/report/", views.answer_report, name="answer_report"),
    # Last: a question's slug must not hide the action addresses above.
    path("<int:pk>/<slug:slug>/", views.question_detail, name="detail"),
]
