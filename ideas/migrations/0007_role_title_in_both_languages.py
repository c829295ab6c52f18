# The role title on staff writing, frozen in both languages (it was one title, in the language
# of the page it was written from): each reader sees it in theirs. Writing whose role still is
# one of its staff card's titles takes both of the card's; a role the card no longer has is kept
# as it was, in English, read in both languages.

from django.db import migrations, models

MODELS = (
    "idea",
    "statuschange",
    "comment",
    "merge",
)


def both_languages(apps, schema_editor):
    StaffCard = apps.get_model("community", "StaffCard")
    for card in StaffCard.objects.all():
        titles = [title for title in (card.role_title_en, card.role_title_fr) if title]
        for name in MODELS:
            apps.get_model("ideas", name).objects.filter(
                author_card=card, author_role_title_en__in=titles
            ).update(
                author_role_title_en=card.role_title_en, author_role_title_fr=card.role_title_fr
            )


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0006_idea_estimate_permission"),
        ("community", "0017_role_title_in_both_languages"),
    ]

    operations = [
        migrations.RenameField(
            model_name="idea", old_name="author_role_title", new_name="author_role_title_en"
        ),
        migrations.AlterField(
            model_name="idea",
            name="author_role_title_en",
            field=models.CharField(
                blank=True, max_length=80, verbose_name="role when written (English)"
            ),
        ),
        migrations.AddField(
            model_name="idea",
            name="author_role_title_fr",
            field=models.CharField(
                blank=True, max_length=80, verbose_name="role when written (French)"
            ),
        ),
        migrations.RenameField(
            model_name="statuschange", old_name="author_role_title", new_name="author_role_title_en"
        ),
        migrations.AlterField(
            model_name="statuschange",
            name="author_role_title_en",
            field=models.CharField(
                blank=True, max_length=80, verbose_name="role when written (English)"
            ),
        ),
        migrations.AddField(
            model_name="statuschange",
            name="author_role_title_fr",
            field=models.CharField(
                blank=True, max_length=80, verbose_name="role when written (French)"
            ),
        ),
        migrations.RenameField(
            model_name="comment", old_name="author_role_title", new_name="author_role_title_en"
        ),
        migrations.AlterField(
            model_name="comment",
            name="author_role_title_en",
            field=models.CharField(
                blank=True, max_length=80, verbose_name="role when written (English)"
            ),
        ),
        migrations.AddField(
            model_name="comment",
            name="author_role_title_fr",
            field=models.CharField(
                blank=True, max_length=80, verbose_name="role when written (French)"
            ),
        ),
        migrations.RenameField(
            model_name="merge", old_name="author_role_title", new_name="author_role_title_en"
        ),
        migrations.AlterField(
            model_name="merge",
            name="author_role_title_en",
            field=models.CharField(
                blank=True, max_length=80, verbose_name="role when written (English)"
            ),
        ),
        migrations.AddField(
            model_name="merge",
            name="author_role_title_fr",
            field=models.CharField(
                blank=True, max_length=80, verbose_name="role when written (French)"
            ),
        ),
        migrations.RunPython(both_languages, migrations.RunPython.noop),
    ]
