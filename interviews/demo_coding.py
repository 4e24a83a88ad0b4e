"""Demo content for DENKEN: the demo school's codebook, the keyword rules with which the demo
codes its write-outs, telling quotes, and the focus of meeting 4.

Our own words, no real people. Pure data: no imports, no side effects. The patterns are
regular expressions over one sentence, matched case-insensitively; ``interviews.demo`` compiles
them once.
"""

from __future__ import annotations

#: (key, name, description). Meeting 3 grouped the codes into these themes.
THEMES = (
    (
        "informatie",
        "Informatie van school naar ouders",
        "Wanneer en hoe ouders horen dat er iets speelt, en of ze daarna horen wat de school "
        "eraan doet.",
    ),
    (
        "eerste_gesprek",
        "Het eerste gesprek",
        "Het eerste contact tussen thuis en school na een melding: hoe snel het er is en welke "
        "toon het zet.",
    ),
    (
        "ouders_pester",
        "Ouders van het kind dat pest",
        "Hoe de ouders van het kind dat pest worden betrokken, en hoe zij dat beleven.",
    ),
    (
        "online",
        "Online pesten tussen thuis en school",
        "Pesten in appgroepen, chats en games, dat tussen thuis en school in valt, en de "
        "afspraken die ouders daarover samen maken.",
    ),
    (
        "aanpak",
        "Aanpak in de klas",
        "Wat leerkrachten en pleinwacht doen als er gepest wordt, en wat kinderen daarvan merken.",
    ),
)

#: Keys of the four starter codes, in the order of ``coding.STARTER_CODES``. The demo keeps
#: them as every new year gets them (name, description and colour untouched).
STARTER_KEYS = ("positief", "negatief", "knelpunt", "succesfactor")

#: (key, name, description: when to use it, colour, theme key).
CODES = (
    (
        "laat",
        "Pas laat gehoord",
        "De ouder (of het kind) hoort pas laat dat er iets speelt, of via anderen in plaats "
        "van via school.",
        "#fdc08a",
        "informatie",
    ),
    (
        "niet_weten",
        "Niet weten wat school doet",
        "Na een melding blijft het stil, of niemand heeft ooit verteld hoe de school pesten "
        "aanpakt. Ook de wens om tussendoor kort iets te horen.",
        "#e6d3a3",
        "informatie",
    ),
    (
        "terugbellen",
        "Terugbellen dezelfde dag",
        "School reageert op een melding nog dezelfde dag (of de volgende ochtend), of iemand "
        "wenst dat.",
        "#8fe0d6",
        "eerste_gesprek",
    ),
    (
        "beschuldigd",
        "Zich beschuldigd voelen",
        "Een ouder voelt zich aangesproken als partij of dader in plaats van als partner; ook "
        "de leerkracht die dat achteraf ziet.",
        "#f5b3e0",
        "ouders_pester",
    ),
    (
        "online",
        "Appgroep/online",
        "Wat er in appgroepen van ouders of kinderen, chats, games of op de telefoon gebeurt.",
        "#a9b8f7",
        "online",
    ),
    (
        "klassenafspraken",
        "Klassenafspraken met ouders",
        "Afspraken die ouders en leerkracht samen maken (of zouden maken), over de appgroep, "
        "verjaardagen of waar je met zorgen heen gaat.",
        "#d4ec8a",
        "online",
    ),
    (
        "geen_aanpak",
        "Geen vaste aanpak",
        "Iedere leerkracht doet het op zijn eigen manier; niet duidelijk wie wie belt, wanneer "
        "en wat je mag vertellen.",
        "#cfd8dc",
        "aanpak",
    ),
    (
        "stil",
        "Stil ingrijpen gewenst",
        "Kinderen (of ouders) willen dat volwassenen rustig en apart handelen, zonder het groot "
        "te maken of te laten zien wie het vertelde.",
        "#e3c6f5",
        "aanpak",
    ),
)

#: The order in which a sentence gets its codes: the specific ones first, then a bottleneck or
#: success factor, then a positive or negative experience. At most two codes per sentence.
SPECIFIC_ORDER = tuple(key for key, *_ in CODES)
STARTER_ORDER = ("knelpunt", "succesfactor")

#: The chair's keyword rules: one pattern per code.
PATTERNS = {
    "laat": (
        r"\bpas (na|daarna|toen|als|iets|bericht)\b|de laatste die|ik wist van niks|al weken"
        r"|al maanden|maanden speelde|maandenlang|niks laten horen|via een andere moeder"
        r"|eerder wist dan|thuis niks gezegd|achteraf hoort|twee weken eerder|heel lang zo"
        r"|via het schoolplein|sinds de zomervakantie|zegt het .*niet thuis|^niet meteen\.$"
        r"|dan zei ik goed"
    ),
    "niet_weten": (
        r"hoorde ik .*niets|twee weken (niks|niets)|wist niet of|weet niet of|weet het ook niet"
        r"|zou het (echt )?niet weten|nooit gelezen|niemand heeft het me|wat de school doet"
        r"|wat ze doet|wat er gedaan is|alleen wist ik dat niet|stilte|niks doen|berichtje"
        r"|kort bericht|laten horen|mee bezig|heel algemeen|begin van het (school)?jaar"
        r"|wisten het .*niet|dan doen wij dit|zelf naar vroeg|invullen|hoop dat die ook gebeld"
        r"|graag gehoord|(moeten|moesten) het ook weten|het moeten weten|inschrijving"
        r"|al genoeg geweest"
    ),
    "terugbellen": (
        r"(?=.*\b(bel|belde|belt|bellen|gebeld|terug)\b)"
        r"(?=.*(dezelfde|diezelfde|volgende ochtend|vandaag))"
        r"|eerste telefoontje|reageert snel|let er vandaag op|dagen zou duren"
        r"|stond ze bij het hek|belde daarna beide ouders|zet de toon"
        r"|niet had laten liggen"
    ),
    "beschuldigd": (
        r"beschuldig|aangevallen|aangewezen|verdediging|twee tegen één|in een hoek|dader"
        r"|verstrak|ouders van het probleem|dichtklappen|crimineel|lastige moeder word"
        r"|opsomming|lijstje met incidenten|nooit opvoeden|rechtbank|schaamde"
        r"|niet gevraagd hoe|weet zeker wel|niet de enige|de leerkracht en de directeur"
        r"|zelf ook het een en ander|juist helpen|dat ene kind|stel dat dat mijn kind"
        r"|verkeerd om|binnen een minuut|niet moet beginnen met wat het kind"
    ),
    "online": (
        r"\bapp|\bchats?\b|online|filmpje|gefilmd|\bfilmen\b|\btelefoon\b|plaatje|gamen"
        r"|na half vier|doorgestuurd|ging rond|in (de|die) groep|eigen groepje"
        r"|niet op school gebeurd|dezelfde kinderen|iedereen een mening|van haar was"
    ),
    "klassenafspraken": (
        r"klassenafspra|afspraken maken over|samen afspraken|afspraken aan het begin"
        r"|die afspraken|toch afgesproken|afspreken dat|afspraken hangen|filmen geen"
        r"|zelf bedacht|overslaat|(?=.*informatieavond)(?=.*(afspra|appgroep|praten we))"
        r"|meeste ouders dat"
    ),
    "geen_aanpak": (
        r"vaste (aanpak|volgorde)|eigen manier|niet één manier|zelf uitvinden|drie antwoorden"
        r"|deed het weer anders|doorgaande lijn|protocol|handleiding|wie belt wie|wie bel je"
        r"|vertel je de ene|bel je beide|mag ik (zeggen|vertellen)|niemand had me|steeds opnieuw"
        r"|ter plekke verzinnen|zomaar kon|wel en niet mocht|wie erover gaat"
        r"|niet wist wie ik kon bellen|wat de collega|paar zinnen|wist ook niet hoe"
    ),
    "stil": (
        r"\bapart\b|stiekem|rustig|niet groot|groot maakte|groter|altijd groot|hele klas"
        r"|iedereen erbij|zonder (mijn|je) naam|klikspaan|klikken|verklikker|niemand wist"
        r"|heel hard over het plein|iedereen keek|iedereen kijkt|brievenbus|niet schreeuwen"
        r"|van wie ze het wist|weet iedereen het|niet in de klas|niet tegelijk|jij de volgende"
        r"|meeluistert|niet hier doen|pleinwacht|volgende keer niet meer|wilde ik (eerst )?niet"
        r"|rest al naar buiten|in de gang"
    ),
    "knelpunt": (
        r"tijd kost|tijd is een punt|overleg|lukt dan niet|(?<!niet had )la(at|ten) liggen"
        r"|blijft liggen|avonden per week|tussenin|pakt niemand|andere juf|overblijf|\bduo"
        r"|doorgeven|overdracht|andere dagen|tegenop|worstel|niemand durft|durft niemand"
        r"|geen ruimte|drie dagen|niet verantwoordelijk|iets voor thuis|niet van school"
        r"|kijkt niemand|bij elkaar met koffie|wegwuif|te snel zegt|één keer en dan|te laat"
        r"|wordt het vaag|opnieuw vertellen|zag ik eigenlijk niks|op school begonnen"
        r"|praten onderling"
    ),
    "succesfactor": (
        r"\bhielp|\bhelpt\b|werkte|scheelt|makkelijker|cadeautje|startgesprek|kenden"
        r"|tijd maakt|vertrouwen|zet de toon|maakte (dat )?(veel uit|het verschil)|wat ziet u thuis"
        r"|iemand mij iets vroeg|elke vrijdag|kwam ze erop terug|zelf met ideeën|samen wil"
        r"|tot in de klas|bespreekt ze daar meteen|oefenen|hetzelfde|om de beurt"
        r"|teams maakt|iemand staat|sneller zeggen|zelf leren|begin met een vraag"
        r"|rest van het jaar|intern begeleider|vanaf het begin|paar dagen later kijken"
        r"|na een week nog|na een paar dagen in de gang|eerst moeten vragen|leren zeggen"
        r"|zij dat zou doen|sommige ouders willen"
    ),
    "positief": (
        r"(?<!niet )(?<!minder )(?<!zei ik )\bgoed\b|fijn|\bbeter\b|blij|prettig|leuker"
        r"|cadeautje|dank je|maakte veel uit|\bhielp|kenden|iets belangrijks|veel uit"
        r"|mag komen|toe mocht komen|speel (nu|weer)|kiest ze me|alles wat ik wil|is weg"
        r"|praat ik weer"
    ),
    "negatief": (
        r"boos|huil|vervelend|slecht|pijn|verdriet|schaam|schrok|geschrokken|\bstom\b|erger"
        r"|vreselijk|onzichtbaar|(?<!niet de )lastig|moeilijk|\bbang\b|spannend|\bmis\b"
        r"|misging|(niet|minder) goed|niet trots|uitgelachen|uitschel|uitgescholden|geduwd"
        r"|geschopt|geslagen|geknepen|buitengesloten|buitensluit|gemeen|nooit meedoen"
        r"|niet meer meedoen|niet met mij|liepen ze weg|opwachtten|muts af|varkensneus"
        r"|dik ben|\braar\b|concentreren|niet normaal|alsof er niks is|doms|rechtbank"
        r"|niet meer zelf|elke dag|'s nachts|teams al vol|wel gepest|niet mocht meedoen"
        r"|begint het nu|aangesproken|andere school gezet|iedereen deed het|mijn vriendinnen"
        r"|bankje|moest plassen"
        r"|kwalijk|onverschillig|voor niks|nooit meer|opvoeden|doorging|als een uur"
        r"|niet uitgenodigd|te laat"
    ),
}

#: The second coder (the teacher member) codes one write-out on his own. He reads a few codes
#: a little differently; every other code he applies by the chair's pattern.
SECOND_CODER_PATTERNS = {
    # He also counts "it happens at home" as online.
    "online": PATTERNS["online"] + r"|\bthuis\b|na half vier|klassenapp",
    # He only codes a callback when someone actually phoned.
    "terugbellen": r"telefoontje|belde",
    # He reads the lack of a fixed approach more narrowly.
    "geen_aanpak": r"vaste aanpak|eigen manier|deed het weer anders|niemand had me",
    # He keeps sentiment codes for outspoken words only.
    "negatief": r"boos|moeilijk|lastig|tegenop|worstel|onverschillig",
    "positief": r"prima|makkelijker|kenden|\bgoed\b",
    # He sees the parent who comes in angry as a parent who feels accused.
    "beschuldigd": PATTERNS["beschuldigd"] + r"|boos naar school|naar elkaar wijzen",
}
#: The write-out he codes: one he held himself (only interviewer and chair read a write-out).
SECOND_CODER_RESPONDENT = 2

#: Telling quotes per respondent number: a piece of each sentence the group marked. Respondents
#: 3 and 9 gave no consent to quote: the group still marked one striking sentence each, which
#: the app shows as not for use outside the group.
QUOTES = {
    1: (
        "'Het is elke dag, mama,'",
        "stilte van school voelt voor een ouder niet als rust",
        "Het eerste gesprek zet de toon",
    ),
    2: ("partner, niet als publiek", "zit dat kind ertussenin", "zijn eigen manier"),
    3: ("als de moeder van de dader",),
    4: ("voor de hele klas zegt", "niet klikken is als iemand pijn heeft"),
    5: ("dat is een cadeautje", "ter plekke verzinnen", "Geen dik protocol"),
    6: ("ik let er vandaag op", "Niemand durft het alleen als eerste"),
    7: ("volgende ochtend zaten we gewoon weer naast elkaar", "in haar klas ook pijn doet"),
    8: ("met wat je samen wilt", "drie antwoorden gekregen", "scheelt later zoveel"),
    9: ("meer over school dan met school",),
    10: ("het voelde als een uur", "niet groot maakte"),
}

#: The two themes meeting 4 chose to work on.
FOCUS_THEMES = ("informatie", "eerste_gesprek")

#: (goal, theme keys, index of the startfoto goal it serves or None, [(solution, needs)]).
FOCUS_GOALS = (
    (
        "Wie een zorg over pesten meldt, hoort dezelfde dag iets terug en daarna elke week kort "
        "hoe het gaat.",
        ("informatie", "eerste_gesprek"),
        0,
        (
            (
                "Belafspraak in het team: wie een melding krijgt, belt of spreekt de ouder nog "
                "dezelfde dag, ook als er nog geen antwoord is.",
                "Een besluit in de teamvergadering; per groep een vaste collega die het "
                "overneemt op de dagen dat de leerkracht er niet is.",
            ),
            (
                "Vrijdagbericht: zolang een situatie loopt, krijgen de betrokken ouders elke "
                "vrijdag een kort bericht, ook als er niets nieuws is.",
                "Drie voorbeeldberichten in gewone taal; een kwartier per week in de planning "
                "van de leerkracht.",
            ),
            (
                "Een vast overdrachtsbriefje in de klassenmap, zodat duo-collega en "
                "overblijfkrachten weten wat er speelt.",
                "Een formulier van een half kantje; afspraak met de coördinator van het "
                "overblijven.",
            ),
        ),
    ),
    (
        "Elk eerste gesprek over pesten begint met een vraag aan de ouders, ook met de ouders "
        "van het kind dat pest.",
        ("eerste_gesprek", "ouders_pester"),
        1,
        (
            (
                "Een gesprekskaartje voor leerkrachten met openingszinnen en vragen, zoals "
                "'Wat ziet u thuis?'.",
                "De intern begeleider en twee ouders uit de werkgroep schrijven het; drukken "
                "op stevig papier, één per leerkracht.",
            ),
            (
                "Een eerste gesprek oefenen in de teamvergadering, met ouders uit de werkgroep "
                "in de rol van de ouders van het kind dat pest.",
                "Een half uur in de teamvergadering van maart; twee ouders die willen meespelen.",
            ),
            (
                "De ouders van alle betrokken kinderen worden dezelfde dag gebeld, door de "
                "leerkracht zelf en niet met de directeur erbij.",
                "Steun van de directeur; de anti-pestcoördinator als achtervang als de "
                "leerkracht er niet uitkomt.",
            ),
        ),
    ),
    (
        "Aan het begin van het schooljaar weten alle ouders hoe de school pesten aanpakt, en "
        "maakt elke klas afspraken met de ouders.",
        ("informatie", "online"),
        2,
        (
            (
                "Vijf minuten op elke informatieavond: zo pakken wij pesten aan, en zo snel "
                "hoort u van ons.",
                "Een korte tekst en één dia, dezelfde voor alle groepen; de "
                "anti-pestcoördinator schrijft mee.",
            ),
            (
                "Klassenafspraken met ouders over de appgroep: geen kinderen filmen, geen namen "
                "noemen, zorgen bij de leerkracht melden.",
                "Een voorbeeldlijstje om mee te beginnen; daarna de afspraken van de klas in "
                "de nieuwsbrief.",
            ),
        ),
    ),
)
