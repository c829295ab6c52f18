"""The permission to estimate ideas, which the product team holds and admins may give to
another group."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0005_list_indexes"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="idea",
            options={
                "ordering": ["-vote_count", "-created_at", "-pk"],
                "permissions": [("estimate_idea", "Can estimate ideas")],
                "verbose_name": "idea",
                "verbose_name_plural": "ideas",
            },
        ),
    ]
