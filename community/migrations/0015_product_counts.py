import django.db.models.deletion
from django.db import migrations, models


def count_every_product(apps, schema_editor):
    """Fill the counts of the products that exist, from their rows (the same rules as
    `community.products.refresh_product_stats`)."""
    from django.db.models import Count, Q, Sum

    ProductPage = apps.get_model("community", "ProductPage")
    ProductStats = apps.get_model("community", "ProductStats")
    Review = apps.get_model("reviews", "Review")
    Question = apps.get_model("community", "Question")
    Idea = apps.get_model("ideas", "Idea")

    stats = {
        pk: ProductStats(product_id=pk) for pk in ProductPage.objects.values_list("pk", flat=True)
    }
    languages = {pk: set() for pk in stats}
    reviews = (
        Review.objects.filter(status="published")
        .order_by()
        .values("product_id", "language")
        .annotate(
            count=Count("pk"),
            rating_sum=Sum("rating"),
            **{f"stars_{n}": Count("pk", filter=Q(rating=n)) for n in range(1, 6)},
        )
    )
    for row in reviews:
        row_stats = stats[row["product_id"]]
        row_stats.review_count += row["count"]
        row_stats.rating_sum += row["rating_sum"] or 0
        for n in range(1, 6):
            setattr(row_stats, f"stars_{n}", getattr(row_stats, f"stars_{n}") + row[f"stars_{n}"])
        languages[row["product_id"]].add(row["language"])
    for pk, found in languages.items():
        stats[pk].review_languages = sorted(found)
    questions = (
        Question.objects.filter(
            deleted_at__isnull=True, moderation_state="published", product__isnull=False
        )
        .exclude(status="duplicate")
        .order_by()
        .values("product_id")
        .annotate(count=Count("pk"), solved=Count("pk", filter=Q(status="solved")))
    )
    for row in questions:
        stats[row["product_id"]].question_count = row["count"]
        stats[row["product_id"]].solved_question_count = row["solved"]
    ideas = (
        Idea.objects.filter(
            deleted_at__isnull=True,
            moderation_state="published",
            merged_into__isnull=True,
            product__isnull=False,
        )
        .order_by()
        .values("product_id")
        .annotate(count=Count("pk"))
    )
    for row in ideas:
        stats[row["product_id"]].idea_count = row["count"]
    ProductStats.objects.bulk_create(stats.values(), batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0014_question_indexes"),
        ("reviews", "0003_list_indexes"),
        ("ideas", "0005_list_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProductStats",
            fields=[
                (
                    "product",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="stats",
                        serialize=False,
                        to="community.productpage",
                        verbose_name="product",
                    ),
                ),
                (
                    "review_count",
                    models.PositiveIntegerField(default=0, verbose_name="published reviews"),
                ),
                (
                    "rating_sum",
                    models.PositiveIntegerField(default=0, verbose_name="sum of their ratings"),
                ),
                ("stars_1", models.PositiveIntegerField(default=0, verbose_name="1-star reviews")),
                ("stars_2", models.PositiveIntegerField(default=0, verbose_name="2-star reviews")),
                ("stars_3", models.PositiveIntegerField(default=0, verbose_name="3-star reviews")),
                ("stars_4", models.PositiveIntegerField(default=0, verbose_name="4-star reviews")),
                ("stars_5", models.PositiveIntegerField(default=0, verbose_name="5-star reviews")),
                (
                    "review_languages",
                    models.JSONField(
                        blank=True, default=list, verbose_name="languages of the reviews"
                    ),
                ),
                (
                    "question_count",
                    models.PositiveIntegerField(default=0, verbose_name="public questions"),
                ),
                (
                    "solved_question_count",
                    models.PositiveIntegerField(default=0, verbose_name="solved questions"),
                ),
                ("idea_count", models.PositiveIntegerField(default=0, verbose_name="public ideas")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="counted")),
            ],
            options={"verbose_name": "product counts", "verbose_name_plural": "product counts"},
        ),
        migrations.RunPython(count_every_product, migrations.RunPython.noop),
    ]
