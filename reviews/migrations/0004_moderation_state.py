import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The indexes of a product's reviews, which lead with the state. Renaming the column carries
# them along in the database (PostgreSQL and SQLite both rename it inside the indexes, which
# keep their names), so only the migration state needs to hear of the new field name.
INDEXES = [
    models.Index(
        fields=["product", "moderation_state", "-helpful_count", "-created_at", "-id"],
        name="review_product_helpful",
    ),
    models.Index(
        fields=["product", "moderation_state", "-created_at", "-id"],
        name="review_product_recent",
    ),
    models.Index(
        fields=["product", "moderation_state", "rating", "-created_at", "-id"],
        name="review_product_rating",
    ),
    models.Index(
        fields=["product", "moderation_state", "-rating", "-created_at", "-id"],
        name="review_product_highest",
    ),
    models.Index(
        fields=["product", "moderation_state", "language", "-helpful_count"],
        name="review_product_language",
    ),
]


class Migration(migrations.Migration):
    """Reviews keep their moderation in the fields every moderated kind shares
    (`community.models.Moderated`): `status` becomes `moderation_state`, renamed so that every
    review keeps its state (the values were already the same three), and the fields take the
    shared definitions (an index on the state; moderators change them through the services,
    not as editable model fields). Written by hand: the autodetector sees a new field and would
    drop the column, publishing every held and hidden review."""

    dependencies = [
        ("reviews", "0003_list_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(model_name="review", old_name="status", new_name="moderation_state"),
        # Before the AlterField below: SQLite rebuilds the table from the state's indexes.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                *(
                    migrations.RemoveIndex(model_name="review", name=index.name)
                    for index in INDEXES
                ),
                *(migrations.AddIndex(model_name="review", index=index) for index in INDEXES),
            ],
        ),
        migrations.AlterField(
            model_name="review",
            name="moderation_state",
            field=models.CharField(
                choices=[
                    ("published", "Published"),
                    ("held", "Held for moderation"),
                    ("hidden", "Hidden by a moderator"),
                ],
                db_index=True,
                default="published",
                editable=False,
                max_length=16,
                verbose_name="moderation state",
            ),
        ),
        migrations.AlterField(
            model_name="review",
            name="moderation_reason",
            field=models.TextField(
                blank=True,
                editable=False,
                max_length=1000,
                verbose_name="reason given to the author",
            ),
        ),
        migrations.AlterField(
            model_name="review",
            name="moderated_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="moderated by",
            ),
        ),
    ]
