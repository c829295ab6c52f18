"""Factories for the community's data, shared by every test module."""

import io

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify
from PIL import Image
from wagtail.images.models import Image as WagtailImage
from wagtail.models import Locale

from community import products
from community.models import (
    ContentPage,
    Member,
    Notification,
    ProductCategory,
    ProductPage,
    ProductPageImage,
    StaffCard,
    Team,
)
from community.roles import Role
from reviews.models import Order, OrderLine, OrderSource, Ownership, Review, ReviewPhoto
from reviews.photos import photo_process

DEFAULT_PASSWORD = "a-long-test-password-1"


class MemberFactory(factory.django.DjangoModelFactory):
    """A member whose e-mail address is verified (pass `verified=False` for one who is not)."""

    class Meta:
        model = Member
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.com")
    display_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=extracted is not False
            )

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            for role in extracted:
                self.groups.add(Group.objects.get(name=Role(role).value))
            self.__dict__.pop("role_names", None)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("slug",)

    slug = "support"
    kind = Team.Kind.SUPPORT
    name_en = "Support"
    name_fr = "Assistance"


class StaffCardFactory(factory.django.DjangoModelFactory):
    """An active staff card, for a member who holds the Staff role."""

    class Meta:
        model = StaffCard

    member = factory.SubFactory(MemberFactory, roles=[Role.STAFF])
    real_name = factory.Faker("name")
    role_title_en = "Support specialist"
    role_title_fr = "Conseillère support"
    team = factory.SubFactory(TeamFactory)
    spoken_languages = ["en", "fr"]


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(MemberFactory)
    kind = "welcome"
    params = factory.LazyAttribute(lambda n: {"name": n.recipient.display_name})
    url = "/"


def image_upload(
    name="photo.jpg", *, size=(800, 600), image_format="JPEG", exif=None, colour="teal"
):
    """An uploaded image file made by Pillow, optionally carrying EXIF data."""
    buffer = io.BytesIO()
    image = Image.new("RGB", size, colour)
    options = {"exif": exif} if exif is not None else {}
    image.save(buffer, format=image_format, **options)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif"}.get(
        image_format, "application/octet-stream"
    )
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


# The secret of every test member's authenticator app, so browser tests can compute codes.
TOTP_SECRET = "JBSWY3DPEHPK3PXP"


def totp_authenticator(member):
    """Give `member` a TOTP authenticator, as if they had set up two-factor sign-in."""
    return Authenticator.objects.create(
        user=member, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET}
    )


def wagtail_image(title="Product photo", *, size=(640, 480), colour="teal"):
    """A Wagtail image whose file is drawn by Pillow."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="JPEG")
    return WagtailImage.objects.create(
        title=title, file=ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.jpg")
    )


def product_page(catalogue, title, *, images=(), **fields):
    """A published product page under `catalogue`, with Wagtail images in order."""
    page = ProductPage(title=title, slug=slugify(title), **fields)
    catalogue.add_child(instance=page)
    for order, image in enumerate(images):
        ProductPageImage.objects.create(page=page, image=image, sort_order=order)
    page.save_revision().publish()
    return page


def content_page(parent, title, *, intro="", body=None, **fields):
    """A published content page (FAQ, about) under `parent`."""
    page = ContentPage(title=title, slug=slugify(title), intro=intro, body=body or [], **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _default_locale():
    return Locale.get_default()


class ProductCategoryFactory(factory.django.DjangoModelFactory):
    """A catalogue category in the default (English) locale."""

    class Meta:
        model = ProductCategory

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    locale = factory.LazyFunction(_default_locale)


class CountedContentFactory(factory.django.DjangoModelFactory):
    """Content its product counts (reviews, questions): made as the services make it, with the
    product's counts recounted in the same transaction."""

    class Meta:
        abstract = True

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:
            products.recount(instance)


class ReviewFactory(CountedContentFactory):
    """A published review by a verified member, written in English; pass its `product`."""

    class Meta:
        model = Review

    author = factory.SubFactory(MemberFactory)
    rating = 4
    title = factory.Sequence(lambda n: f"Review {n}")
    text = "It does what it says, every morning."
    language = "en"


def review_photo(review, *, colour="teal", size=(800, 600)):
    """A photo at the end of `review`'s gallery, processed the way uploads are."""
    large, thumbnail = photo_process(image_upload(size=size, colour=colour), f"review-{review.pk}")
    photo = ReviewPhoto(review=review, sort_order=review.photos.count())
    photo.image.save(large.name, large, save=False)
    photo.thumbnail.save(thumbnail.name, thumbnail, save=False)
    photo.save()
    return photo


class OwnershipFactory(factory.django.DjangoModelFactory):
    """A record that `member` owns `product`, as imported from the sales records."""

    class Meta:
        model = Ownership

    member = factory.SubFactory(MemberFactory)
    source = Ownership.Source.IMPORT


class OrderSourceFactory(factory.django.DjangoModelFactory):
    """A shop that sends orders, with its own signing secret."""

    class Meta:
        model = OrderSource
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Shop {n}")
    slug = factory.LazyAttribute(lambda source: slugify(source.name))
    secret = "a-shop-signing-secret"


def order_of(products, *, email="buyer@example.com", reference=None, source=None, **fields):
    """An order of `products` (product pages), stored as it arrives, without scheduling its
    invitations: `reviews.invitations.schedule(order)` does that when a test wants them."""
    from django.utils import timezone

    defaults = {"language": "en", "purchased_on": timezone.localdate(), "channel": "webhook"}
    order = Order.objects.create(
        source=source or OrderSourceFactory(name="Shop"),
        reference=reference or f"ORD-{Order.objects.count() + 1:05d}",
        email=email,
        **(defaults | fields),
    )
    OrderLine.objects.bulk_create([OrderLine(order=order, product=p) for p in products])
    return order


# --- Questions and answers (community) ---


def _rendered(text):
    from community.markdown import render_markdown

    return render_markdown(text)


def _now():
    from django.utils import timezone

    return timezone.now()


class TopicFactory(factory.django.DjangoModelFactory):
    """A space for questions that are not about one product."""

    class Meta:
        model = "community.Topic"
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    name_fr = factory.Sequence(lambda n: f"Sujet {n}")
    description_en = "Everything that is not about one product."
    description_fr = "Tout ce qui ne concerne pas un seul produit."


class QuestionFactory(CountedContentFactory):
    """An open question in a topic, asked in English by a verified member, without answers.

    Pass `product=page, topic=None` for a question about a product. Answers go through the
    services (`community.questions.services.answer_create`), which keep the counters right.
    """

    class Meta:
        model = "community.Question"

    author = factory.SubFactory(MemberFactory)
    title = factory.Sequence(lambda n: f"How do I set up thing number {n}?")
    body = "I read the manual twice and it did not help."
    body_html = factory.LazyAttribute(lambda question: _rendered(question.body))
    topic = factory.SubFactory(TopicFactory)
    language = "en"
    last_activity_at = factory.LazyFunction(_now)


# --- Ideas ---


def idea_status(slug):
    """One of the default statuses (created by the ideas migrations): "new", "planned"…"""
    from ideas.models import Status

    return Status.objects.get(slug=slug)


class IdeaTagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "ideas.Tag"
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"theme-{n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")
    name_fr = factory.Sequence(lambda n: f"Thème {n}")


def proposed_idea(author=None, *, title="Schedule the machine to start", body=None, **fields):
    """An idea proposed through the service: published, voted for and followed by its author."""
    from ideas.services import idea_propose

    return idea_propose(
        author or MemberFactory(),
        title=title,
        body=body or "I would like it to start by itself before I wake up.",
        **fields,
    )


# --- Exports, API and webhooks ---


class SegmentFactory(factory.django.DjangoModelFactory):
    """A segment of members ("Business plan"), which votes are counted by."""

    class Meta:
        model = "community.Segment"
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"segment-{n}")
    name_en = factory.Sequence(lambda n: f"Segment {n}")
    name_fr = factory.Sequence(lambda n: f"Segment {n} (fr)")


def site_admin(**fields):
    """A member of the Site admins role, who has set up two-factor sign-in."""
    member = MemberFactory(roles=[Role.SITE_ADMIN], **fields)
    totp_authenticator(member)
    return member


def api_token(creator=None, **fields):
    """(stored token, token in clear), made through the service by a site admin."""
    from community.api.tokens import token_create

    return token_create(creator or site_admin(), name=fields.pop("name", "A tool"), **fields)


# --- A member's own data: preferences and consents (mydata) ---


class PrivacyChoicesFactory(factory.django.DjangoModelFactory):
    """A member's consents and weekly summary choice (all off by default, as in the site)."""

    class Meta:
        model = "community.PrivacyChoices"
        django_get_or_create = ("member",)

    member = factory.SubFactory(MemberFactory)


def verified_owner(member, product, **fields):
    """`member` owns `product` and consented to being shown as its verified owner."""
    PrivacyChoicesFactory(member=member, show_owner_badge=True)
    return OwnershipFactory(member=member, product=product, **fields)


# --- Response promises, business hours and holidays (promises) ---


class ResponsePromiseFactory(factory.django.DjangoModelFactory):
    """A promise; with neither product nor topic, the site's default."""

    class Meta:
        model = "community.ResponsePromise"

    length = 1
    unit = "days"
    text_en = "A member of staff answers within 1 business day unless the community solved it."
    text_fr = "Un membre de l’équipe répond sous 1 jour ouvré."
    community_solution_fulfils = True
    warn_before_percent = 20


def office_hours(*, weekdays=range(5), opens="09:00", closes="18:00"):
    """Business hours on `weekdays` (0 = Monday), the same every day."""
    from community.models import BusinessHours

    return [
        BusinessHours.objects.create(weekday=day, opens=opens, closes=closes) for day in weekdays
    ]
