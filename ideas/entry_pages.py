"""The ideas' entry page, which `community.site_setup.ensure_site_structure()` makes under the
home page with the ground floor's: the public roadmap at /roadmap/ (and /fr/roadmap/)."""

from community.site_setup import EntryPage

ROADMAP = EntryPage(
    "roadmap",
    "ideas.RoadmapPage",
    "roadmap",
    {
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
    # After the catalogue, the team and the guidelines, where it has always been.
    order=40,
)
