"""The page tree every community site needs, in English and French.

`ensure_site_structure()` makes the home page the site's root (replacing Wagtail's welcome
page), and gives it the catalogue (/products/), "Meet the team" (/team/), the guidelines
(/guidelines/) and the ideas roadmap (/roadmap/), each with its French translation under
/fr/. It is idempotent: the demo content, the tests and a new production site all start
from it.
"""

from dataclasses import dataclass

from django.db import transaction
from wagtail.models import Locale, Page, Site

from community.models import GuidelinesPage, HomePage, ProductIndexPage, TeamPage
from ideas.models import RoadmapPage


@dataclass
class SitePages:
    home: dict
    catalogue: dict
    team: dict
    guidelines: dict
    roadmap: dict


# Title and fields of each entry page, per language.
ENTRY_PAGES = {
    "home": {
        "en": {
            "title": "Community",
            "heading": "Ask, review, propose: people answer, under their own names",
            "intro": "<p>Customers help each other here, and our staff reply as themselves.</p>",
        },
        "fr": {
            "title": "Communauté",
            "heading": (
                "Demandez, évaluez, proposez\u00a0: des personnes vous répondent, sous leur nom"
            ),
            "intro": "<p>Ici, les clients s’entraident et notre équipe répond en son nom.</p>",
        },
    },
    "catalogue": {
        "en": {"title": "Products", "intro": "<p>Every product, with its community.</p>"},
        "fr": {"title": "Produits", "intro": "<p>Chaque produit, avec sa communauté.</p>"},
    },
    "team": {
        "en": {
            "title": "Meet the team",
            "show_in_menus": True,
            "intro": "<p>The people who answer you, by name.</p>",
        },
        "fr": {
            "title": "L’équipe",
            "intro": "<p>Les personnes qui vous répondent, par leur nom.</p>",
        },
    },
    "roadmap": {
        "en": {
            "title": "Roadmap",
            "intro": (
                "<p>What we are building, from your ideas. Vote for what matters to you, "
                "and follow an idea to hear from the person who decides about it.</p>"
            ),
        },
        "fr": {
            "title": "Feuille de route",
            "intro": (
                "<p>Ce que nous construisons, à partir de vos idées. Votez pour ce qui compte "
                "pour vous, et suivez une idée pour être informé par la personne qui en décide."
                "</p>"
            ),
        },
    },
    "guidelines": {
        "en": {
            "title": "Community guidelines",
            "show_in_menus": True,
            "intro": "Be kind, be useful, be yourself.",
        },
        "fr": {
            "title": "Règles de la communauté",
            "intro": "Soyez bienveillant, utile et vous-même.",
        },
    },
}


def _locales():
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("en", "fr")}


def translate_page(page, locale, fields):
    """The page's translation in `locale`, created (and published) when missing."""
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=False, alias=False)
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save_revision().publish()
    return translation.specific


def child_page(parent, model, slug, fields):
    """The published child page of `parent` with this slug, created when missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def ensure_site_structure() -> SitePages:
    locales = _locales()
    root = Page.get_first_root_node()
    home_en = HomePage.objects.filter(locale=locales["en"]).first()
    if home_en is None:
        home_en = HomePage(slug="community", locale=locales["en"], **ENTRY_PAGES["home"]["en"])
        root.add_child(instance=home_en)
        home_en.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", port=80, is_default_site=True, site_name="Community"
    )
    if site.root_page_id != home_en.pk:
        site.root_page = home_en
        site.save()
    # Wagtail's own "Welcome" page, which the home page replaces.
    for page in root.get_children().filter(slug="home").exact_type(Page):
        page.delete()
    homes = {"en": home_en, "fr": translate_page(home_en, locales["fr"], ENTRY_PAGES["home"]["fr"])}

    def entry(key, model, slug):
        english = child_page(home_en, model, slug, ENTRY_PAGES[key]["en"])
        return {"en": english, "fr": translate_page(english, locales["fr"], ENTRY_PAGES[key]["fr"])}

    pages = SitePages(
        home=homes,
        catalogue=entry("catalogue", ProductIndexPage, "products"),
        team=entry("team", TeamPage, "team"),
        guidelines=entry("guidelines", GuidelinesPage, "guidelines"),
        roadmap=entry("roadmap", RoadmapPage, "roadmap"),
    )
    return pages
