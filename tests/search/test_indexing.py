"""Indexing follows the content: publishing, editing, hiding and deleting each reach the
database's index and Elasticsearch through a background task enqueued after the commit."""

import pytest

from community.models import ModerationState, ProductPage
from community.questions.services import answer_create, question_ask, question_delete
from community.questions.services import question_edit as question_edit_service
from ideas.services import idea_delete, idea_edit, idea_propose
from reviews.services import review_create, review_delete, review_moderate, review_update
from search.models import SearchDocument
from search.services import index_object
from tests.factories import MemberFactory, QuestionFactory, TopicFactory, proposed_idea

pytestmark = pytest.mark.django_db


def indexed(kind, pk):
    return SearchDocument.objects.filter(kind=kind, object_id=pk).first()


REVIEW = {"rating": 5, "title": "Silent grinder", "text": "Quiet enough for early mornings."}


def test_nothing_is_indexed_before_the_transaction_commits(
    products, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        review = review_create(member, products["aurora"], data=REVIEW)
    assert indexed("review", review.pk) is None

    for callback in callbacks:
        callback()

    assert indexed("review", review.pk).title == "Silent grinder"


def test_a_review_is_indexed_when_published_and_follows_its_edits(products, member, on_commit):
    with on_commit():
        review = review_create(member, products["aurora"], data=REVIEW)
    document = indexed("review", review.pk)
    assert (document.rating, document.product_id) == (5, products["aurora"].pk)

    with on_commit():
        review_update(member, review, data={**REVIEW, "title": "Quiet burr grinder", "rating": 4})
    document = indexed("review", review.pk)
    assert (document.title, document.rating) == ("Quiet burr grinder", 4)


def test_a_hidden_review_leaves_the_index_and_returns_when_restored(
    products, member, moderator, on_commit
):
    with on_commit():
        review = review_create(member, products["aurora"], data=REVIEW)
    with on_commit():
        review_moderate(moderator, review, state=ModerationState.HIDDEN, reason="Off topic.")
    assert indexed("review", review.pk) is None

    with on_commit():
        review_moderate(moderator, review, state=ModerationState.PUBLISHED)
    assert indexed("review", review.pk) is not None


def test_a_deleted_review_leaves_the_index(products, member, on_commit):
    with on_commit():
        review = review_create(member, products["aurora"], data=REVIEW)
    with on_commit():
        review_delete(member, review)
    assert indexed("review", review.pk) is None


def test_a_question_is_indexed_with_its_answers_and_leaves_when_deleted(
    products, member, moderator, on_commit
):
    topic = TopicFactory()
    with on_commit():
        question = question_ask(
            member, title="Grinder jams with oily beans", body="Every week.", topic=topic
        )
    assert indexed("question", question.pk).status == "question-open"

    with on_commit():
        answer_create(MemberFactory(), question, body="Use the flamingo cleaning tablets.")
    assert "flamingo" in indexed("question", question.pk).body

    with on_commit():
        question_edit_service(member, question, title="Grinder jams with dark roasts", body="Help")
    assert indexed("question", question.pk).title == "Grinder jams with dark roasts"

    with on_commit():
        # Answered by someone else, it is no longer the asker's to delete: a moderator's.
        question_delete(moderator, question)
    assert indexed("question", question.pk) is None


def test_an_idea_is_indexed_when_proposed_edited_and_removed_when_deleted(member, on_commit):
    with on_commit():
        idea = idea_propose(member, title="Cup counter on the display", body="Daily total.")
    assert indexed("idea", idea.pk).status == f"idea-{idea.status.slug}"

    with on_commit():
        idea_edit(member, idea, title="Cup counter per week", body="Weekly total.")
    assert indexed("idea", idea.pk).title == "Cup counter per week"

    with on_commit():
        idea_delete(member, idea)
    assert indexed("idea", idea.pk) is None


def test_a_product_page_follows_publishing_and_unpublishing(site_pages, on_commit):
    from tests.factories import product_page

    with on_commit():
        page = product_page(site_pages.catalogue["en"], "Nimbus milk jug", tagline="Steel")
    assert indexed("product", page.pk).title == "Nimbus milk jug"

    with on_commit():
        ProductPage.objects.get(pk=page.pk).unpublish()
    assert indexed("product", page.pk) is None


def test_a_renamed_status_moves_its_ideas_under_the_new_status(member, on_commit):
    with on_commit():
        idea = idea_propose(member, title="Cup counter on the display", body="Daily total.")
    status = idea.status

    status.slug = "waiting-for-votes"
    with on_commit():
        status.save()

    assert indexed("idea", idea.pk).status == "idea-waiting-for-votes"


def test_a_private_section_takes_its_product_pages_out_of_the_index(site_pages, on_commit):
    from wagtail.models import PageViewRestriction

    from tests.factories import product_page

    with on_commit():
        page = product_page(site_pages.catalogue["en"], "Nimbus milk jug", tagline="Steel")

    with on_commit():
        restriction = PageViewRestriction.objects.create(
            page=site_pages.catalogue["en"], restriction_type=PageViewRestriction.LOGIN
        )
    assert indexed("product", page.pk) is None

    with on_commit():
        restriction.delete()
    assert indexed("product", page.pk).title == "Nimbus milk jug"


def test_a_hard_deleted_object_leaves_the_index(products, on_commit, reindex):
    question = QuestionFactory(title="A question that an admin removes for good")
    reindex()
    assert indexed("question", question.pk) is not None

    with on_commit():
        question.delete()
    assert indexed("question", question.pk) is None


def test_the_rebuild_removes_documents_whose_content_is_gone(products, reindex):
    question = QuestionFactory(title="Stale question")
    reindex()
    # Removed without signals (a raw SQL clean-up, a restored backup): the index still has it.
    type(question).objects.filter(pk=question.pk).update(deleted_at="2026-01-01T00:00:00Z")

    reindex()

    assert indexed("question", question.pk) is None


def test_an_object_missing_from_the_database_is_removed_from_the_index(products):
    SearchDocument.objects.create(
        kind="idea",
        object_id=99999,
        title="Ghost",
        created_at="2026-01-01T00:00:00Z",
        indexed_at="2026-01-01T00:00:00Z",
    )

    assert index_object("idea", 99999) is False
    assert indexed("idea", 99999) is None


# --- The same paths on Elasticsearch (a fake client records what would be sent) -----------


def bulk_lines(fake):
    return [line for call in fake.named("bulk") for line in call["operations"]]


def test_publishing_sends_the_document_to_elasticsearch_through_the_alias(
    products, member, on_commit, elastic
):
    with on_commit():
        review = review_create(member, products["aurora"], data=REVIEW)

    [call] = elastic.named("bulk")
    assert call["require_alias"] is True
    action, source = call["operations"]
    assert action == {"index": {"_index": "community", "_id": f"review-{review.pk}"}}
    assert source["title"] == "Silent grinder"
    assert source["rating"] == 5
    assert source["product"] == products["aurora"].pk
    # The database keeps its own index too: it answers when Elasticsearch does not.
    assert indexed("review", review.pk) is not None


def test_editing_hiding_and_deleting_reach_elasticsearch(
    products, member, moderator, on_commit, elastic
):
    with on_commit():
        review = review_create(member, products["aurora"], data=REVIEW)
    key = f"review-{review.pk}"
    with on_commit():
        review_update(member, review, data={**REVIEW, "title": "Edited title"})
    with on_commit():
        review_moderate(moderator, review, state=ModerationState.HIDDEN, reason="Spam.")
    with on_commit():
        review_moderate(moderator, review, state=ModerationState.PUBLISHED)
    with on_commit():
        review_delete(member, review)

    lines = bulk_lines(elastic)
    actions = [next(iter(line)) for line in lines if "index" in line or "delete" in line]
    assert actions == ["index", "index", "delete", "index", "delete"]
    edited = lines[lines.index({"index": {"_index": "community", "_id": key}}, 1) + 1]
    assert edited["title"] == "Edited title"
    assert {"delete": {"_index": "community", "_id": key}} in lines


def test_internal_notes_never_reach_elasticsearch(member, staff, on_commit, elastic):
    from ideas.models import Comment

    idea = proposed_idea(member, title="Descaling reminder")
    with on_commit():
        Comment.objects.create(idea=idea, author=staff, body="Margin is thin.", is_internal=True)
        Comment.objects.create(idea=idea, author=member, body="Yes please.")

    source = bulk_lines(elastic)[-1]
    assert "Yes please." in source["body"]
    assert "Margin" not in source["body"]


def test_when_elasticsearch_is_down_the_database_index_is_still_written(products, elastic):
    from search.engines import SearchUnavailable

    question = QuestionFactory(title="Indexed while the cluster is down")
    elastic.down = True

    with pytest.raises(SearchUnavailable):
        index_object("question", question.pk)

    assert indexed("question", question.pk) is not None
