"""Swedish for every interface string: run `python locale/sv_translations.py` after makemessages.

Kept beside the catalogue so that a regenerated django.po is filled in again the
same way; translators may also edit django.po directly.
"""

# ruff: noqa: E501, RUF001
SV = {
    "Home, pages and news": "Startsida, sidor och nyheter",
    "Heading": "Rubrik",
    "Level": "Nivå",
    "Heading 2": "Rubrik 2",
    "Heading 3": "Rubrik 3",
    "Heading 4": "Rubrik 4",
    "Image": "Bild",
    "Alternative text": "Alternativtext",
    "Describe what the image shows for those who cannot see it.": "Beskriv vad bilden visar för den som inte kan se den.",
    "Caption": "Bildtext",
    "Quote": "Citat",
    "Attribution": "Källa",
    "Title": "Titel",
    "Text": "Text",
    "Page": "Sida",
    "External link": "Extern länk",
    "Button text": "Knapptext",
    "Call to action": "Uppmaning",
    "Choose either a page or a link.": "Välj antingen en sida eller en länk.",
    "Document": "Dokument",
    "Link text": "Länktext",
    "The document's title if left empty.": "Dokumentets titel om fältet lämnas tomt.",
    "Document link": "Dokumentlänk",
    "Question": "Fråga",
    "Answer": "Svar",
    "Question and answer": "Fråga och svar",
    "Name": "Namn",
    "Role": "Roll",
    "Email": "E-post",
    "Phone": "Telefon",
    "Contact person": "Kontaktperson",
    "Embedded media": "Inbäddad media",
    "News from %(network)s": "Nyheter från %(network)s",
    "There is no such page in this list.": "Listan har ingen sådan sida.",
    "contact people": "kontaktpersoner",
    "Shown at the foot of the page.": "Visas längst ned på sidan.",
    "hero title": "huvudrubrik",
    "hero introduction": "introduktion",
    "hero image": "toppbild",
    "Decorative: shown behind the introduction, so it needs no alternative text.": "Dekorativ: visas bakom introduktionen och behöver därför ingen alternativtext.",
    "hero link": "länk i toppen",
    "hero link text": "länktext i toppen",
    "body": "innehåll",
    "Hero": "Toppyta",
    "home page": "startsida",
    "home pages": "startsidor",
    "introduction": "ingress",
    "standard page": "standardsida",
    "standard pages": "standardsidor",
    "news index": "nyhetsarkiv",
    "news indexes": "nyhetsarkiv",
    "date": "datum",
    "Shown in lists and the RSS feed.": "Visas i listor och i RSS-flödet.",
    "tags": "taggar",
    "author": "skribent",
    "listing image": "listbild",
    "Shown beside the headline in lists; decorative.": "Visas bredvid rubriken i listor; dekorativ.",
    "News details": "Om nyheten",
    "news page": "nyhet",
    "news pages": "nyheter",
    "network name": "nätverkets namn",
    "tagline": "slogan",
    "contact email": "kontaktadress (e-post)",
    "contact phone": "telefonnummer",
    "footer text": "sidfotstext",
    "LinkedIn": "LinkedIn",
    "Facebook": "Facebook",
    "YouTube": "YouTube",
    "Instagram": "Instagram",
    "privacy page": "integritetspolicy",
    "accessibility statement": "tillgänglighetsredogörelse",
    "Network": "Nätverket",
    "Contact": "Kontakt",
    "Social media": "Sociala medier",
    "Footer links": "Länkar i sidfoten",
    "network settings": "nätverksinställningar",
    "Search": "Sök",
    "Swedish": "svenska",
    "English": "engelska",
    "Page not found": "Sidan kunde inte hittas",
    "The page you were looking for is not here. It may have moved, or the address may be mistyped.": "Sidan du letade efter finns inte här. Den kan ha flyttats, eller så är adressen felskriven.",
    "Search the site": "Sök på webbplatsen",
    "Go to the home page": "Till startsidan",
    "Something went wrong": "Något gick fel",
    "Something went wrong on our side. The error has been logged and we will look into it. Please try again in a moment.": "Något gick fel hos oss. Felet är registrerat och vi tittar på det. Försök igen om en stund.",
    "Skip to content": "Hoppa till innehållet",
    "Last changed": "Senast ändrad",
    "Latest news": "Senaste nytt",
    "All news": "Alla nyheter",
    "Follow the news by RSS": "Följ nyheterna med RSS",
    "Filter by tag": "Filtrera på tagg",
    "All": "Alla",
    (
        "%(counter)s news item tagged “%(tag)s”.",
        "%(counter)s news items tagged “%(tag)s”.",
    ): ("%(counter)s nyhet med taggen ”%(tag)s”.", "%(counter)s nyheter med taggen ”%(tag)s”."),
    "There is no news with that tag.": "Det finns inga nyheter med den taggen.",
    "Show all news": "Visa alla nyheter",
    "No news has been published yet.": "Inga nyheter har publicerats ännu.",
    "By %(name)s": "Av %(name)s",
    "Tags": "Taggar",
    "Share": "Dela",
    "(opens in a new window)": "(öppnas i ett nytt fönster)",
    "Search: %(query)s": "Sök: %(query)s",
    "What are you looking for?": "Vad letar du efter?",
    (
        "%(counter)s result for “%(query)s”.",
        "%(counter)s results for “%(query)s”.",
    ): ("%(counter)s resultat för ”%(query)s”.", "%(counter)s resultat för ”%(query)s”."),
    "Nothing was found for “%(query)s”.": "Inga träffar för ”%(query)s”.",
    "Try other or fewer words, or check the spelling.": "Pröva andra eller färre ord, eller kontrollera stavningen.",
    "Search news, cases, events and pages across the network.": "Sök bland nyheter, case, evenemang och sidor i hela nätverket.",
    "Breadcrumbs": "Brödsmulor",
    "Home": "Startsida",
    "Follow us": "Följ oss",
    "Privacy": "Integritet",
    "Accessibility statement": "Tillgänglighetsredogörelse",
    "Editors' login": "Inloggning för redaktörer",
    "This site uses only the cookies it needs to work. No tracking.": "Webbplatsen använder bara de kakor som behövs för att den ska fungera. Ingen spårning.",
    "Language": "Språk",
    "Main menu": "Huvudmeny",
    "Menu": "Meny",
    "Pages": "Sidor",
    "Previous": "Föregående",
    "Page %(number)s of %(total)s": "Sida %(number)s av %(total)s",
    "Next": "Nästa",
}


def fill(path="locale/sv/LC_MESSAGES/django.po"):
    import polib

    catalogue = polib.pofile(path)
    missing = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            singular, plural = SV.get((entry.msgid, entry.msgid_plural), (None, None))
            if singular is None:
                missing.append(entry.msgid)
                continue
            entry.msgstr_plural = {0: singular, 1: plural}
        elif entry.msgid in SV:
            entry.msgstr = SV[entry.msgid]
        else:
            missing.append(entry.msgid)
            continue
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalogue.metadata_is_fuzzy = False
    catalogue.metadata["Project-Id-Version"] = "Samverkan"
    catalogue.metadata["Language-Team"] = "Swedish"
    catalogue.metadata["Language"] = "sv"
    catalogue.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    catalogue.save(path)
    return missing


if __name__ == "__main__":
    missing = fill()
    if missing:
        raise SystemExit("No Swedish for:\n" + "\n".join(missing))
