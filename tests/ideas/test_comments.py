"""Comments on ideas: one level of replies, internal notes only staff see, edits with history,
soft deletion, and who is told."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from community.models import Notification, Revision
from ideas import services
from ideas.models import Comment, Idea
from tests.factories import MemberFactory, StaffCardFactory

pytestmark = pytest.mark.django_db


def count(idea):
    return Idea.objects.get(pk=idea.pk).comment_count


def test_a_comment_counts_and_its_writer_follows_the_idea(idea, member):
    from community.follows import is_following

    comment = services.comment_create(member, idea, body="Yes, **please**.")

    assert comment.body_html == "<p>Yes, <strong>please</strong>.</p>\n"
    assert count(idea) == 1
    assert is_following(member, idea)


def test_replies_stay_one_level_deep(idea, member):
    first = services.comment_create(member, idea, body="Top")
    reply = services.comment_create(MemberFactory(), idea, body="Reply", parent=first)

    reply_to_reply = services.comment_create(member, idea, body="And again", parent=reply)

    assert reply.parent == first
    assert reply_to_reply.parent == first
    assert count(idea) == 3


def test_a_reply_to_a_comment_on_another_idea_is_refused(idea, member):
    from tests.factories import proposed_idea

    elsewhere = services.comment_create(member, proposed_idea(title="Other"), body="There")

    with pytest.raises(ValidationError):
        services.comment_create(member, idea, body="Here", parent=elsewhere)


def test_an_empty_comment_is_refused(idea, member):
    with pytest.raises(ValidationError) as refused:
        services.comment_create(member, idea, body="  \n ")

    assert "body" in refused.value.message_dict
    assert count(idea) == 0


def test_internal_notes_do_not_count_and_replies_to_them_are_internal(idea, staff):
    note = services.comment_create(staff, idea, body="Engineering says Q3.", internal=True)
    reply = services.comment_create(staff, idea, body="Thanks", parent=note)

    assert note.is_internal and reply.is_internal
    assert count(idea) == 0


@pytest.mark.parametrize("who", ["member", "moderator", "unverified_member"])
def test_only_staff_write_internal_notes(request, idea, who):
    with pytest.raises(PermissionDenied):
        services.comment_create(request.getfixturevalue(who), idea, body="Psst", internal=True)


def test_staff_comment_under_their_card(idea, staff):
    comment = services.comment_create(staff, idea, body="We are looking into it.")

    assert comment.is_staff_writing
    assert comment.author_card == staff.staff_card


def test_the_author_and_followers_are_told_of_a_comment_and_the_replied_to_of_a_reply(
    idea, author, member, committed
):
    first = committed(services.comment_create, member, idea, body="Me too")
    assert Notification.objects.get(kind="idea_commented").recipient == author

    replier = MemberFactory(display_name="Rae Replier")
    reply = committed(services.comment_create, replier, idea, body="Same", parent=first)

    replied = Notification.objects.get(kind="idea_comment_replied")
    assert replied.recipient == member
    assert replied.params == {"name": "Rae Replier", "title": idea.title}
    assert replied.url.endswith(f"#comment-{reply.pk}")
    assert Notification.objects.filter(kind="idea_commented", recipient=author).count() == 2
    assert not Notification.objects.filter(recipient=replier).exists()


def test_mentions_are_told_once_and_internal_notes_reach_staff_only(
    idea, author, member, staff, committed
):
    colleague = StaffCardFactory(real_name="Bruno Leroy").member
    committed(
        services.comment_create,
        staff,
        idea,
        body=f"@{member.handle} and @{colleague.handle}, have a look.",
        internal=True,
    )

    assert list(Notification.objects.values_list("recipient", "kind")) == [
        (colleague.pk, "idea_mentioned")
    ]

    committed(services.comment_create, author, idea, body=f"Thanks @{member.handle}!")
    assert Notification.objects.filter(recipient=member, kind="idea_mentioned").count() == 1
    assert not Notification.objects.filter(recipient=member, kind="idea_commented").exists()


def test_editing_keeps_the_earlier_version_and_tells_only_newly_mentioned(idea, member, committed):
    other = MemberFactory()
    comment = services.comment_create(member, idea, body="First words")

    committed(services.comment_edit, member, comment, body=f"Better words, @{other.handle}")

    comment.refresh_from_db()
    assert comment.edit_count == 1
    assert Revision.objects.get().body == "First words"
    told = Notification.objects.get(recipient=other)
    assert told.kind == "idea_mentioned"
    assert told.url.endswith(f"#comment-{comment.pk}")


def test_only_the_author_edits_a_comment(idea, member, moderator):
    comment = services.comment_create(member, idea, body="Mine")

    with pytest.raises(PermissionDenied):
        services.comment_edit(moderator, comment, body="Theirs")


def test_deleting_keeps_the_thread_and_lowers_the_count(idea, member, moderator):
    comment = services.comment_create(member, idea, body="Oops")
    reply = services.comment_create(MemberFactory(), idea, body="Reply", parent=comment)

    services.comment_delete(moderator, comment)

    comment.refresh_from_db()
    assert comment.is_deleted and not comment.deleted_by_author
    assert Comment.objects.filter(pk=reply.pk, parent=comment).exists()
    assert count(idea) == 1


def test_members_cannot_delete_others_comments(idea, member):
    comment = services.comment_create(member, idea, body="Mine")

    with pytest.raises(PermissionDenied):
        services.comment_delete(MemberFactory(), comment)


def test_comments_are_closed_on_a_merged_idea_except_internal_notes(idea, staff, member):
    from tests.factories import proposed_idea

    services.idea_merge(staff, idea, proposed_idea(title="Kept"), notify_people=False)

    with pytest.raises(PermissionDenied):
        services.comment_create(member, idea, body="Hello?")
    note = services.comment_create(staff, idea, body="Context for the team", internal=True)
    assert note.is_internal
