"""Indexes for the ideas list's filters and sorts and the roadmap's columns, partial on the ideas
that lists show, and for the votes by importance on an idea's page."""

from django.db import migrations, models

LISTED = models.Q(
    ("deleted_at__isnull", True),
    ("merged_into__isnull", True),
    ("moderation_state", "published"),
)
LIST_INDEXES = {
    "idea_list_top": ["-vote_count", "-created_at", "-id"],
    "idea_list_newest": ["-created_at", "-id"],
    "idea_list_updated": ["-last_activity_at", "-id"],
    "idea_list_status_top": ["status", "-vote_count", "-created_at", "-id"],
    "idea_list_status_newest": ["status", "-created_at", "-id"],
    "idea_list_product_top": ["product", "-vote_count", "-created_at", "-id"],
    "idea_list_product_newest": ["product", "-created_at", "-id"],
}


class Migration(migrations.Migration):
    dependencies = [("ideas", "0004_exports")]

    operations = [
        *(
            migrations.AddIndex(
                model_name="idea",
                index=models.Index(fields=fields, name=name, condition=LISTED),
            )
            for name, fields in LIST_INDEXES.items()
        ),
        migrations.AddIndex(
            model_name="ideavote",
            index=models.Index(fields=["idea", "importance"], name="idea_vote_importance"),
        ),
    ]
