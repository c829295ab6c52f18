"""Fixtures of the moderation tests: content of every kind written through the services, trusted
reporters, and moderators."""

import pytest

from community.models import CommunitySettings
from community.questions import services as questions
from community.roles import Role
from tests.factories import (
    MemberFactory,
    QuestionFactory,
    ReviewFactory,
    product_page,
    proposed_idea,
    totp_authenticator,
)


@pytest.fixture
def product(site_pages):
    return product_page(site_pages.catalogue["en"], "Aurora espresso machine")


@pytest.fixture
def author(db):
    return MemberFactory(display_name="Ada Author")


def make_trusted(member, count=3):
    """Give `member` enough published contributions to be trusted."""
    for _number in range(count):
        QuestionFactory(author=member)
    return member


@pytest.fixture
def trusted_reporters(db):
    return [make_trusted(MemberFactory(display_name=f"Trusted {n}")) for n in range(3)]


@pytest.fixture
def other_moderator(db):
    member = MemberFactory(display_name="Moderator Mia", roles=[Role.MODERATOR])
    totp_authenticator(member)
    return member


@pytest.fixture
def question(product, db):
    asker = MemberFactory(display_name="Quinn Asker")
    return questions.question_ask(
        asker,
        title="How often should I descale the Aurora?",
        body="The reminder shows every month. Is that really needed?",
        product=product,
    )


@pytest.fixture
def answer(question, author):
    return questions.answer_create(author, question, body="Every month with hard water.")


@pytest.fixture
def reply(answer):
    replier = MemberFactory(display_name="Rita Reply")
    return questions.reply_create(replier, answer, body="Thanks, that helped.")


@pytest.fixture
def idea(product, db):
    return proposed_idea(MemberFactory(display_name="Ivo Idea"), product=product)


@pytest.fixture
def comment(idea, author):
    from ideas.services import comment_create

    return comment_create(author, idea, body="Yes please, with a weekday schedule.")


@pytest.fixture
def review(product, author):
    return ReviewFactory(product=product, author=author)


def hold_new_members(**changes):
    settings = CommunitySettings.load()
    settings.hold_new_members_posts = True
    for name, value in changes.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def change_settings(**changes):
    settings = CommunitySettings.load()
    for name, value in changes.items():
        setattr(settings, name, value)
    settings.save()
    return settings


@pytest.fixture
def superuser(db):
    admin = MemberFactory(display_name="Hélène Admin", is_superuser=True, is_staff=True)
    totp_authenticator(admin)
    return admin
