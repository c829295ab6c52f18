"""reviews 0004_moderation_state: a review's `status` becomes the `moderation_state` every
moderated kind shares, renamed in place, so that every review keeps its state and what
moderation recorded about it, and the indexes of a product's reviews keep working.

The test migrates a database that holds reviews: back to the migration before, rows written
through that state's historical model, forward again. It runs on SQLite, and on PostgreSQL when
DATABASE_URL is set. Migrating needs a database outside a test's transaction (SQLite rebuilds
the table), so the test is transactional, and the database goes back to the latest migrations
at the end, whatever happened.
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import MemberFactory, product_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("reviews", "0003_list_indexes")]
AFTER = [("reviews", "0004_moderation_state")]
MODERATED_AT = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)
EDITED_AT = datetime.datetime(2026, 3, 3, 17, 5, tzinfo=datetime.UTC)
MODERATION = [
    "moderation_reason",
    "moderated_by_id",
    "moderated_at",
    "published_at",
    "moderator_edit_reason",
    "moderator_edited_by_id",
    "moderator_edited_at",
]


def migrate(targets):
    """Bring the database to `targets`; the models of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def latest_migrations_afterwards(transactional_db):
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def indexes(table) -> dict:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {name: found["columns"] for name, found in constraints.items() if found["index"]}


def test_every_review_keeps_its_state_and_its_moderation(site_pages, latest_migrations_afterwards):
    product = product_page(site_pages.catalogue["en"], "Espresso One")
    moderator = MemberFactory()
    authors = MemberFactory.create_batch(3)

    Review = migrate(BEFORE).get_model("reviews", "Review")
    # In bulk, without signals: their receivers (product counts, search) expect today's model.
    Review.objects.bulk_create(
        Review(
            product_id=product.pk,
            author_id=author.pk,
            rating=4,
            title=f"A {state} review",
            text="It does what it says.",
            status=state,
            moderation_reason=f"Why it is {state}.",
            moderated_by_id=moderator.pk,
            moderated_at=MODERATED_AT,
            published_at=MODERATED_AT if state == "published" else None,
            moderator_edit_reason="Removed a phone number.",
            moderator_edited_by_id=moderator.pk,
            moderator_edited_at=EDITED_AT,
        )
        for author, state in zip(authors, ["published", "held", "hidden"], strict=True)
    )
    before = {row.pop("id"): row for row in Review.objects.values("id", "status", *MODERATION)}

    Review = migrate(AFTER).get_model("reviews", "Review")
    after = {
        row.pop("id"): row for row in Review.objects.values("id", "moderation_state", *MODERATION)
    }

    assert sorted(row["status"] for row in before.values()) == ["held", "hidden", "published"]
    assert after == {
        pk: {"moderation_state": row["status"], **{name: row[name] for name in MODERATION}}
        for pk, row in before.items()
    }
    assert [review.title for review in Review.objects.filter(moderation_state="held")] == [
        "A held review"
    ]


def test_the_indexes_of_a_product_s_reviews_follow_the_renamed_column(
    latest_migrations_afterwards,
):
    migrate(BEFORE)
    table = "reviews_review"
    assert indexes(table)["review_product_recent"] == ["product_id", "status", "created_at", "id"]

    migrate(AFTER)

    found = indexes(table)
    assert found["review_product_recent"] == ["product_id", "moderation_state", "created_at", "id"]
    for name in ("helpful", "rating", "highest", "language"):
        assert found[f"review_product_{name}"][:2] == ["product_id", "moderation_state"]
    assert not any("status" in columns for columns in found.values())
    assert ["moderation_state"] in found.values()
