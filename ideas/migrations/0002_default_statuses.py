"""The default statuses and decline reasons, which admins may then rename, recolour or extend.

The code relies on each status's kind and roadmap flag, never on its name or slug.
"""

from django.db import migrations

STATUSES = [
    # slug, English, French, colour, order, kind, on roadmap, description (en, fr)
    (
        "new",
        "New",
        "Nouvelle",
        "#5b6472",
        10,
        "open",
        False,
        "Just proposed: the community votes, and the team reads every idea.",
        "Tout juste proposée : la communauté vote, et l’équipe lit chaque idée.",
    ),
    (
        "under-review",
        "Under review",
        "À l’étude",
        "#8a5a00",
        20,
        "open",
        False,
        "The product team is weighing it up.",
        "L’équipe produit l’évalue.",
    ),
    (
        "planned",
        "Planned",
        "Prévue",
        "#3a56c5",
        30,
        "open",
        True,
        "We will build it; it is on our plan.",
        "Nous allons la réaliser : elle est dans notre plan.",
    ),
    (
        "in-progress",
        "In progress",
        "En cours",
        "#7a4fc7",
        40,
        "open",
        True,
        "Someone is building it now.",
        "Quelqu’un la réalise en ce moment.",
    ),
    (
        "shipped",
        "Shipped",
        "Livrée",
        "#1e7b45",
        50,
        "shipped",
        True,
        "Available now. Does it solve it for you? Tell us on the idea.",
        "Disponible. Est-ce que cela règle votre problème ? Dites-le sur l’idée.",
    ),
    (
        "declined",
        "Declined",
        "Refusée",
        "#a23b3b",
        60,
        "declined",
        False,
        "We will not build it, and we say why.",
        "Nous ne la réaliserons pas, et nous disons pourquoi.",
    ),
]

DECLINE_REASONS = [
    (
        "Does not fit where the product is going",
        "Ne correspond pas à l’orientation du produit",
        "It would pull the product in a direction we have chosen not to take.",
        "Elle éloignerait le produit de la direction que nous avons choisie.",
    ),
    (
        "Already possible another way",
        "Déjà possible autrement",
        "What it asks for can be done today; the note says how.",
        "Ce qu’elle demande est déjà possible ; la note explique comment.",
    ),
    (
        "Too few customers need it for now",
        "Trop peu de clients en ont besoin pour l’instant",
        "We may look at it again if more customers ask for it.",
        "Nous la réexaminerons si davantage de clients la demandent.",
    ),
    (
        "Not feasible with the current product",
        "Pas réalisable avec le produit actuel",
        "The hardware or the technology does not allow it today.",
        "Le matériel ou la technologie ne le permet pas aujourd’hui.",
    ),
    (
        "Would compromise safety or privacy",
        "Compromettrait la sécurité ou la vie privée",
        "We will not trade our customers' safety or privacy for it.",
        "Nous ne sacrifierons pas la sécurité ou la vie privée de nos clients.",
    ),
]


def create_defaults(apps, schema_editor):
    Status = apps.get_model("ideas", "Status")
    DeclineReason = apps.get_model("ideas", "DeclineReason")
    for slug, name_en, name_fr, colour, order, kind, on_roadmap, desc_en, desc_fr in STATUSES:
        Status.objects.get_or_create(
            slug=slug,
            defaults={
                "name_en": name_en,
                "name_fr": name_fr,
                "colour": colour,
                "order": order,
                "kind": kind,
                "on_roadmap": on_roadmap,
                "description_en": desc_en,
                "description_fr": desc_fr,
            },
        )
    if not DeclineReason.objects.exists():
        for order, (label_en, label_fr, explanation_en, explanation_fr) in enumerate(
            DECLINE_REASONS, start=1
        ):
            DeclineReason.objects.create(
                label_en=label_en,
                label_fr=label_fr,
                explanation_en=explanation_en,
                explanation_fr=explanation_fr,
                order=order * 10,
            )


class Migration(migrations.Migration):
    dependencies = [("ideas", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
