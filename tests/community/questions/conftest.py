"""Fixtures for questions and answers: a product, a topic, people in every role, and a question
asked through the services, as a member would."""

import pytest

from community.questions import services
from tests.factories import MemberFactory, StaffCardFactory, TopicFactory, product_page


@pytest.fixture
def product(site_pages):
    return product_page(site_pages.catalogue["en"], "Aurora espresso machine")


@pytest.fixture
def topic(db):
    return TopicFactory(
        slug="orders-delivery", name_en="Orders and delivery", name_fr="Commandes et livraison"
    )


@pytest.fixture
def asker(db):
    return MemberFactory(display_name="Jack Wilson")


@pytest.fixture
def answerer(db):
    return MemberFactory(display_name="Oliver Smith")


@pytest.fixture
def colleague(db):
    """A second member of staff with an active card, to hand questions to."""
    return StaffCardFactory(real_name="Camille Martin", member__display_name="Camille").member


@pytest.fixture
def question(product, asker):
    return services.question_ask(
        asker,
        title="How often should I descale the Aurora?",
        body="The reminder shows every month. Is that really needed?",
        product=product,
    )


@pytest.fixture
def answer(question, answerer):
    return services.answer_create(answerer, question, body="Every month with hard water.")
