"""What the demo site holds, in English and French: categories, products, teams, people, pages."""

from dataclasses import dataclass

from wagtail.rich_text import RichText

from community.demo.drawing import (
    PortraitLook,
    ProductLook,
    draw_backpack,
    draw_bike_lamp,
    draw_coffee_machine,
    draw_headphones,
    draw_kettle,
    draw_thermostat,
)
from community.models import (
    Team,
)
from community.roles import Role

ADMIN_EMAIL = "admin@example.com"
ADMIN_PASSWORD = "admin-password"
DEMO_EMAIL = "demo@example.com"
# Every demo account other than the site admin's signs in with this password.
DEMO_PASSWORD = "demo-password"


# --- What the demo site holds ----------------------------------------------------------------

CATEGORIES = [
    {
        "slug": "kitchen",
        "en": ("Kitchen", "Machines and kettles for the first cup of the day."),
        "fr": ("cuisine", "Cuisine", "Machines et bouilloires pour la première tasse du jour."),
    },
    {
        "slug": "audio",
        "en": ("Audio", "Headphones for commutes, calls and long listening sessions."),
        "fr": (
            "audio",
            "Audio",
            "Des casques pour les trajets, les appels et l’écoute au long cours.",
        ),
    },
    {
        "slug": "on-the-move",
        "en": ("On the move", "Gear for cycling to work and walking further."),
        "fr": ("en-route", "En route", "De quoi aller au travail à vélo et marcher plus loin."),
    },
    {
        "slug": "smart-home",
        "en": ("Smart home", "Quiet devices that save energy without asking for attention."),
        "fr": (
            "maison-connectee",
            "Maison connectée",
            "Des appareils discrets qui économisent l’énergie sans réclamer d’attention.",
        ),
    },
]


@dataclass(frozen=True)
class DemoProduct:
    slug: str
    category: str
    look: ProductLook
    en: dict
    fr: dict


PRODUCTS = [
    DemoProduct(
        slug="aurora-espresso",
        category="kitchen",
        look=ProductLook(
            draw=draw_coffee_machine,
            body=(44, 48, 58),
            accent=(204, 122, 72),
            other_body=(236, 232, 224),
            background=(252, 238, 222),
            background_end=(238, 186, 146),
        ),
        en={
            "title": "Aurora espresso machine",
            "tagline": "Café-quality espresso in thirty seconds, milk foam included.",
            "description": (
                "<p>Aurora heats up in thirty seconds and holds the water at 93 °C from the first"
                " cup to the last. The steam wand makes silky foam for a flat white or a"
                " cappuccino.</p><ul><li>15-bar pump and a 58 mm portafilter</li>"
                "<li>Removable 1.8 l water tank</li><li>Descaling reminder on the display</li>"
                "</ul>"
            ),
        },
        fr={
            "title": "Machine à espresso Aurora",
            "tagline": "Un espresso digne d’un café en trente secondes, mousse de lait comprise.",
            "description": (
                "<p>Aurora chauffe en trente secondes et garde l’eau à 93 °C de la première à la"
                " dernière tasse. La buse vapeur fait une mousse soyeuse pour un flat white ou un"
                " cappuccino.</p><ul><li>Pompe 15 bars et porte-filtre de 58 mm</li>"
                "<li>Réservoir amovible de 1,8 l</li><li>Rappel de détartrage à l’écran</li>"
                "</ul>"
            ),
        },
    ),
    DemoProduct(
        slug="brume-kettle",
        category="kitchen",
        look=ProductLook(
            draw=draw_kettle,
            body=(104, 168, 150),
            accent=(240, 150, 60),
            other_body=(236, 196, 84),
            background=(232, 246, 240),
            background_end=(160, 208, 196),
        ),
        en={
            "title": "Brume kettle",
            "tagline": "Five temperatures, for green tea, coffee and everything in between.",
            "description": (
                "<p>Choose 70, 80, 85, 90 or 100 °C with one button; Brume keeps the water warm"
                " for thirty minutes if you get distracted.</p><ul><li>1.5 l, with a lit water"
                " window</li><li>Stainless steel inside, no plastic in contact with water</li>"
                "<li>Quiet boil mode</li></ul>"
            ),
        },
        fr={
            "title": "Bouilloire Brume",
            "tagline": "Cinq températures, pour le thé vert, le café et tout le reste.",
            "description": (
                "<p>Choisissez 70, 80, 85, 90 ou 100 °C d’un seul bouton ; Brume garde l’eau"
                " chaude trente minutes si vous êtes distrait.</p><ul><li>1,5 l, avec une jauge"
                " éclairée</li><li>Intérieur en inox, aucun plastique au contact de l’eau</li>"
                "<li>Mode ébullition silencieuse</li></ul>"
            ),
        },
    ),
    DemoProduct(
        slug="nimbus-headphones",
        category="audio",
        look=ProductLook(
            draw=draw_headphones,
            body=(62, 72, 128),
            accent=(250, 180, 80),
            other_body=(234, 118, 108),
            background=(228, 232, 252),
            background_end=(140, 150, 226),
        ),
        en={
            "title": "Nimbus headphones",
            "tagline": "Noise cancelling that stays out of your way, and forty hours of battery.",
            "description": (
                "<p>Nimbus folds flat, weighs 250 g and lasts a week of commutes on one charge."
                " Transparency mode lets the world back in with a tap on the left cup.</p>"
                "<ul><li>Adaptive noise cancelling</li><li>Multipoint Bluetooth: phone and"
                " laptop at once</li><li>Replaceable ear cushions</li></ul>"
            ),
        },
        fr={
            "title": "Casque Nimbus",
            "tagline": (
                "Une réduction de bruit qui se fait oublier, et quarante heures d’autonomie."
            ),
            "description": (
                "<p>Nimbus se plie à plat, pèse 250 g et tient une semaine de trajets sur une"
                " charge. Le mode transparence laisse revenir le monde d’une touche sur"
                " l’écouteur gauche.</p><ul><li>Réduction de bruit adaptative</li>"
                "<li>Bluetooth multipoint : téléphone et ordinateur en même temps</li>"
                "<li>Coussinets remplaçables</li></ul>"
            ),
        },
    ),
    DemoProduct(
        slug="lumen-bike-lamp",
        category="on-the-move",
        look=ProductLook(
            draw=draw_bike_lamp,
            body=(40, 42, 48),
            accent=(236, 72, 60),
            other_body=(214, 62, 52),
            background=(36, 46, 84),
            background_end=(92, 64, 128),
        ),
        en={
            "title": "Lumen bike lamp",
            "tagline": "800 lumens that light the road, not the eyes of oncoming drivers.",
            "description": (
                "<p>Lumen's cut-off beam lights the road far ahead without dazzling anyone."
                " It clips onto any handlebar in seconds and charges by USB-C.</p><ul>"
                "<li>Four modes, from 100 to 800 lumens</li><li>Battery gauge on the side</li>"
                "<li>Waterproof to IPX6</li></ul>"
            ),
        },
        fr={
            "title": "Éclairage vélo Lumen",
            "tagline": "800 lumens qui éclairent la route, pas les yeux des automobilistes.",
            "description": (
                "<p>Le faisceau à coupure de Lumen éclaire loin sans éblouir personne. Il se"
                " fixe sur n’importe quel guidon en quelques secondes et se recharge en USB-C.</p>"
                "<ul><li>Quatre modes, de 100 à 800 lumens</li><li>Jauge de batterie sur le côté"
                "</li><li>Étanche IPX6</li></ul>"
            ),
        },
    ),
    DemoProduct(
        slug="sentier-backpack",
        category="on-the-move",
        look=ProductLook(
            draw=draw_backpack,
            body=(196, 108, 60),
            accent=(246, 206, 80),
            other_body=(62, 94, 114),
            background=(238, 242, 226),
            background_end=(156, 190, 140),
        ),
        en={
            "title": "Sentier 22 l backpack",
            "tagline": "A day pack that carries a laptop to work and a picnic to the hills.",
            "description": (
                "<p>Sentier is made of recycled canvas with a waterproof coating. A padded sleeve"
                " holds a 15-inch laptop; the front pocket keeps keys and snacks within reach."
                "</p><ul><li>22 litres, 780 g</li><li>Ventilated back panel</li>"
                "<li>Lifetime repair service</li></ul>"
            ),
        },
        fr={
            "title": "Sac à dos Sentier 22 l",
            "tagline": (
                "Un sac de jour qui porte l’ordinateur au bureau et le pique-nique en balade."
            ),
            "description": (
                "<p>Sentier est en toile recyclée avec un enduit imperméable. Une poche"
                " rembourrée accueille un ordinateur de 15 pouces ; la poche avant garde clés et"
                " en-cas à portée de main.</p><ul><li>22 litres, 780 g</li>"
                "<li>Dos ventilé</li><li>Réparation à vie</li></ul>"
            ),
        },
    ),
    DemoProduct(
        slug="calo-thermostat",
        category="smart-home",
        look=ProductLook(
            draw=draw_thermostat,
            body=(236, 236, 232),
            accent=(246, 128, 56),
            other_body=(54, 56, 62),
            background=(252, 232, 214),
            background_end=(228, 150, 112),
        ),
        en={
            "title": "Calo smart thermostat",
            "tagline": "Learns when you are home and heats only then.",
            "description": (
                "<p>Calo learns your week in a few days and lowers the heating when the house is"
                " empty. Turn the ring to change the temperature; no app needed, though there is"
                " one.</p><ul><li>Works with most boilers and heat pumps</li>"
                "<li>Monthly energy report</li><li>Runs locally when the internet is down</li>"
                "</ul>"
            ),
        },
        fr={
            "title": "Thermostat connecté Calo",
            "tagline": "Il apprend quand vous êtes là, et ne chauffe qu’à ces moments-là.",
            "description": (
                "<p>Calo apprend votre semaine en quelques jours et baisse le chauffage quand la"
                " maison est vide. Tournez l’anneau pour changer la température ; pas besoin"
                " d’application, même s’il y en a une.</p><ul><li>Compatible avec la plupart"
                " des chaudières et pompes à chaleur</li><li>Bilan énergétique mensuel</li>"
                "<li>Fonctionne en local quand internet est coupé</li></ul>"
            ),
        },
    ),
]

IMAGE_VARIANTS = [
    ("hero", "{name}", "{name}"),
    ("close-up", "{name}, close up", "{name}, en gros plan"),
    ("colours", "{name} in two colours", "{name} en deux coloris"),
]

TEAMS = [
    {
        "slug": "support",
        "kind": Team.Kind.SUPPORT,
        "name_en": "Support",
        "name_fr": "Assistance",
        "description_en": "We answer your questions and stay with them until they are solved.",
        "description_fr": "Nous répondons à vos questions et les suivons jusqu’à leur solution.",
        "lead": "amelie.durand@example.com",
    },
    {
        "slug": "product",
        "kind": Team.Kind.PRODUCT,
        "name_en": "Product",
        "name_fr": "Produit",
        "description_en": "We read every idea, decide what to build next and say why.",
        "description_fr": "Nous lisons chaque idée, décidons de la suite et expliquons pourquoi.",
        "lead": "thomas.bernard@example.com",
    },
    {
        "slug": "community",
        "kind": Team.Kind.COMMUNITY,
        "name_en": "Community",
        "name_fr": "Communauté",
        "description_en": "We look after the guidelines, the moderation and the people here.",
        "description_fr": "Nous veillons aux règles, à la modération et aux personnes d’ici.",
        "lead": "sarah.collins@example.com",
    },
]


@dataclass(frozen=True)
class DemoStaff:
    email: str
    real_name: str
    team: str
    role_en: str
    role_fr: str
    bio_en: str
    bio_fr: str
    languages: list
    look: PortraitLook
    roles: tuple = ()
    preferred_language: str = "en"


STAFF = [
    DemoStaff(
        email="amelie.durand@example.com",
        real_name="Amélie Durand",
        team="support",
        role_en="Support lead",
        role_fr="Responsable de l’assistance",
        bio_en="Ten years in support, and still happiest when a question is solved for good.",
        bio_fr="Dix ans d’assistance, et toujours ravie quand une question est réglée pour de bon.",
        languages=["fr", "en", "es"],
        look=PortraitLook(
            (92, 140, 220), (240, 200, 170), (84, 52, 32), "long", (228, 92, 80), True
        ),
        preferred_language="fr",
    ),
    DemoStaff(
        email="camille.martin@example.com",
        real_name="Camille Martin",
        team="support",
        role_en="Support specialist",
        role_fr="Conseillère support",
        bio_en="Knows the Aurora espresso machine inside out. Ask her about descaling.",
        bio_fr="Connaît la machine Aurora par cœur. Demandez-lui tout sur le détartrage.",
        languages=["fr", "en"],
        look=PortraitLook((130, 190, 150), (250, 215, 190), (200, 150, 80), "bun", (90, 80, 160)),
        preferred_language="fr",
    ),
    DemoStaff(
        email="emily.clarke@example.com",
        real_name="Emily Clarke",
        team="support",
        role_en="Support specialist",
        role_fr="Conseillère support",
        bio_en="Cyclist, headphone nerd, and the person who reads your error codes aloud.",
        bio_fr="Cycliste, passionnée de casques, et celle qui lit vos codes d’erreur à voix haute.",
        languages=["en", "fr", "de"],
        look=PortraitLook((240, 170, 90), (232, 190, 160), (150, 60, 40), "long", (40, 110, 120)),
    ),
    DemoStaff(
        email="thomas.bernard@example.com",
        real_name="Thomas Bernard",
        team="product",
        role_en="Product manager",
        role_fr="Chef de produit",
        bio_en="Reads every idea on the board and writes down why it moves, or why it does not.",
        bio_fr=(
            "Lit chaque idée du tableau et écrit pourquoi elle avance, ou pourquoi elle"
            " n’avance pas."
        ),
        languages=["fr", "en"],
        look=PortraitLook((236, 164, 80), (150, 100, 70), (30, 25, 25), "curly", (50, 110, 120)),
        roles=(Role.PRODUCT_TEAM,),
        preferred_language="fr",
    ),
    DemoStaff(
        email="sarah.collins@example.com",
        real_name="Sarah Collins",
        team="community",
        role_en="Community manager",
        role_fr="Responsable de la communauté",
        bio_en="Keeps the guidelines short and the conversations kind.",
        bio_fr="Garde les règles courtes et les conversations bienveillantes.",
        languages=["en", "fr"],
        look=PortraitLook((200, 120, 170), (245, 210, 185), (230, 180, 110), "long", (60, 70, 110)),
        roles=(Role.MODERATOR,),
    ),
    DemoStaff(
        email="julien.moreau@example.com",
        real_name="Julien Moreau",
        team="community",
        role_en="Community host",
        role_fr="Animateur de la communauté",
        bio_en="Welcomes newcomers and turns good threads into FAQ entries.",
        bio_fr="Accueille les nouveaux et transforme les bonnes discussions en réponses de la FAQ.",
        languages=["fr", "en", "it"],
        look=PortraitLook(
            (110, 180, 200), (220, 170, 130), (60, 40, 30), "cropped", (40, 60, 90), True
        ),
        preferred_language="fr",
    ),
]

ADMIN = DemoStaff(
    email=ADMIN_EMAIL,
    real_name="Hélène Garnier",
    team="community",
    role_en="Site editor",
    role_fr="Éditrice du site",
    bio_en="Looks after the pages, the products and the catalogue.",
    bio_fr="S’occupe des pages, des produits et du catalogue.",
    languages=["fr", "en", "ar"],
    look=PortraitLook((150, 130, 220), (200, 150, 110), (40, 30, 30), "bun", (220, 120, 60)),
    preferred_language="fr",
)


@dataclass(frozen=True)
class DemoCustomer:
    email: str
    display_name: str
    language: str
    bio: str
    avatar: object = None  # a PortraitLook, a landscape's colours, or None for initials


CUSTOMERS = [
    DemoCustomer(
        email="lea.dubois@example.com",
        display_name="Léa Dubois",
        language="fr",
        bio="Deux enfants, une bouilloire, beaucoup de thé.",
        avatar=PortraitLook((240, 140, 130), (246, 214, 192), (120, 70, 40), "long", (60, 120, 90)),
    ),
    DemoCustomer(
        email="hugo.lefevre@example.com",
        display_name="Hugo Lefèvre",
        language="fr",
        bio="Vélotaf toute l’année, même en février.",
        avatar=((170, 210, 240), (250, 240, 210), (70, 110, 90), (255, 250, 220)),
    ),
    DemoCustomer("chloe.roux@example.com", "Chloé Roux", "fr", "Barista amateure à Lyon."),
    DemoCustomer(
        email="oliver.smith@example.com",
        display_name="Oliver Smith",
        language="en",
        bio="Home tinkerer. I read manuals so you don't have to.",
        avatar=PortraitLook(
            (120, 200, 170), (236, 196, 168), (60, 50, 40), "cropped", (200, 80, 70)
        ),
    ),
    DemoCustomer(
        email="grace.taylor@example.com",
        display_name="Grace Taylor",
        language="en",
        bio="Podcast addict; my headphones do more miles than my car.",
        avatar=PortraitLook(
            (250, 200, 100), (120, 80, 60), (25, 20, 20), "curly", (110, 80, 170), True
        ),
    ),
    DemoCustomer(
        email="manon.girard@example.com",
        display_name="Manon Girard",
        language="fr",
        bio="Randonnée le week-end, télétravail la semaine.",
        avatar=((250, 190, 140), (240, 120, 120), (60, 90, 110), (255, 236, 170)),
    ),
    DemoCustomer("lucas.fontaine@example.com", "Lucas Fontaine", "fr", ""),
    DemoCustomer(
        email="jack.wilson@example.com",
        display_name="Jack Wilson",
        language="en",
        bio="Espresso first, questions later.",
        avatar=PortraitLook(
            (90, 110, 160), (250, 220, 200), (180, 90, 40), "short", (240, 180, 60)
        ),
    ),
    DemoCustomer("zoe.mercier@example.com", "Zoé Mercier", "fr", "Maison passive en Bretagne."),
    DemoCustomer(
        email="amelia.brown@example.com",
        display_name="Amelia Brown",
        language="en",
        bio="Trying to heat less and live better.",
        avatar=((200, 220, 250), (150, 170, 230), (80, 70, 130), (255, 255, 255)),
    ),
    DemoCustomer("noah.evans@example.com", "Noah Evans", "en", "Commuter, Bristol."),
    DemoCustomer(
        email="ines.chevalier@example.com",
        display_name="Inès Chevalier",
        language="fr",
        bio="Toujours un casque sur les oreilles.",
        avatar=PortraitLook((170, 150, 230), (210, 160, 120), (45, 30, 25), "bun", (230, 110, 120)),
    ),
]

DEMO_MEMBER = DemoCustomer(
    email=DEMO_EMAIL,
    display_name="Demo Member",
    language="en",
    bio="I try everything on this site. Say hello!",
    avatar=PortraitLook((100, 170, 240), (240, 204, 176), (100, 60, 40), "short", (250, 140, 60)),
)


def _paragraph(html):
    return ("paragraph", RichText(html))


def _callout(title, html):
    return ("callout", {"title": title, "text": RichText(html)})


CONTENT_PAGES = {
    "faq": {
        "en": {
            "title": "Frequently asked questions",
            "intro": "What people ask most often about this community, answered once.",
            "body": [
                ("heading", "Who answers my questions?"),
                _paragraph(
                    "<p>Other customers first, often within the hour. Our staff step in under"
                    " their own name, role and photo; a question they take on has an owner who"
                    " stays with it until it is solved.</p>"
                ),
                ("heading", "Do I need an account to read?"),
                _paragraph(
                    "<p>No. Everything here can be read without signing in. You need an account"
                    " with a verified e-mail address to write a review, ask, answer or vote.</p>"
                ),
                ("heading", "What happens to my ideas?"),
                _paragraph(
                    "<p>The product team reads every idea. When an idea changes status (under"
                    " review, planned, in progress, shipped or declined) the change comes with a"
                    " note signed by a named person, and everyone who voted is told.</p>"
                ),
                ("heading", "Can I take my data with me, or delete it?"),
                _paragraph(
                    "<p>Yes. Your account pages show everything we hold about you, let you"
                    " download it, and let you delete your account.</p>"
                ),
                _callout(
                    "Still stuck?",
                    "<p>Ask a question in the community: someone has probably had the same"
                    " problem, and the answer will help the next person too.</p>",
                ),
            ],
        },
        "fr": {
            "title": "Questions fréquentes",
            "intro": (
                "Ce que l’on nous demande le plus souvent sur cette communauté, une fois pour"
                " toutes."
            ),
            "body": [
                ("heading", "Qui répond à mes questions ?"),
                _paragraph(
                    "<p>D’abord d’autres clients, souvent dans l’heure. Notre équipe intervient"
                    " sous son nom, son rôle et sa photo ; une question prise en charge a une"
                    " personne responsable qui la suit jusqu’à sa solution.</p>"
                ),
                ("heading", "Faut-il un compte pour lire ?"),
                _paragraph(
                    "<p>Non. Tout se lit sans connexion. Il faut un compte avec une adresse"
                    " e-mail vérifiée pour écrire un avis, poser une question, répondre ou"
                    " voter.</p>"
                ),
                ("heading", "Que deviennent mes idées ?"),
                _paragraph(
                    "<p>L’équipe produit lit chaque idée. Quand une idée change de statut (à"
                    " l’étude, prévue, en cours, livrée ou refusée), le changement est accompagné"
                    " d’une note signée par une personne nommée, et tous ceux qui ont voté sont"
                    " prévenus.</p>"
                ),
                ("heading", "Puis-je récupérer mes données, ou les supprimer ?"),
                _paragraph(
                    "<p>Oui. Vos pages de compte montrent tout ce que nous savons de vous, vous"
                    " permettent de le télécharger et de supprimer votre compte.</p>"
                ),
                _callout(
                    "Toujours bloqué ?",
                    "<p>Posez votre question à la communauté : quelqu’un a sans doute eu le même"
                    " problème, et la réponse aidera la personne suivante.</p>",
                ),
            ],
        },
    },
    "about": {
        "en": {
            "title": "About this community",
            "intro": "A place where customers and the people who make the products talk as people.",
            "body": [
                ("heading", "Why we built it"),
                _paragraph(
                    "<p>Customer service too often means numbers, scripts and being passed from"
                    " one department to the next. Here you talk to people: other customers who"
                    " own the same products, and staff who sign with their own name.</p>"
                ),
                ("heading", "What you can do here"),
                _paragraph(
                    "<ul><li>Read and write reviews, with photos</li><li>Ask questions and"
                    " answer other people's</li><li>Propose ideas, vote, and follow them on the"
                    " public roadmap</li></ul>"
                ),
                _callout(
                    "Nobody will ask you twice",
                    "<p>Staff see what you have already told the community, so you never have"
                    " to repeat your story.</p>",
                ),
            ],
        },
        "fr": {
            "title": "À propos de cette communauté",
            "intro": "Un lieu où les clients et celles et ceux qui font les produits se parlent"
            " comme des personnes.",
            "body": [
                ("heading", "Pourquoi nous l’avons créée"),
                _paragraph(
                    "<p>Le service client, c’est trop souvent des numéros, des scripts et des"
                    " transferts d’un service à l’autre. Ici, vous parlez à des personnes :"
                    " d’autres clients qui ont les mêmes produits, et une équipe qui signe de son"
                    " propre nom.</p>"
                ),
                ("heading", "Ce que vous pouvez faire ici"),
                _paragraph(
                    "<ul><li>Lire et écrire des avis, avec photos</li><li>Poser des questions et"
                    " répondre à celles des autres</li><li>Proposer des idées, voter, et les"
                    " suivre sur la feuille de route publique</li></ul>"
                ),
                _callout(
                    "Personne ne vous demandera deux fois",
                    "<p>L’équipe voit ce que vous avez déjà dit à la communauté : vous n’avez"
                    " jamais à tout réexpliquer.</p>",
                ),
            ],
        },
    },
}

GUIDELINES_BODY = {
    "en": [
        ("heading", "Be kind"),
        _paragraph(
            "<p>Disagree with ideas, never with people. Assume good faith: the person you are"
            " answering may be tired, new, or writing in their second language.</p>"
        ),
        ("heading", "Be useful"),
        _paragraph(
            "<p>Say what you tried, what happened and what you expected. Mark the answer that"
            " solved your question so the next person finds it.</p>"
        ),
        ("heading", "No spam, no advertising"),
        _paragraph(
            "<p>Links are welcome when they help. Promotion, referral links and repeated"
            " messages are removed.</p>"
        ),
        ("heading", "Keep personal data out of public posts"),
        _paragraph(
            "<p>Never post your address, phone number, order number or anyone else's. If staff"
            " need details, they will ask you privately.</p>"
        ),
        ("heading", "Staff speak as themselves"),
        _paragraph(
            "<p>Every member of staff writes under their own name, role and photo. Nobody here"
            " answers as “Admin” or “Support Team”.</p>"
        ),
        ("heading", "Moderation explains itself"),
        _paragraph(
            "<p>When a moderator hides or edits something, the author is told why. Every"
            " moderation action is logged, and you can ask for it to be reviewed.</p>"
        ),
        _callout(
            "See something wrong?",
            "<p>Use “Report” on any post. Reports are read by people, not by a bot.</p>",
        ),
    ],
    "fr": [
        ("heading", "Soyez bienveillant"),
        _paragraph(
            "<p>Contestez les idées, jamais les personnes. Présumez la bonne foi : la personne à"
            " qui vous répondez est peut-être fatiguée, nouvelle, ou écrit dans une langue qui"
            " n’est pas la sienne.</p>"
        ),
        ("heading", "Soyez utile"),
        _paragraph(
            "<p>Dites ce que vous avez essayé, ce qui s’est passé et ce que vous attendiez."
            " Marquez la réponse qui a résolu votre question pour que la personne suivante la"
            " trouve.</p>"
        ),
        ("heading", "Pas de spam, pas de publicité"),
        _paragraph(
            "<p>Les liens sont bienvenus quand ils aident. La promotion, les liens de parrainage"
            " et les messages répétés sont retirés.</p>"
        ),
        ("heading", "Pas de données personnelles dans les messages publics"),
        _paragraph(
            "<p>Ne publiez jamais votre adresse, votre numéro de téléphone, votre numéro de"
            " commande ni ceux de quelqu’un d’autre. Si l’équipe a besoin de précisions, elle"
            " vous les demandera en privé.</p>"
        ),
        ("heading", "L’équipe parle en son nom"),
        _paragraph(
            "<p>Chaque membre de l’équipe écrit sous son nom, son rôle et sa photo. Ici,"
            " personne ne répond en tant qu’« Admin » ou « Service client ».</p>"
        ),
        ("heading", "La modération s’explique"),
        _paragraph(
            "<p>Quand une modératrice ou un modérateur masque ou modifie un message, l’auteur"
            " sait pourquoi. Chaque action de modération est consignée, et vous pouvez demander"
            " qu’elle soit revue.</p>"
        ),
        _callout(
            "Quelque chose ne va pas ?",
            "<p>Utilisez « Signaler » sur n’importe quel message. Les signalements sont lus par"
            " des personnes, pas par un robot.</p>",
        ),
    ],
}
