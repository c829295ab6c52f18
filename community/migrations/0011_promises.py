"""Response promises: the promise per product, topic or site, business hours and holidays, and
the clock on questions (whose move it is, and until when)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0010_deletion"),
    ]

    operations = [
        migrations.CreateModel(
            name="Holiday",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField(unique=True, verbose_name="date")),
                ("name_en", models.CharField(max_length=80, verbose_name="name (English)")),
                (
                    "name_fr",
                    models.CharField(blank=True, max_length=80, verbose_name="name (French)"),
                ),
            ],
            options={
                "verbose_name": "holiday",
                "verbose_name_plural": "holidays",
                "ordering": ["date"],
            },
        ),
        migrations.AddField(
            model_name="question",
            name="promise_due_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="promise due"),
        ),
        migrations.AddField(
            model_name="question",
            name="promise_kept",
            field=models.BooleanField(blank=True, null=True, verbose_name="promise kept"),
        ),
        migrations.AddField(
            model_name="question",
            name="promise_kept_by_community",
            field=models.BooleanField(default=False, verbose_name="kept by a community solution"),
        ),
        migrations.AddField(
            model_name="question",
            name="promise_missed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="promise missed"),
        ),
        migrations.AddField(
            model_name="question",
            name="promise_settled_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="promise settled"),
        ),
        migrations.AddField(
            model_name="question",
            name="promise_started_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="promise started"),
        ),
        migrations.AddField(
            model_name="question",
            name="promise_team_ref",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="community.team",
                verbose_name="team keeping the promise",
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="promise_warned_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="warned before the deadline"
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="promises_kept",
            field=models.PositiveIntegerField(default=0, verbose_name="promises kept"),
        ),
        migrations.AddField(
            model_name="question",
            name="promises_missed",
            field=models.PositiveIntegerField(default=0, verbose_name="promises missed"),
        ),
        migrations.AddField(
            model_name="question",
            name="waiting_on",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "Nobody"),
                    ("staff", "Waiting on staff"),
                    ("customer", "Waiting on the customer"),
                ],
                default="",
                max_length=10,
                verbose_name="waiting on",
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="waiting_since",
            field=models.DateTimeField(blank=True, null=True, verbose_name="waiting since"),
        ),
        migrations.CreateModel(
            name="BusinessHours",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "weekday",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (0, "Monday"),
                            (1, "Tuesday"),
                            (2, "Wednesday"),
                            (3, "Thursday"),
                            (4, "Friday"),
                            (5, "Saturday"),
                            (6, "Sunday"),
                        ],
                        verbose_name="day",
                    ),
                ),
                ("opens", models.TimeField(verbose_name="opens")),
                ("closes", models.TimeField(verbose_name="closes")),
            ],
            options={
                "verbose_name": "business hours",
                "verbose_name_plural": "business hours",
                "ordering": ["weekday", "opens"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("closes__gt", models.F("opens"))),
                        name="business_hours_close_after_opening",
                        violation_error_message="Closing time must come after opening time.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ResponsePromise",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "length",
                    models.PositiveSmallIntegerField(
                        default=1,
                        help_text="How many business hours or business days.",
                        verbose_name="length",
                    ),
                ),
                (
                    "unit",
                    models.CharField(
                        choices=[("hours", "business hours"), ("days", "business days")],
                        default="days",
                        max_length=8,
                        verbose_name="unit",
                    ),
                ),
                (
                    "text_en",
                    models.CharField(
                        help_text="As customers read it, for example: A member of staff answers within 1 business day unless the community has solved it.",
                        max_length=200,
                        verbose_name="promise (English)",
                    ),
                ),
                (
                    "text_fr",
                    models.CharField(blank=True, max_length=200, verbose_name="promise (French)"),
                ),
                (
                    "community_solution_fulfils",
                    models.BooleanField(
                        default=True,
                        help_text="When on, an answer by a member marked as the solution before the deadline counts as the promise kept.",
                        verbose_name="a community solution keeps the promise",
                    ),
                ),
                (
                    "warn_before_percent",
                    models.PositiveSmallIntegerField(
                        default=20,
                        help_text="20 warns the owner when a fifth of the promised business time remains.",
                        verbose_name="warn when this share of the time is left (%)",
                    ),
                ),
                (
                    "product",
                    models.OneToOneField(
                        blank=True,
                        help_text="Leave product and topic empty for the site's default promise.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="response_promise",
                        to="community.productpage",
                        verbose_name="product",
                    ),
                ),
                (
                    "team",
                    models.ForeignKey(
                        blank=True,
                        help_text="The team that keeps it: warned before a deadline when nobody owns the question; its lead hears of a miss.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="response_promises",
                        to="community.team",
                        verbose_name="team",
                    ),
                ),
                (
                    "topic",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="response_promise",
                        to="community.topic",
                        verbose_name="topic",
                    ),
                ),
            ],
            options={
                "verbose_name": "response promise",
                "verbose_name_plural": "response promises",
                "ordering": ["topic__sort_order", "pk"],
            },
        ),
        migrations.AddField(
            model_name="question",
            name="promise",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="community.responsepromise",
                verbose_name="promise",
            ),
        ),
        migrations.AddIndex(
            model_name="question",
            index=models.Index(
                fields=["waiting_on", "promise_due_at"], name="question_promise_due"
            ),
        ),
        migrations.AddConstraint(
            model_name="responsepromise",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("product__isnull", False), ("topic__isnull", False), _negated=True
                ),
                name="promise_for_a_product_or_a_topic_or_the_site",
            ),
        ),
    ]
