"""Creating the demo content, idempotently."""

import hashlib
import io
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images.models import Image as WagtailImage
from wagtail.models import Locale

from community import services
from community.demo.content import (
    ADMIN,
    ADMIN_PASSWORD,
    CATEGORIES,
    CONTENT_PAGES,
    CUSTOMERS,
    DEMO_MEMBER,
    DEMO_PASSWORD,
    GUIDELINES_BODY,
    IMAGE_VARIANTS,
    PRODUCTS,
    STAFF,
    TEAMS,
)
from community.demo.drawing import (
    avatar_png,
    png_upload,
    product_jpeg,
)
from community.demo.registry import DemoContext, steps
from community.models import (
    ContentPage,
    Member,
    ProductCategory,
    ProductPage,
    ProductPageImage,
    StaffCard,
    Team,
)
from community.notifications import WELCOME, notify
from community.products import refresh_all_product_stats
from community.roles import Role
from community.site_setup import child_page, ensure_site_structure, translate_page

# --- Seeding ---------------------------------------------------------------------------------


@dataclass
class DemoSeedResult:
    """How many of each kind of thing a run created, and anything else the person running it
    should know."""

    created: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)

    def count(self, kind, number=1):
        self.created[kind] = self.created.get(kind, 0) + number


@transaction.atomic
def seed_demo() -> DemoSeedResult:
    """Fill the site with demo content; what already exists is kept as it is. The ground
    floor's content comes first, then each app's (`community.demo.registry`)."""
    result = DemoSeedResult()
    pages = ensure_site_structure()
    locales = {code: Locale.objects.get(language_code=code) for code in ("en", "fr")}
    context = DemoContext(pages=pages, locales=locales, result=result)
    for step in steps():
        if step.seed is not None:
            step.seed(context)
    refresh_all_product_stats()
    return result


def seed_ground_floor(context: DemoContext) -> None:
    """Product categories and products with their pictures, the teams, staff with their cards,
    customers, the demo member and the site admin, and the FAQ, about and guidelines pages."""
    pages, locales, result = context.pages, context.locales, context.result
    categories = _seed_categories(locales, result)
    _seed_products(pages.catalogue["en"], categories, locales["fr"], result)
    teams = _seed_teams(result)
    demo_hash = _PasswordHash(DEMO_PASSWORD)
    for person in STAFF:
        _seed_staff(person, teams, demo_hash, result)
    admin, created = _seed_staff(ADMIN, teams, _PasswordHash(ADMIN_PASSWORD), result, is_admin=True)
    if not created:
        _ensure_password(admin, ADMIN_PASSWORD, result)
    for team in teams.values():
        _seed_team_lead(team)
    for customer in CUSTOMERS:
        _seed_customer(customer, demo_hash, result)
    demo_member, created = _seed_customer(DEMO_MEMBER, demo_hash, result, welcome=True)
    if not created:
        _ensure_password(demo_member, DEMO_PASSWORD, result)
    for slug, content in CONTENT_PAGES.items():
        _seed_content_page(pages.home["en"], slug, content, locales["fr"], result)
    _seed_guidelines(pages.guidelines, result)


class _PasswordHash:
    """Hashing a password is slow on purpose: accounts sharing a password share one hash, made
    only if an account is created."""

    def __init__(self, password):
        self._password = password
        self._hash = None

    def get(self):
        if self._hash is None:
            self._hash = make_password(self._password)
        return self._hash


def _ensure_password(member, password, result):
    """Keep the log-ins that the command prints true, even if someone changed them since."""
    if not member.check_password(password):
        member.set_password(password)
        member.save(update_fields=["password"])
        result.notes.append(f"The password of {member.email} was set back to the demo one.")


def _seed_categories(locales, result):
    categories = {}
    for order, spec in enumerate(CATEGORIES):
        english = ProductCategory.objects.filter(slug=spec["slug"], locale=locales["en"]).first()
        if english is None:
            name, description = spec["en"]
            english = ProductCategory.objects.create(
                slug=spec["slug"],
                name=name,
                description=description,
                sort_order=order,
                locale=locales["en"],
            )
            result.count("product categories")
        french = english.get_translation_or_none(locales["fr"])
        if french is None:
            french = english.copy_for_translation(locales["fr"])
            french.slug, french.name, french.description = spec["fr"]
            french.save()
        categories[spec["slug"]] = {"en": english, "fr": french}
    return categories


def _seed_products(catalogue, categories, french, result):
    for product in PRODUCTS:
        page = ProductPage.objects.child_of(catalogue).filter(slug=product.slug).first()
        if page is None:
            page = ProductPage(
                slug=product.slug,
                category=categories[product.category]["en"],
                images=_product_images(product),
                **product.en,
            )
            catalogue.add_child(instance=page)
            page.save_revision().publish()
            result.count("products")
        if page.get_translation_or_none(french) is None:
            french_images = [
                ProductPageImage(image=item.image, caption=caption.format(name=product.fr["title"]))
                for item, (_variant, _caption, caption) in zip(
                    page.images.order_by("sort_order"), IMAGE_VARIANTS, strict=False
                )
            ]
            fields = {
                **product.fr,
                "category": categories[product.category]["fr"],
                "images": french_images,
            }
            translate_page(page, french, fields)


def _product_images(product):
    images = []
    for variant, caption, _french_caption in IMAGE_VARIANTS:
        data = product_jpeg(product.look, variant, product.en["title"])
        image = WagtailImage(
            title=caption.format(name=product.en["title"]),
            file=ImageFile(io.BytesIO(data), name=f"{product.slug}-{variant}.jpg"),
            file_size=len(data),
            file_hash=hashlib.sha1(data, usedforsecurity=False).hexdigest(),
        )
        image.save()
        images.append(ProductPageImage(image=image, caption=image.title))
    return images


def _seed_teams(result):
    teams = {}
    for order, spec in enumerate(TEAMS):
        fields = {key: value for key, value in spec.items() if key not in ("slug", "lead")}
        team, created = Team.objects.get_or_create(
            slug=spec["slug"], defaults={**fields, "sort_order": order}
        )
        if created:
            result.count("teams")
        teams[spec["slug"]] = team
    return teams


def _seed_team_lead(team):
    if team.lead_id is None:
        spec = next(spec for spec in TEAMS if spec["slug"] == team.slug)
        team.lead = Member.objects.filter(email=spec["lead"]).first()
        team.save(update_fields=["lead"])


def _member(email, display_name, language, bio, password_hash, result, kind, **extra):
    """The member with this e-mail address (created, having accepted the guidelines, when
    missing), and whether it was created; either way with a verified primary address."""
    member = Member.objects.filter(email=email).first()
    created = member is None
    if created:
        member = Member(
            email=email,
            display_name=display_name,
            bio=bio,
            preferred_language=language,
            password=password_hash.get(),
            **extra,
        )
        member.save()
        services.member_accept_guidelines(member)
        result.count(kind)
    EmailAddress.objects.get_or_create(
        user=member, email=member.email, defaults={"verified": True, "primary": True}
    )
    return member, created


def _seed_staff(person, teams, password_hash, result, *, is_admin=False):
    extra = {"is_staff": True, "is_superuser": True} if is_admin else {}
    member, created = _member(
        person.email,
        person.real_name,
        person.preferred_language,
        person.bio_fr if person.preferred_language == "fr" else person.bio_en,
        password_hash,
        result,
        "site admins" if is_admin else "staff",
        **extra,
    )
    roles = (Role.SITE_ADMIN,) if is_admin else (Role.STAFF, *person.roles)
    member.groups.add(*Group.objects.filter(name__in=[role.value for role in roles]))
    card, _created = StaffCard.objects.get_or_create(
        member=member,
        defaults={
            "real_name": person.real_name,
            "role_title_en": person.role_en,
            "role_title_fr": person.role_fr,
            "team": teams[person.team],
            "bio_en": person.bio_en,
            "bio_fr": person.bio_fr,
            "spoken_languages": person.languages,
        },
    )
    if not card.photo:
        initials = "".join(word[0] for word in person.real_name.split()[:2]).upper()
        upload = png_upload(avatar_png(person.look, initials), member.handle)
        photo = services.staff_photo_process(upload, member.handle)
        card.photo.save(photo.name, photo, save=True)
    return member, created


def _seed_customer(customer, password_hash, result, *, welcome=False):
    member, created = _member(
        customer.email,
        customer.display_name,
        customer.language,
        customer.bio,
        password_hash,
        result,
        "members",
    )
    if customer.avatar is not None and not member.avatar:
        upload = png_upload(avatar_png(customer.avatar), member.handle)
        avatar = services.avatar_process(upload, member)
        member.avatar.save(avatar.name, avatar, save=True)
    if welcome and created:
        notify(member, WELCOME.key, params={"name": member.display_name}, url="/")
    return member, created


def _seed_content_page(home, slug, content, french, result):
    if not ContentPage.objects.child_of(home).filter(slug=slug).exists():
        result.count("content pages")
    page = child_page(home, ContentPage, slug, {"show_in_menus": True, **content["en"]})
    translate_page(page, french, content["fr"])


def _seed_guidelines(guidelines, result):
    """The guidelines page comes empty from the site structure; write it, once."""
    for language, page in guidelines.items():
        if not page.body:
            page.body = GUIDELINES_BODY[language]
            page.save_revision().publish()
            result.count("guidelines pages filled")
