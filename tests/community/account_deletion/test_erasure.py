"""Both choices erase the member's personal data everywhere, keep threads readable and keep
every counter equal to its rows."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.storage import default_storage

from community.account_deletion.services import deletion_request
from community.erasure import Choice
from community.models import AccountDeletion, AuditEntry, Report
from community.questions.models import Answer, Question
from ideas.models import Comment, Idea
from reviews.models import Review

from .helpers import (
    EMAIL,
    NAME,
    build_community,
    product_rating,
    traces_of,
    votes_of,
    wrong_counters,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def community(site_pages):
    return build_community(site_pages)


def delete(member, choice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        deletion_request(member, choice=choice)
    return AccountDeletion.objects.get()


@pytest.mark.parametrize("choice", [Choice.ANONYMISE, Choice.REMOVE])
def test_no_trace_of_the_member_is_left_in_any_table(
    community, choice, django_capture_on_commit_callbacks
):
    handle = community.leaving.handle
    avatar = community.leaving.avatar.name
    assert traces_of(EMAIL, NAME, handle), "the scenario must hold the member's data"
    deletion = delete(community.leaving, choice, django_capture_on_commit_callbacks)
    assert deletion.status == AccountDeletion.Status.COMPLETED
    assert deletion.member is None
    assert traces_of(EMAIL, NAME, handle) == []
    assert not get_user_model().objects.filter(email=EMAIL).exists()
    assert avatar and not default_storage.exists(avatar)


@pytest.mark.parametrize("choice", [Choice.ANONYMISE, Choice.REMOVE])
def test_every_counter_equals_its_rows_afterwards(
    community, choice, django_capture_on_commit_callbacks
):
    assert wrong_counters() == []
    delete(community.leaving, choice, django_capture_on_commit_callbacks)
    assert wrong_counters() == []
    assert votes_of(community.leaving) == 0


def test_anonymise_keeps_the_writing_signed_by_nobody(
    community, django_capture_on_commit_callbacks
):
    things = community.things
    delete(community.leaving, Choice.ANONYMISE, django_capture_on_commit_callbacks)
    own_answer = Answer.objects.get(pk=things["own_answer"].pk)
    assert own_answer.author is None and own_answer.is_public
    assert "table salt" in own_answer.body
    question = Question.objects.get(pk=things["olga_question"].pk)
    assert question.solution_id == own_answer.pk and question.answer_count == 2
    assert Question.objects.get(pk=things["lonely"].pk).author is None
    assert Review.objects.get(pk=things["own_review"].pk).author is None
    assert Idea.objects.get(pk=things["popular"].pk).author is None
    # The votes are withdrawn: the others' idea lost the member's vote, not anyone else's.
    assert Idea.objects.get(pk=things["olga_idea"].pk).vote_count == 2
    assert product_rating(community.product) == {"count": 2, "average": 3.5}


def test_remove_deletes_the_writing_but_keeps_the_others_in_their_threads(
    community, django_capture_on_commit_callbacks
):
    things = community.things
    delete(community.leaving, Choice.REMOVE, django_capture_on_commit_callbacks)
    # A question others answered stays as "deleted by its author", without title or text.
    answered = Question.objects.get(pk=things["answered"].pk)
    assert answered.is_deleted and answered.deleted_by_author
    assert (answered.title, answered.body, answered.author) == ("", "", None)
    assert Answer.objects.get(pk=things["olga_answer"].pk).is_public
    # The member's reply under Olga's answer goes; so does the question nobody else touched.
    assert not Answer.objects.filter(question=answered, parent=things["olga_answer"]).exists()
    assert not Question.objects.filter(pk=things["lonely"].pk).exists()
    # The member's answer had a reply of Omar: it stays as a tombstone, no longer the solution.
    own_answer = Answer.objects.get(pk=things["own_answer"].pk)
    assert own_answer.is_deleted and own_answer.body == "" and own_answer.author is None
    assert Answer.objects.filter(parent=own_answer, author=community.others[1]).exists()
    olga_question = Question.objects.get(pk=things["olga_question"].pk)
    assert olga_question.solution is None and olga_question.status == "open"
    assert olga_question.answer_count == 1
    # Ideas: the popular one stays for its votes and comments, the quiet one goes.
    popular = Idea.objects.get(pk=things["popular"].pk)
    assert popular.is_deleted and popular.title == "" and popular.vote_count == 1
    assert not Idea.objects.filter(pk=things["quiet"].pk).exists()
    own_comment = Comment.objects.get(pk=things["own_comment"].pk)
    assert own_comment.is_deleted and own_comment.body == ""
    # The review goes with its photos; the product's rating follows.
    assert not Review.objects.filter(pk=things["own_review"].pk).exists()
    assert product_rating(community.product) == {"count": 1, "average": 5.0}


@pytest.mark.parametrize("choice", [Choice.ANONYMISE, Choice.REMOVE])
def test_reports_made_keep_their_outcome_without_the_reporter(
    community, choice, django_capture_on_commit_callbacks
):
    delete(community.leaving, choice, django_capture_on_commit_callbacks)
    report = Report.objects.get()
    assert report.reporter is None and report.text == ""
    assert report.reason == Report.Reason.SPAM


def test_a_confirmation_is_sent_to_the_address_and_kept_nowhere(
    community, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    delete(community.leaving, Choice.ANONYMISE, django_capture_on_commit_callbacks)
    assert [message.to for message in mail.outbox] == [[EMAIL]]
    assert "deleted" in mail.outbox[0].subject
    assert NAME not in mail.outbox[0].body


def test_the_deletion_is_audited_without_naming_the_member(
    community, django_capture_on_commit_callbacks
):
    delete(community.leaving, Choice.REMOVE, django_capture_on_commit_callbacks)
    actions = list(AuditEntry.objects.values_list("action", "actor_ref", "subject_ref"))
    assert ("account.deletion_requested", "", "") in actions
    assert ("account.deleted", "", "") in actions
    entry = AuditEntry.objects.get(action="account.deleted")
    assert entry.details["choice"] == "remove"


def test_a_merge_forgets_that_it_made_the_member_follow_the_kept_idea(
    community, django_capture_on_commit_callbacks
):
    from ideas.models import Merge

    olga = community.others[0]
    merge = Merge.objects.create(
        idea=community.things["olga_idea"],
        into=community.things["popular"],
        copied_follower_ids=[community.leaving.pk, olga.pk],
    )
    delete(community.leaving, Choice.ANONYMISE, django_capture_on_commit_callbacks)
    merge.refresh_from_db()
    assert merge.copied_follower_ids == [olga.pk]
