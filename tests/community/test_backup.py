"""`manage.py backup` and `manage.py restore`: a backup restored into a fresh database keeps
every row and every file, counted table by table and compared hash by hash.

The tests run on SQLite always and on PostgreSQL when DATABASE_URL is set, where the fresh
database is created and dropped by the test. They commit their data (a transactional
database), as the dump is read by pg_dump over its own connection.
"""

import copy
import hashlib
import io
import json
import stat
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.db.utils import load_backend

from community import backup
from reviews import services as review_services
from reviews.models import HelpfulVote, Review, ReviewPhoto
from tests.factories import (
    MemberFactory,
    ReviewFactory,
    product_page,
    review_photo,
    wagtail_image,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RESTORED = "restored"


@pytest.fixture
def reviews_with_votes_and_photos(site_pages):
    """Three reviews, two of them with photos, and helpful votes from other members."""
    catalogue = site_pages.catalogue["en"]
    product = product_page(catalogue, "Espresso One", images=[wagtail_image("Espresso One")])
    reviews = [ReviewFactory(product=product, rating=rating) for rating in (5, 4, 2)]
    review_photo(reviews[0], colour="teal")
    review_photo(reviews[0], colour="red")
    review_photo(reviews[1], colour="navy")
    voters = MemberFactory.create_batch(2)
    for voter in voters:
        review_services.review_helpful_set(voter, reviews[0], helpful=True)
    review_services.review_helpful_set(voters[0], reviews[1], helpful=True)
    return reviews


@pytest.fixture
def fresh_database(tmp_path):
    """A second, empty database under the alias "restored", removed after the test."""
    default = connections["default"]
    settings_dict = copy.deepcopy(default.settings_dict)
    if default.vendor == "postgresql":
        name = f"restore_{uuid.uuid4().hex[:12]}"
        with default.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
    else:
        name = str(tmp_path / "restored.sqlite3")
    settings_dict["NAME"] = name
    # Registered as a live connection only, not in the settings, so that Django's test case
    # treats it as created on the fly rather than as a database the test forgot to declare.
    restored = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, RESTORED)
    connections[RESTORED] = restored
    yield RESTORED
    restored.close()
    del connections[RESTORED]
    if default.vendor == "postgresql":
        with default.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def restored_media(settings, tmp_path):
    """Point the site's media at an empty folder, as on the machine that restores."""

    def switch():
        original = Path(settings.MEDIA_ROOT)
        settings.MEDIA_ROOT = tmp_path / "restored-media"
        return original

    return switch


def row_counts(alias):
    target = connections[alias]
    with target.cursor() as cursor:
        tables = target.introspection.table_names(cursor)
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {target.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def file_hashes(root):
    root = Path(root)
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_restore_into_a_fresh_database_keeps_every_row_and_file(
    reviews_with_votes_and_photos, fresh_database, restored_media, tmp_path
):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    rows_before = row_counts("default")
    files_before = file_hashes(restored_media())

    call_command("restore", str(archive), database=fresh_database, stdout=io.StringIO())

    assert row_counts(fresh_database) == rows_before
    assert rows_before["reviews_review"] == 3
    assert file_hashes(tmp_path / "restored-media") == files_before
    assert len(files_before) >= 7  # 3 photos, 3 thumbnails, the product image


def test_reviews_helpful_votes_and_review_photos_come_back(
    reviews_with_votes_and_photos, fresh_database, restored_media, tmp_path
):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    original_media = restored_media()

    call_command("restore", str(archive), database=fresh_database, stdout=io.StringIO())

    def reviews(alias):
        return sorted(
            Review.objects.using(alias).values_list(
                "pk", "product_id", "author_id", "rating", "title", "text", "helpful_count"
            )
        )

    def votes(alias):
        return sorted(HelpfulVote.objects.using(alias).values_list("review_id", "member_id"))

    def photos(alias):
        return sorted(
            ReviewPhoto.objects.using(alias).values_list("pk", "review_id", "image", "thumbnail")
        )

    assert reviews(fresh_database) == reviews("default")
    assert votes(fresh_database) == votes("default")
    assert len(votes(fresh_database)) == 3
    assert [row[-1] for row in reviews(fresh_database)] == [2, 1, 0]
    assert photos(fresh_database) == photos("default")
    assert len(photos(fresh_database)) == 3
    restored_root = tmp_path / "restored-media"
    for _pk, _review, image, thumbnail in photos(fresh_database):
        for name in (image, thumbnail):
            assert (restored_root / name).read_bytes() == (original_media / name).read_bytes()


def test_the_manifest_lists_every_table_and_file_with_its_hash(
    reviews_with_votes_and_photos, settings, tmp_path
):
    archive = tmp_path / "backups" / "site.tar.gz"

    manifest = backup.backup_create(archive)

    assert backup.read_manifest(archive) == manifest
    assert manifest["format"] == backup.ARCHIVE_FORMAT
    assert manifest["version"] == backup.application_version()
    assert manifest["created_at"]
    assert manifest["database"]["engine"] == connection.vendor
    assert manifest["database"]["tables"] == row_counts("default")
    assert "reviews.0001_initial" in manifest["database"]["migrations"]
    files = {entry["name"]: entry for entry in manifest["media"]["files"]}
    assert {name: entry["sha256"] for name, entry in files.items()} == file_hashes(
        settings.MEDIA_ROOT
    )
    for name, entry in files.items():
        assert entry["size"] == (Path(settings.MEDIA_ROOT) / name).stat().st_size
    with tarfile.open(archive) as opened:
        names = set(opened.getnames())
    assert backup.DATABASE_FILES[connection.vendor] in names
    assert {f"media/{name}" for name in files} <= names
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert list(archive.parent.iterdir()) == [archive]


def test_restore_refuses_a_site_with_members_unless_forced(
    reviews_with_votes_and_photos, fresh_database, restored_media, tmp_path
):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    restored_media()
    call_command("restore", str(archive), database=fresh_database, stdout=io.StringIO())

    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive), database=fresh_database, stdout=io.StringIO())
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive), stdout=io.StringIO())

    output = io.StringIO()
    call_command("restore", str(archive), database=fresh_database, force=True, stdout=output)
    assert row_counts(fresh_database) == row_counts("default")
    assert "every count and hash matches" in output.getvalue()


def test_restore_prints_the_counts_table_by_table(
    reviews_with_votes_and_photos, fresh_database, restored_media, tmp_path
):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    restored_media()
    output = io.StringIO()

    call_command("restore", str(archive), database=fresh_database, stdout=output)

    lines = {line.split()[0]: line.split()[1:] for line in output.getvalue().splitlines()[2:-1]}
    assert lines["reviews_review"] == ["3", "3"]
    assert lines["reviews_helpfulvote"] == ["3", "3"]
    assert lines["reviews_reviewphoto"] == ["3", "3"]


def test_a_backup_without_media_restores_the_database_only(
    reviews_with_votes_and_photos, fresh_database, restored_media, tmp_path
):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", "-o", str(archive), "--no-media", stdout=io.StringIO())
    root = restored_media()

    call_command("restore", str(archive), database=fresh_database, stdout=io.StringIO())

    assert backup.read_manifest(archive)["media"] == {"included": False, "files": []}
    assert row_counts(fresh_database) == row_counts("default")
    assert file_hashes(root)
    assert file_hashes(tmp_path / "restored-media") == {}


def test_restore_refuses_an_archive_that_is_not_a_backup(fresh_database, tmp_path):
    archive = tmp_path / "other.tar.gz"
    with tarfile.open(archive, "w:gz") as opened:
        opened.add(__file__, arcname="notes.py")

    with pytest.raises(CommandError, match="not a backup"):
        call_command("restore", str(archive), database=fresh_database, stdout=io.StringIO())


def _rewrite_manifest(archive, change):
    """A copy of `archive` whose manifest was edited by `change`."""
    tampered = archive.with_name("tampered.tar.gz")
    with tarfile.open(archive) as source, tarfile.open(tampered, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == backup.MANIFEST_NAME:
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    return tampered


def test_restore_refuses_a_media_name_outside_the_media_folder(
    reviews_with_votes_and_photos, fresh_database, restored_media, tmp_path
):
    archive = tmp_path / "site.tar.gz"
    backup.backup_create(archive)
    tampered = _rewrite_manifest(
        archive,
        lambda manifest: manifest["media"]["files"].append(
            {"name": "../../etc/cron.d/evil", "size": 1, "sha256": "0" * 64}
        ),
    )
    restored_media()

    with pytest.raises(backup.BackupError, match="outside the media folder"):
        backup.restore(tampered, using=fresh_database)


def test_restore_refuses_a_damaged_database_copy(
    reviews_with_votes_and_photos, fresh_database, tmp_path
):
    archive = tmp_path / "site.tar.gz"
    backup.backup_create(archive, include_media=False)
    tampered = _rewrite_manifest(
        archive, lambda manifest: manifest["database"].update(sha256="0" * 64)
    )

    with pytest.raises(backup.BackupError, match="damaged"):
        backup.restore(tampered, using=fresh_database)
    assert backup.member_count(fresh_database) == 0
