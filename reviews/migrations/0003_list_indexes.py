from django.db import migrations, models


class Migration(migrations.Migration):
    """One index per sort of a product's reviews (most helpful, newest, highest, lowest), each
    ending in the tie-breakers, plus one for the language filter."""

    dependencies = [("reviews", "0002_moderation")]

    operations = [
        migrations.RemoveIndex(model_name="review", name="review_product_recent"),
        migrations.RemoveIndex(model_name="review", name="review_product_rating"),
        migrations.RemoveIndex(model_name="review", name="review_product_helpful"),
        migrations.AddIndex(
            model_name="review",
            index=models.Index(
                fields=["product", "status", "-helpful_count", "-created_at", "-id"],
                name="review_product_helpful",
            ),
        ),
        migrations.AddIndex(
            model_name="review",
            index=models.Index(
                fields=["product", "status", "-created_at", "-id"], name="review_product_recent"
            ),
        ),
        migrations.AddIndex(
            model_name="review",
            index=models.Index(
                fields=["product", "status", "rating", "-created_at", "-id"],
                name="review_product_rating",
            ),
        ),
        migrations.AddIndex(
            model_name="review",
            index=models.Index(
                fields=["product", "status", "-rating", "-created_at", "-id"],
                name="review_product_highest",
            ),
        ),
        migrations.AddIndex(
            model_name="review",
            index=models.Index(
                fields=["product", "status", "language", "-helpful_count"],
                name="review_product_language",
            ),
        ),
    ]
