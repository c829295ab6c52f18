"""The page tree every community site needs, in English and French.

`ensure_site_structure()` makes the home page the site's root (replacing Wagtail's welcome
page), and gives it the ground floor's entry pages, the catalogue (/products/), "Meet the
team" (/team/) and the guidelines (/guidelines/), then the entry pages the apps contribute
(the ideas' roadmap at /roadmap/), each with its French translation under /fr/. It is
idempotent: the demo content, the tests and a new production site all start from it.

An app contributes an entry page from its `AppConfig.ready()`:

    site_setup.register_entry_page(
        EntryPage("roadmap", "ideas.RoadmapPage", "roadmap", {"en": {...}, "fr": {...}}, order=40)
    )
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from wagtail.models import Locale, Page, Site

from community.models import HomePage


@dataclass(frozen=True)
class EntryPage:
    """A page under the home page that the site needs: its model (an app label and model
    name), its slug, its title and other fields in each language (`fields["en"]`,
    `fields["fr"]`), and its place among the others (`order`, which is also the menus')."""

    key: str
    model_label: str
    slug: str
    fields: dict
    order: int = 100


@dataclass
class SitePages:
    """The entry pages, each as {language: page}: the ground floor's as attributes, and those
    the apps contribute (`pages.roadmap`) by their key too."""

    home: dict
    catalogue: dict
    team: dict
    guidelines: dict
    contributed: dict = field(default_factory=dict)

    def __getattr__(self, name):
        contributed = self.__dict__.get("contributed", {})
        if name in contributed:
            return contributed[name]
        raise AttributeError(f"{type(self).__name__} has no entry page {name!r}")


# Title and fields of the home page, per language.
HOME_PAGE = {
    "en": {
        "title": "Community",
        "heading": "Ask, review, propose: people answer, under their own names",
        "intro": "<p>Customers help each other here, and our staff reply as themselves.</p>",
    },
    "fr": {
        "title": "Communauté",
        "heading": "Demandez, évaluez, proposez\u00a0: des personnes vous répondent, sous leur nom",
        "intro": "<p>Ici, les clients s’entraident et notre équipe répond en son nom.</p>",
    },
}

# The ground floor's entry pages; the apps' come after them, by `order`.
GROUND_FLOOR_PAGES = (
    EntryPage(
        "catalogue",
        "community.ProductIndexPage",
        "products",
        {
            "en": {"title": "Products", "intro": "<p>Every product, with its community.</p>"},
            "fr": {"title": "Produits", "intro": "<p>Chaque produit, avec sa communauté.</p>"},
        },
        order=10,
    ),
    EntryPage(
        "team",
        "community.TeamPage",
        "team",
        {
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
        order=20,
    ),
    EntryPage(
        "guidelines",
        "community.GuidelinesPage",
        "guidelines",
        {
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
        order=30,
    ),
)

_contributed: dict[str, EntryPage] = {}


def register_entry_page(page: EntryPage) -> None:
    """Add an app's entry page to the site's structure (from the app's `ready()`)."""
    if any(own.key == page.key for own in GROUND_FLOOR_PAGES):
        raise ValueError(f"The entry page {page.key!r} is the ground floor's")
    _contributed[page.key] = page


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
        home_en = HomePage(slug="community", locale=locales["en"], **HOME_PAGE["en"])
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
    homes = {"en": home_en, "fr": translate_page(home_en, locales["fr"], HOME_PAGE["fr"])}
    entries = sorted(
        [*GROUND_FLOOR_PAGES, *_contributed.values()], key=lambda entry: (entry.order, entry.key)
    )
    made = {}
    for entry in entries:
        english = child_page(
            home_en, apps.get_model(entry.model_label), entry.slug, entry.fields["en"]
        )
        made[entry.key] = {
            "en": english,
            "fr": translate_page(english, locales["fr"], entry.fields["fr"]),
        }
    own = {entry.key: made.pop(entry.key) for entry in GROUND_FLOOR_PAGES}
    return SitePages(home=homes, contributed=made, **own)
