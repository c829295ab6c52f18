"""Demo questions and answers, in English and French: topics, questions on products and in
topics, answers, replies and votes, one question solved by a staff answer, one looked after and
handed off with a note, one whose asker asked for a member of staff, one still waiting, and one
duplicate.

Everything is written through the questions services, as members and staff would, with
notifications muted; the dates are then spread over the past days so that waiting times and
"first answer after" read like a real community's. A question already there (same title and
asker) is left as it is, so seeding again adds nothing.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Max, Min
from django.utils import timezone, translation

from community.demo import DemoContext, DemoStep
from community.models import ProductPage, WrittenAs
from community.questions import demo_scale, services
from community.questions.demo_clocks import replay_clocks
from community.questions.demo_moderation import seed_moderation
from community.questions.models import Answer, Question, QuestionEvent, Topic

TOPICS = [
    {
        "slug": "orders-delivery",
        "name_en": "Orders and delivery",
        "name_fr": "Commandes et livraison",
        "description_en": "Tracking a parcel, a late or damaged delivery, returns and refunds.",
        "description_fr": (
            "Suivre un colis, une livraison en retard ou abîmée, les retours et remboursements."
        ),
        "sort_order": 1,
    },
    {
        "slug": "my-account",
        "name_en": "My account",
        "name_fr": "Mon compte",
        "description_en": "Signing in, your e-mail address, notifications and your data.",
        "description_fr": "Connexion, adresse e-mail, notifications et vos données.",
        "sort_order": 2,
    },
    {
        "slug": "warranty-repairs",
        "name_en": "Warranty and repairs",
        "name_fr": "Garantie et réparations",
        "description_en": "What the warranty covers, spare parts and getting a repair.",
        "description_fr": "Ce que couvre la garantie, les pièces détachées et les réparations.",
        "sort_order": 3,
    },
]


@dataclass(frozen=True)
class Step:
    """One thing that happens in a thread, `hours` after the question was asked.

    kind: answer, reply (to the answer numbered `to`, counting answers from 0), vote (on answer
    `to`), same (I have this question too), take, hand_off (to `whom`), ask_staff, solution
    (answer `to`), close, duplicate (of the question with the title `whom`).
    """

    kind: str
    by: str
    hours: float = 1
    body: str = ""
    to: int = 0
    whom: str = ""


@dataclass(frozen=True)
class DemoQuestion:
    title: str
    body: str
    author: str
    language: str
    days_ago: float
    product: str = ""
    topic: str = ""
    steps: list = field(default_factory=list)


AMELIE = "amelie.durand@example.com"
CAMILLE = "camille.martin@example.com"
EMILY = "emily.clarke@example.com"
JULIEN = "julien.moreau@example.com"

QUESTIONS = [
    DemoQuestion(
        title="How often should I descale the Aurora espresso machine?",
        body=(
            "The display shows a descaling reminder after about a month. Our water is quite "
            "hard (Bristol). Is once a month really needed, and which descaler is safe for "
            "the boiler?"
        ),
        author="jack.wilson@example.com",
        language="en",
        days_ago=12,
        product="aurora-espresso",
        steps=[
            Step(
                "answer",
                "oliver.smith@example.com",
                3,
                "With hard water I do it every **three to four weeks**, when the reminder "
                "comes on. Any citric-acid descaler works; avoid vinegar, it smells for days.",
            ),
            Step(
                "answer",
                CAMILLE,
                5,
                "Hello Jack! With hard water, follow the reminder: it counts the litres that "
                "went through, not the days. Use a citric-acid descaler, then run two full "
                "tanks of clean water.\n\n"
                "1. Empty the drip tray\n2. Hold **Steam** and **Cup** for 3 seconds\n"
                "3. Follow the display\n\nA water filter in the tank halves how often you need "
                "to do it.",
            ),
            Step("vote", "grace.taylor@example.com", 6, to=1),
            Step("vote", "amelia.brown@example.com", 7, to=1),
            Step("vote", "jack.wilson@example.com", 8, to=0),
            Step("reply", "jack.wilson@example.com", 9, "Thank you, Camille, that worked.", to=1),
            Step("solution", "jack.wilson@example.com", 9.5, to=1),
            Step("same", "demo@example.com", 30),
        ],
    ),
    DemoQuestion(
        title="Tous les combien faut-il détartrer la machine Aurora ?",
        body="L’écran me demande de détartrer, mais je l’ai fait il y a cinq semaines. Normal ?",
        author="lucas.fontaine@example.com",
        language="fr",
        days_ago=4,
        product="aurora-espresso",
        steps=[
            Step(
                "duplicate",
                CAMILLE,
                2,
                whom="How often should I descale the Aurora espresso machine?",
            ),
        ],
    ),
    DemoQuestion(
        title="Nimbus headphones disconnect from my laptop every few minutes",
        body=(
            "On my phone they are perfect, but with my laptop (Bluetooth 5.0) the sound stops "
            "every five minutes or so and comes back after a few seconds. Firmware is the "
            "latest in the app."
        ),
        author="grace.taylor@example.com",
        language="en",
        days_ago=6,
        product="nimbus-headphones",
        steps=[
            Step("same", "noah.evans@example.com", 4),
            Step("same", "ines.chevalier@example.com", 10),
            Step("take", EMILY, 20),
            Step(
                "answer",
                EMILY,
                21,
                "Thank you Grace, I am on it. Could you tell me your laptop's model and "
                "whether *multipoint* is on in the app (Settings → Connections)?",
            ),
            Step(
                "reply",
                "grace.taylor@example.com",
                26,
                "A 2021 ThinkPad, and yes, multipoint is on.",
                to=0,
            ),
            Step(
                "hand_off",
                EMILY,
                30,
                "Multipoint with some Intel Bluetooth chips is a known firmware issue. Amélie "
                "coordinates the fix with the product team and will keep you posted.",
                whom=AMELIE,
            ),
            Step(
                "answer",
                "noah.evans@example.com",
                40,
                "Same here. Turning multipoint **off** stopped the drops for me, as a workaround.",
            ),
            Step("vote", "grace.taylor@example.com", 41, to=1),
        ],
    ),
    DemoQuestion(
        title="Can the Calo thermostat control underfloor heating?",
        body=(
            "We have a water-based underfloor heating system with its own pump. Does Calo "
            "switch it directly, or do I need a relay? I would rather ask someone who knows "
            "before I open the wall box."
        ),
        author="amelia.brown@example.com",
        language="en",
        days_ago=3,
        product="calo-thermostat",
        steps=[
            Step(
                "answer",
                "oliver.smith@example.com",
                5,
                "I think it needs the relay module, but I am not sure for water systems.",
            ),
            Step("ask_staff", "amelia.brown@example.com", 8),
        ],
    ),
    DemoQuestion(
        title="My order shows as delivered but the parcel never arrived",
        body=(
            "The tracking page says delivered yesterday at 14:02, but nothing was left at the "
            "door or with the neighbours. What should I do?"
        ),
        author="noah.evans@example.com",
        language="en",
        days_ago=2,
        topic="orders-delivery",
    ),
    DemoQuestion(
        title="La bouilloire Brume garde-t-elle l’eau chaude plus de trente minutes ?",
        body=(
            "Je prépare du thé pour toute la famille le matin. Peut-on prolonger le maintien "
            "au chaud au-delà de trente minutes ?"
        ),
        author="lea.dubois@example.com",
        language="fr",
        days_ago=8,
        product="brume-kettle",
        steps=[
            Step(
                "answer",
                "manon.girard@example.com",
                2,
                "Non, trente minutes maximum, pour la sécurité. Mais un appui sur le bouton "
                "relance trente minutes de plus.",
            ),
            Step("vote", "lea.dubois@example.com", 3, to=0),
            Step(
                "reply",
                "lea.dubois@example.com",
                4,
                "Merci Manon, je n’avais pas vu qu’on pouvait relancer !",
                to=0,
            ),
        ],
    ),
    DemoQuestion(
        title="Comment changer l’adresse e-mail de mon compte ?",
        body="J’ai changé de fournisseur d’accès et mon ancienne adresse va disparaître.",
        author="zoe.mercier@example.com",
        language="fr",
        days_ago=10,
        topic="my-account",
        steps=[
            Step(
                "answer",
                JULIEN,
                1.5,
                "Bonjour Zoé ! Dans le menu de votre compte, choisissez **Adresses e-mail**, "
                "ajoutez la nouvelle, confirmez-la avec le lien reçu, puis rendez-la "
                "principale. Vous pourrez ensuite retirer l’ancienne.",
            ),
            Step("solution", "zoe.mercier@example.com", 3, to=0),
        ],
    ),
    DemoQuestion(
        title="Does the Sentier backpack fit a 16-inch laptop?",
        body=(
            "The product page says 15 inches. Has anyone tried a 16-inch MacBook Pro in the "
            "laptop sleeve?"
        ),
        author="demo@example.com",
        language="en",
        days_ago=5,
        product="sentier-backpack",
        steps=[
            Step(
                "answer",
                "chloe.roux@example.com",
                6,
                "Oui : mon MacBook Pro 16 pouces rentre, un peu juste avec une coque.",
            ),
            Step(
                "answer",
                "jack.wilson@example.com",
                9,
                "Mine fits too, but not in its sleeve case. The zip closes without forcing.",
            ),
            Step("vote", "demo@example.com", 10, to=0),
            Step("vote", "oliver.smith@example.com", 12, to=1),
            Step("vote", "grace.taylor@example.com", 13, to=1),
        ],
    ),
    DemoQuestion(
        title="Lampe Lumen : elle clignote quand la batterie est faible ?",
        body="Hier soir ma lampe avant s’est mise à clignoter en plein trajet. Panne ou alerte ?",
        author="hugo.lefevre@example.com",
        language="fr",
        days_ago=1.5,
        product="lumen-bike-lamp",
        steps=[
            Step(
                "answer",
                "ines.chevalier@example.com",
                1,
                "C’est l’alerte : elle clignote quand il reste environ 10 % de batterie.",
            ),
        ],
    ),
]


def seed(context: DemoContext) -> None:
    """The demo questions, then their promises' clocks, replayed from their dated history."""
    since = timezone.now()
    seed_questions(context)
    replay_clocks(since, context.result)


def seed_questions(context: DemoContext) -> None:
    """Create the demo topics and questions that are missing; `context.result` counts what was
    made."""
    result = context.result
    topics = {spec["slug"]: _topic(spec, result) for spec in TOPICS}
    members = context.members()
    products = {
        page.slug: page
        for page in ProductPage.objects.filter(locale__language_code="en").only("slug", "title")
    }
    created = []
    with services.notifications_muted():
        for spec in QUESTIONS:
            question = _question(spec, members, products, topics)
            if question is not None:
                created.append((spec, question))
        for spec, question in created:
            _play(spec, question, members)
    if created:
        result.count("questions", len(created))


def _topic(spec, result):
    topic, made = Topic.objects.get_or_create(slug=spec["slug"], defaults=spec)
    if made:
        result.count("topics")
    return topic


def _question(spec, members, products, topics):
    author = members.get(spec.author)
    if author is None or Question.objects.filter(title=spec.title, author=author).exists():
        return None
    place = {}
    if spec.product:
        if spec.product not in products:
            return None
        place["product"] = products[spec.product]
    else:
        place["topic"] = topics[spec.topic]
    with translation.override(spec.language):
        question = services.question_ask(author, title=spec.title, body=spec.body, **place)
    asked_at = timezone.now() - timedelta(days=spec.days_ago)
    Question.objects.filter(pk=question.pk).update(created_at=asked_at, last_activity_at=asked_at)
    return question


def _play(spec, question, members):
    """Each step of the thread through the services, then dated `hours` after the question."""
    question.refresh_from_db()
    asked_at = question.created_at
    answers = []
    for step in spec.steps:
        actor = members[step.by]
        when = asked_at + timedelta(hours=step.hours)
        question.refresh_from_db()
        events_before = QuestionEvent.objects.aggregate(last=Max("pk"))["last"] or 0
        with translation.override(spec.language):
            made = _step(step, question, actor, answers, members)
        if isinstance(made, Answer):
            Answer.objects.filter(pk=made.pk).update(created_at=when)
            if not made.parent_id:
                answers.append(made)
        QuestionEvent.objects.filter(pk__gt=events_before).update(created_at=when)
    _settle_dates(question)


def _step(step, question, actor, answers, members):
    if step.kind == "answer":
        return services.answer_create(actor, question, body=step.body)
    if step.kind == "reply":
        return services.reply_create(actor, answers[step.to], body=step.body)
    if step.kind == "vote":
        return services.answer_vote_set(actor, answers[step.to], on=True)
    if step.kind == "same":
        return services.question_vote_set(actor, question, on=True)
    if step.kind == "take":
        return services.ownership_take(actor, question)
    if step.kind == "hand_off":
        return services.question_hand_off(
            actor, question, to_member=members[step.whom], note=step.body
        )
    if step.kind == "ask_staff":
        return services.staff_request(actor, question)
    if step.kind == "solution":
        answer = Answer.objects.select_related("question").get(pk=answers[step.to].pk)
        return services.solution_set(actor, answer)
    if step.kind == "close":
        return services.question_close(actor, question, note=step.body)
    if step.kind == "duplicate":
        original = Question.objects.filter(title=step.whom).order_by("pk").first()
        return services.question_mark_duplicate(actor, question, original=original)
    raise ValueError(f"unknown demo step {step.kind!r}")


def _settle_dates(question):
    """The question's dates, from its answers and timeline once they are dated in the past."""
    question.refresh_from_db()
    answers = Answer.objects.filter(question=question).exclude(author=question.author)
    first_answer = answers.filter(parent__isnull=True).aggregate(at=Min("created_at"))["at"]
    first_staff = answers.filter(written_as=WrittenAs.STAFF).aggregate(at=Min("created_at"))["at"]
    moments = [question.created_at]
    moments += Answer.objects.filter(question=question).values_list("created_at", flat=True)
    events = list(QuestionEvent.objects.filter(question=question))
    moments += [event.created_at for event in events]

    def last(*kinds):
        dated = [event.created_at for event in events if event.kind in kinds]
        return max(dated) if dated else None

    fields = {
        "first_answer_at": first_answer,
        "first_staff_answer_at": first_staff,
        "last_activity_at": max(moments),
    }
    if question.solved_at:
        fields["solved_at"] = last(QuestionEvent.Kind.SOLVED)
    if question.closed_at:
        fields["closed_at"] = last(
            QuestionEvent.Kind.SOLVED, QuestionEvent.Kind.CLOSED, QuestionEvent.Kind.DUPLICATE
        )
    if question.owned_since:
        fields["owned_since"] = last(QuestionEvent.Kind.TAKEN, QuestionEvent.Kind.HANDED_OFF)
    if question.asked_for_staff_at:
        fields["asked_for_staff_at"] = last(QuestionEvent.Kind.STAFF_REQUESTED)
    Question.objects.filter(pk=question.pk).update(**fields)


DEMO_STEPS = (
    # After the promises' settings (45), so that each question asked starts its clock.
    DemoStep(
        "questions",
        seed=seed,
        order=50,
        scale=demo_scale.scale_questions,
        checks=demo_scale.counter_checks,
    ),
    # After the ideas (60), as the demo has always been seeded.
    DemoStep("questions.moderation", seed=seed_moderation, order=70),
)
