"""Demo content for the interviews of the demo school: guide, consent text and respondents.

Invented people and our own words. The transcripts are write-outs as an interviewer would
make them the same evening, with names already replaced by placeholders such as
[leerling A]. Pure data: no imports, no side effects.
"""

from __future__ import annotations

#: The interview guide the working group agreed on in the October meeting.
GUIDE = {
    "purpose": (
        "Met deze interviews willen we horen hoe ouders, leerkrachten en leerlingen "
        "het samenwerken van thuis en school beleven wanneer er gepest wordt: wat er "
        "goed gaat, waar het schuurt en wat er nodig is. In januari gebruiken we alle "
        "gesprekken samen om knelpunten, succesfactoren en terugkerende thema's te "
        "benoemen."
    ),
    "introduction": (
        "Fijn dat je tijd wilt maken voor dit gesprek. Ik ben [naam] en ik zit in de "
        "werkgroep Samen tegen Pesten van onze school. In die werkgroep zitten "
        "ouders, leerkrachten, twee leerlingen uit de kinderraad en de "
        "anti-pestcoördinator. We willen de samenwerking tussen ouders en school "
        "verbeteren als er gepest wordt, en daarom praten we dit najaar met ongeveer "
        "twaalf mensen over hun ervaringen. Het gesprek duurt ongeveer 45 minuten. Er "
        "zijn geen goede of foute antwoorden: het gaat om wat jij hebt meegemaakt en "
        "hoe jij ernaar kijkt. Ik maak aantekeningen en werk die vanavond uit. In die "
        "uitwerking staat geen naam maar een code, en namen van anderen laat ik weg, "
        "zodat niemand herkenbaar is. Je mag een vraag altijd overslaan en je mag op "
        "elk moment stoppen, zonder uit te leggen waarom. Wat wil je nog weten "
        "voordat we beginnen?"
    ),
    "closing": (
        "We zijn aan het eind gekomen. Ik vat kort samen wat ik gehoord heb; vul me "
        "gerust aan of verbeter me als ik iets verkeerd heb begrepen. Wat wil je nog "
        "kwijt dat nog niet aan bod kwam? Ik werk mijn aantekeningen vanavond uit. "
        "Wil je achteraf iets aanvullen of terugnemen, laat het me dan weten; dat kan "
        "altijd. In januari bespreekt de werkgroep wat er in alle gesprekken samen "
        "naar voren kwam, en in het voorjaar laten we ouders, team en leerlingen "
        "weten welke thema's we vonden en wat we ermee gaan doen. Dank je wel voor je "
        "tijd en je openheid."
    ),
    "questions": [
        {
            "text": (
                "Kun je vertellen over een situatie met pesten op school waar jij mee te "
                "maken kreeg, als ouder, leerkracht of leerling?"
            ),
            "prompts": (
                "Wat gebeurde er, en wie waren erbij betrokken?\n"
                "Hoe lang speelde het voordat er iets mee gedaan werd?\n"
                "Wat deed het met jou en met de mensen om je heen?"
            ),
        },
        {
            "text": "Hoe verliep het contact tussen thuis en school toen het pesten bekend werd?",
            "prompts": (
                "Wie nam het eerste contact op, en hoe ging dat eerste gesprek?\n"
                "Welke informatie kreeg je, en wanneer kreeg je die?\n"
                "Hoe voelde je je behandeld: als partner, als boodschapper of als partij?"
            ),
        },
        {
            "text": (
                "Wat hielp in de samenwerking tussen ouders en school, en wat maakte het "
                "juist lastiger?"
            ),
            "prompts": (
                "Welk moment is je het meest bijgebleven, in positieve of in negatieve zin?\n"
                "Wat deed iemand dat echt verschil maakte?\n"
                "Waar liep het vast, en hoe kwam dat volgens jou?"
            ),
        },
        {
            "text": (
                "Wat zou er volgens jou moeten veranderen zodat ouders, leerkrachten en "
                "kinderen pesten samen beter aanpakken?"
            ),
            "prompts": (
                "Wat zou je de school willen meegeven, en wat de ouders?\n"
                "Wat hebben kinderen nodig van de volwassenen om hen heen?\n"
                "Welk klein ding zou morgen al kunnen?"
            ),
        },
    ],
}

#: Consent text (toestemmingsverklaring) handed out before each interview.
CONSENT_TEXT = (
    "Toestemmingsverklaring interview werkgroep Samen tegen Pesten\n"
    "\n"
    "De werkgroep Samen tegen Pesten van onze school wil weten hoe ouders, "
    "leerkrachten en leerlingen het samenwerken van thuis en school beleven "
    "wanneer er gepest wordt. Daarom houden we dit najaar gesprekken van ongeveer "
    "45 minuten. Meedoen is vrijwillig.\n"
    "\n"
    "Tijdens het gesprek maakt de interviewer aantekeningen. Die worden dezelfde "
    "dag uitgewerkt. In de uitwerking staat niet je naam maar een code, en ook "
    "namen van anderen worden weggelaten. Alleen de interviewer en de voorzitter "
    "van de werkgroep lezen de uitwerking. In de werkgroep bespreken we alleen "
    "wat er uit alle gesprekken samen naar voren komt.\n"
    "\n"
    "Soms willen we een zin letterlijk gebruiken, bijvoorbeeld in een verslag "
    "voor ouders en team. Dat doen we alleen zonder naam en alleen als je daar "
    "hieronder apart toestemming voor geeft.\n"
    "\n"
    "Je mag altijd stoppen, ook na het gesprek, zonder te zeggen waarom. Dan "
    "verwijderen we je uitwerking. Alle aantekeningen en uitwerkingen worden "
    "uiterlijk op 31 augustus na afloop van dit schooljaar verwijderd.\n"
    "\n"
    "Doet een leerling mee, dan tekent ook een ouder of verzorger.\n"
    "\n"
    "[ ] Ik doe mee aan het interview.\n"
    "[ ] Mijn woorden mogen zonder naam letterlijk worden gebruikt.\n"
    "\n"
    "Naam: ..................  Datum: ..................  Handtekening: "
    ".................."
)

#: Respondents in interview order. days_after_start counts from 2 November; a transcript of
#: None means the interview is planned or held but not yet written out.
RESPONDENTS = [
    {
        "group": "parent",
        "bouw": "middle",
        "relation": "experienced",
        "interviewer": "Samira El Idrissi",
        "days_after_start": 1,
        "quotes_ok": True,
        "transcript": (
            "Gesprek met een ouder uit de middenbouw (code O1), [datum weggelaten]\n"
            "Bij de respondent thuis, ongeveer 45 minuten. Dezelfde avond uitgewerkt.\n"
            "\n"
            "Vraag: Kun je vertellen over een situatie met pesten waar je mee te maken "
            "kreeg?\n"
            "Antwoord: Vorig voorjaar kwam [zoon] steeds vaker met buikpijn thuis. Hij "
            "wilde 's ochtends niet meer zelf fietsen, ik moest hem brengen. Pas na een "
            "paar weken vertelde hij aan de keukentafel dat twee jongens uit zijn klas "
            "hem in de pauze opwachtten bij het klimrek. Ze pakten zijn muts af, gooiden "
            "die over het hek en lachten als hij ging huilen. 'Het is elke dag, mama,' "
            "zei hij. Dat zinnetje vergeet ik nooit meer.\n"
            "\n"
            "Vraag: Hoe verliep het contact met school toen je het wist?\n"
            "Antwoord: Ik heb diezelfde avond om een uur of negen een mail gestuurd naar "
            "[leerkracht A]. Eerlijk gezegd verwachtte ik dat het dagen zou duren. Maar "
            "ze belde me de volgende ochtend al voor schooltijd. Ze zei: 'Goed dat u het "
            "meldt, ik had het niet gezien en dat vind ik vervelend.' Dat ze dat toegaf, "
            "maakte veel uit. Ik voelde me niet de lastige moeder, ik voelde me iemand "
            "die iets belangrijks kwam vertellen.\n"
            "Wat minder goed ging: daarna hoorde ik twee weken niets. Ik wist niet of ze "
            "met de jongens had gepraat, of hun ouders het wisten, niets. Ik moest het "
            "uit [zoon] trekken, en die zei alleen 'het is nu wel beter'. Toen ik er zelf "
            "naar vroeg, bleek er van alles gebeurd te zijn: een gesprek met de jongens, "
            "afspraken over de pauze, een juf die extra bij het klimrek stond. Alleen "
            "wist ik dat niet.\n"
            "\n"
            "Vraag: Wat hielp er, en wat maakte het lastiger?\n"
            "Antwoord: Dat eerste telefoontje hielp enorm. Als ze toen had gezegd "
            "'jongens zijn nu eenmaal zo', dan was ik volgens mij heel anders de rest van "
            "het jaar ingegaan. Het eerste gesprek zet de toon, zo voelde het echt. Wat "
            "lastig was: stilte van school voelt voor een ouder niet als rust, maar als "
            "niks doen. Je gaat thuis zelf invullen. Ik lag 's nachts te bedenken wat ik "
            "zou zeggen als ik een van die moeders op het schoolplein tegenkwam.\n"
            "Ik merkte ook dat ik niet wist wie ik kon bellen als [leerkracht A] er niet "
            "was. Ze werkt drie dagen. Op woensdag stond er een andere juf en die wist "
            "van niets. Ik moest het hele verhaal opnieuw vertellen, waar [zoon] bij "
            "stond.\n"
            "\n"
            "Vraag: Wat zou er moeten veranderen?\n"
            "Antwoord: Gewoon even een berichtje na een paar dagen: we hebben gepraat, we "
            "houden het in de gaten, ik bel u vrijdag weer. Meer hoeft niet. Ik wil geen "
            "verslag, ik wil weten dat er iemand mee bezig is. En zorg dat de collega die "
            "op de andere dagen staat het ook weet.\n"
            "Over de ouders van de andere jongens: 'Ik hoop dat die ook gebeld zijn, want "
            "als ik hun moeder was, zou ik het willen weten.' Ik was boos, maar ik neem "
            "het die ouders eigenlijk niet kwalijk. Het zijn ook maar kinderen van acht. "
            "Ik had alleen graag gehoord dat er met hen gepraat was, zodat ik ze op het "
            "plein weer gewoon kon groeten.\n"
            "\n"
            "Eigen notitie: respondent was eerst gespannen, werd rustiger toen het over "
            "het telefoontje ging. Noemt zelf twee keer 'achter de feiten aanlopen'. "
            "Sterk voorbeeld van 'terugbellen dezelfde dag' en van informatie die daarna "
            "uitblijft. Citeren mag."
        ),
    },
    {
        "group": "teacher",
        "bouw": "upper",
        "relation": "involved",
        "interviewer": "Joost de Vries",
        "days_after_start": 3,
        "quotes_ok": True,
        "transcript": (
            "Gesprek met een leerkracht uit de bovenbouw (code L1), [datum weggelaten]\n"
            "In een leeg lokaal na schooltijd, ongeveer 45 minuten. Uitgewerkt als "
            "samenvatting per onderwerp, letterlijke zinnen tussen aanhalingstekens.\n"
            "\n"
            "Situatie. De leerkracht had vorig jaar een groep waarin een meisje, "
            "[leerling A], maandenlang werd buitengesloten door een groepje vriendinnen. "
            "Het begon met een verjaardag waar zij als enige niet was uitgenodigd en het "
            "ging verder in een appgroep waarin foto's van haar werden doorgestuurd. 'In "
            "de klas zag ik eigenlijk niks. Ze waren poeslief tegen elkaar. Het gebeurde "
            "allemaal na half vier.'\n"
            "\n"
            "Contact met ouders. De moeder van [leerling A] kwam na de herfstvakantie "
            "boos naar school. Volgens de leerkracht terecht: 'Ze had het al weken thuis "
            "gezien en ik had niks laten horen, omdat ik niks wist.' Hij vond het "
            "moeilijk dat hij op dat moment niet wist wat hij wel en niet mocht "
            "vertellen. 'Mag ik zeggen welke meisjes het zijn? Mag ik vertellen wat de "
            "andere ouders zeggen? Niemand had me dat ooit uitgelegd.' Hij heeft het die "
            "avond aan een collega gevraagd, en die deed het weer anders. 'Iedere "
            "leerkracht hier heeft zijn eigen manier. Dat is prima voor een knutselles, "
            "maar niet hiervoor.'\n"
            "\n"
            "Het online deel. Veel van wat er gebeurde, speelde in die appgroep. De "
            "leerkracht voelde zich daar eerst niet verantwoordelijk voor, maar de "
            "gevolgen kwamen wel in zijn klas terecht. 'Ouders zeggen: het is op school "
            "begonnen. School zegt: het gebeurt thuis, op de telefoon. En ondertussen zit "
            "dat kind ertussenin.' Hij zou willen dat ouders en school samen afspraken "
            "maken over de klassenapp, in plaats van dat ze naar elkaar wijzen.\n"
            "\n"
            "Tijd. Hij kwam er een paar keer op terug dat contact met ouders tijd kost "
            "die er niet is. 'Om kwart over drie heb ik overleg, om vijf uur moet ik mijn "
            "eigen kinderen ophalen. Dan ligt er nog een mail van een ouder die ik goed "
            "wil beantwoorden, en dat lukt dan niet.' Hij geeft toe dat hij mails over "
            "pesten soms laat liggen, 'omdat ik er iets zorgvuldigs op wil zeggen, en dan "
            "wordt het morgen, en dan overmorgen'. Nu ziet hij dat een ouder dat als "
            "stilte ervaart, en stilte als onverschilligheid.\n"
            "\n"
            "Wat werkte. Sinds dit schooljaar voert hij in de eerste weken met elke ouder "
            "en elk kind een startgesprek van een kwartier. 'Als je iemand in september "
            "al eens aan tafel hebt gehad, is een lastig telefoontje in november veel "
            "makkelijker. Voor hen en voor mij.' Een vader vertelde in zo'n startgesprek "
            "dat zijn zoon vorig jaar was gepest; daardoor zag de leerkracht in oktober "
            "de eerste signalen veel eerder en belde hij die vader nog dezelfde dag. 'Dat "
            "gesprek was in vijf minuten klaar, omdat we elkaar al kenden.'\n"
            "\n"
            "Wat moet er veranderen. Een vaste aanpak voor de hele school: wie belt wie, "
            "binnen welke tijd, wat vertel je wel en wat niet. 'Ik wil ouders erbij als "
            "partner, niet als publiek dat achteraf hoort hoe het is afgelopen.' "
            "Daarnaast zou hij graag een paar zinnen hebben om een gesprek te openen met "
            "ouders van een kind dat pest. 'Daar zie ik het meest tegenop. Je wilt "
            "eerlijk zijn, maar je wilt niet dat ze meteen dichtklappen.' Hij denkt dat "
            "collega's daar ook mee worstelen, maar dat niemand het hardop zegt.\n"
            "\n"
            "Eigen notitie: open gesprek, hij was kritisch op zijn eigen rol. De zin over "
            "'partner, niet publiek' is bruikbaar voor de teammiddag. Citeren mag."
        ),
    },
    {
        "group": "parent",
        "bouw": "upper",
        "relation": "involved",
        "interviewer": "Marieke Jansen",
        "days_after_start": 7,
        "quotes_ok": False,
        "transcript": (
            "Gesprek met een ouder uit de bovenbouw (code O2), [datum weggelaten]\n"
            "Op school, in een spreekkamer; de respondent wilde liever niet thuis praten. "
            "Ongeveer 50 minuten. Geen toestemming voor citeren: de zinnen hieronder "
            "alleen voor de analyse.\n"
            "\n"
            "Vraag: Kun je vertellen over een situatie met pesten waar je mee te maken "
            "kreeg?\n"
            "Antwoord: Mijn zoon werd vorig jaar aangewezen als degene die pestte. Ik zeg "
            "het maar gewoon zo, want zo voelde het. Er was een jongen in de klas, "
            "[leerling B], die werd uitgelachen en geduwd, en mijn zoon deed mee. Dat "
            "ontken ik niet. Maar hij was niet de enige, en hij was ook niet degene die "
            "ermee begon.\n"
            "\n"
            "Vraag: Hoe hoorde je ervan?\n"
            "Antwoord: Via een andere moeder, op het schoolplein. Ze zei: 'Jij weet zeker "
            "wel wat jouw zoon allemaal uitspookt?' Ik wist van niks. Die avond ging het "
            "erover in de appgroep van de klas, zonder naam, maar iedereen wist over wie "
            "het ging. Pas daarna kreeg ik een mail van school met de vraag of ik langs "
            "wilde komen. Ik was dus de laatste die het hoorde, terwijl het over mijn "
            "eigen kind ging.\n"
            "\n"
            "Vraag: Hoe verliep dat eerste gesprek?\n"
            "Antwoord: Slecht. Ik kwam binnen en daar zaten de leerkracht en de "
            "directeur. Twee tegen één, zo voelde het. Ze hadden een lijstje met "
            "incidenten, met data erbij. Er werd niet gevraagd hoe het thuis met hem "
            "ging, of waarom hij zoiets zou doen. Ik zat daar als de moeder van de dader, "
            "niet als zijn moeder. Ik ben toen in de verdediging geschoten, dat geef ik "
            "toe. Ik heb dingen gezegd waar ik niet trots op ben.\n"
            "Later bleek dat hij zelf ook het een en ander meemaakte. Zijn opa was net "
            "overleden en hij sliep slecht. Dat had ik willen vertellen, maar daar was in "
            "dat gesprek geen ruimte voor. Ik ben naar huis gegaan en heb in de auto "
            "zitten huilen voordat ik naar binnen ging.\n"
            "\n"
            "Vraag: Wat hielp wel?\n"
            "Antwoord: Een paar weken later schoof de intern begeleider aan. Die begon "
            "met: 'Wat ziet u thuis?' Dat klinkt simpel, maar het was de eerste keer dat "
            "iemand mij iets vroeg in plaats van iets vertelde. Vanaf toen ging het "
            "beter. We hebben samen met mijn zoon afspraken gemaakt, en hij ging elke "
            "vrijdag even bij de meester langs om te vertellen hoe de week was gegaan. "
            "Dat vond hij eerst vreselijk, later eigenlijk wel fijn. Ik kreeg daarna elke "
            "vrijdag een kort berichtje. Dat had vanaf het begin zo moeten zijn.\n"
            "\n"
            "Vraag: Wat zou er moeten veranderen?\n"
            "Antwoord: Bel de ouders van alle kinderen die erbij betrokken zijn, en bel "
            "ze zelf, op dezelfde dag. Laat het niet via het schoolplein lopen. En begin "
            "met een vraag. Ik snap heus dat het gepeste kind voorgaat, maar als je de "
            "ouders van het kind dat pest meteen in een hoek zet, krijg je ze niet meer "
            "mee. Ik wilde juist helpen. Ik schaamde me dood.\n"
            "Over de appgroep: ze is eruit gestapt. 'Er werd over een kind van tien "
            "gepraat alsof het een crimineel was.' Ze vindt dat school daar aan het begin "
            "van het jaar iets over mag zeggen, bijvoorbeeld op de informatieavond: hoe "
            "praten we als ouders over andere kinderen, en waar ga je heen als je je "
            "zorgen maakt.\n"
            "\n"
            "Eigen notitie: emotioneel gesprek; respondent was even stil bij het stuk "
            "over het eerste gesprek. Ze hoopt dat andere ouders in haar situatie 'niet "
            "hetzelfde meemaken'. Gevraagd of ze later wil meedenken in de werkgroep; ze "
            "denkt erover na."
        ),
    },
    {
        "group": "pupil",
        "bouw": "upper",
        "relation": "witnessed",
        "interviewer": "Marieke Jansen",
        "days_after_start": 9,
        "quotes_ok": True,
        "transcript": (
            "Gesprek met een leerling uit groep 7 (code K1), [datum weggelaten]\n"
            "In de bibliotheek van school, tijdens de middagpauze, ongeveer 40 minuten. "
            "Ouder heeft toestemming gegeven. Vragen in eenvoudige woorden gesteld.\n"
            "\n"
            "Vraag: Kun je vertellen over een keer dat je zag dat iemand gepest werd?\n"
            "Antwoord: Ja, op het schoolplein, bij het voetbalveldje. Er is een jongen "
            "uit groep 6, [leerling C], die mag nooit meedoen. Ze zeggen dan dat de teams "
            "al vol zijn, maar dat is niet zo. En als hij toch de bal pakt, gaan ze hem "
            "uitschelden. Dat gaat al heel lang zo. Sinds de zomervakantie, denk ik.\n"
            "\n"
            "Vraag: Wat deed je toen?\n"
            "Antwoord: Eerst niks. Ik vond het wel stom, maar die jongens zijn groter dan "
            "ik. En als je er iets van zegt, ben jij de volgende. Een keer heb ik het "
            "tegen de juf gezegd die pleinwacht had. Zij riep toen heel hard over het "
            "plein: 'Wie heeft [leerling C] uitgescholden?' Iedereen keek naar mij, want "
            "ze hadden me net met haar zien praten. Daarna noemden ze me een klikspaan. "
            "Twee dagen lang.\n"
            "\n"
            "Vraag: Wat had je liever gewild?\n"
            "Antwoord: Dat ze het stiekem had gedaan. Of later. Gewoon dat ze die jongens "
            "apart had genomen en niet had gezegd van wie ze het wist. Als de juf het "
            "voor de hele klas zegt, weet iedereen dat jij het was. Dan zeg je het de "
            "volgende keer niet meer.\n"
            "\n"
            "Vraag: Heb je het thuis verteld? (gesloten gesteld; daarna doorgevraagd hoe "
            "dat ging)\n"
            "Antwoord: Aan mijn moeder, bij het eten. Zij zei dat ik het goed had gedaan. "
            "Ze wilde de school mailen, maar dat wilde ik niet. Dan wordt het alleen maar "
            "groter. Volwassenen maken het altijd groot.\n"
            "\n"
            "Vraag: Wat zouden grote mensen moeten doen als een kind gepest wordt?\n"
            "Antwoord: Gewoon rustig erop af. Niet boos, niet schreeuwen. Praten met de "
            "kinderen die het doen, maar zonder iedereen erbij. En dan een paar dagen "
            "later kijken of het echt over is. Nu praten ze één keer en dan denken ze dat "
            "het klaar is. Maar dan gaat het gewoon verder achter het gymlokaal, daar "
            "kijkt niemand.\n"
            "Ik vind ook dat de ouders van [leerling C] het moeten weten. Ik weet niet of "
            "ze het weten. Hij zegt het volgens mij niet thuis, want hij zegt altijd dat "
            "het wel oké is. Dat zei ik vroeger ook.\n"
            "\n"
            "Vraag: Wat zou helpen op het schoolplein?\n"
            "Antwoord: Dat er bij het voetbalveldje iemand staat. En dat je om de beurt "
            "de teams kiest, of dat de juf de teams maakt. In groep 5 deden we dat en "
            "toen was het veel leuker. En een soort brievenbus, waar je een briefje in "
            "kan doen zonder je naam. Dat hebben ze op de school van mijn nicht. Dan hoef "
            "je niet naar de juf te lopen terwijl iedereen kijkt.\n"
            "\n"
            "Vraag: Wat wil je nog zeggen?\n"
            "Antwoord: Dat het niet klikken is als iemand pijn heeft. Dat zegt mijn "
            "moeder altijd. Maar op het plein voelt het wel zo.\n"
            "\n"
            "Eigen notitie: leerling was verlegen in het begin en ging meer praten toen "
            "het over het voetbalveldje ging. Het voorbeeld van de pleinwacht is sterk "
            "voor het thema 'kinderen willen dat volwassenen stil handelen'. Gecheckt of "
            "[leerling C] nu veilig is: doorgegeven aan de leerkracht van groep 6, zonder "
            "te zeggen van wie het kwam. Citeren mag, met toestemming van de ouder."
        ),
    },
    {
        "group": "teacher",
        "bouw": "lower",
        "relation": "none",
        "interviewer": "Pieter Hoekstra",
        "days_after_start": 10,
        "quotes_ok": True,
        "transcript": (
            "Gesprek met een leerkracht uit de onderbouw (code L2), [datum weggelaten]\n"
            "In het kleuterlokaal, na schooltijd, ongeveer 45 minuten. Samenvatting per "
            "vraag, letterlijke zinnen tussen aanhalingstekens.\n"
            "\n"
            "1. Ervaring met pesten. De leerkracht staat al jaren bij de kleuters. Pesten "
            "zoals in de bovenbouw ziet ze weinig, 'maar buitensluiten begint hier al, "
            "bij de poppenhoek en bij wie naast wie mag zitten in de kring'. Ze merkt dat "
            "ouders kleutergedoe snel pesten noemen, en dat zij zelf soms te snel zegt "
            "dat het gewoon ruzie is. 'Ik moet oppassen dat ik het niet wegwuif. Voor een "
            "ouder van een kind dat elke dag huilend thuiskomt, is het geen "
            "kleutergedoe.'\n"
            "\n"
            "2. Contact met ouders. Het grote voordeel van de onderbouw: ouders brengen "
            "hun kind tot in de klas. 'Bij ons staan ouders elke ochtend aan de deur, dat "
            "is een cadeautje.' Kleine dingen bespreekt ze daar meteen. Het nadeel is dat "
            "iedereen meeluistert. Ze vertelt over een moeder die bij de deur zei dat "
            "haar dochter door een ander meisje werd geslagen, terwijl de moeder van dat "
            "meisje twee meter verderop stond. 'Toen dacht ik: dit moet ik nu niet hier "
            "doen. Maar ik wist ook niet hoe ik dat moest zeggen zonder dat het klonk "
            "alsof ik haar wegstuurde.' Ze zei dat ze dezelfde middag zou bellen, en dat "
            "heeft ze gedaan. Volgens haar maakte dat het verschil: 'Die moeder zei later "
            "dat ze het fijn vond dat ik het niet had laten liggen.' Met de moeder van "
            "het andere meisje heeft ze de volgende dag gepraat. 'Die voelde zich meteen "
            "aangevallen. Ik had haar eigenlijk eerst moeten vragen hoe het thuis ging, "
            "in plaats van te vertellen wat er gebeurd was.'\n"
            "\n"
            "3. Wat helpt, wat schuurt. Wat helpt: op de informatieavond maakt ze samen "
            "met de ouders een paar klassenafspraken. Bijvoorbeeld dat je bij een "
            "verjaardag niet één of twee kinderen overslaat, en dat je zorgen eerst bij "
            "haar meldt en niet bij andere ouders. 'Ouders vinden dat heel prettig. Ze "
            "hebben zelf bedacht dat ze het in de appgroep niet over andere kinderen "
            "hebben.' Wat schuurt: er is geen vaste aanpak in de school. 'Als een kind "
            "naar groep 3 gaat, weet ik niet wat de collega met zo'n afspraak doet. Het "
            "begint steeds opnieuw.' Ook tijd is een punt. De middagen zitten vol met "
            "overleg, en omdat ze een duobaan heeft, moet de overdracht goed zijn. 'Als "
            "mijn duo niet weet dat ik een moeder heb beloofd terug te bellen, gaat het "
            "mis.'\n"
            "\n"
            "4. Wat moet er veranderen. Een doorgaande lijn van groep 1 tot 8, met "
            "dezelfde woorden voor kinderen en ouders. En een korte handleiding voor "
            "lastige gesprekken met ouders. 'Geen dik protocol, maar een kaartje: wat zeg "
            "je, wat vraag je, wanneer bel je terug.' Ze vindt ook dat alle ouders aan "
            "het begin van het schooljaar moeten horen wat de school doet als er gepest "
            "wordt. 'Nu hoor je dat pas als het al mis is, en dan is het net of we het "
            "ter plekke verzinnen.'\n"
            "\n"
            "Eigen notitie: zelf geen grote pestsituatie meegemaakt, maar het gesprek "
            "leverde veel op over de eerste signalen en over het contact bij de deur. De "
            "klassenafspraken op de informatieavond zijn bruikbaar voor de fase doen. "
            "Citeren mag."
        ),
    },
    {
        "group": "parent",
        "bouw": "lower",
        "relation": "none",
        "interviewer": "Samira El Idrissi",
        "days_after_start": 14,
        "quotes_ok": True,
        "transcript": (
            "Gesprek met een ouder uit de onderbouw (code O3), [datum weggelaten]\n"
            "Bij de respondent thuis aan de keukentafel, ongeveer 45 minuten. Jongste "
            "kind zit in groep 2, het oudste kind zit op de middelbare school.\n"
            "\n"
            "Vraag: Kun je vertellen over een situatie met pesten waar je mee te maken "
            "kreeg?\n"
            "Antwoord: Op deze school eigenlijk nog niet, en daar ben ik blij om. Mijn "
            "oudste is op haar vorige school wel gepest, in groep 7 en 8, dus ik ben er "
            "misschien extra alert op. Mijn dochter komt soms thuis en zegt dat ze niet "
            "mocht meedoen met een spelletje. Dan denk ik meteen: begint het nu? Meestal "
            "is het de volgende dag weer over.\n"
            "\n"
            "Vraag: Hoe is het contact tussen jou en school?\n"
            "Antwoord: Met de juf goed, ik zie haar elke ochtend. Maar als je vraagt wat "
            "de school doet als er gepest wordt: ik zou het echt niet weten. Dat staat "
            "vast ergens in de schoolgids, maar die heb ik nooit gelezen, eerlijk is "
            "eerlijk. Niemand heeft het me ooit verteld. Bij de inschrijving ging het "
            "over de tijden, de gymtas en het continurooster.\n"
            "Op de vorige school van mijn oudste kregen we pas bericht toen het al "
            "maanden speelde. Ik had het gevoel dat ze het eerst zelf wilden oplossen, en "
            "dat ik pas iets hoorde als dat niet lukte. Daardoor ben ik nu geneigd om bij "
            "het kleinste dingetje al aan de bel te trekken, en dan ben ik weer bang dat "
            "ik als lastige moeder word gezien.\n"
            "\n"
            "Vraag: Wat helpt, en wat maakt het lastiger?\n"
            "Antwoord: Wat helpt is dat de juf altijd even tijd maakt. Een keer vertelde "
            "mijn dochter dat Noor haar had geknepen en had gezegd dat ze geen "
            "vriendinnen meer waren. Ik heb dat de volgende ochtend bij de deur gezegd, "
            "en de juf zei: 'Dank je, ik let er vandaag op en ik laat het je na "
            "schooltijd weten.' En dat deed ze ook, om kwart over drie stond ze bij het "
            "hek. Dat is eigenlijk alles wat ik wil.\n"
            "Wat lastig is, is de appgroep van de klas. Daar gaat het soms over 'dat ene "
            "kind' dat altijd slaat. Ik doe daar niet aan mee, maar ik lees het wel. En "
            "dan denk ik: stel dat dat mijn kind was. De moeder van dat kind zit ook in "
            "die groep. Zij reageert nooit meer.\n"
            "\n"
            "Vraag: Wat zou er moeten veranderen?\n"
            "Antwoord: Vertel het gewoon aan het begin van het jaar, op de "
            "informatieavond, in vijf minuten: als uw kind gepest wordt, of als uw kind "
            "pest, dan doen wij dit, en u hoort het binnen zoveel dagen. Dan hoef je als "
            "ouder niet te raden en ga je niet zelf dingen invullen.\n"
            "En maak met de ouders samen afspraken over die appgroep. Niet verbieden, dat "
            "werkt niet, maar wel afspreken dat het over praktische dingen gaat, zoals "
            "wie er rijdt naar de kinderboerderij. Ik denk dat de meeste ouders dat "
            "eigenlijk ook willen. Niemand durft het alleen als eerste te zeggen.\n"
            "Ik vind het ook belangrijk dat kinderen zelf leren wat ze kunnen doen. Mijn "
            "dochter is vijf. Ze moet leren zeggen: stop, hou op. Dat oefenen we thuis "
            "aan tafel, met de knuffels. Als de school dat ook doet, zeggen we thuis en "
            "op school hetzelfde, en dat is voor zo'n klein kind veel duidelijker.\n"
            "\n"
            "Eigen notitie: respondent heeft op deze school nog geen ervaring met pesten, "
            "maar wel duidelijke verwachtingen, gevormd door wat haar oudste meemaakte. "
            "Terugkerend: niet weten wat school doet, de appgroep, en het korte lijntje "
            "met de juf als iets dat werkt. Citeren mag."
        ),
    },
    {
        "group": "pupil",
        "bouw": "upper",
        "relation": "experienced",
        "interviewer": "Marieke Jansen",
        "days_after_start": 16,
        "quotes_ok": True,
        "transcript": (
            "Gesprek met een leerling uit groep 8 (code K2), [datum weggelaten]\n"
            "In een spreekkamer op school na schooltijd; vader wachtte in de gang. "
            "Ongeveer 40 minuten.\n"
            "\n"
            "Vraag: Kun je vertellen wat er gebeurde?\n"
            "Antwoord: Het was in een spel dat we 's avonds spelen, met een chat erbij. "
            "Een paar jongens uit de klas hadden een eigen groepje gemaakt en daar mocht "
            "ik eerst ook in. Later gingen ze dingen over mij zeggen, over mijn kleren en "
            "dat ik dik ben. Ze maakten ook een plaatje van mij met een varkensneus. Dat "
            "ging rond. Ik zag het pas toen iemand anders het me liet zien.\n"
            "\n"
            "Vraag: Hoe was dat voor jou?\n"
            "Antwoord: Heel raar. Het gebeurde 's avonds in de chat, maar de volgende "
            "ochtend zaten we gewoon weer naast elkaar in de klas. En dan doen ze alsof "
            "er niks is. Ik kon me niet meer concentreren bij rekenen. Ik ging ook niet "
            "meer online, maar dan wist ik niet wat ze over me zeiden, en dat was "
            "eigenlijk nog erger.\n"
            "\n"
            "Vraag: Wie heb je het verteld?\n"
            "Antwoord: Eerst niemand. Ik wilde geen verklikker zijn. En ik dacht: het is "
            "niet op school gebeurd, dus de juf kan er toch niks aan doen. Maar toen zei "
            "Bram dat ik het moest zeggen, want hij vond het ook niet normaal. Hij is "
            "mijn beste vriend. Dus ben ik na de gym naar de juf gegaan, toen de rest al "
            "naar buiten was.\n"
            "\n"
            "Vraag: Wat deed de juf?\n"
            "Antwoord: Ze zei eerst dat het eigenlijk iets voor thuis was, omdat het 's "
            "avonds gebeurde. Dat vond ik stom. Maar de volgende dag kwam ze erop terug. "
            "Ze zei dat ze erover had nagedacht en dat het toch ook van haar was, omdat "
            "het in haar klas ook pijn doet. Ze heeft met die jongens gepraat, apart, in "
            "de pauze. Niet met de hele klas erbij. Dat vond ik goed. Niemand wist dat ik "
            "het had gezegd. Denk ik.\n"
            "\n"
            "Vraag: Hoe kwamen je ouders erachter?\n"
            "Antwoord: De juf belde mijn moeder. Dat wilde ik eerst niet, maar ze zei dat "
            "het moest. Mijn moeder schrok, want ik had thuis niks gezegd. Ze was ook een "
            "beetje boos dat de juf het eerder wist dan zij. Mijn vader wilde meteen de "
            "ouders van die jongens bellen, maar de juf zei dat zij dat zou doen. Dat was "
            "maar goed ook, want mijn vader kan heel boos worden.\n"
            "\n"
            "Vraag: Wat zouden volwassenen anders moeten doen?\n"
            "Antwoord: Niet zeggen dat het online is en dus niet van school. Het zijn "
            "dezelfde kinderen. En niet meteen een heel groot gesprek met iedereen erbij. "
            "Gewoon rustig, en dan na een week nog een keer vragen hoe het gaat. Dat deed "
            "de juf ook, elke vrijdag even. Dat was fijn.\n"
            "En ouders moeten weten wat hun kinderen in die chats doen. De ouders van die "
            "jongens wisten het volgens mij niet eens. Die dachten dat ze gewoon aan het "
            "gamen waren.\n"
            "\n"
            "Vraag: Hoe gaat het nu?\n"
            "Antwoord: Beter. Het groepje is weg. Ik speel nu met andere kinderen. Met "
            "één van die jongens praat ik weer een beetje, met de rest niet. Als ik het "
            "nog een keer zou meemaken, zou ik het sneller zeggen.\n"
            "\n"
            "Eigen notitie: leerling wilde graag vertellen en was duidelijk. Opvallend: "
            "de eerste reactie 'dat is iets voor thuis' en daarna het terugkomen erop. De "
            "moeder vond het moeilijk dat de juf het eerder wist dan zij. Past bij het "
            "thema 'online valt tussen thuis en school'. Ouder gaf toestemming voor "
            "citaten zonder naam."
        ),
    },
    {
        "group": "teacher",
        "bouw": "middle",
        "relation": "involved",
        "interviewer": "Pieter Hoekstra",
        "days_after_start": 21,
        "quotes_ok": True,
        "transcript": (
            "Gesprek met een leerkracht uit de middenbouw (code L3), [datum weggelaten]\n"
            "In de teamkamer na een studiemiddag; één keer onderbroken. Ongeveer 45 "
            "minuten. Samenvatting per onderwerp.\n"
            "\n"
            "Situatie. Vorig schooljaar werd in haar groep een jongen, [leerling D], "
            "herhaaldelijk geschopt en uitgelachen door een klasgenoot, [leerling E]. De "
            "leerkracht zag het, sprak met beide kinderen en belde daarna beide ouders. "
            "'Ik heb het toen verkeerd om gedaan. Ik begon bij de ouders van [leerling E] "
            "met een opsomming van alles wat hij gedaan had. Ik zag die vader "
            "verstrakken. Binnen een minuut ging het over wat andere kinderen bij zijn "
            "zoon deden.'\n"
            "\n"
            "Ouders van het kind dat pest. Ze heeft daar veel over nagedacht. De ouders "
            "van [leerling E] voelden zich beschuldigd en zijn naar de directeur gestapt. "
            "'En terecht, achteraf. Ik heb ze behandeld als de ouders van het probleem.' "
            "Bij een volgende situatie is ze anders begonnen: met wat ze samen wilde "
            "bereiken en met de vraag wat de ouders thuis zagen. 'Ik heb geleerd dat je "
            "niet moet beginnen met wat het kind gedaan heeft, maar met wat je samen "
            "wilt.' Dat tweede gesprek ging veel beter; de ouders kwamen zelf met ideeën.\n"
            "\n"
            "Geen vaste aanpak. Ze vond het lastig dat er op school niet één manier is. "
            "'Ik moest alles zelf uitvinden. Wie bel je eerst? Bel je beide ouders "
            "dezelfde dag? Vertel je de ene ouder wat de andere zei? Ik heb het aan drie "
            "collega's gevraagd en drie antwoorden gekregen.' Uiteindelijk heeft ze de "
            "anti-pestcoördinator ingeschakeld, die haar goed hielp, 'maar dat had ik "
            "twee weken eerder moeten doen. Ik wist niet dat dat zomaar kon.'\n"
            "\n"
            "Tijd. Het hele traject kostte haar een paar avonden per week. 'Dat mag niet "
            "de reden zijn om het te laten liggen, maar het is wel de reden dat het soms "
            "blijft liggen.'\n"
            "\n"
            "Wat werkte. Drie dingen. Eén: ze belde de moeder van [leerling D] nog "
            "dezelfde middag terug, nadat die tussen de middag een mail had gestuurd. Die "
            "moeder heeft later gezegd dat dat voor haar de reden was om de school te "
            "blijven vertrouwen, ook toen het daarna nog een keer misging. Twee: bij de "
            "startgesprekken dit jaar vraagt ze elke ouder hoe die het wil horen als er "
            "iets is. Sommige ouders willen een telefoontje, anderen een bericht, een "
            "paar liever even bij de deur. 'Dat kost één zin en het scheelt later "
            "zoveel.' Drie: op de eerste ouderavond heeft ze met ouders klassenafspraken "
            "gemaakt, die ze daarna ook met de kinderen heeft besproken. De afspraken "
            "hangen in de klas en stonden in de nieuwsbrief. Kinderen verwijzen er zelf "
            "naar, en ouders ook: 'Een vader zei laatst: maar we hadden toch afgesproken "
            "dat we niet over andere kinderen appen?'\n"
            "\n"
            "Wat moet er veranderen. Een vaste volgorde op één kantje, voor het hele "
            "team. Ouders van alle betrokken kinderen op dezelfde dag bellen. En na een "
            "paar dagen een kort bericht aan de ouders over wat er gedaan is, 'ook als er "
            "niks nieuws is, juist dan'. Ze zou ook graag oefenen met collega's hoe je "
            "zo'n eerste gesprek opent.\n"
            "\n"
            "Eigen notitie: zelfkritisch en open. Ze wil in het voorjaar graag meedoen "
            "aan een experiment. Citeren mag; ze vroeg wel om het voorbeeld met de "
            "directeur niet herkenbaar te maken, daarom staat de groep niet in de "
            "uitwerking."
        ),
    },
    {
        "group": "parent",
        "bouw": "middle",
        "relation": "witnessed",
        "interviewer": "Joost de Vries",
        "days_after_start": 24,
        "quotes_ok": False,
        "transcript": (
            "Gesprek met een ouder uit de middenbouw (code O4), [datum weggelaten]\n"
            "Via beeldbellen, op verzoek van de respondent, 's avonds. Ongeveer 45 "
            "minuten. Geen toestemming voor citeren.\n"
            "\n"
            "Vraag: Kun je vertellen over een situatie met pesten waar je mee te maken "
            "kreeg?\n"
            "Antwoord: Niet als ouder van een kind dat gepest werd, en ook niet van een "
            "kind dat pestte. Ik stond ernaast, zeg maar. Ik zit in de appgroep van de "
            "klas van mijn zoon. Vorig jaar werd daar een filmpje gedeeld van twee "
            "kinderen die elkaar op het schoolplein sloegen. Iemand had het door het hek "
            "gefilmd. Binnen een uur had iedereen een mening. Er werden namen genoemd en "
            "er werd gezegd welke ouders 'nooit opvoeden'. In die appgroep was het binnen "
            "een uur een rechtbank.\n"
            "\n"
            "Vraag: Wat deed je toen?\n"
            "Antwoord: Ik heb niks in de groep gezegd, dat vond ik te spannend. Ik heb de "
            "juf een bericht gestuurd, met de vraag of ze wist wat er in de groep "
            "gebeurde. Ze belde me diezelfde middag terug. Ze wist van het gevecht, maar "
            "niet van het filmpje. Ze was er echt van geschrokken. Ze zei dat ze het met "
            "de directeur zou bespreken.\n"
            "\n"
            "Vraag: Hoe ging het daarna?\n"
            "Antwoord: Daar ging het mis, vind ik. Het telefoontje was goed, maar daarna "
            "kwam er twee weken niks. Toen stond er in de nieuwsbrief een stukje over "
            "respectvol communiceren in appgroepen. Heel algemeen. Ondertussen was het "
            "filmpje allang doorgestuurd naar ouders van andere klassen. Die twee "
            "kinderen werden er nog weken op aangesproken. Een van de moeders heeft haar "
            "kind op een andere school gezet, heb ik gehoord. Of het daarom was, weet ik "
            "niet.\n"
            "Wat ik lastig vind: school zegt dat de appgroep van de ouders is en niet van "
            "school. Dat snap ik. Maar het gaat over kinderen van school, gefilmd op het "
            "schoolplein. Dan valt het ergens tussenin, en dan pakt niemand het op.\n"
            "\n"
            "Vraag: Wat zou helpen?\n"
            "Antwoord: Afspraken aan het begin van het jaar, samen met de ouders gemaakt "
            "en niet door school opgelegd. Bijvoorbeeld: we filmen geen kinderen van "
            "anderen, we noemen geen namen, en als je je zorgen maakt, bel je de juf en "
            "niet de groep. Als ouders die afspraken zelf maken, kun je elkaar er ook op "
            "aanspreken. Nu durft niemand dat, want dan ben jij de betweter.\n"
            "En school moet sneller laten horen wat ze doet. Een nieuwsbrief twee weken "
            "later is te laat. Een kort bericht aan de ouders van de klas, dezelfde week: "
            "we weten ervan, we hebben met de kinderen en hun ouders gesproken, we vragen "
            "u het filmpje te verwijderen. Dat was al genoeg geweest. Dan had ik ook niet "
            "het gevoel gehad dat ik het voor niks had gemeld.\n"
            "\n"
            "Vraag: Hoe kijk je nu naar de samenwerking tussen ouders en school?\n"
            "Antwoord: Met de leerkracht goed, met de school als geheel minder. De juf "
            "reageert snel, maar als het boven haar uitstijgt, wordt het vaag. Dan weet "
            "je niet meer wie erover gaat. Ik denk dat veel ouders dat zo ervaren. We "
            "praten onderling meer over school dan met school.\n"
            "\n"
            "Eigen notitie: respondent had veel over het onderwerp nagedacht en kwam zelf "
            "met het idee van klassenafspraken met ouders. De zin 'meer over school dan "
            "met school' vat het goed samen, maar citeren mag niet; alleen voor de "
            "analyse."
        ),
    },
    {
        "group": "pupil",
        "bouw": "upper",
        "relation": "experienced",
        "interviewer": "Samira El Idrissi",
        "days_after_start": 30,
        "quotes_ok": True,
        "transcript": (
            "Gesprek met een leerling uit groep 6 (code K3), [datum weggelaten]\n"
            "In het lokaal van de kinderraad, tijdens de middagpauze, ongeveer 35 "
            "minuten. Moeder heeft toestemming gegeven. Korte vragen gesteld, vaak "
            "doorgevraagd met 'hoe bedoel je?'.\n"
            "\n"
            "Vraag: Kun je vertellen wat er gebeurde?\n"
            "Antwoord: Ik mocht niet meer meedoen met tikkertje. Met niks eigenlijk. Als "
            "ik naar het klimrek liep, liepen ze weg. Een meisje, [leerling F], zei tegen "
            "iedereen dat ze niet met mij mochten spelen, anders mochten ze zelf ook niet "
            "meer meedoen. Dus iedereen deed het. Ook mijn vriendinnen.\n"
            "\n"
            "Vraag: Hoe voelde dat?\n"
            "Antwoord: Alsof ik onzichtbaar was. In de pauze ging ik op het bankje zitten "
            "bij de fietsenstalling. Of ik ging naar binnen en zei dat ik moest plassen. "
            "De pauze duurt een kwartier, maar het voelde als een uur.\n"
            "\n"
            "Vraag: Wie heb je het verteld?\n"
            "Antwoord: Mijn moeder. Niet meteen. Ze vroeg steeds hoe het was op school en "
            "dan zei ik goed. Toen moest ik op een avond bij het eten huilen om iets heel "
            "doms, omdat mijn broertje mijn beker pakte. En toen heb ik het verteld. Mijn "
            "moeder was verdrietig, en ook boos, maar niet op mij.\n"
            "\n"
            "Vraag: Wat deed je moeder toen?\n"
            "Antwoord: Ze wilde de meester mailen. Ik zei eerst nee, want dan weet "
            "iedereen het. Maar ze zei dat ze de meester zou vragen om het rustig te "
            "doen. Dat deed hij ook. Hij heeft [leerling F] en mij apart gesproken, niet "
            "tegelijk. En hij heeft in de klas een spel gedaan over buitensluiten, maar "
            "zonder mijn naam te zeggen. Niemand wist dat het over mij ging. Denk ik. "
            "Misschien [leerling F] wel.\n"
            "\n"
            "Vraag: Wat vond je goed aan wat de meester deed?\n"
            "Antwoord: Dat hij het niet groot maakte. En dat hij na een paar dagen in de "
            "gang vroeg: 'Hoe gaat het nu op het plein?' Gewoon even, niet in de klas. "
            "Hij zei ook dat ik altijd naar hem toe mocht komen, ook als het maar een "
            "klein beetje was. Mijn moeder zei dat hij haar dezelfde dag nog had gebeld. "
            "Dat vond ze heel fijn.\n"
            "Wat ik niet goed vond, is dat het bij het overblijven gewoon doorging. Daar "
            "is een andere juf en die wist niks.\n"
            "\n"
            "Vraag: Wat zouden grote mensen kunnen doen om het beter te maken?\n"
            "Antwoord: Beter kijken op het plein. Ze staan vaak bij elkaar met koffie te "
            "praten. Niet allemaal, maar wel vaak. En als je iets zegt, dan moeten ze het "
            "aan elkaar doorgeven. Aan de overblijfjuf ook. En de ouders van [leerling F] "
            "moesten het ook weten, vind ik. Ik weet niet of de meester die heeft gebeld. "
            "Mijn moeder weet het ook niet.\n"
            "\n"
            "Vraag: Hoe gaat het nu?\n"
            "Antwoord: Beter. Ik speel weer mee. Met [leerling F] ben ik geen vriendin, "
            "maar ze doet niet meer gemeen. Soms kiest ze me zelfs bij tikkertje.\n"
            "\n"
            "Eigen notitie: de leerling vertelde rustig en duidelijk. Punten voor de "
            "analyse: informatie gaat niet mee naar het overblijven, en ook hier weet "
            "niemand of de ouders van het andere kind zijn ingelicht. Positief: de "
            "meester handelde stil en belde dezelfde dag. Moeder gaf toestemming voor "
            "citaten zonder naam."
        ),
    },
    {
        "group": "teacher",
        "bouw": "upper",
        "relation": None,
        "interviewer": "Marieke Jansen",
        "days_after_start": 37,
        "quotes_ok": True,
        "transcript": None,
    },
    {
        "group": "parent",
        "bouw": "middle",
        "relation": "experienced",
        "interviewer": "Samira El Idrissi",
        "days_after_start": 43,
        "quotes_ok": False,
        "transcript": None,
    },
]
