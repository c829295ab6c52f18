"""Demo ideas: a backlog with a story, in English and French.

Ideas across every status, votes of each importance (one recorded by staff after a phone
call), signed decisions (a decline with its reason, a workaround and a vote threshold), shipped
ideas in the changelog with voters' answers to "does this solve it?", a merged duplicate,
comments, an internal note and tags. Dates are spread over the last months so that the
roadmap, the changelog and the vote charts look lived in.

Idempotent: an idea whose title and author exist is left as it is. Decisions, merges and
comments are written without notifications (seeding sends no e-mail); the demo member gets
one in-site notification of a decision, to show what voters receive.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation

from community import names
from community.demo import DemoContext, DemoStep
from community.i18n import in_each_language
from community.models import Notification, ProductPage
from community.services import authorship_for
from community.writing import body_set
from ideas import demo_scale, services
from ideas.models import (
    Comment,
    DeclineReason,
    Idea,
    IdeaVote,
    Importance,
    Merge,
    Status,
    StatusChange,
    Tag,
)
from ideas.services.notifying import decision_audience
from ideas.services.votes import cast_vote, locked

NICE, IMPORTANT, ESSENTIAL = Importance.NICE, Importance.IMPORTANT, Importance.ESSENTIAL
PRODUCT_MANAGER = "thomas.bernard@example.com"
SUPPORT_LEAD = "amelie.durand@example.com"
SUPPORT = "emily.clarke@example.com"
DEMO = "demo@example.com"

TAGS = {
    "companion-app": ("Companion app", "Application mobile"),
    "energy": ("Energy saving", "Économies d’énergie"),
    "accessibility": ("Accessibility", "Accessibilité"),
    "automation": ("Automation", "Automatisation"),
}


@dataclass
class Decision:
    status: str
    note: str
    days_ago: int
    by: str = PRODUCT_MANAGER
    reason: int | None = None
    workaround: str = ""
    revisit_at_votes: int | None = None


@dataclass
class DemoIdea:
    key: str
    title: str
    body: str
    author: str
    language: str
    days_ago: int
    product: str | None = None
    tags: tuple = ()
    votes: dict = field(default_factory=dict)
    recorded: dict = field(default_factory=dict)
    decisions: tuple = ()
    comments: tuple = ()
    estimate: tuple | None = None
    feedback: dict = field(default_factory=dict)
    merge_into: str | None = None
    merge_note: str = ""


IDEAS = [
    DemoIdea(
        key="schedule",
        title="Start the espresso machine on a schedule",
        body=(
            "I would like the Aurora to warm up by itself at 6:45 on weekdays, so that it is "
            "ready when I come down.\n\nToday I get up, switch it on and wait ten minutes."
        ),
        author="oliver.smith@example.com",
        language="en",
        days_ago=120,
        product="aurora-espresso",
        tags=("automation", "companion-app"),
        votes={
            "grace.taylor@example.com": ESSENTIAL,
            "jack.wilson@example.com": IMPORTANT,
            "amelia.brown@example.com": NICE,
            "lea.dubois@example.com": ESSENTIAL,
            DEMO: IMPORTANT,
        },
        recorded={"manon.girard@example.com": (ESSENTIAL, SUPPORT)},
        decisions=(
            Decision(
                "under-review",
                "Many of you asked for this. We are checking what the heater can do safely "
                "without anyone in the kitchen.",
                90,
            ),
            Decision(
                "planned",
                "It is planned for the spring firmware update: you will set a start time on the "
                "machine and in the app. Thank you to everyone who voted, and to Hugo for the "
                "duplicate that showed how many of you wake up early.",
                30,
            ),
        ),
        comments=(
            ("grace.taylor@example.com", "Yes! Weekdays only would be perfect for me.", False),
            (
                PRODUCT_MANAGER,
                "Firmware team estimate: three sprints, safety review included.",
                True,
            ),
        ),
        estimate=(5, 3),
    ),
    DemoIdea(
        key="schedule-fr",
        title="Programmer l’heure de mise en route",
        body="Pouvoir régler une heure de démarrage, comme sur une cafetière à filtre.",
        author="hugo.lefevre@example.com",
        language="fr",
        days_ago=100,
        product="aurora-espresso",
        votes={"ines.chevalier@example.com": ESSENTIAL, "lea.dubois@example.com": IMPORTANT},
        comments=(("ines.chevalier@example.com", "Oui, et le week-end un peu plus tard !", False),),
        merge_into="schedule",
        merge_note="Même besoin : les votes sont réunis sur l’idée en anglais.",
    ),
    DemoIdea(
        key="keep-warm",
        title="Keep-warm timer on the Brume kettle",
        body="Keep the water at 80 °C for twenty minutes after it boils, for a second cup of tea.",
        author="grace.taylor@example.com",
        language="en",
        days_ago=80,
        product="brume-kettle",
        tags=("energy",),
        votes={"oliver.smith@example.com": NICE, "amelia.brown@example.com": IMPORTANT},
        decisions=(
            Decision(
                "in-progress",
                "Our engineers are testing it now, with an automatic stop to save energy.",
                12,
            ),
        ),
        estimate=(3, 2),
    ),
    DemoIdea(
        key="quiet-kettle",
        title="Mode silencieux pour la bouilloire",
        body="Le bip de fin d’ébullition réveille toute la maison. Une option pour le couper ?",
        author="lea.dubois@example.com",
        language="fr",
        days_ago=40,
        product="brume-kettle",
        votes={"hugo.lefevre@example.com": IMPORTANT, "manon.girard@example.com": NICE},
        decisions=(
            Decision(
                "under-review",
                "Nous regardons si le bip peut devenir réglable sans changer le matériel.",
                10,
                by=SUPPORT_LEAD,
            ),
        ),
    ),
    DemoIdea(
        key="multipoint",
        title="Multipoint Bluetooth on the Nimbus headphones",
        body=(
            "Stay connected to my laptop and my phone at the same time, and switch when a "
            "call comes."
        ),
        author="jack.wilson@example.com",
        language="en",
        days_ago=150,
        product="nimbus-headphones",
        tags=("companion-app",),
        votes={
            "oliver.smith@example.com": ESSENTIAL,
            "grace.taylor@example.com": IMPORTANT,
            "amelia.brown@example.com": ESSENTIAL,
            "hugo.lefevre@example.com": NICE,
            DEMO: ESSENTIAL,
        },
        recorded={"ines.chevalier@example.com": (IMPORTANT, SUPPORT)},
        decisions=(
            Decision("planned", "Planned for firmware 2.4.", 100),
            Decision(
                "shipped",
                "Firmware 2.4 is out: pair two devices in the app under *Connections*. "
                "Does it work the way you hoped? Tell us below.",
                20,
            ),
        ),
        feedback={
            "oliver.smith@example.com": (True, ""),
            "grace.taylor@example.com": (True, ""),
            "amelia.brown@example.com": (False, "It drops the laptop when the phone rings."),
        },
        estimate=(4, 4),
    ),
    DemoIdea(
        key="auto-brightness",
        title="Auto-brightness on the Lumen bike lamp",
        body="Dim the lamp in town and brighten it on dark roads, by itself.",
        author="amelia.brown@example.com",
        language="en",
        days_ago=200,
        product="lumen-bike-lamp",
        tags=("energy", "automation"),
        votes={"jack.wilson@example.com": IMPORTANT, "manon.girard@example.com": ESSENTIAL},
        decisions=(
            Decision(
                "shipped",
                "The light sensor now adjusts the beam: hold the button for two seconds to "
                "turn it on.",
                60,
            ),
        ),
        feedback={"manon.girard@example.com": (True, "")},
    ),
    DemoIdea(
        key="solar",
        title="Panneau solaire pour recharger la lampe Lumen",
        body="Un petit panneau sur le guidon pour ne plus jamais tomber en panne.",
        author="manon.girard@example.com",
        language="fr",
        days_ago=70,
        product="lumen-bike-lamp",
        tags=("energy",),
        votes={"hugo.lefevre@example.com": NICE},
        decisions=(
            Decision(
                "declined",
                "Nous avons testé des panneaux : sur un guidon, ils ne chargent pas assez pour "
                "une lampe de 800 lumens. Nous préférons vous le dire plutôt que de promettre.",
                25,
                reason=4,
                workaround="Le port USB-C se recharge avec n’importe quelle batterie externe, "
                "y compris les modèles solaires de randonnée.",
                revisit_at_votes=100,
            ),
        ),
    ),
    DemoIdea(
        key="laptop-sleeve",
        title="Une pochette pour ordinateur dans le sac Sentier",
        body="Une poche rembourrée pour un portable de 14 pouces, contre le dos.",
        author="ines.chevalier@example.com",
        language="fr",
        days_ago=6,
        product="sentier-backpack",
        votes={"lea.dubois@example.com": IMPORTANT},
    ),
    DemoIdea(
        key="geofencing",
        title="Turn the heating down when everyone has left",
        body="Use my phone's location to lower the Calo thermostat when the last person leaves.",
        author="oliver.smith@example.com",
        language="en",
        days_ago=55,
        product="calo-thermostat",
        tags=("energy", "companion-app", "automation"),
        votes={
            "jack.wilson@example.com": ESSENTIAL,
            "grace.taylor@example.com": IMPORTANT,
            "manon.girard@example.com": IMPORTANT,
        },
        decisions=(
            Decision(
                "planned",
                "Planned: it will be an option in the app, off by default, and your location "
                "never leaves your phone.",
                15,
            ),
        ),
        estimate=(4, 3),
    ),
    DemoIdea(
        key="dark-mode",
        title="Dark mode in the companion app",
        body="The app is very bright at night. A dark theme would be easier on the eyes.",
        author=DEMO,
        language="en",
        days_ago=3,
        tags=("companion-app", "accessibility"),
        votes={"amelia.brown@example.com": NICE},
    ),
]


@transaction.atomic
def seed_ideas(context: DemoContext) -> None:
    """Add the demo ideas that are not there yet; `context.result` counts what was created."""
    result = context.result
    members = context.members()
    if PRODUCT_MANAGER not in members or not Status.objects.exists():
        return
    tags = _seed_tags(result)
    products = {
        page.slug: page
        for page in ProductPage.objects.filter(locale__language_code="en").specific()
    }
    reasons = list(DeclineReason.objects.order_by("order", "pk"))
    created = {}
    for spec in IDEAS:
        author = members.get(spec.author)
        if author is None:
            continue
        existing = Idea.objects.filter(title=spec.title, author=author).first()
        if existing is not None:
            created[spec.key] = (existing, False)
            continue
        idea = _propose(spec, author, members, products, tags)
        created[spec.key] = (idea, True)
        result.count("ideas")
    for spec in IDEAS:
        idea, is_new = created.get(spec.key, (None, False))
        if not is_new:
            continue
        _decide(spec, idea, members, reasons)
        _comment(spec, idea, members)
        for email, (solves, why) in spec.feedback.items():
            services.ship_feedback_save(members[email], idea, solves=solves, why=why)
        if spec.estimate:
            services.idea_estimate(
                members[PRODUCT_MANAGER], idea, impact=spec.estimate[0], effort=spec.estimate[1]
            )
        if spec.merge_into and spec.merge_into in created:
            merge = services.idea_merge(
                members[PRODUCT_MANAGER],
                idea,
                created[spec.merge_into][0],
                note=spec.merge_note,
                notify_people=False,
            )
            Merge.objects.filter(pk=merge.pk).update(created_at=_ago(spec.days_ago / 3))
    schedule, is_new = created.get("schedule", (None, False))
    if is_new and DEMO in members:
        _tell_demo_member(schedule, members[DEMO])


def _seed_tags(result):
    tags = {}
    for slug, (name_en, name_fr) in TAGS.items():
        tag, was_created = Tag.objects.get_or_create(
            slug=slug, defaults={"name_en": name_en, "name_fr": name_fr}
        )
        tags[slug] = tag
        if was_created:
            result.count("idea tags")
    return tags


def _ago(days, hours=0):
    return timezone.now() - timedelta(days=days, hours=hours)


def _propose(spec, author, members, products, tags):
    with translation.override(spec.language):
        idea = services.idea_propose(
            author,
            title=spec.title,
            body=spec.body,
            product=products.get(spec.product),
            tags=[tags[slug] for slug in spec.tags],
            importance=ESSENTIAL,
        )
    proposed = _ago(spec.days_ago)
    Idea.objects.filter(pk=idea.pk).update(created_at=proposed, last_activity_at=proposed)
    IdeaVote.objects.filter(idea=idea).update(created_at=proposed, updated_at=proposed)
    voters = [(members[email], importance, None) for email, importance in spec.votes.items()]
    voters += [
        (members[email], importance, members[by])
        for email, (importance, by) in spec.recorded.items()
    ]
    for number, (voter, importance, recorded_by) in enumerate(voters, start=1):
        with transaction.atomic():
            cast_vote(locked(idea), voter, importance=importance, recorded_by=recorded_by)
        when = _ago(spec.days_ago * (len(voters) - number) / (len(voters) + 1), hours=number)
        IdeaVote.objects.filter(idea=idea, member=voter).update(created_at=when, updated_at=when)
    idea.refresh_from_db()
    return idea


def _decide(spec, idea, members, reasons):
    for decision in spec.decisions:
        with translation.override(spec.language):
            change = services.idea_status_change(
                members[decision.by],
                idea,
                to_status=Status.objects.get(slug=decision.status),
                note=decision.note,
                decline_reason=reasons[decision.reason - 1] if decision.reason else None,
                workaround=decision.workaround,
                revisit_at_votes=decision.revisit_at_votes,
                notify_people=False,
            )
        when = _ago(decision.days_ago)
        StatusChange.objects.filter(pk=change.pk).update(created_at=when)
        Idea.objects.filter(pk=idea.pk).update(status_changed_at=when, last_activity_at=when)


def _comment(spec, idea, members):
    """Comments written as their authors would, without telling anyone (no e-mail at seed)."""
    for number, (email, text, internal) in enumerate(spec.comments, start=1):
        writer = members[email]
        staff_card = getattr(writer, "staff_card", None)
        with translation.override(spec.language):
            comment = Comment(
                idea=idea,
                is_internal=internal,
                **authorship_for(writer, as_staff=staff_card is not None),
            )
        body_set(comment, text)
        comment.save()
        Comment.objects.filter(pk=comment.pk).update(created_at=_ago(spec.days_ago / 2, number))
        if not internal:
            Idea.objects.filter(pk=idea.pk).update(comment_count=F("comment_count") + 1)


def _tell_demo_member(idea, demo_member):
    """The in-site notification a voter gets for a decision, for the demo member to see."""
    change = idea.status_changes.select_related("author_card", "to_status").last()
    if change is None or not decision_audience(idea).filter(pk=demo_member.pk).exists():
        return
    with translation.override(demo_member.preferred_language):
        Notification.objects.create(
            recipient=demo_member,
            kind="idea_status_changed",
            params={
                "staff_name": change.author_card.real_name,
                "role": names.role_in_each_language(change.author_card),
                "title": idea.title,
                "status": in_each_language(lambda: change.to_status.name),
                "note": " ".join(change.note.split()),
            },
            url=f"{idea.get_absolute_url()}#decision-{change.pk}",
            actor=change.author,
        )


DEMO_STEPS = (
    DemoStep(
        "ideas",
        seed=seed_ideas,
        order=60,
        scale=demo_scale.scale_ideas,
        checks=demo_scale.counter_checks,
    ),
)
