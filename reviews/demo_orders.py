"""Demo orders and the reviews they brought: buyers of the demo shop who are verified owners by
their order, and invited reviews beside unprompted ones, enough on one product (the Aurora
espresso machine) for its page to compare them (`selectors.origin_comparison`).

Orders, ownerships and invitations are stored directly, as they are once a buyer has answered
the invitation: seeding sends no e-mail and waits for no delay. The reviews are written through
`services.review_create`, as a member would. The buyers made here did not consent to the
"verified owner" badge, as most members do not: their invited reviews still say that the shop
invited them. What exists already (a buyer, an order, a review) is left as it is.
"""

from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone, translation
from django.utils.text import slugify

from community.demo import DemoContext
from community.models import Member, ProductPage
from community.services import member_accept_guidelines
from reviews.invitations import tally
from reviews.models import (
    Invitation,
    Order,
    OrderLine,
    OrderSource,
    Ownership,
    Review,
    ReviewOrigin,
)
from reviews.services import review_create

DEMO_SHOP_SLUG = "demo-shop"
COMPARED_PRODUCT = "aurora-espresso"


@dataclass(frozen=True)
class BuyerReview:
    buyer: str  # the buyer's display name; their address is made from it
    language: str
    rating: int
    title: str
    text: str
    invited_after_buying_days_ago: int | None = None  # None: they wrote unprompted


# With the three reviews of the named customers (`reviews.demo`), ten of each on the product.
BUYER_REVIEWS = [
    BuyerReview(
        "Priya Natarajan",
        "en",
        5,
        "Worth the wait for the first cup",
        "Set up in ten minutes, and the first espresso was better than my local café's. Two "
        "weeks in, still delighted.",
        25,
    ),
    BuyerReview(
        "Mathis Roux",
        "fr",
        4,
        "Bonne machine, réservoir un peu petit",
        "Le café est constant d’un jour à l’autre. Je remplis le réservoir tous les deux jours.",
        34,
    ),
    BuyerReview(
        "Hannah Becker",
        "en",
        4,
        "Reliable, slightly loud",
        "A good espresso every morning. The pump is louder than I expected.",
        41,
    ),
    BuyerReview(
        "Chloé Garnier",
        "fr",
        3,
        "Correcte, sans plus",
        "Le café est bon, mais la buse vapeur demande de la pratique et la notice est trop "
        "succincte.",
        48,
    ),
    BuyerReview(
        "Daniel Okafor",
        "en",
        2,
        "Milk frothing is hit and miss",
        "The espresso is fine, but I cannot get the milk right and the steam wand sputters.",
        52,
    ),
    BuyerReview(
        "Sofia Marino",
        "en",
        4,
        "Good value",
        "For the price it does everything I need. Cleaning takes a few minutes each week.",
        60,
    ),
    BuyerReview(
        "Lucas Fontaine",
        "fr",
        5,
        "Parfaite pour deux",
        "Nous l’utilisons à deux chaque matin, sans le moindre souci depuis deux mois.",
        66,
    ),
    BuyerReview(
        "Aisha Rahman",
        "en",
        3,
        "Fine once you learn it",
        "The first week was frustrating; now that I know the right grind it works well.",
        73,
    ),
    BuyerReview(
        "Tom Hughes",
        "en",
        1,
        "Leaked after three weeks",
        "Water pooled under the machine after three weeks. Support is sending a replacement.",
        80,
    ),
    BuyerReview(
        "Camille Lambert",
        "fr",
        4,
        "Très satisfaite",
        "Mousse de lait onctueuse et café bien chaud. Seul bémol\u00a0: le bac d’égouttage.",
        88,
    ),
    BuyerReview(
        "Noor Haddad",
        "en",
        5,
        "Better than my old machine",
        "It heats up fast and the shots are consistent. I bought it after reading the reviews "
        "here.",
    ),
    BuyerReview(
        "Élise Marchand",
        "fr",
        5,
        "Un vrai plaisir chaque matin",
        "Je ne vais plus au café du coin. Simple, rapide et bon.",
    ),
    BuyerReview(
        "Ryan Cooper",
        "en",
        1,
        "Stopped heating",
        "After a month it stopped heating. I am waiting for the repair.",
    ),
    BuyerReview(
        "Julie Perrin",
        "fr",
        4,
        "Très bien, un peu encombrante",
        "Elle prend de la place sur le plan de travail, mais le café est excellent.",
    ),
    BuyerReview(
        "Marcus Lee",
        "en",
        2,
        "Not for light roasts",
        "Light roasts come out sour whatever I try. Dark roasts are fine.",
    ),
    BuyerReview(
        "Anaïs Robin",
        "fr",
        5,
        "Je la recommande",
        "Facile à utiliser et à nettoyer. Le café est meilleur que prévu.",
    ),
    BuyerReview(
        "Ben Carter",
        "en",
        4,
        "Solid machine",
        "Well built and easy to use. The drip tray is small.",
    ),
]


def demo_shop() -> OrderSource:
    source, _created = OrderSource.objects.get_or_create(
        slug=DEMO_SHOP_SLUG, defaults={"name": "Demo shop"}
    )
    return source


def order_ownership(member, product, *, bought_days_ago: int) -> Order:
    """`member` bought `product` at the demo shop `bought_days_ago` days ago: the order, and
    the ownership it proves (kept as it is when the member owned the product already)."""
    now = timezone.now()
    purchased_on = timezone.localdate(now) - timedelta(days=bought_days_ago)
    order, created = Order.objects.get_or_create(
        source=demo_shop(),
        reference=f"DEMO-{member.pk:05d}-{product.pk:04d}",
        defaults={
            "email": member.email,
            "language": member.preferred_language,
            "purchased_on": purchased_on,
            "delivered_on": purchased_on + timedelta(days=3),
            "member": member,
            "channel": Order.Channel.WEBHOOK,
            "received_at": now - timedelta(days=bought_days_ago),
        },
    )
    if created:
        OrderLine.objects.create(order=order, product=product)
        tally(product.pk, order.received_at, orders_received=1)
    Ownership.objects.get_or_create(
        member=member,
        product=product,
        defaults={"source": Ownership.Source.ORDER, "order": order, "purchased_on": purchased_on},
    )
    return order


def answered_invitation(review, order) -> Invitation:
    """`review` answers the invitation of `order`: the review says it was invited, and the
    invitation was sent, followed and answered (two days before the review, to keep it
    simple), as the staff figures count it. The product's counts are recounted by
    `seed_demo` once every step has run."""
    review.origin = ReviewOrigin.INVITED
    review.save(update_fields=["origin"])
    sent_at = review.created_at - timedelta(days=2)
    invitation = Invitation.objects.create(
        order=order,
        product=review.product,
        status=Invitation.Status.REVIEWED,
        due_at=sent_at,
        sent_at=sent_at,
        opened_at=review.created_at,
        reviewed_at=review.created_at,
        review=review,
    )
    tally(review.product_id, sent_at, invitations_sent=1)
    tally(review.product_id, review.created_at, links_opened=1, reviews_written=1)
    return invitation


def _buyer(spec: BuyerReview):
    """The demo buyer (created with a verified address when missing): they never sign in."""
    email = f"{slugify(spec.buyer).replace('-', '.')}@example.com"
    member = Member.objects.filter(email=email).first()
    if member is None:
        member = Member(email=email, display_name=spec.buyer, preferred_language=spec.language)
        member.set_unusable_password()
        member.save()
        member_accept_guidelines(member)
        EmailAddress.objects.create(user=member, email=email, verified=True, primary=True)
    return member


def seed_buyer_reviews(context: DemoContext) -> None:
    """The buyers' reviews of the compared product that are missing, invited or unprompted."""
    catalogue = context.pages.catalogue["en"]
    product = ProductPage.objects.child_of(catalogue).filter(slug=COMPARED_PRODUCT).first()
    if product is None:
        return
    for spec in BUYER_REVIEWS:
        buyer = _buyer(spec)
        if Review.objects.filter(product=product, author=buyer).exists():
            continue
        invited_after = spec.invited_after_buying_days_ago
        order = None
        if invited_after is not None:
            order = order_ownership(buyer, product, bought_days_ago=invited_after)
        with translation.override(spec.language):
            review = review_create(
                buyer, product, data={"rating": spec.rating, "title": spec.title, "text": spec.text}
            )
        if order is not None:
            answered_invitation(review, order)
        context.result.count("invited reviews" if order else "reviews")
