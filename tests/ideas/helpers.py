"""Small helpers of the ideas tests."""

from ideas.models import Idea, IdeaVote


def votes_of(idea) -> dict:
    """{member id: importance} of an idea's votes, as stored."""
    return dict(IdeaVote.objects.filter(idea=idea).values_list("member_id", "importance"))


def count_of(idea) -> int:
    """The idea's stored vote count, read again from the database."""
    return Idea.objects.get(pk=idea.pk).vote_count


def assert_count_matches_votes(*ideas):
    for idea in ideas:
        assert count_of(idea) == IdeaVote.objects.filter(idea=idea).count(), idea
