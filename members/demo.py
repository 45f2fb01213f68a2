"""Demo members for seed_demo: about 30 people over the organisations."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import MemberProfile

S = MemberProfile.Status
# first, last, organisation slug, title, expertise, idea coach, public, status
MEMBERS = [
    (
        "Anna",
        "Lindberg",
        "boras-stad",
        "Innovationsstrateg",
        ["ISO 56002", "Innovationsledning"],
        True,
        True,
        S.APPROVED,
    ),
    (
        "Johan",
        "Ek",
        "boras-stad",
        "Tjänstedesigner",
        ["Tjänstedesign", "Användarresor"],
        False,
        True,
        S.APPROVED,
    ),
    (
        "Maria",
        "Holm",
        "goteborgs-stad",
        "Digitaliseringsstrateg",
        ["Digitalisering", "Tjänstedesign"],
        False,
        False,
        S.APPROVED,
    ),
    (
        "Erik",
        "Sandberg",
        "goteborgs-stad",
        "Verksamhetsutvecklare",
        ["Användardriven innovation"],
        True,
        False,
        S.APPROVED,
    ),
    (
        "Sara",
        "Nilsson",
        "kiruna-kommun",
        "Projektledare stadsomvandling",
        ["Samhällsplanering", "Användardriven innovation"],
        False,
        True,
        S.APPROVED,
    ),
    (
        "Lars",
        "Björk",
        "kiruna-kommun",
        "Utvecklingschef",
        ["Innovationsledning"],
        False,
        False,
        S.APPROVED,
    ),
    (
        "Karin",
        "Sjöberg",
        "lunds-kommun",
        "Upphandlare",
        ["Innovationsupphandling"],
        False,
        True,
        S.APPROVED,
    ),
    (
        "Ahmed",
        "Hassan",
        "lunds-kommun",
        "Innovationsledare",
        ["Innovationsledning", "Tjänstedesign"],
        True,
        False,
        S.APPROVED,
    ),
    (
        "Eva",
        "Lund",
        "stockholms-stad",
        "Innovationsrådgivare",
        ["Innovationsledning", "Idésluss"],
        True,
        True,
        S.APPROVED,
    ),
    (
        "Mikael",
        "Strand",
        "stockholms-stad",
        "Utredare",
        ["Digitalisering"],
        False,
        False,
        S.APPROVED,
    ),
    (
        "Lina",
        "Åberg",
        "umea-kommun",
        "Tjänstedesigner",
        ["Tjänstedesign", "Medborgardialog"],
        False,
        True,
        S.APPROVED,
    ),
    (
        "Oskar",
        "Wallin",
        "umea-kommun",
        "Ungdomssamordnare",
        ["Medborgardialog"],
        False,
        False,
        S.APPROVED,
    ),
    (
        "Helena",
        "Berg",
        "uddevalla-kommun",
        "Samordnare idésluss",
        ["Idésluss", "Innovationsledning"],
        True,
        True,
        S.APPROVED,
    ),
    (
        "Per",
        "Olsson",
        "trollhattans-stad",
        "Verksamhetsutvecklare",
        ["Idésluss"],
        True,
        False,
        S.APPROVED,
    ),
    (
        "Sofia",
        "Karlsson",
        "vanersborgs-kommun",
        "Utvecklingsledare",
        ["Innovationsledning"],
        False,
        False,
        S.APPROVED,
    ),
    (
        "Fredrik",
        "Dahl",
        "fyrbodals-kommunalforbund",
        "Processledare",
        ["Idésluss", "Samverkan"],
        True,
        True,
        S.APPROVED,
    ),
    (
        "Emma",
        "Forsberg",
        "innovatum",
        "Affärscoach",
        ["Affärsutveckling", "Idésluss"],
        True,
        False,
        S.APPROVED,
    ),
    (
        "Daniel",
        "Ström",
        "entreprenorsarenan",
        "Verksamhetsledare",
        ["Socialt entreprenörskap"],
        False,
        True,
        S.APPROVED,
    ),
    (
        "Ida",
        "Marklund",
        "pitea-kommun",
        "Idécoach",
        ["Idésluss", "Digitalisering"],
        True,
        True,
        S.APPROVED,
    ),
    (
        "Jonas",
        "Lundgren",
        "skelleftea-kommun",
        "Digitaliseringsledare",
        ["Digitalisering", "Idésluss"],
        True,
        False,
        S.APPROVED,
    ),
    (
        "Malin",
        "Persson",
        "adda",
        "Upphandlingskonsult",
        ["Innovationsupphandling"],
        False,
        False,
        S.APPROVED,
    ),
    (
        "Gustav",
        "Engström",
        "skr",
        "Handläggare innovation",
        ["Innovationsledning", "Användardriven innovation"],
        False,
        True,
        S.APPROVED,
    ),
    (
        "Elin",
        "Nyström",
        "vinnova",
        "Handläggare",
        ["Finansiering", "Innovationsledning"],
        False,
        False,
        S.APPROVED,
    ),
    (
        "Niklas",
        "Hedlund",
        "kth",
        "Forskare",
        ["Tjänstedesign", "Forskning"],
        False,
        True,
        S.APPROVED,
    ),
    (
        "Therese",
        "Vikström",
        "region-vasterbotten",
        "Innovationssamordnare",
        ["Innovationsledning"],
        True,
        False,
        S.APPROVED,
    ),
    ("Rasmus", "Jakobsson", "boras-stad", "Praktikant", [], False, False, S.APPROVED),
    ("Nora", "Ali", None, "Doktorand", ["Forskning", "Tjänstedesign"], False, False, S.PENDING),
    ("Viktor", "Blom", None, "Konsult", ["Tjänstedesign"], False, False, S.PENDING),
    ("Hanna", "Sundin", None, "Student", [], False, False, S.PENDING),
    ("Tobias", "Lind", None, "Frilansare", [], False, False, S.SUSPENDED),
]
OTHER_ORGANISATIONS = {
    "Nora": "Chalmers doktorandprogram",
    "Viktor": "Designbyrå i Malmö",
    "Hanna": "Linnéuniversitetet",
    "Tobias": "Eget företag",
}


def seed_members(organisations, password=None):
    User = get_user_model()
    created = 0
    for first, last, org_slug, title, expertise, coach, public, status in MEMBERS:
        organisation = organisations.get(org_slug) if org_slug else None
        domain = organisation.email_domains.first().domain if organisation else "exempel.se"
        email = (
            f"{first}.{last}@{domain}".lower().replace("å", "a").replace("ä", "a").replace("ö", "o")
        )
        user, is_new = User.objects.get_or_create(
            username=email, defaults={"email": email, "first_name": first, "last_name": last}
        )
        if not is_new:
            continue
        created += 1
        # Demo logins only where nobody else can reach them.
        if password and settings.DEBUG:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        profile = user.member_profile
        profile.slug = ""
        profile.organisation = organisation
        profile.organisation_name = OTHER_ORGANISATIONS.get(first, "")
        profile.title = title
        profile.county = organisation.county if organisation else ""
        profile.is_idea_coach = coach
        profile.visibility = (
            MemberProfile.Visibility.PUBLIC if public else MemberProfile.Visibility.MEMBERS
        )
        profile.bio = (
            f"{first} arbetar som {title.lower()} och delar gärna erfarenheter från "
            f"{organisation.name if organisation else profile.organisation_name}."
        )
        profile.languages = "svenska, English"
        profile.phone = f"070-{100 + created:03d} {10 + created:02d} {20 + created:02d}"
        profile.privacy_accepted_at = timezone.now()
        profile.save()
        if expertise:
            profile.expertise.set(expertise)
        if status != MemberProfile.Status.PENDING:
            profile.set_status(status)
    return created
