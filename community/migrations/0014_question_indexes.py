"""The questions list at scale: every question has a last activity date (its own creation at the
least), and an index per sort of the list, alone and after each filter, over public questions."""

import django.utils.timezone
from django.db import migrations, models
from django.db.models import F

PUBLIC = models.Q(("deleted_at__isnull", True), ("moderation_state", "published"))
UNANSWERED = models.Q(
    ("deleted_at__isnull", True), ("moderation_state", "published"), ("answer_count", 0)
)
WAITING = models.Q(
    ("deleted_at__isnull", True),
    ("moderation_state", "published"),
    ("asked_for_staff_at__isnull", False),
    ("status", "open"),
)
SORTS = {
    "active": ["-last_activity_at", "-id"],
    "newest": ["-created_at", "-id"],
    "votes": ["-vote_count", "-last_activity_at", "-id"],
}


def fill_last_activity(apps, schema_editor):
    Question = apps.get_model("community", "Question")
    Question.objects.filter(last_activity_at__isnull=True).update(last_activity_at=F("created_at"))


def list_indexes():
    for sort, fields in SORTS.items():
        yield models.Index(condition=PUBLIC, fields=fields, name=f"q_list_{sort}")
        for leading in ("product", "topic", "status"):
            yield models.Index(
                condition=PUBLIC, fields=[leading, *fields], name=f"q_list_{leading}_{sort}"
            )
        yield models.Index(condition=UNANSWERED, fields=fields, name=f"q_list_unanswered_{sort}")
        yield models.Index(condition=WAITING, fields=fields, name=f"q_list_waiting_{sort}")


class Migration(migrations.Migration):
    dependencies = [("community", "0013_mydata")]

    operations = [
        migrations.RunPython(fill_last_activity, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="question",
            name="last_activity_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="last activity"
            ),
        ),
        *[
            migrations.RemoveIndex(model_name="question", name=name)
            for name in (
                "question_status_recent",
                "question_active",
                "question_votes",
                "question_product_recent",
                "question_topic_recent",
            )
        ],
        *[migrations.AddIndex(model_name="question", index=index) for index in list_indexes()],
    ]
