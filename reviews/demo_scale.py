"""The scaled community's reviews (`seed_demo --scale`), by bulk inserts: a few products hold
most of them, as in a real community."""

from community.demo.scale import BATCH, dates_as_given, insert_rows, skewed_counts, spread
from reviews.models import Review

REVIEW_TITLES = {
    5: ["Exactly what I hoped for", "Best purchase this year", "Quiet and quick"],
    4: ["Very good, a few quirks", "Solid, with one annoyance"],
    3: ["Does the job", "Fine for the price"],
    2: ["Disappointing after a month"],
    1: ["Broke within weeks"],
}
REVIEW_TEXT = (
    "I have used it every morning for three months. It heats up quickly, the controls are "
    "clear and cleaning takes a minute. The descaling reminder comes a little too often."
)


def scale_reviews(seeder) -> None:
    count = seeder.scale.reviews
    per_product = skewed_counts(count, len(seeder.product_ids), exponent=1.1, cap=count)
    products = spread(per_product)
    seeder.random.shuffle(products)
    ratings = [5, 5, 5, 4, 4, 4, 3, 2, 1]
    rows = []
    with dates_as_given(Review):
        for n in range(count):
            product = products[n]
            created = seeder.date(n, count)
            rating = ratings[(n * 7 + product) % len(ratings)]
            rows.append(
                Review(
                    author_id=seeder.member_ids[n % len(seeder.member_ids)],
                    product_id=seeder.product_ids[product],
                    rating=rating,
                    title=REVIEW_TITLES[rating][n % len(REVIEW_TITLES[rating])],
                    text=REVIEW_TEXT,
                    pros="Quiet, well made",
                    cons="The manual is thin" if rating < 5 else "",
                    published_at=created,
                    created_at=created,
                    language="fr" if n % 4 == 0 else "en",
                )
            )
            if len(rows) == BATCH:
                insert_rows(Review, rows)
                rows = []
        insert_rows(Review, rows)
    seeder.analyze(Review)
    seeder.made["reviews"] = count
    seeder.logged(f"{count:,} reviews")
