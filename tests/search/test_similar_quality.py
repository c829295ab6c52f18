"""How good the suggestions while typing are, measured on a labelled set (similar_cases.py):
a title said another way finds the item it means among the first three suggestions, and a
title nobody has asked about yet finds nothing. Each figure is recorded (`record_property`,
"measured") and printed at the end of the run by tests/conftest.py, for SQLite and PostgreSQL
alike."""

import pytest
from django.db import connection

from community.questions.selectors import similar_questions
from ideas.selectors import similar_ideas
from search.engines import DatabaseEngine
from search.services import rebuild
from tests.factories import MemberFactory, QuestionFactory, proposed_idea
from tests.search.similar_cases import IDEAS, PAIRS_EN, PAIRS_FR, QUESTIONS, UNRELATED

pytestmark = pytest.mark.django_db

# Asked of the labelled set: the item meant among the first three suggestions for nine titles
# in ten, and nothing at all for eight unrelated titles in ten.
FOUND_IN_TOP_3 = 0.9
QUIET_WHEN_UNRELATED = 0.8


@pytest.fixture
def community(site_pages):
    """The questions and ideas of the labelled set, indexed; their ids by kind and key."""
    author = MemberFactory()
    ids = {"question": {}, "idea": {}}
    for key, title, body in QUESTIONS:
        language = "fr" if key.startswith("fr-") else "en"
        question = QuestionFactory(author=author, title=title, body=body, language=language)
        ids["question"][key] = question.pk
    for key, title, body in IDEAS:
        ids["idea"][key] = proposed_idea(author, title=title, body=body).pk
    rebuild(DatabaseEngine())
    return ids


def suggested(kind, title) -> list[int]:
    """What the ask and propose forms suggest while `title` is typed."""
    found = similar_questions(title) if kind == "question" else similar_ideas(title)
    return [item.pk for item in found]


def found_in_top_3(community, pairs) -> tuple[int, list[str]]:
    good, misses = 0, []
    for kind, title, key in pairs:
        if community[kind][key] in suggested(kind, title)[:3]:
            good += 1
        else:
            misses.append(f"{title!r} did not find {key!r} in the top 3")
    return good, misses


def quiet(community, titles) -> tuple[int, list[str]]:
    keys = {pk: key for by_key in community.values() for key, pk in by_key.items()}
    good, noise = 0, []
    for kind, title in titles:
        found = suggested(kind, title)
        if found:
            noise.append(f"{title!r} suggested {[keys[pk] for pk in found]}")
        else:
            good += 1
    return good, noise


def test_titles_said_another_way_find_their_item_and_unrelated_titles_find_nothing(
    community, record_property
):
    """One community for the three figures: building it is most of the test's time."""
    measures = [
        ("English titles finding their item in the top 3", PAIRS_EN, FOUND_IN_TOP_3)
        + found_in_top_3(community, PAIRS_EN),
        ("French titles finding their item in the top 3", PAIRS_FR, FOUND_IN_TOP_3)
        + found_in_top_3(community, PAIRS_FR),
        ("unrelated titles suggesting nothing", UNRELATED, QUIET_WHEN_UNRELATED)
        + quiet(community, UNRELATED),
    ]
    short = []
    for label, cases, wanted, good, failures in measures:
        share = good / len(cases)
        record_property(
            "measured",
            f"Similar suggestions ({connection.vendor}), {label}: "
            f"{good} of {len(cases)} ({share:.0%}; {wanted:.0%} needed)",
        )
        if share < wanted:
            short.append(f"{label}: {share:.0%}, {wanted:.0%} needed\n" + "\n".join(failures))

    assert not short, "\n".join(short)


def test_the_labelled_set_is_large_enough_to_mean_something():
    assert len(QUESTIONS) + len(IDEAS) >= 60
    assert len(PAIRS_EN) >= 40
    assert len(PAIRS_FR) >= 20
    assert len(UNRELATED) >= 20
    keys = {
        kind: {key for key, _, _ in items}
        for kind, items in (("question", QUESTIONS), ("idea", IDEAS))
    }
    assert all(key in keys[kind] for kind, _, key in PAIRS_EN + PAIRS_FR)
