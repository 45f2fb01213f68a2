"""Demo organisations for seed_demo: the network's real members with their real domains."""

from .models import County, Organisation, OrganisationEmailDomain

K = Organisation.Kind
ORGANISATIONS = [
    # name, slug, kind, county, website, domains, innovation platform, idea sluice
    (
        "Borås Stad",
        "boras-stad",
        K.MUNICIPALITY,
        County.VASTRA_GOTALAND,
        "https://www.boras.se",
        ["boras.se"],
        True,
        False,
    ),
    (
        "Göteborgs Stad",
        "goteborgs-stad",
        K.MUNICIPALITY,
        County.VASTRA_GOTALAND,
        "https://goteborg.se",
        ["goteborg.se"],
        True,
        False,
    ),
    (
        "Kiruna kommun",
        "kiruna-kommun",
        K.MUNICIPALITY,
        County.NORRBOTTEN,
        "https://www.kiruna.se",
        ["kiruna.se"],
        True,
        False,
    ),
    (
        "Lunds kommun",
        "lunds-kommun",
        K.MUNICIPALITY,
        County.SKANE,
        "https://lund.se",
        ["lund.se"],
        True,
        False,
    ),
    (
        "Stockholms stad",
        "stockholms-stad",
        K.MUNICIPALITY,
        County.STOCKHOLM,
        "https://start.stockholm",
        ["stockholm.se"],
        True,
        False,
    ),
    (
        "Umeå kommun",
        "umea-kommun",
        K.MUNICIPALITY,
        County.VASTERBOTTEN,
        "https://www.umea.se",
        ["umea.se"],
        True,
        False,
    ),
    (
        "Uddevalla kommun",
        "uddevalla-kommun",
        K.MUNICIPALITY,
        County.VASTRA_GOTALAND,
        "https://www.uddevalla.se",
        ["uddevalla.se"],
        False,
        True,
    ),
    (
        "Trollhättans stad",
        "trollhattans-stad",
        K.MUNICIPALITY,
        County.VASTRA_GOTALAND,
        "https://www.trollhattan.se",
        ["trollhattan.se"],
        False,
        True,
    ),
    (
        "Vänersborgs kommun",
        "vanersborgs-kommun",
        K.MUNICIPALITY,
        County.VASTRA_GOTALAND,
        "https://www.vanersborg.se",
        ["vanersborg.se"],
        False,
        True,
    ),
    (
        "Fyrbodals kommunalförbund",
        "fyrbodals-kommunalforbund",
        K.OTHER,
        County.VASTRA_GOTALAND,
        "https://www.fyrbodal.se",
        ["fyrbodal.se"],
        False,
        True,
    ),
    (
        "Innovatum",
        "innovatum",
        K.BUSINESS,
        County.VASTRA_GOTALAND,
        "https://www.innovatum.se",
        ["innovatum.se"],
        False,
        False,
    ),
    (
        "Entreprenörsarenan",
        "entreprenorsarenan",
        K.CIVIL_SOCIETY,
        County.VASTRA_GOTALAND,
        "https://www.entreprenorsarenan.se",
        ["entreprenorsarenan.se"],
        False,
        False,
    ),
    (
        "Piteå kommun",
        "pitea-kommun",
        K.MUNICIPALITY,
        County.NORRBOTTEN,
        "https://www.pitea.se",
        ["pitea.se"],
        False,
        True,
    ),
    (
        "Skellefteå kommun",
        "skelleftea-kommun",
        K.MUNICIPALITY,
        County.VASTERBOTTEN,
        "https://skelleftea.se",
        ["skelleftea.se"],
        False,
        True,
    ),
    ("Adda", "adda", K.OTHER, County.STOCKHOLM, "https://www.adda.se", ["adda.se"], False, False),
    (
        "Sveriges Kommuner och Regioner",
        "skr",
        K.OTHER,
        County.STOCKHOLM,
        "https://skr.se",
        ["skr.se"],
        False,
        False,
    ),
    (
        "Vinnova",
        "vinnova",
        K.AGENCY,
        County.STOCKHOLM,
        "https://www.vinnova.se",
        ["vinnova.se"],
        False,
        False,
    ),
    ("KTH", "kth", K.ACADEMIA, County.STOCKHOLM, "https://www.kth.se", ["kth.se"], False, False),
    (
        "Region Västerbotten",
        "region-vasterbotten",
        K.REGION,
        County.VASTERBOTTEN,
        "https://www.regionvasterbotten.se",
        ["regionvasterbotten.se"],
        False,
        False,
    ),
]


def seed_organisations():
    organisations = {}
    for name, slug, kind, county, website, domains, platform, sluice in ORGANISATIONS:
        organisation, _ = Organisation.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "county": county,
                "website": website,
                "innovation_platform": platform,
                "idea_sluice": sluice,
            },
        )
        for domain in domains:
            OrganisationEmailDomain.objects.get_or_create(
                domain=domain, defaults={"organisation": organisation}
            )
        organisations[slug] = organisation
    return organisations


# Cases -------------------------------------------------------------------

METHODS = [
    ("Tjänstedesign", "tjanstedesign"),
    ("Användarresor", "anvandarresor"),
    ("Idésluss", "idesluss"),
    ("ISO 56002", "iso-56002"),
    ("Co-design", "co-design"),
    ("Prototypning", "prototypning"),
    ("Innovationsupphandling", "innovationsupphandling"),
    ("Testbädd", "testbadd"),
]

# title, coordinator, status, methods, tags, summary, (start, end), members_only
MORE_CASES = [
    (
        "Digitala trygghetslarm i hemtjänsten",
        "stockholms-stad",
        "completed",
        ["tjanstedesign", "prototypning"],
        ["Äldreomsorg", "Digitalisering"],
        "Äldre och anhöriga var med och formade nya trygghetslarm som nu används i hela staden.",
        (2019, 2021),
        False,
    ),
    (
        "Skolval utan krångel",
        "goteborgs-stad",
        "completed",
        ["anvandarresor", "tjanstedesign"],
        ["Skola", "Digitalisering"],
        "Föräldrarnas resa genom skolvalet kartlades och e-tjänsten byggdes om från grunden.",
        (2020, 2021),
        False,
    ),
    (
        "Medborgarbudget för unga",
        "umea-kommun",
        "ongoing",
        ["co-design"],
        ["Medborgardialog", "Unga"],
        "Unga i Umeå bestämmer över en del av fritidsbudgeten genom förslag och röstning.",
        (2022, None),
        False,
    ),
    (
        "Flytten av Kiruna centrum",
        "kiruna-kommun",
        "ongoing",
        ["testbadd", "co-design"],
        ["Samhällsplanering"],
        "Stadsflytten blir en testbädd för nya kommunala tjänster tillsammans med invånarna.",
        (2014, None),
        False,
    ),
    (
        "Utmaningsdriven upphandling av matlådor",
        "lunds-kommun",
        "completed",
        ["innovationsupphandling"],
        ["Upphandling", "Äldreomsorg"],
        "Lund beskrev behovet i stället för lösningen och fick nya leverantörer med bättre mat.",
        (2018, 2020),
        False,
    ),
    (
        "Ledningssystem för innovation",
        "boras-stad",
        "ongoing",
        ["iso-56002"],
        ["Innovationsledning"],
        "Ett ledningssystem enligt ISO 56002 gör innovation till en del av styrningen.",
        (2020, None),
        False,
    ),
    (
        "Idéslussen i Skellefteå",
        "skelleftea-kommun",
        "completed",
        ["idesluss"],
        ["Idésluss", "Medarbetardriven innovation"],
        "Medarbetarnas idéer fick en väg in, med coachning från idé till test.",
        (2016, 2019),
        False,
    ),
    (
        "Chattbot för bygglovsfrågor",
        "trollhattans-stad",
        "discontinued",
        ["prototypning"],
        ["Digitalisering", "Samhällsbyggnad"],
        "En chattbot prövades för bygglov men lades ner: frågorna var för komplexa.",
        (2021, 2022),
        False,
    ),
    (
        "Sommarjobb via matchning",
        "vanersborgs-kommun",
        "completed",
        ["tjanstedesign"],
        ["Unga", "Arbetsmarknad"],
        "Unga matchas mot sommarjobb efter intressen i stället för lottning.",
        (2021, 2022),
        False,
    ),
    (
        "Innovationsslussen på Innovatum",
        "innovatum",
        "ongoing",
        ["idesluss", "prototypning"],
        ["Idésluss", "Samverkan"],
        "Företag och kommuner testar idéer tillsammans i en gemensam miljö.",
        (2019, None),
        False,
    ),
    (
        "Socialt företagande i Fyrbodal",
        "entreprenorsarenan",
        "ongoing",
        ["co-design"],
        ["Socialt entreprenörskap"],
        "Sociala företag blir leverantörer till kommunerna genom nya samarbetsformer.",
        (2021, None),
        False,
    ),
    (
        "Gemensam upphandling av välfärdsteknik",
        "adda",
        "completed",
        ["innovationsupphandling"],
        ["Upphandling", "Välfärdsteknik"],
        "Ett gemensamt ramavtal gör ny välfärdsteknik tillgänglig för små kommuner.",
        (2020, 2022),
        False,
    ),
    (
        "Kartläggning av innovationsförmåga",
        "skr",
        "completed",
        [],
        ["Innovationsledning"],
        "Ett självskattningsverktyg hjälper kommuner att se var de står.",
        (2021, 2022),
        False,
    ),
    (
        "Forskningscirkel om tjänstedesign",
        "kth",
        "ongoing",
        ["tjanstedesign", "co-design"],
        ["Forskning", "Tjänstedesign"],
        "Forskare och praktiker möts för att pröva och utvärdera metoder tillsammans.",
        (2023, None),
        False,
    ),
    (
        "Ny ingång till socialtjänsten",
        "goteborgs-stad",
        "ongoing",
        ["anvandarresor", "tjanstedesign"],
        ["Socialtjänst"],
        "Första kontakten med socialtjänsten gjordes om utifrån hur den upplevs.",
        (2023, None),
        False,
    ),
    (
        "Digital läxhjälp",
        "umea-kommun",
        "idea",
        ["prototypning"],
        ["Skola", "Digitalisering"],
        "En idé om läxhjälp via video med studenter från universitetet.",
        (None, None),
        False,
    ),
    (
        "Cirkulära möbler i förvaltningen",
        "lunds-kommun",
        "ongoing",
        ["innovationsupphandling"],
        ["Hållbarhet", "Upphandling"],
        "Möbler återbrukas och repareras i stället för att köpas nya.",
        (2022, None),
        False,
    ),
    (
        "Anhörigstöd på nätet",
        "stockholms-stad",
        "completed",
        ["tjanstedesign"],
        ["Äldreomsorg", "Anhöriga"],
        "Anhöriga får stöd och kontakt med andra i samma situation, digitalt och dygnet runt.",
        (2020, 2022),
        False,
    ),
    (
        "Välkomstsamtal för nyanlända",
        "trollhattans-stad",
        "completed",
        ["co-design"],
        ["Integration"],
        "Nyanlända och kommunens medarbetare utformade ett välkomstsamtal tillsammans.",
        (2018, 2019),
        False,
    ),
    (
        "Smarta sopkärl",
        "uddevalla-kommun",
        "discontinued",
        ["testbadd"],
        ["Hållbarhet", "Digitalisering"],
        "Sensorer i sopkärl testades men gav för lite nytta för kostnaden.",
        (2019, 2020),
        False,
    ),
    (
        "Idébank för medarbetare",
        "pitea-kommun",
        "ongoing",
        ["idesluss"],
        ["Medarbetardriven innovation"],
        "En idébank där medarbetare lämnar, utvecklar och följer idéer.",
        (2020, None),
        False,
    ),
    (
        "Kulturskola på landsbygden",
        "kiruna-kommun",
        "idea",
        ["co-design"],
        ["Kultur", "Unga"],
        "En idé om kulturskola som reser till byarna i stället för tvärtom.",
        (None, None),
        False,
    ),
    (
        "Regional innovationsarena",
        "region-vasterbotten",
        "ongoing",
        ["testbadd"],
        ["Hälsa", "Samverkan"],
        "Vården, kommunerna och näringslivet prövar nya lösningar i en gemensam arena.",
        (2021, None),
        False,
    ),
    (
        "Pilot: automatiserat försörjningsstöd",
        "boras-stad",
        "ongoing",
        ["prototypning", "anvandarresor"],
        ["Socialtjänst", "Automatisering"],
        "En försiktig pilot med automatiserade beslut om försörjningsstöd, med mänsklig kontroll.",
        (2023, None),
        True,
    ),
    (
        "Intern utvärdering av idéslussarna",
        "fyrbodals-kommunalforbund",
        "completed",
        ["idesluss"],
        ["Idésluss", "Utvärdering"],
        "Vad gav idéslussarna i Fyrbodal? En intern utvärdering för medlemmarna.",
        (2022, 2023),
        True,
    ),
    (
        "Budgetunderlag för innovationsfonder",
        "vinnova",
        "ongoing",
        [],
        ["Finansiering", "Innovationsledning"],
        "Ett underlag om hur kommuner kan finansiera innovation, för medlemmarnas diskussion.",
        (2024, None),
        True,
    ),
]


def paragraphs(*texts):
    return "".join(f"<p>{text}</p>" for text in texts)


def upsert_case(index, slug, fields, partners=(), methods=(), tags=(), updates=()):
    import datetime

    from .models import CasePage, CasePartner, CaseStatusUpdate

    existing = CasePage.objects.child_of(index).filter(slug=slug).first()
    if existing is not None:
        return existing
    case = CasePage(slug=slug, **fields)
    case.partners = [CasePartner(organisation=org, role=role) for org, role in partners]
    case.status_updates = [
        CaseStatusUpdate(date=datetime.date(*date), text=text) for date, text in updates
    ]
    case.methods = list(methods)
    index.add_child(instance=case)
    if tags:
        case.tags.set(list(tags))
    case.save_revision().publish()
    return case


def seed_cases(home, organisations):
    import datetime

    from .models import CaseIndexPage, CaseMethod, CaseReuse

    index = CaseIndexPage.objects.child_of(home).first()
    if index is None:
        index = CaseIndexPage(
            title="Case",
            slug="case",
            show_in_menus=True,
            intro=(
                "Vad kommuner, regioner och myndigheter har prövat, hur de gjorde och vad det "
                "ledde till. Kopiera det som fungerat."
            ),
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    methods = {
        slug: CaseMethod.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for name, slug in METHODS
    }
    o = organisations
    sluice = upsert_case(
        index,
        "idesluss-for-hallbar-samhallsutveckling",
        {
            "title": "Idésluss för hållbar samhällsutveckling",
            "summary": (
                "Piteå och Skellefteå byggde en förstudie för en gemensam idésluss: ett internt "
                "nätverk av idécoacher och en medborgardriven process för digitala tjänster."
            ),
            "challenge": paragraphs(
                "Medarbetare och invånare har idéer som kan förbättra kommunens tjänster, men "
                "saknar en väg för att pröva dem."
            ),
            "approach": paragraphs(
                "Kommunerna utbildade ett internt nätverk av idécoacher och tog fram en process "
                "där invånarnas idéer om digitala tjänster tas om hand från förslag till test."
            ),
            "results": paragraphs(
                "Förstudien gav en modell för idéslussen som båda kommunerna arbetar vidare med."
            ),
            "innovation": paragraphs("Två kommuner delar på en idésluss och dess coacher."),
            "lessons": paragraphs("Idécoacherna behöver tid avsatt i sina tjänster."),
            "status": "completed",
            "start_date": datetime.date(2015, 11, 1),
            "end_date": datetime.date(2016, 8, 31),
            "coordinator": o["pitea-kommun"],
            "funder": o["vinnova"],
            "funding_amount": 400000,
            "funding_programme": "Idéslussar i kommuner – förstudier",
            "innovation_kind": "incremental",
            "users_and_beneficiaries": "Medarbetare och invånare i Piteå och Skellefteå.",
        },
        partners=[(o["skelleftea-kommun"], "Partner i förstudien")],
        methods=[methods["idesluss"], methods["co-design"]],
        tags=["Idésluss", "Digitalisering", "Medborgardialog"],
        updates=[((2016, 8, 31), "Förstudien avslutad och rapporterad till Vinnova.")],
    )
    icare = upsert_case(
        index,
        "idesluss-icare4-fyrbodal",
        {
            "title": "Idésluss iCare4 Fyrbodal",
            "summary": (
                "Uddevalla leder en gemensam idésluss för kommunerna i Fyrbodal, där "
                "medarbetarnas idéer inom vård och omsorg prövas med stöd av Innovatum och "
                "Entreprenörsarenan."
            ),
            "challenge": paragraphs("Små kommuner har svårt att själva bära en idésluss."),
            "approach": paragraphs(
                "En gemensam idésluss med coacher från flera organisationer och en delad process."
            ),
            "status": "ongoing",
            "start_date": datetime.date(2017, 1, 1),
            "coordinator": o["uddevalla-kommun"],
            "innovation_kind": "incremental",
        },
        partners=[
            (o["trollhattans-stad"], "Deltagande kommun"),
            (o["vanersborgs-kommun"], "Deltagande kommun"),
            (o["fyrbodals-kommunalforbund"], "Samordning"),
            (o["innovatum"], "Coachning"),
            (o["entreprenorsarenan"], "Coachning"),
        ],
        methods=[methods["idesluss"]],
        tags=["Idésluss", "Vård och omsorg", "Samverkan"],
    )
    boras = upsert_case(
        index,
        "innovationsplattformen-i-boras",
        {
            "title": "Innovationsplattformen i Borås 2013–2023",
            "summary": (
                "Tio år av systematiskt innovationsarbete: ledningssystem enligt ISO 56002, "
                "användarresor, tjänstedesign och ett politiskt råd för digitalisering och "
                "innovation."
            ),
            "approach": paragraphs(
                "Borås Stad byggde en plattform för att pröva nya lösningar med invånare, "
                "företag och akademi, och förankrade arbetet i styrningen."
            ),
            "results": paragraphs("Innovation är i dag en del av stadens ordinarie styrning."),
            "lessons": paragraphs("Politisk förankring gör arbetet uthålligt över tid."),
            "status": "completed",
            "start_date": datetime.date(2013, 1, 1),
            "end_date": datetime.date(2023, 12, 31),
            "coordinator": o["boras-stad"],
            "innovation_kind": "radical",
        },
        methods=[methods["iso-56002"], methods["anvandarresor"], methods["tjanstedesign"]],
        tags=["Innovationsplattform", "Innovationsledning", "Tjänstedesign"],
    )
    created = {}
    for title, org, status, method_slugs, tags, summary, (start, end), members_only in MORE_CASES:
        from django.utils.text import slugify

        created[title] = upsert_case(
            index,
            slugify(title),
            {
                "title": title,
                "summary": summary,
                "challenge": paragraphs(summary),
                "status": status,
                "start_date": datetime.date(start, 1, 1) if start else None,
                "end_date": datetime.date(end, 12, 31) if end else None,
                "coordinator": o[org],
                "visibility": "members" if members_only else "public",
            },
            methods=[methods[slug] for slug in method_slugs],
            tags=tags,
        )
    reuses = [
        (sluice, "uddevalla-kommun", (2017, 3, 1), "Modellen låg till grund för iCare4.", icare),
        (
            sluice,
            "trollhattans-stad",
            (2018, 5, 1),
            "Idécoacherna utbildades efter samma upplägg.",
            None,
        ),
        (boras, "lunds-kommun", (2021, 9, 1), "Lund tog över arbetet med ledningssystemet.", None),
        (boras, "umea-kommun", (2022, 2, 1), "", None),
        (
            created["Digitala trygghetslarm i hemtjänsten"],
            "goteborgs-stad",
            (2022, 4, 1),
            "Anpassat för stadsdelarnas larmcentraler.",
            None,
        ),
        (
            created["Utmaningsdriven upphandling av matlådor"],
            "adda",
            (2021, 1, 1),
            "Blev förebild för ett gemensamt ramavtal.",
            None,
        ),
    ]
    for case, org, date, adaptation, follow_up in reuses:
        CaseReuse.objects.get_or_create(
            case=case,
            organisation=o[org],
            defaults={
                "adopted_on": datetime.date(*date),
                "adaptation": adaptation,
                "follow_up_case": follow_up,
            },
        )
    return index
