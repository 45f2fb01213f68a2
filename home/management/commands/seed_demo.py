"""Build the demo network: page tree, news, standard pages and site settings.

Safe to run again: what exists already (found by slug) is left as it is, so an
editor's changes survive and a second run creates nothing new. Later apps add
their own demo content from this command.
"""

import datetime
from urllib.parse import urlparse

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from events.demo import seed_events
from home.models import HomePage, NetworkSettings, NewsIndexPage, NewsPage, StandardPage
from members.demo import seed_members
from members.models import MemberProfile
from network.demo import seed_cases, seed_organisations

DEMO_ADMIN_EMAIL = "admin@samverkan.se"
DEMO_EDITOR_EMAIL = "redaktor@samverkan.se"
DEMO_NETWORK_ADMIN_EMAIL = "natverksadmin@samverkan.se"
DEMO_PASSWORD = "samverkan-demo-2026"  # noqa: S105 - set only when DEBUG is on


def paragraphs(*texts):
    return RichText("".join(f"<p>{text}</p>" for text in texts))


def upsert_child(parent, model, slug, **fields):
    """The child page with this slug, created and published if it is missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    tags = fields.pop("tags", None)
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    if tags:
        page.tags.set(tags)
    page.save_revision().publish()
    return page, True


NEWS = [
    {
        "slug": "natverket-startar-om",
        "title": "Nätverket startar om med användardriven innovation i fokus",
        "date": datetime.date(2022, 6, 14),
        "intro": (
            "Nätverket som växte fram ur arbetet med tjänstedesign tar nästa steg: "
            "fokus flyttas till användardriven innovation i hela offentlig sektor."
        ),
        "tags": ["Användardriven innovation", "Tjänstedesign", "OECD"],
        "body": [
            (
                "paragraph",
                paragraphs(
                    "Sedan starten har nätverket samlat medarbetare i kommuner, regioner och "
                    "myndigheter som vill utveckla välfärden tillsammans med dem som använder "
                    "den. Nu breddar vi uppdraget: från tjänstedesign som metod till "
                    "användardriven innovation som arbetssätt.",
                    "Som gemensam grund använder vi OECD:s fem principer för innovation i "
                    "offentlig sektor.",
                ),
            ),
            ("heading", {"text": "OECD:s fem principer", "level": "h2"}),
            (
                "paragraph",
                RichText(
                    "<ol><li>Omfamna och stärk innovation på alla nivåer.</li>"
                    "<li>Uppmuntra och rusta alla medarbetare att förnya.</li>"
                    "<li>Odla nya partnerskap och låt fler röster höras.</li>"
                    "<li>Stöd utforskande, iteration och test.</li>"
                    "<li>Sprid lärdomar och dela arbetssätt.</li></ol>"
                ),
            ),
            (
                "quote",
                {
                    "quote": "Den som använder tjänsten vet ofta bäst var den skaver.",
                    "attribution": "Nätverkets samordnare",
                },
            ),
        ],
    },
    {
        "slug": "plattformsarbetet-2023",
        "title": "Innovationsplattformarna summerar 2023",
        "date": datetime.date(2023, 12, 12),
        "intro": (
            "Sex kommuner har byggt innovationsplattformar för att pröva nya lösningar "
            "tillsammans med invånare, företag och akademi. Här är årets lärdomar."
        ),
        "tags": ["Innovationsplattform", "Innovationsledning", "ISO 56002"],
        "body": [
            (
                "paragraph",
                paragraphs(
                    "Stockholm, Umeå, Göteborg, Lund, Kiruna och Borås har under året arbetat "
                    "vidare med sina plattformar. Gemensamt för dem är att testa i verklig "
                    "miljö, att låta användarnas behov styra och att dela resultaten.",
                    "Borås Stad har byggt sitt arbete på ledningssystemet för innovation enligt "
                    "ISO 56002, med användarresor och tjänstedesign som verktyg och ett politiskt "
                    "råd för digitalisering och innovation som driver frågorna framåt.",
                ),
            ),
        ],
    },
    {
        "slug": "vinnova-kartlaggning-innovationsarbete",
        "title": "Kartläggning: regionerna leder det systematiska innovationsarbetet",
        "date": datetime.date(2023, 10, 3),
        "intro": (
            "79 procent av regionerna men bara 36 procent av kommunerna arbetar "
            "systematiskt med innovation, visar Vinnovas kartläggning."
        ),
        "tags": ["Vinnova", "Innovationsledning"],
        "body": [
            (
                "paragraph",
                paragraphs(
                    "Vinnovas kartläggning visar en tydlig skillnad mellan regioner och kommuner. "
                    "Där de flesta regioner har strategier, resurser och uppföljning för "
                    "innovation saknar nästan två av tre kommuner ett systematiskt arbetssätt.",
                    "För nätverket är det en uppmaning: att dela erfarenheter mellan "
                    "kommuner är ett av de billigaste sätten att komma i gång.",
                ),
            ),
        ],
    },
    {
        "slug": "idesluss-fyrbodal",
        "title": "Idéslussen i Fyrbodal tar emot sina första idéer",
        "date": datetime.date(2024, 2, 20),
        "intro": (
            "Uddevalla, Trollhättan och Vänersborg har tillsammans med Fyrbodals "
            "kommunalförbund öppnat en gemensam idésluss för medarbetarnas idéer."
        ),
        "tags": ["Idésluss", "Samverkan"],
        "body": [
            (
                "paragraph",
                paragraphs(
                    "I idéslussen får medarbetare stöd att pröva sina idéer, från första "
                    "skiss till test. Innovatum och Entreprenörsarenan bidrar med coachning.",
                ),
            ),
        ],
    },
    {
        "slug": "workshop-innovationsledning-vanersborg",
        "title": "Workshop i innovationsledning samlade 40 deltagare",
        "date": datetime.date(2024, 4, 18),
        "intro": (
            "Chefer och utvecklare från hela Fyrbodal träffades i Vänersborg för att öva på "
            "att leda innovationsarbete."
        ),
        "tags": ["Innovationsledning", "Workshop"],
        "body": [
            (
                "paragraph",
                paragraphs(
                    "Deltagarna arbetade med verkliga utmaningar från sina verksamheter och "
                    "fick pröva verktyg för att skilja komplexa problem från komplicerade.",
                ),
            ),
        ],
    },
    {
        "slug": "kiruna-testbadd-stadsomvandling",
        "title": "Kiruna prövar nya tjänster mitt i stadsomvandlingen",
        "date": datetime.date(2024, 6, 5),
        "intro": (
            "När staden flyttar blir Kiruna en testbädd för hur kommunala tjänster kan "
            "utformas tillsammans med invånarna."
        ),
        "tags": ["Innovationsplattform", "Användardriven innovation"],
        "body": [("paragraph", paragraphs("Invånarna bjuds in att pröva tjänsterna tidigt."))],
    },
    {
        "slug": "umea-invanardialog",
        "title": "Umeå bjuder in invånare att utforma framtidens mötesplatser",
        "date": datetime.date(2024, 9, 10),
        "intro": "Med tjänstedesign tar Umeå kommun fram nya mötesplatser tillsammans med unga.",
        "tags": ["Tjänstedesign", "Innovationsplattform"],
        "body": [("paragraph", paragraphs("Unga har intervjuat unga och testat prototyper."))],
    },
    {
        "slug": "lund-utmaningsdriven-upphandling",
        "title": "Lund beskriver behovet i stället för lösningen",
        "date": datetime.date(2024, 11, 14),
        "intro": "Lunds kommun provar utmaningsdriven upphandling för att öppna för nya idéer.",
        "tags": ["Innovationsupphandling"],
        "body": [("paragraph", paragraphs("Leverantörerna får föreslå hur behovet ska mötas."))],
    },
    {
        "slug": "goteborg-digitala-tjanster",
        "title": "Göteborg delar mönster för digitala tjänster",
        "date": datetime.date(2025, 2, 4),
        "intro": "Göteborgs Stad öppnar sitt designsystem så att fler kommuner kan använda det.",
        "tags": ["Digitalisering", "Tjänstedesign"],
        "body": [("paragraph", paragraphs("Komponenterna är fria att återanvända."))],
    },
    {
        "slug": "stockholm-innovationsfond",
        "title": "Stockholms stad satsar på medarbetarnas idéer",
        "date": datetime.date(2025, 5, 20),
        "intro": "En ny fond ger förvaltningarna möjlighet att testa idéer i liten skala.",
        "tags": ["Innovationsledning"],
        "body": [("paragraph", paragraphs("Små, snabba försök ska ge underlag för beslut."))],
    },
    {
        "slug": "pitea-skelleftea-idesluss-lardomar",
        "title": "Lärdomar från idéslussen i Piteå och Skellefteå",
        "date": datetime.date(2025, 9, 2),
        "intro": (
            "Ett internt nätverk av idécoacher och en medborgardriven process för digitala "
            "tjänster: så gick förstudien till."
        ),
        "tags": ["Idésluss", "Vinnova", "Digitalisering"],
        "body": [
            (
                "paragraph",
                paragraphs(
                    "Förstudien finansierades av Vinnova inom utlysningen Idéslussar i kommuner "
                    "och pågick från november 2015 till augusti 2016.",
                ),
            )
        ],
    },
    {
        "slug": "natverksmote-hosten-2025",
        "title": "Nätverksträff: så sprider vi det som fungerar",
        "date": datetime.date(2025, 11, 12),
        "intro": "Höstens nätverksträff handlade om att återanvända lösningar mellan kommuner.",
        "tags": ["Samverkan", "Användardriven innovation"],
        "body": [("paragraph", paragraphs("Att kopiera det som fungerat är nätverkets kärna."))],
    },
]

INNOVATION_FAQ = [
    (
        "Vad är innovation i offentlig sektor?",
        "Nya eller väsentligt förbättrade tjänster, processer eller arbetssätt som skapar "
        "värde för invånare och verksamhet. Det nya ska vara taget i bruk, inte bara en idé.",
    ),
    (
        "Vad skiljer innovation från ständiga förbättringar?",
        "Ständiga förbättringar gör det vi redan gör lite bättre, steg för steg. Innovation "
        "ändrar vad vi gör eller hur vi gör det, och bär därför större osäkerhet: vi vet inte "
        "i förväg om det fungerar, och måste pröva för att lära.",
    ),
    (
        "Vad är skillnaden mellan komplicerade och komplexa problem?",
        "Ett komplicerat problem kan lösas med expertis och planering: svaret finns att räkna "
        "fram. Ett komplext problem förändras när vi agerar, och orsak och verkan syns först i "
        "efterhand. Där behövs små försök, användarnas erfarenheter och snabb återkoppling.",
    ),
    (
        "Vad menas med användardriven innovation?",
        "Att utgå från behoven hos dem som använder tjänsten, invånare som medarbetare, och "
        "att låta dem delta genom hela arbetet: från att förstå problemet till att testa "
        "lösningen.",
    ),
]


class Command(BaseCommand):
    help = "Load the demo network (safe to run again)."

    @transaction.atomic
    def handle(self, *args, **options):
        self.seed_users()
        home = self.seed_home()
        self.seed_pages(home)
        organisations = seed_organisations()
        seed_members(organisations, password=DEMO_PASSWORD)
        seed_cases(home, organisations)
        approved = [
            profile.user
            for profile in MemberProfile.objects.approved().select_related("user").order_by("pk")
        ]
        seed_events(home, organisations, members=approved[3:8])
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
        if settings.DEBUG:
            self.stdout.write(
                f"Demo admin: {DEMO_ADMIN_EMAIL} / {DEMO_PASSWORD}  ({settings.SITE_URL}/admin/)"
            )
            self.stdout.write(
                f"Demo member: anna.lindberg@boras.se / {DEMO_PASSWORD}  "
                f"({settings.SITE_URL}/medlemmar/)"
            )

    def seed_home(self):
        root = Page.get_first_root_node()
        home = HomePage.objects.first()
        if home is None:
            # Wagtail's placeholder welcome page gives way to the network's home page.
            for placeholder in (
                root.get_children().filter(slug="home").exclude(content_type__model="homepage")
            ):
                placeholder.delete()
            home = HomePage(
                title="Samverkan",
                slug="home",
                hero_title="Tillsammans förnyar vi offentlig sektor",
                hero_intro=(
                    "Samverkan är nätverket för användardriven innovation där kommuner, regioner "
                    "och myndigheter delar vad de prövat, hur det gick och vad andra kan "
                    "återanvända."
                ),
                seo_title="Samverkan – nätverket för användardriven innovation",
                search_description=(
                    "Nätverket för användardriven innovation i offentlig sektor: case, "
                    "evenemang och nyheter från kommuner, regioner och myndigheter."
                ),
            )
            root.add_child(instance=home)
            home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            # The public address, so that feeds and exports carry working links.
            address = urlparse(settings.SITE_URL)
            Site.objects.create(
                hostname=address.hostname or "localhost",
                port=address.port or (443 if address.scheme == "https" else 80),
                root_page=home,
                is_default_site=True,
                site_name="Samverkan",
            )
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.site_name = site.site_name or "Samverkan"
            site.save()
        return home

    def seed_pages(self, home):
        about, _ = upsert_child(
            home,
            StandardPage,
            "om-natverket",
            title="Om nätverket",
            show_in_menus=True,
            intro=(
                "Ett nätverk för alla som arbetar med användardriven innovation i offentlig "
                "sektor: i kommuner, regioner och myndigheter, tillsammans med akademi, "
                "näringsliv och civilsamhälle."
            ),
            body=[
                (
                    "paragraph",
                    paragraphs(
                        "Nätverket har omkring 1 300 medlemmar och växte fram ur ett nätverk "
                        "för tjänstedesign. I dag samlar det de sex kommunala "
                        "innovationsplattformarna i Stockholm, Umeå, Göteborg, Lund, Kiruna och "
                        "Borås, kommunala idéslussar och alla som vill lära av varandra.",
                        "Här delar medlemmarna case – vad de prövat, hur och vad det ledde till – "
                        "så att andra kan återanvända det som fungerat.",
                    ),
                ),
                (
                    "call_to_action",
                    {
                        "title": "Vad är innovation i offentlig sektor?",
                        "text": "Frågor och svar om begreppen nätverket bygger på.",
                        "page": None,
                        "url": "",
                        "button_label": "Läs frågor och svar",
                    },
                ),
            ],
            contacts=[
                (
                    "contact_person",
                    {
                        "name": "Nätverkets kansli",
                        "role": "Samordning och medlemsfrågor",
                        "email": "kontakt@samverkan.se",
                        "phone": "08-123 456 00",
                    },
                )
            ],
        )
        faq, _ = upsert_child(
            home,
            StandardPage,
            "innovation-i-offentlig-sektor",
            title="Vad är innovation i offentlig sektor?",
            show_in_menus=True,
            intro="Frågor och svar om innovation, förbättring och komplexa utmaningar.",
            body=[
                ("question_answer", {"question": question, "answer": paragraphs(answer)})
                for question, answer in INNOVATION_FAQ
            ],
        )
        self.link_call_to_action(about, faq)
        if home.hero_link_id is None:
            home.hero_link = about
            home.hero_link_label = "Om nätverket"
            home.save_revision().publish()

        news_index, _ = upsert_child(
            home,
            NewsIndexPage,
            "nyheter",
            title="Nyheter",
            show_in_menus=True,
            intro="Nyheter från nätverket, plattformarna och medlemmarna.",
        )
        editor = get_user_model().objects.filter(email=DEMO_EDITOR_EMAIL).first()
        for item in NEWS:
            upsert_child(news_index, NewsPage, **item, author=editor)

        privacy, _ = upsert_child(
            home,
            StandardPage,
            "integritet",
            title="Integritetspolicy",
            intro="Så behandlar vi personuppgifter om medlemmar och besökare.",
            body=[
                (
                    "paragraph",
                    paragraphs(
                        "Vi behandlar de uppgifter du själv lämnar i din medlemsprofil för att "
                        "driva nätverket. Du kan när som helst ladda ner dina uppgifter eller "
                        "radera ditt konto från din profil.",
                        "Webbplatsen använder bara de kakor som behövs för att den ska fungera: "
                        "inloggning, säkerhet och språkval. Vi använder inga spårningstjänster.",
                    ),
                )
            ],
        )
        accessibility, _ = upsert_child(
            home,
            StandardPage,
            "tillganglighet",
            title="Tillgänglighetsredogörelse",
            intro=(
                "Vi vill att så många som möjligt ska kunna använda webbplatsen. Här beskriver vi "
                "hur den uppfyller lagen om tillgänglighet till digital offentlig service."
            ),
            body=[
                (
                    "paragraph",
                    paragraphs(
                        "Webbplatsen är byggd för att uppfylla WCAG 2.1 nivå AA. Den går att "
                        "använda med tangentbord och skärmläsare, och texterna går att förstora.",
                        "Om du stöter på hinder, kontakta oss så försöker vi lösa det. Du kan "
                        "också anmäla till Myndigheten för digital förvaltning (Digg).",
                    ),
                )
            ],
        )

        network_settings = NetworkSettings.load()
        if not network_settings.contact_email:
            network_settings.network_name = "Samverkan"
            network_settings.tagline = "Nätverket för användardriven innovation"
            network_settings.contact_email = "kontakt@samverkan.se"
            network_settings.contact_phone = "08-123 456 00"
            network_settings.footer_text = (
                "Ett nätverk för användardriven innovation i offentlig sektor, "
                "för kommuner, regioner och myndigheter."
            )
            network_settings.linkedin_url = "https://www.linkedin.com/"
            network_settings.privacy_page = privacy
            network_settings.accessibility_page = accessibility
            network_settings.save()

    def link_call_to_action(self, about, faq):
        """Point the about page's call to action at the FAQ once both exist."""
        for block in about.body:
            if block.block_type == "call_to_action" and not block.value.get("page"):
                block.value["page"] = faq
                about.save_revision().publish()
                break

    def seed_users(self):
        """The network's staff: an admin, an editor and a network admin, all approved members."""
        User = get_user_model()
        for email, first, last, superuser, group in (
            (DEMO_ADMIN_EMAIL, "Admin", "Samverkan", True, None),
            (DEMO_EDITOR_EMAIL, "Karin", "Lindqvist", False, "Editors"),
            (DEMO_NETWORK_ADMIN_EMAIL, "Nils", "Granath", False, "Network admins"),
        ):
            user, created = User.objects.get_or_create(
                username=email,
                defaults={
                    "email": email,
                    "first_name": first,
                    "last_name": last,
                    "is_staff": superuser,
                    "is_superuser": superuser,
                },
            )
            if not created:
                continue
            # Demo logins only where nobody else can reach them.
            if settings.DEBUG:
                user.set_password(DEMO_PASSWORD)
            else:
                user.set_unusable_password()
            user.save()
            if group:
                user.groups.add(Group.objects.get(name=group))
            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            user.member_profile.set_status(MemberProfile.Status.APPROVED)
