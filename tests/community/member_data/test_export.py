"""The download: every kind of data a member creates is in the ZIP, with its files, and nothing
of other members is."""

import json

import pytest

from community import personal_data
from tests.factories import TOTP_SECRET

from .helpers import (
    MARKERS,
    OTHERS_EMAILS,
    VOTER_NAME,
    build_everything,
    section_json,
    whole_text,
    zip_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def everything(site_pages):
    return build_everything(site_pages)


def test_every_registered_section_has_a_marker_so_none_is_forgotten():
    assert {section.key for section in personal_data.sections()} >= set(MARKERS)


def test_the_zip_holds_one_json_file_per_section_a_manifest_and_a_readme(everything):
    archive = zip_of(everything.member)

    names = set(archive.namelist())
    for section in personal_data.sections():
        assert f"data/{section.key}.json" in names
    assert {"manifest.json", "README.txt"} <= names
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["member"] == everything.member.handle
    assert {entry["section"] for entry in manifest["sections"]} == {
        section.key for section in personal_data.sections()
    }
    assert "data/reviews.json" in archive.read("README.txt").decode()


def test_each_kind_of_data_the_member_created_is_in_its_section(everything):
    archive = zip_of(everything.member)

    missing = [
        key
        for key, marker in MARKERS.items()
        if marker not in json.dumps(section_json(archive, key), ensure_ascii=False)
        or section_json(archive, key)["count"] < 1
    ]

    assert missing == []


def test_original_photos_pictures_and_avatar_are_files_in_the_zip(everything):
    member = everything.member
    archive = zip_of(member)

    review = section_json(archive, "reviews")["items"][0]
    idea = section_json(archive, "ideas")["items"][0]
    account = section_json(archive, "account")["items"][0]
    card = section_json(archive, "staff_card")["items"][0]
    with everything.things["photo"].image.open("rb") as original:
        assert archive.read(review["photos"][0]) == original.read()
    assert archive.read(idea["images"][0]["file"])[:2] == b"\xff\xd8"  # a JPEG
    assert idea["images"][0]["description"] == "A sketch of the grinder"
    with member.avatar.open("rb") as avatar:
        assert archive.read(account["avatar"]) == avatar.read()
    assert card["photo"] == ""  # no photo on this card: none is invented


def test_public_items_carry_their_address_and_private_ones_none(everything):
    archive = zip_of(everything.member)

    review = section_json(archive, "reviews")["items"][0]
    report = section_json(archive, "reports")["items"][0]
    assert review["public_address"].startswith("http://testserver/products/")
    assert "public_address" not in report


def test_nothing_of_other_members_is_in_the_zip(everything):
    text = whole_text(zip_of(everything.member))

    for email in OTHERS_EMAILS:
        assert email not in text
    assert VOTER_NAME not in text, "who voted for the member's idea is not their data"
    assert "olga-private-link" not in text, "another member's notification"
    assert "Olga's own answer." not in text, "another member's writing"
    assert TOTP_SECRET not in text, "second factor secrets are never exported"
    assert "0" * 64 not in text, "token hashes are never exported"


def test_the_other_members_zip_holds_their_own_data_and_not_the_first_ones(everything):
    olga = everything.others[0]

    text = whole_text(zip_of(olga))

    assert OTHERS_EMAILS[0] in text
    assert "Olga's own answer." in text
    assert "quillon@example.org" not in text
    for private in ("reports", "appeals", "suspensions", "email_addresses", "ship_feedback"):
        assert MARKERS[private] not in text


def test_a_missing_file_is_listed_and_the_rest_still_exported(everything):
    photo = everything.things["photo"]
    photo.image.storage.delete(photo.image.name)

    archive = zip_of(everything.member)

    manifest = json.loads(archive.read("manifest.json"))
    assert any(name.startswith("files/reviews/") for name in manifest["missing_files"])
    assert MARKERS["reviews"] in json.dumps(section_json(archive, "reviews"))
