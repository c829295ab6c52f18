import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0009_api_webhooks_segments"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AccountDeletion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "choice",
                    models.CharField(
                        choices=[
                            ("anonymise", "Keep my contributions, signed “former member”"),
                            ("remove", "Remove my contributions"),
                        ],
                        max_length=16,
                        verbose_name="contributions",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting to run"),
                            ("running", "Running"),
                            ("completed", "Completed"),
                            ("failed", "Failed, to be run again"),
                        ],
                        default="pending",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                ("step", models.CharField(blank=True, max_length=64, verbose_name="step")),
                (
                    "counts",
                    models.JSONField(blank=True, default=dict, verbose_name="rows handled"),
                ),
                (
                    "attempts",
                    models.PositiveSmallIntegerField(default=0, verbose_name="attempts"),
                ),
                ("error", models.TextField(blank=True, verbose_name="last error")),
                (
                    "requested_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="requested"),
                ),
                (
                    "started_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="started"),
                ),
                (
                    "completed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="completed"),
                ),
                (
                    "member",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="member",
                    ),
                ),
            ],
            options={
                "verbose_name": "account deletion",
                "verbose_name_plural": "account deletions",
                "ordering": ["-requested_at", "-pk"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("member__isnull", False)),
                        fields=("member",),
                        name="one_account_deletion_per_member",
                    )
                ],
            },
        ),
    ]
