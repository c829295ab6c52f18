"""A labelled set for the similar questions and ideas suggested while a title is typed.

The existing content is a community like the demo's (an espresso machine, a kettle, headphones,
a thermostat, a backpack, a bike lamp, the companion app, the shop), in English and French, with
near neighbours on purpose: several questions about descaling, about noise, about batteries.
Each pair is a title someone new might type and the existing item it should find; each
unrelated title is about the same products but asks something nobody has asked yet, so it
should find nothing. The titles were written the way members write, before the ranking was
tuned, and were not reworded to suit it.
"""

# (key, title, text) of the questions already asked.
QUESTIONS = [
    # The Aurora espresso machine
    (
        "descale-often",
        "How often should I descale the Aurora espresso machine?",
        "The manual says every two months, but our water is very hard.",
    ),
    (
        "descale-light",
        "Descaling light stays on after I ran the descaling cycle",
        "I ran the full cycle twice with the official descaler and the orange light still blinks.",
    ),
    (
        "descaler-vinegar",
        "Can I use vinegar instead of the Aurora descaler?",
        "The branded descaler is expensive. Is white vinegar or citric acid safe for the boiler?",
    ),
    (
        "reminder-off",
        "How do I turn off the descale reminder?",
        "I use filtered water and the message pops up on the display every week.",
    ),
    (
        "grinder-noise",
        "Aurora grinder makes a loud rattling noise",
        "Since yesterday the built-in grinder rattles and the coffee comes out coarse.",
    ),
    (
        "grind-size",
        "Which grind size for a double espresso?",
        "My shots run far too fast, about 15 seconds, and taste thin.",
    ),
    (
        "frother-foam",
        "Milk frother produces no foam",
        "The steam wand hisses but the milk stays flat, even with cold whole milk.",
    ),
    (
        "wand-blocked",
        "Steam wand is blocked with dried milk",
        "Only a thin jet comes out. I soaked the tip but it is still blocked.",
    ),
    (
        "water-leak",
        "Water leaking under the Aurora machine",
        "There is a small puddle under the drip tray every morning.",
    ),
    (
        "drip-tray",
        "Drip tray fills up very quickly",
        "I empty it three times a day. Is that normal for two coffees?",
    ),
    (
        "espresso-lukewarm",
        "Espresso comes out lukewarm",
        "Even after preheating the cups the coffee is barely warm.",
    ),
    (
        "pump-loud",
        "Pump is very loud while brewing",
        "A buzzing sound during the whole extraction, louder than when it was new.",
    ),
    (
        "beans-overnight",
        "Can I leave beans in the hopper overnight?",
        "Or do they go stale in a few days?",
    ),
    (
        "pre-ground",
        "How do I use pre-ground coffee in the Aurora?",
        "I want to make a decaf for my partner without emptying the hopper.",
    ),
    (
        "error-e4",
        "Error E4 on the display after switching on",
        "The machine beeps three times and shows E4. Unplugging does not help.",
    ),
    (
        "tank-filter",
        "Do I need a water filter in the tank?",
        "The box came with a filter cartridge but the shop sells them separately.",
    ),
    # The Brume kettle
    (
        "kettle-flakes",
        "White flakes floating in the Brume kettle",
        "Small white bits float in the water after boiling. Is it limescale?",
    ),
    (
        "kettle-keep-warm",
        "Does the Brume kettle keep water hot for 30 minutes?",
        "I make a pot of tea in two rounds.",
    ),
    (
        "kettle-80-degrees",
        "Setting the kettle to 80 degrees for green tea",
        "Where is the temperature button? I only see on and off.",
    ),
    (
        "kettle-lid",
        "Brume kettle lid does not close properly",
        "It springs open again unless I press hard.",
    ),
    (
        "kettle-plastic-smell",
        "New kettle smells of plastic",
        "The water tastes strange too. Will it go away?",
    ),
    (
        "kettle-switch-off",
        "Kettle does not switch off when the water boils",
        "It keeps boiling until I lift it from the base.",
    ),
    # The Nimbus headphones
    (
        "nimbus-disconnect",
        "Nimbus headphones disconnect from my laptop every few minutes",
        "Bluetooth drops and reconnects, which is worst during video calls.",
    ),
    (
        "nimbus-two-phones",
        "How do I pair the Nimbus headphones with two phones?",
        "My work phone and my own phone.",
    ),
    (
        "nimbus-battery",
        "Nimbus battery drains overnight when switched off",
        "Full in the evening, empty in the morning.",
    ),
    (
        "nimbus-hiss",
        "Noise cancelling makes a hissing sound",
        "A faint hiss when nothing is playing, only with noise cancelling on.",
    ),
    (
        "nimbus-cushions",
        "Where can I buy replacement ear cushions?",
        "The leather on mine is peeling after two years.",
    ),
    (
        "nimbus-mic",
        "People can't hear me on calls with the Nimbus",
        "They say my voice is very quiet and far away.",
    ),
    # The Calo thermostat
    (
        "calo-underfloor",
        "Can the Calo thermostat control underfloor heating?",
        "We have a water-based system in the kitchen.",
    ),
    (
        "calo-combi",
        "Calo thermostat wiring with a combi boiler",
        "Which terminals do the two wires go to?",
    ),
    (
        "calo-offline",
        "Thermostat shows offline in the app",
        "The wifi works for everything else in the house.",
    ),
    (
        "calo-weekend",
        "How do I set a different heating schedule for weekends?",
        "We get up later on Saturday and Sunday.",
    ),
    # The Sentier backpack
    (
        "sentier-laptop",
        "Does the Sentier backpack fit a 16-inch laptop?",
        "Mine measures 36 by 25 centimetres.",
    ),
    (
        "sentier-rain",
        "Is the Sentier backpack waterproof in heavy rain?",
        "I cycle to work in all weathers.",
    ),
    (
        "sentier-zip",
        "Main zip of the backpack broke after two months",
        "The slider came off and will not go back on.",
    ),
    # The Lumen bike lamp
    (
        "lumen-blinks",
        "Lumen lamp blinks when the battery is low?",
        "Or is it a setting I switched on by mistake?",
    ),
    (
        "lumen-charge-time",
        "How long does the Lumen bike lamp take to charge?",
        "The light stays red for hours.",
    ),
    (
        "lumen-mount",
        "Lumen lamp mount does not fit my handlebar",
        "My handlebar is 35 mm thick.",
    ),
    # The shop and the account
    (
        "parcel-missing",
        "My order shows as delivered but the parcel never arrived",
        "Nobody in the building has it.",
    ),
    (
        "email-change",
        "How do I change the e-mail address of my account?",
        "I no longer use my old address.",
    ),
    (
        "return-product",
        "How do I return a product bought on the website?",
        "It is unused and still in its box.",
    ),
    (
        "invoice-download",
        "Where can I download the invoice for my order?",
        "I need it for my expenses.",
    ),
    (
        "second-hand-warranty",
        "Is the warranty still valid if I bought the machine second-hand?",
        "I have the original receipt from the first owner.",
    ),
    (
        "app-login",
        "Can't log in to the companion app after the update",
        "It says my password is wrong, but it works on the website.",
    ),
    # En français
    (
        "fr-detartrer",
        "Tous les combien faut-il détartrer la machine Aurora ?",
        "Notre eau est très calcaire.",
    ),
    (
        "fr-voyant-detartrage",
        "Le voyant de détartrage reste allumé après le cycle",
        "J’ai fait le détartrage complet deux fois.",
    ),
    (
        "fr-mousse",
        "Le mousseur à lait ne fait plus de mousse",
        "La buse siffle mais le lait reste liquide.",
    ),
    (
        "fr-fuite",
        "Fuite d’eau sous la machine à café",
        "Une petite flaque tous les matins sous le bac d’égouttage.",
    ),
    (
        "fr-tiede",
        "Mon café sort tiède",
        "Même en préchauffant les tasses, il n’est pas chaud.",
    ),
    (
        "fr-bouilloire-chaude",
        "La bouilloire Brume garde-t-elle l’eau chaude plus de trente minutes ?",
        "Je fais le thé en deux fois.",
    ),
    (
        "fr-bouilloire-depots",
        "Dépôts blancs dans la bouilloire",
        "Des petits morceaux blancs flottent après chaque ébullition. C’est du calcaire ?",
    ),
    (
        "fr-bouilloire-odeur",
        "Odeur de plastique dans la bouilloire neuve",
        "L’eau a aussi un goût bizarre.",
    ),
    (
        "fr-casque-deconnexion",
        "Le casque Nimbus se déconnecte de mon ordinateur",
        "Le Bluetooth coupe toutes les cinq minutes.",
    ),
    (
        "fr-casque-deux-telephones",
        "Comment appairer le casque avec deux téléphones ?",
        "Mon téléphone pro et mon téléphone perso.",
    ),
    (
        "fr-plancher-chauffant",
        "Le thermostat Calo peut-il piloter un plancher chauffant ?",
        "Plancher à eau dans la cuisine.",
    ),
    (
        "fr-lampe-clignote",
        "Lampe Lumen : elle clignote quand la batterie est faible ?",
        "Ou est-ce un réglage ?",
    ),
    (
        "fr-sac-pluie",
        "Le sac Sentier est-il étanche sous une forte pluie ?",
        "Je vais au travail à vélo par tous les temps.",
    ),
    (
        "fr-email",
        "Comment changer l’adresse e-mail de mon compte ?",
        "Je n’utilise plus l’ancienne.",
    ),
    (
        "fr-colis",
        "Ma commande est indiquée livrée mais je n’ai rien reçu",
        "Personne dans l’immeuble ne l’a vue.",
    ),
    (
        "fr-facture",
        "Où télécharger la facture de ma commande ?",
        "J’en ai besoin pour ma note de frais.",
    ),
]

# (key, title, text) of the ideas already proposed.
IDEAS = [
    (
        "schedule-start",
        "Start the espresso machine on a schedule",
        "Warm up before I wake up, so the first coffee is ready at seven.",
    ),
    (
        "cup-size",
        "Let me choose the cup size for each drink",
        "A long coffee and an espresso need different amounts of water.",
    ),
    (
        "descale-notification",
        "Send a notification to my phone when descaling is due",
        "I never look at the machine's display.",
    ),
    (
        "water-hardness",
        "Adjust the descaling frequency to my water hardness",
        "Soft water here, so every two months is far too often.",
    ),
    (
        "milk-temperature",
        "Choose the milk temperature",
        "Children like their hot chocolate less hot.",
    ),
    (
        "bigger-tank",
        "Bigger water tank",
        "Two litres would do for a family.",
    ),
    (
        "quieter-grinder",
        "Quieter grinder for early mornings",
        "The grinding wakes everyone up.",
    ),
    (
        "decaf-hopper",
        "A second bean hopper for decaf",
        "Switch between normal and decaf beans without emptying the hopper.",
    ),
    (
        "cup-warmer",
        "Heated cup warmer on top of the machine",
        "Espresso cools down fast in a cold cup.",
    ),
    (
        "drink-recipes",
        "Save my favourite drinks as recipes in the app",
        "Strength, volume and milk for each person in the house.",
    ),
    (
        "kettle-keep-warm",
        "Keep-warm timer on the Brume kettle",
        "Keep the water at temperature for half an hour.",
    ),
    (
        "kettle-quiet",
        "Quiet mode for the kettle",
        "It roars when it boils.",
    ),
    (
        "tea-presets",
        "Temperature presets for different teas",
        "Green, white, oolong and black tea each want their own temperature.",
    ),
    (
        "kettle-remote",
        "Boil the kettle from my phone",
        "Start it from bed or from the sofa.",
    ),
    (
        "nimbus-multipoint",
        "Multipoint Bluetooth on the Nimbus headphones",
        "Stay connected to my laptop and my phone at the same time.",
    ),
    (
        "nimbus-equaliser",
        "Equaliser settings in the headphones app",
        "More bass, less treble.",
    ),
    (
        "nimbus-case",
        "A hard carrying case for the headphones",
        "The soft pouch does not protect them in a bag.",
    ),
    (
        "nimbus-auto-pause",
        "Pause the music when I take the headphones off",
        "Resume when I put them back on.",
    ),
    (
        "lumen-auto-brightness",
        "Auto-brightness on the Lumen bike lamp",
        "Brighter at night, dimmer in town, to save the battery.",
    ),
    (
        "lumen-solar",
        "Solar panel to charge the Lumen lamp",
        "For long tours far from a socket.",
    ),
    (
        "lumen-usb-c",
        "USB-C port on the bike lamp",
        "Micro-USB cables are getting hard to find.",
    ),
    (
        "sentier-sleeve",
        "Padded laptop sleeve inside the Sentier backpack",
        "A separate pocket against the back panel.",
    ),
    (
        "sentier-colours",
        "More colours for the backpack",
        "Something brighter than black and grey.",
    ),
    (
        "calo-away",
        "Turn the heating down when everyone has left",
        "Use our phones' locations to notice that the house is empty.",
    ),
    (
        "calo-open-window",
        "Detect open windows and stop heating",
        "A sudden drop in temperature means someone opened a window.",
    ),
    (
        "calo-energy-report",
        "Monthly energy usage report",
        "How many hours the heating ran, compared with last month.",
    ),
    (
        "app-dark-mode",
        "Dark mode in the companion app",
        "The white screen is blinding at night.",
    ),
    (
        "app-widget",
        "Home screen widget for the companion app",
        "See the machine's status without opening the app.",
    ),
    (
        "gift-cards",
        "Gift cards in the online shop",
        "For birthdays, when I do not know which product they would like.",
    ),
    # En français
    (
        "fr-mise-en-route",
        "Programmer l’heure de mise en route",
        "Que le café soit prêt à mon réveil.",
    ),
    (
        "fr-bouilloire-silencieuse",
        "Mode silencieux pour la bouilloire",
        "Elle fait beaucoup de bruit quand elle chauffe.",
    ),
    (
        "fr-lampe-solaire",
        "Panneau solaire pour recharger la lampe Lumen",
        "Pour les longues randonnées à vélo.",
    ),
    (
        "fr-pochette-ordinateur",
        "Une pochette pour ordinateur dans le sac Sentier",
        "Rembourrée, contre le dos.",
    ),
    (
        "fr-mode-sombre",
        "Mode sombre dans l’application",
        "L’écran blanc éblouit le soir.",
    ),
    (
        "fr-fenetre",
        "Couper le chauffage quand une fenêtre est ouverte",
        "Le thermostat pourrait le voir à la baisse de température.",
    ),
    (
        "fr-reservoir",
        "Un réservoir d’eau plus grand",
        "Deux litres pour toute la famille.",
    ),
    (
        "fr-taille-tasse",
        "Choisir la taille de la tasse pour chaque boisson",
        "Un allongé et un espresso ne demandent pas la même quantité d’eau.",
    ),
]

# (kind, title typed, key of the item it should find).
PAIRS_EN = [
    ("question", "Descaling reminder keeps popping up", "reminder-off"),
    ("question", "Disable the reminder to descale", "reminder-off"),
    ("question", "How frequently do I need to descale my Aurora?", "descale-often"),
    ("question", "Descale light won't go off", "descale-light"),
    ("question", "Is citric acid OK for descaling?", "descaler-vinegar"),
    ("question", "Grinder rattles loudly", "grinder-noise"),
    ("question", "Milk won't froth", "frother-foam"),
    ("question", "Steam wand clogged", "wand-blocked"),
    ("question", "Puddle of water under the machine", "water-leak"),
    ("question", "Espresso not hot enough", "espresso-lukewarm"),
    ("question", "Shots pull too fast, what grind setting?", "grind-size"),
    ("question", "Using ground coffee instead of beans", "pre-ground"),
    ("question", "E4 error when I turn the machine on", "error-e4"),
    ("question", "Should I put a filter in the water tank?", "tank-filter"),
    ("question", "Limescale flakes in my kettle", "kettle-flakes"),
    ("question", "How long does the Brume keep water warm?", "kettle-keep-warm"),
    ("question", "Kettle keeps boiling and never switches off", "kettle-switch-off"),
    ("question", "Plastic smell from the new Brume", "kettle-plastic-smell"),
    ("question", "Headphones keep disconnecting from my computer", "nimbus-disconnect"),
    ("question", "Connect the Nimbus to two phones at once", "nimbus-two-phones"),
    ("question", "Battery of my headphones empties overnight", "nimbus-battery"),
    ("question", "Microphone too quiet on calls", "nimbus-mic"),
    ("question", "Will the thermostat work with underfloor heating?", "calo-underfloor"),
    ("question", "Weekend heating schedule", "calo-weekend"),
    ("question", "Will a 16 inch laptop fit in the Sentier?", "sentier-laptop"),
    ("question", "Backpack zipper broken", "sentier-zip"),
    ("question", "Bike light charging time", "lumen-charge-time"),
    ("question", "Parcel marked delivered but not received", "parcel-missing"),
    ("question", "Change my account email", "email-change"),
    ("question", "Get an invoice for my purchase", "invoice-download"),
    ("idea", "Timer to start the machine before I wake up", "schedule-start"),
    ("idea", "Programmable start time for the espresso machine", "schedule-start"),
    ("idea", "Set the cup size per drink", "cup-size"),
    ("idea", "Larger water tank", "bigger-tank"),
    ("idea", "Make the grinder less noisy", "quieter-grinder"),
    ("idea", "Separate hopper for decaf beans", "decaf-hopper"),
    ("idea", "Keep the water hot for longer in the kettle", "kettle-keep-warm"),
    ("idea", "Preset temperatures for green and black tea", "tea-presets"),
    ("idea", "Switch on the kettle remotely from the app", "kettle-remote"),
    ("idea", "Connect the headphones to two devices at the same time", "nimbus-multipoint"),
    ("idea", "Auto-pause when headphones are removed", "nimbus-auto-pause"),
    ("idea", "Lamp brightness that adapts to daylight", "lumen-auto-brightness"),
    ("idea", "Charge the bike light with USB-C", "lumen-usb-c"),
    ("idea", "Lower the heating automatically when nobody is home", "calo-away"),
    ("idea", "Night theme for the app", "app-dark-mode"),
]

PAIRS_FR = [
    ("question", "À quelle fréquence détartrer l’Aurora ?", "fr-detartrer"),
    ("question", "Voyant détartrage toujours allumé", "fr-voyant-detartrage"),
    ("question", "Impossible de faire mousser le lait", "fr-mousse"),
    ("question", "La machine fuit par en dessous", "fr-fuite"),
    ("question", "Le café n’est pas assez chaud", "fr-tiede"),
    ("question", "Combien de temps la bouilloire garde l’eau chaude ?", "fr-bouilloire-chaude"),
    ("question", "Calcaire dans ma bouilloire Brume", "fr-bouilloire-depots"),
    ("question", "Mon casque se déconnecte sans arrêt", "fr-casque-deconnexion"),
    ("question", "Utiliser le casque Nimbus avec deux téléphones", "fr-casque-deux-telephones"),
    ("question", "Thermostat compatible plancher chauffant ?", "fr-plancher-chauffant"),
    ("question", "Le sac résiste-t-il à la pluie ?", "fr-sac-pluie"),
    ("question", "Colis livré mais jamais reçu", "fr-colis"),
    ("question", "Télécharger une facture", "fr-facture"),
    ("idea", "Mettre en route la machine à une heure programmée", "fr-mise-en-route"),
    ("idea", "Une bouilloire plus silencieuse", "fr-bouilloire-silencieuse"),
    ("idea", "Recharger la lampe avec l’énergie solaire", "fr-lampe-solaire"),
    ("idea", "Compartiment pour ordinateur portable dans le sac à dos", "fr-pochette-ordinateur"),
    ("idea", "Thème sombre pour l’application", "fr-mode-sombre"),
    ("idea", "Arrêter le chauffage si la fenêtre est ouverte", "fr-fenetre"),
    ("idea", "Réservoir plus grand pour l’eau", "fr-reservoir"),
    ("idea", "Choix de la taille de tasse", "fr-taille-tasse"),
]

# (kind, title typed): nothing already written answers these.
UNRELATED = [
    ("question", "Aurora machine won't turn on after a power cut"),
    ("question", "Can I put the kettle in the dishwasher?"),
    ("question", "Headphones hurt my ears after an hour"),
    ("question", "Does the Calo thermostat work with Apple Home?"),
    ("question", "Backpack straps are too short for me"),
    ("question", "Lumen lamp is not bright enough in fog"),
    ("question", "How do I clean the brew group?"),
    ("question", "Coffee tastes sour"),
    ("question", "Can I pay in instalments?"),
    ("question", "Do you deliver to Switzerland?"),
    ("question", "Is the kettle safe for a toddler to be near?"),
    ("question", "La machine ne s’allume plus"),
    ("question", "Le casque fait mal aux oreilles"),
    ("question", "Livraison en Belgique"),
    ("idea", "Add a clock to the machine display"),
    ("idea", "A travel version of the kettle"),
    ("idea", "Reflective strips on the backpack"),
    ("idea", "Share my heating schedule with family"),
    ("idea", "Spotify integration in the headphones app"),
    ("idea", "Plus de couleurs pour la bouilloire"),
    ("idea", "Ajouter un minuteur sur la lampe"),
    ("idea", "Rear light to go with the front lamp"),
]
