"""Demo reviews: a few in both languages, with verified owners (by an order, marked by staff
or imported), helpful votes and staff responses, the buyers' invited and unprompted reviews
(`demo_orders`) and the guidelines' section on how reviews are collected; and, for the scaled
community, reviews by the hundred thousand (`demo_scale`).

Written through the reviews services, as a member would; the staff responses are stored
directly so that seeding sends no notification e-mails. A review already there (same product
and author) is left as it is.
"""

from dataclasses import dataclass

from django.utils import translation

from community import services
from community.demo import DemoContext, DemoStep
from community.models import ProductPage
from reviews import demo_scale
from reviews.demo_orders import answered_invitation, order_ownership, seed_buyer_reviews
from reviews.guidelines import add_review_rules
from reviews.models import Ownership, Review, StaffResponse
from reviews.services import review_create, review_helpful_set


@dataclass(frozen=True)
class DemoReview:
    product: str  # the product's slug
    author: str  # the customer's e-mail address
    language: str
    rating: int
    title: str
    text: str
    pros: str = ""
    cons: str = ""
    owner: str = ""  # how the author is known to own the product (an `Ownership.Source`)
    bought_days_ago: int = 0  # for an owner by an order
    invited: bool = False  # written on the invitation that followed the order
    helpful_from: tuple = ()  # e-mail addresses of members who found it helpful
    response_by: str = ""  # e-mail address of the member of staff who responds
    response: str = ""


# The member of staff who marked the demo owner "confirmed by staff".
STAFF_RECORDER = "camille.martin@example.com"

REVIEWS = [
    DemoReview(
        product="aurora-espresso",
        author="oliver.smith@example.com",
        language="en",
        rating=5,
        title="Café quality at home, finally",
        text="I have had it for three months. It heats up before I have ground the beans and "
        "the milk foam is silky enough for latte art, if you have the patience.",
        pros="Fast heat-up\nGreat steam wand",
        cons="The drip tray fills quickly",
        owner=Ownership.Source.ORDER,
        bought_days_ago=95,
        helpful_from=("grace.taylor@example.com", "lea.dubois@example.com"),
        response_by="camille.martin@example.com",
        response="Thank you Oliver! A tip for the drip tray: the deeper tray that comes with the "
        "descaling kit holds twice as much.",
    ),
    DemoReview(
        product="aurora-espresso",
        author="lea.dubois@example.com",
        language="fr",
        rating=4,
        title="Très bon, mais bruyante",
        text="Le café est excellent et la machine est simple à utiliser. Elle est un peu "
        "bruyante le matin quand toute la maison dort.",
        pros="Café excellent",
        cons="Bruit de la pompe",
        owner=Ownership.Source.STAFF,
        helpful_from=("hugo.lefevre@example.com",),
    ),
    DemoReview(
        product="aurora-espresso",
        author="jack.wilson@example.com",
        language="en",
        rating=3,
        title="Good coffee, fiddly cleaning",
        text="The coffee is good, but cleaning the group head takes longer than I expected.",
        response_by="amelie.durand@example.com",
        response="Hi Jack, I am sorry cleaning is a chore. The cleaning tablets cycle (menu, "
        "then Care) does most of it for you; I am happy to walk you through it here.",
    ),
    DemoReview(
        product="brume-kettle",
        author="grace.taylor@example.com",
        language="en",
        rating=5,
        title="Perfect for green tea",
        text="The 80 °C setting changed my tea. It is quiet and keeps the water warm.",
        owner=Ownership.Source.ORDER,
        bought_days_ago=40,
        invited=True,
    ),
    DemoReview(
        product="nimbus-headphones",
        author="hugo.lefevre@example.com",
        language="fr",
        rating=4,
        title="Réduction de bruit bluffante",
        text="Dans le train, je n’entends plus rien. L’autonomie tient une semaine de trajets.",
        cons="L’étui est encombrant",
    ),
]


def seed_reviews(context: DemoContext) -> None:
    """The demo reviews that are missing; the demo owners gave their consent to the verified
    owner badge in their own step (`community.member_data.demo`)."""
    catalogue = context.pages.catalogue["en"]
    members = context.members()
    for spec in REVIEWS:
        product = ProductPage.objects.child_of(catalogue).filter(slug=spec.product).first()
        author = members.get(spec.author)
        if product is None or author is None:
            continue
        if Review.objects.filter(product=product, author=author).exists():
            continue
        order = None
        if spec.owner == Ownership.Source.ORDER:
            order = order_ownership(author, product, bought_days_ago=spec.bought_days_ago)
        elif spec.owner:
            recorded_by = (
                members.get(STAFF_RECORDER) if spec.owner == Ownership.Source.STAFF else None
            )
            Ownership.objects.get_or_create(
                member=author,
                product=product,
                defaults={"source": spec.owner, "recorded_by": recorded_by},
            )
        fields = ("rating", "title", "text", "pros", "cons")
        with translation.override(spec.language):
            review = review_create(
                author, product, data={name: getattr(spec, name) for name in fields}
            )
        if spec.invited:
            answered_invitation(review, order)
        for email in spec.helpful_from:
            review_helpful_set(members[email], review, helpful=True)
        if spec.response_by:
            staff = members[spec.response_by]
            with translation.override(spec.language):
                StaffResponse.objects.create(
                    review=review,
                    text=spec.response,
                    **services.authorship_for(staff, as_staff=True),
                )
        context.result.count("reviews")


def seed_review_rules(context: DemoContext) -> None:
    """The guidelines' section on how reviews are collected, in both languages, added to the
    pages the ground floor wrote (`reviews.guidelines`)."""
    added = add_review_rules(context.pages.guidelines)
    if added:
        context.result.count("guidelines sections on reviews", added)


DEMO_STEPS = (
    DemoStep(
        "reviews",
        seed=seed_reviews,
        order=40,
        scale=demo_scale.scale_reviews,
    ),
    DemoStep("review_buyers", seed=seed_buyer_reviews, order=41),
    DemoStep("review_rules", seed=seed_review_rules, order=42),
)
