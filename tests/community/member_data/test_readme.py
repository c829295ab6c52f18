"""The README of the data download reads cleanly in each language: no doubled punctuation, the
full date it was prepared on, and each language's own punctuation around the file names."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from community.member_data import exports
from tests.factories import MemberFactory, ReviewFactory, product_page, review_photo

from .helpers import zip_of

pytestmark = pytest.mark.django_db

PREPARED = datetime(2026, 12, 7, 19, 27, tzinfo=ZoneInfo("UTC"))  # 20:27 in Paris
NNBSP_OR_NBSP = "[\u00a0\u202f]"


def readme(member, language):
    with translation.override(language):
        archive = zip_of(member)
    return archive.read("README.txt").decode()


@pytest.fixture
def member(site_pages):
    member = MemberFactory(display_name="Camille Martin")
    product = product_page(site_pages.catalogue["en"], "Aurora kettle")
    review_photo(ReviewFactory(author=member, product=product))
    return member


@pytest.fixture
def prepared_at_a_known_moment(monkeypatch):
    written = exports.write_zip
    monkeypatch.setattr(
        exports, "write_zip", lambda member, target, now=None: written(member, target, now=PREPARED)
    )


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_line_of_the_readme_has_doubled_punctuation(member, language):
    text = readme(member, language)

    assert re.findall(r".*(?:[.,:;] ?[.,:;]| [.,;:]).*", text) == []
    assert "  " not in text


def test_the_english_readme_gives_the_full_date_and_time_zone(member, prepared_at_a_known_moment):
    text = readme(member, "en")

    assert text.startswith("Your data from the community — Camille Martin (@")
    assert "Prepared on Monday 7 December 2026, 20:27 (Europe/Paris time).\n" in text
    assert "- README.txt: this explanation.\n" in text
    assert re.search(r"^- data/reviews\.json: Reviews \(1\), 1 file$", text, re.M)
    assert re.search(r"^- data/ideas\.json: Ideas \(0\)$", text, re.M)


def test_the_french_readme_is_french_with_its_own_punctuation(member, prepared_at_a_known_moment):
    text = readme(member, "fr")

    assert text.startswith("Vos données de la communauté — Camille Martin (@")
    assert "Préparées le lundi 7 décembre 2026, 20:27 (fuseau horaire Europe/Paris).\n" in text
    assert re.search(rf"^- README\.txt{NNBSP_OR_NBSP}: cette explication\.$", text, re.M)
    assert re.search(rf"^- data/reviews\.json{NNBSP_OR_NBSP}: Avis \(1\), 1 fichier$", text, re.M)
    # No English left, and no colon without the space French puts before it.
    for english in ("Your data", "Prepared", "file", "Sections"):
        assert not re.search(rf"\b{english}\b", text.replace("files/", ""))
    assert not re.search(r"[^\s\d]:", text)
