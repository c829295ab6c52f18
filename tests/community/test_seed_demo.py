"""The demo content: complete in both languages, and safe to seed again.

Seeding takes a few seconds, so each test checks one whole area of what it builds.
"""

import io

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from PIL import Image
from wagtail.images.models import Image as WagtailImage
from wagtail.models import Locale, Page

from community.demo import ADMIN_EMAIL, ADMIN_PASSWORD, DEMO_EMAIL, DEMO_PASSWORD
from community.demo.content import PRODUCTS, STAFF
from community.models import (
    ContentPage,
    GuidelinesPage,
    Member,
    Notification,
    ProductCategory,
    ProductPage,
    ProductPageImage,
    StaffCard,
    Team,
)
from community.roles import Role

COUNTED_MODELS = [
    Page,
    ProductCategory,
    ProductPageImage,
    WagtailImage,
    Team,
    Member,
    StaffCard,
    EmailAddress,
    Notification,
]


def _seed():
    output = io.StringIO()
    call_command("seed_demo", stdout=output)
    return output.getvalue()


def _counts():
    return {model.__name__: model.objects.count() for model in COUNTED_MODELS}


@pytest.fixture
def seeded(db):
    _seed()


@pytest.fixture
def locales(db):
    return {code: Locale.objects.get(language_code=code) for code in ("en", "fr")}


def test_seeding_again_creates_nothing_and_still_prints_the_log_ins(seeded):
    before = _counts()

    output = _seed()

    assert _counts() == before
    assert "nothing new" in output
    assert f"{ADMIN_EMAIL} / {ADMIN_PASSWORD}" in output
    assert f"{DEMO_EMAIL} / {DEMO_PASSWORD}" in output
    assert "http://127.0.0.1:8000/admin/" in output


def test_products_are_published_in_both_languages_with_images_and_french_categories(
    seeded, locales, client
):
    assert ProductPage.objects.live().filter(locale=locales["en"]).count() == len(PRODUCTS)
    for product in PRODUCTS:
        page = ProductPage.objects.get(locale=locales["en"], slug=product.slug)
        translation = page.get_translation(locales["fr"]).specific
        assert translation.live
        assert translation.title == product.fr["title"]
        assert translation.category.locale == locales["fr"]
        assert translation.category.translation_key == page.category.translation_key
        assert 2 <= page.images.count() <= 3
        assert translation.images.count() == page.images.count()

    response = client.get("/fr/products/")

    assert response.status_code == 200
    content = response.content.decode()
    for product in PRODUCTS:
        assert product.fr["title"] in content


def test_staff_have_cards_with_square_photos_in_teams_that_have_leads(seeded):
    cards = StaffCard.objects.select_related("member", "team")
    assert cards.count() == len(STAFF) + 1  # and the site admin's
    for card in cards:
        with card.photo.open() as photo, Image.open(photo) as image:
            assert image.size == (512, 512)
        assert card.team is not None
        assert card.role_title_en and card.role_title_fr and card.bio_fr
        assert card.member.has_role(Role.STAFF) or card.member.is_superuser
    assert not Team.objects.filter(lead=None).exists()
    assert Member.objects.filter(groups__name=Role.MODERATOR.value).count() == 1
    assert Member.objects.filter(groups__name=Role.PRODUCT_TEAM.value).count() == 1
    admin = Member.objects.get(email=ADMIN_EMAIL)
    assert admin.is_superuser and admin.is_staff
    assert admin.has_role(Role.SITE_ADMIN)
    assert admin.check_password(ADMIN_PASSWORD)


def test_members_have_verified_addresses_and_the_demo_member_can_log_in(seeded, client):
    for member in Member.objects.all():
        assert EmailAddress.objects.filter(
            user=member, email=member.email, verified=True, primary=True
        ).exists()
    assert Member.objects.filter(preferred_language="fr").exists()
    assert Member.objects.exclude(avatar="").filter(staff_card=None).exists()

    assert client.login(email=DEMO_EMAIL, password=DEMO_PASSWORD)


def test_faq_about_and_guidelines_are_written_in_both_languages(seeded, locales, client):
    for slug in ("faq", "about"):
        page = ContentPage.objects.get(slug=slug, locale=locales["en"])
        translation = page.get_translation(locales["fr"]).specific
        assert page.live and page.body
        assert translation.live and translation.body
        assert translation.title != page.title
    assert all(page.body for page in GuidelinesPage.objects.all())

    response = client.get("/fr/guidelines/")

    assert "Soyez bienveillant" in response.content.decode()
