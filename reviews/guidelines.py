"""What the community guidelines say about how reviews are collected, in English and French.

Readers can trust invited reviews only if they know that nobody chose which buyers to ask nor
which reviews to show: every buyer is invited, and every review is published under the same
guidelines whatever its stars (the US Federal Trade Commission's rule on consumer reviews,
16 CFR Part 465, forbids suppressing reviews for their rating). The section is a part of the
guidelines page (`GuidelinesPage`), which the demo writes and site admins edit; every product
page links to it under its reviews (`review_rules_url`).
"""

from django.urls import reverse
from django.utils.text import slugify
from wagtail.rich_text import RichText

from community.i18n import current_language
from reviews.selectors import ORIGIN_COMPARISON_MINIMUM

# The section's heading, which is also its anchor on the page (the page gives each heading the
# id of its slug).
RULES_HEADING = {
    "en": "How reviews are collected",
    "fr": "Comment les avis sont recueillis",
}

_RULES_TEXT = {
    "en": (
        "<p>Anyone who owns a product can review it on their own initiative. When the shop sends"
        " us an order, we also invite the buyer to review what they bought: once, with at most"
        " one reminder. Invitations go to every buyer: nobody is chosen or left out for the"
        " opinion they are expected to have, and nothing is offered in exchange for a"
        " review.</p>",
        "<p>Every review, invited or not, is published under the same guidelines as any other,"
        " whatever its stars. A low rating is never delayed, held or hidden for being low: a"
        " review is held or hidden only when it breaks these guidelines, and its author is told"
        " why.</p>",
        "<p>Each review says how it came about, “invited by the shop” or “wrote unprompted”,"
        " with the month of purchase when its author is a verified owner. Once a product has at"
        f" least {ORIGIN_COMPARISON_MINIMUM} reviews of each kind, its page compares the invited"
        " and the unprompted reviews side by side.</p>",
    ),
    "fr": (
        "<p>Toute personne qui possède un produit peut en donner son avis de sa propre"
        " initiative. Quand la boutique nous transmet une commande, nous invitons aussi"
        " l’acheteur à évaluer ce qu’il a acheté\u00a0: une seule fois, avec au plus un rappel."
        " Les invitations partent vers tous les acheteurs\u00a0: personne n’est choisi ni écarté"
        " selon l’opinion qu’on lui prête, et rien n’est offert en échange d’un avis.</p>",
        "<p>Chaque avis, sollicité ou non, est publié selon les mêmes règles que tous les autres,"
        " quelle que soit sa note. Une note basse n’est jamais retardée, retenue ni masquée parce"
        " qu’elle est basse\u00a0: un avis n’est retenu ou masqué que s’il enfreint ces règles, et"
        " son auteur en connaît la raison.</p>",
        "<p>Chaque avis indique comment il est né, «\u00a0sur invitation de la boutique\u00a0» ou"
        " «\u00a0avis spontané\u00a0», avec le mois d’achat lorsque son auteur est un propriétaire"
        f" vérifié. Dès qu’un produit compte au moins {ORIGIN_COMPARISON_MINIMUM} avis de chaque"
        " sorte, sa page compare côte à côte les avis sollicités et les avis spontanés.</p>",
    ),
}

_RULES_CALLOUT = {
    "en": (
        "Why we say so",
        "<p>Choosing which customers to ask, or which reviews to show, would make the ratings"
        " say what the brand wants to hear. This follows the US Federal Trade Commission's rule"
        " on consumer reviews (16 CFR Part 465), which forbids suppressing reviews for their"
        " rating or their tone.</p>",
    ),
    "fr": (
        "Pourquoi nous le disons",
        "<p>Choisir quels clients solliciter, ou quels avis montrer, ferait dire aux notes ce que"
        " la marque veut entendre. Nous suivons ainsi la règle de la Federal Trade Commission"
        " américaine sur les avis de consommateurs (16 CFR Part 465), qui interdit d’écarter des"
        " avis en raison de leur note ou de leur ton.</p>",
    ),
}


def review_rules_section(language: str) -> list:
    """The section as blocks of the guidelines page's body, in `language` ("en" or "fr")."""
    title, callout = _RULES_CALLOUT[language]
    return [
        ("heading", RULES_HEADING[language]),
        *(("paragraph", RichText(html)) for html in _RULES_TEXT[language]),
        ("callout", {"title": title, "text": RichText(callout)}),
    ]


def has_review_rules(page, language: str) -> bool:
    """Whether the guidelines page in `language` has the section (by its heading)."""
    heading = RULES_HEADING[language]
    return any(block.block_type == "heading" and block.value == heading for block in page.body)


def add_review_rules(guidelines: dict) -> int:
    """Add the section at the end of the guidelines pages ({language: page}) that lack it, and
    publish them; returns how many pages changed. A page that has it already is left as it
    is, so that running this again (the demo does on each seeding) changes nothing."""
    changed = 0
    for language, page in guidelines.items():
        if has_review_rules(page, language):
            continue
        for block in review_rules_section(language):
            page.body.append(block)
        page.save_revision().publish()
        changed += 1
    return changed


def review_rules_url() -> str:
    """The section's address in the reader's language: the guidelines page, where the menu
    links it, and the section's heading."""
    heading = RULES_HEADING.get(current_language(), RULES_HEADING["en"])
    return f"{reverse('wagtail_serve', args=['guidelines/'])}#{slugify(heading)}"
