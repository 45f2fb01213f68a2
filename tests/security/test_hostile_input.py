"""Hostile input to every query parameter and every form: never a 5xx, never markup echoed
unescaped, never a redirect off the site, nothing saved that should not be, nothing already
saved lost.

What is sent: overlong values (10,000 characters), wrong types, script-bearing text, SQL-like
text, null bytes, odd Unicode (a right-to-left override, a zero-width space, emoji, and at the
byte level a lone surrogate, invalid and overlong UTF-8), several values where one is
expected, and uploads of the wrong kind (a program renamed .pdf, an SVG with a script, a file
over 20 MB, a decompression bomb). Addresses inside i18n_patterns are tried in Swedish and in
English.
"""

import io
import itertools
import struct
import zlib
from urllib.parse import quote, urlencode, urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.validators import validate_email
from PIL import Image
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from events.models import Registration
from members.models import MemberProfile
from network.models import CasePage, CaseReuse
from tests.factories import PASSWORD

from .outcomes import describe
from .world import PDF, logged_in, submitted_case_data

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
PAYLOADS = {
    "overlong": "Å" * 10_000,
    "script": SCRIPT,
    "attribute breakout": BREAKOUT,
    "sql": "' OR 1=1 --",
    "null byte": "tjänste\x00design",
    "rtl override": "rapport\u202efdp.exe",
    "zero width": "tjänste\u200bdesign",
    "emoji": "Idé 👩‍💻🚀",
    "wrong type": "-1e309",
    "javascript url": "javascript:alert(1)",
    "crlf": "rad\r\nSet-Cookie: hostile=1",
    "path": "../../../etc/passwd",
}
# At the byte level, percent-encoded as a browser (or a forger) sends them.
RAW = {
    "lone surrogate": "%ED%A0%80",
    "invalid utf-8": "%FF%FE%FD",
    "overlong utf-8": "%C0%AF",
}
MARKUP = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")
# The payloads a query parameter gets on its own; the others go to all parameters at once.
PER_PARAMETER = {
    "overlong",
    "script",
    "attribute breakout",
    "sql",
    "null byte",
    "wrong type",
    "crlf",
}
_addresses = itertools.count(1)


def fresh_ip():
    """A client address of its own, so that the login and signup rate limits (per address)
    answer every request rather than the first ten."""
    n = next(_addresses)
    return {"REMOTE_ADDR": f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"}


def stays_on_site(location):
    parts = urlsplit(location)
    if parts.scheme or parts.netloc:
        return parts.scheme in ("http", "https") and parts.netloc == "testserver"
    return location.startswith("/") and not location.startswith(("//", "/\\"))


def problems(response, where):
    """What is wrong with a response to hostile input, as lines for the failure message."""
    found = []
    if response.status_code >= 500:
        found.append(f"{where}: {describe(response)}")
    if response.has_header("Location") and not stays_on_site(response["Location"]):
        found.append(f"{where}: redirects off the site to {response['Location']!r}")
    if response.has_header("Set-Cookie") and "hostile" in str(response.cookies):
        found.append(f"{where}: a header was injected")
    content_type = response.get("Content-Type", "")
    if not response.streaming and ("html" in content_type or "xml" in content_type):
        body = response.content.decode(errors="replace")
        found += [f"{where}: shows {m!r} unescaped" for m in MARKUP if m in body]
        if 'href="javascript:' in body.lower():
            found.append(f"{where}: links to a javascript: address")
    return found


def language_paths(path, localized=True):
    return [path, "/en" + path] if localized else [path]


# --- Query parameters of every public GET view (and the admin views we wrote) ---

# name: (path, parameters, role, localized)
GET_VIEWS = {
    "case index": (
        "/case/",
        ["tag", "organisation", "status", "county", "method", "q", "sort", "page"],
        "visitor",
        True,
    ),
    "case index, member": ("/case/", ["tag", "q", "sort", "page"], "member", True),
    "calendar": ("/kalender/", ["tag", "organisation", "month"], "visitor", True),
    "calendar archive": ("/kalender/arkiv/", ["tag", "organisation"], "visitor", True),
    "directory": (
        "/medlemmar/",
        ["q", "organisation", "county", "expertise", "coach", "page"],
        "member",
        True,
    ),
    "search": ("/sok/", ["q", "page"], "visitor", True),
    "search, member": ("/sok/", ["q"], "member", True),
    "news": ("/nyheter/", ["tag", "page"], "visitor", True),
    "news feed": ("/nyheter/feed/", ["tag", "page"], "visitor", True),
    "case feed": ("/case/feed/", ["tag", "page"], "visitor", True),
    "public calendar feed": ("/kalender/feed.ics", ["tag", "organisation"], "visitor", False),
    "event ics": ("/kalender/workshop-vanersborg/event.ics", ["tag"], "visitor", False),
    "open data csv": ("/case/export.csv", ["tag", "status"], "visitor", False),
    "open data json": ("/case/export.json", ["tag", "status"], "visitor", False),
    "organisation": ("/organisationer/boras-stad/", ["page", "tag"], "visitor", True),
    "profile": ("/medlemmar/anna-lindberg/", ["tab"], "member", True),
    "login": ("/accounts/login/", ["next"], "visitor", True),
    "signup": ("/accounts/signup/", ["next", "email"], "visitor", True),
    "admin login": ("/admin/login/", ["next"], "visitor", False),
    "private page login": ("/_util/login/", ["next"], "visitor", True),
    "membership status": ("/medlemmar/status/", ["next"], "pending", True),
    "repetition preview": (
        "/admin/events/repetition-preview/",
        ["start", "end", "all_day", "recurrence"],
        "editor",
        False,
    ),
    "participants": ("/admin/participants/", ["event", "status", "q", "export"], "editor", False),
    "members in the admin": (
        "/admin/snippets/members/memberprofile/",
        ["q", "status", "organisation", "county"],
        "network_admin",
        False,
    ),
}


def get_all(client, path, localized, queries, english=1):
    """Problems of GET path?query for every query, in Swedish; the last `english` queries in
    English too (the same views, in the other language's templates)."""
    found = []
    for n, query in enumerate(queries):
        in_english = localized and n >= len(queries) - english
        for where in language_paths(path, in_english):
            if isinstance(query, str):
                response = client.get(where, QUERY_STRING=query)
                shown = f"GET {where}?{query[:80]}"
            else:
                response = client.get(where, query)
                shown = f"GET {where}?{urlencode(query, doseq=True)[:80]}"
            found += problems(response, shown)
    return found


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("view", GET_VIEWS)
def test_hostile_query_parameters(site, view, payload):
    path, names, role, localized = GET_VIEWS[view]
    value = PAYLOADS[payload]
    client = logged_in(site.user(role))
    # One parameter at a time (for the payloads that reach different code in each), then all
    # of them at once.
    each = payload in PER_PARAMETER
    queries = [{name: value} for name in names if each] + [dict.fromkeys(names, value)]

    found = get_all(client, path, localized, queries)

    assert not found, "\n".join(found)


@pytest.mark.parametrize("view", GET_VIEWS)
def test_several_values_and_broken_bytes_where_one_value_is_expected(site, view):
    path, names, role, localized = GET_VIEWS[view]
    client = logged_in(site.user(role))
    queries = [f"{name}={raw}" for name in names for raw in RAW.values()]
    queries += ["&".join(f"{name}[]=1&{name}[x]=2" for name in names)]
    queries += ["page=0", "page=-1", "page=99999999999999999999", "page=1.5"]
    # Several values for each parameter, then for all: in Swedish and English.
    queries += [{name: ["tjanstedesign", "boras-stad", SCRIPT]} for name in names]
    queries.append({name: ["tjanstedesign", "boras-stad", SCRIPT] for name in names})

    found = get_all(client, path, localized, queries, english=len(names) + 1)

    assert not found, "\n".join(found)


def test_the_calendar_month_takes_only_real_months(site):
    client = logged_in(None)
    months = ["2026-13", "2026-00", "0000-01", "9999-12", "2026-1", "2026-012", "٢٠٢٦-١٢"]
    months += ["2026-12\n", "1900-01", "3000-01", "-2026-12", "2026-12-01"]

    for month in months:
        for path in language_paths("/kalender/"):
            response = client.get(path, {"month": month})
            assert response.status_code in (200, 400), (month, response.status_code)
            assert not problems(response, month)
    assert client.get("/kalender/", {"month": "2026-12"}).status_code == 200


# Path parameters: what the URL converters let through reaches the views.
PATHS = [
    "/organisationer/{}/",
    "/medlemmar/{}/",
    "/kalender/feed/{}.ics",
    "/kalender/{}/event.ics",
    "/case/{}/",
    "/case/redigera/{}/",
    "/case/ateranvand/{}/",
    "/nyheter/{}/",
    "/kalender/{}/",
    "/documents/1/{}",
    "/images/{}",
    "/admin/membership/1/{}/",
]


@pytest.mark.parametrize("template", PATHS)
def test_hostile_path_parameters(site, template):
    found = []
    for role in ("visitor", "member"):
        client = logged_in(site.user(role))
        values = [quote(value, safe="") for value in PAYLOADS.values()]
        values += list(RAW.values()) + ["%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%5c..%5cwin.ini"]
        for value in values:
            path = template.format(value)
            localized = role == "visitor" and not path.startswith(
                ("/kalender/feed", "/documents/", "/images/", "/admin")
            )
            for where in language_paths(path, localized):
                response = client.get(where)
                found += problems(response, f"{role}: GET {where[:100]}")
                if response.status_code == 200 and "/kalender/feed/" in where:
                    found.append(f"{role}: a made-up calendar address opened a feed: {where}")
    assert not found, "\n".join(found)


# Where a `next` may lead: never off the site, whatever the login it passes through.
NEXTS = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "https:evil.example",
    "javascript:alert(1)",
    "http://testserver@evil.example/",
    "/%0d%0aSet-Cookie:hostile=1",
    "\x00//evil.example",
    " //evil.example",
    "/\t/evil.example",
]


@pytest.mark.parametrize("next_url", NEXTS)
def test_a_login_never_leads_off_the_site(site, next_url):
    found = []
    for path in ["/admin/login/", "/_util/login/", "/en/_util/login/"]:
        response = logged_in(None).get(path, {"next": next_url})
        found += problems(response, f"GET {path}?next={next_url!r}")
    for path in language_paths("/accounts/login/"):
        client = logged_in(None)
        response = client.post(
            f"{path}?{urlencode({'next': next_url})}",
            {"login": "erik.holm@goteborg.se", "password": PASSWORD, "next": next_url},
            **fresh_ip(),
        )
        found += problems(response, f"POST {path} next={next_url!r}")
        assert response.status_code == 302  # logged in, and sent somewhere on the site
    assert not found, "\n".join(found)


# --- Forms: one field at a time gets every payload; what is stored is checked each time ---


def char_limits_kept(obj):
    """Fields that PostgreSQL would refuse (SQLite stores anything): lengths within max_length,
    no NUL bytes in text."""
    wrong = []
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname, None)
        if isinstance(value, str):
            if field.max_length and len(value) > field.max_length:
                wrong.append(f"{field.name}: {len(value)} characters (max {field.max_length})")
            if "\x00" in value:
                wrong.append(f"{field.name}: holds a NUL byte")
    return wrong


def sendings(paths, base, fields, extra=dict, every_language=True):
    """(payload name, path, send) for every payload in `fields` on every path; send(client)
    posts it. `base` is the rest of a valid form (or a function making one each time), `extra`
    a function giving the request's extra environment. Without `every_language`, the payloads
    take turns between the paths (for the slow forms)."""
    turns = itertools.count()

    def each(paths):
        return paths if every_language else [paths[next(turns) % len(paths)]]

    def form():
        return dict(base() if callable(base) else base)

    def post(path, data):
        return lambda client: client.post(path, data, **extra())

    def post_raw(path, body):
        return lambda client: client.post(
            path, body, content_type="application/x-www-form-urlencoded", **extra()
        )

    for name, value in PAYLOADS.items():
        for path in each(paths):
            yield name, path, post(path, {**form(), **dict.fromkeys(fields, value)})
    for name, raw in RAW.items():
        for path in each(paths):
            rest = {key: value for key, value in form().items() if key not in fields}
            body = urlencode(rest, doseq=True) + "".join(f"&{f}={raw}" for f in fields)
            yield name, path, post_raw(path, body)
    for path in each(paths):
        several = {f: ["ett", "två", SCRIPT, "1"] for f in fields}
        yield "several values", path, post(path, {**form(), **several})


def signup_form():
    n = next(_addresses)
    return {
        "first_name": "Sara",
        "last_name": "Ek",
        "email": f"sara.ek.{n}@example.se",
        "password1": "ett-långt-lösenord-2025",
        "password2": "ett-långt-lösenord-2025",
        "accept_privacy": "on",
    }


@pytest.mark.parametrize(
    "field", ["first_name", "last_name", "email", "password", "accept_privacy"]
)
def test_signup(site, field):
    User = get_user_model()
    fields = ["password1", "password2"] if field == "password" else [field]
    found = []
    for name, path, send in sendings(
        language_paths("/accounts/signup/"), signup_form, fields, fresh_ip
    ):
        where = f"POST {path} {field}={name}"
        newest = User.objects.order_by("-pk").values_list("pk", flat=True).first()
        response = send(logged_in(None))
        found += problems(response, where)
        made = list(User.objects.filter(pk__gt=newest))
        if response.status_code != 302 and made:
            found.append(f"{where}: refused, yet an account was made")
        if len(made) > 1:
            found.append(f"{where}: {len(made)} accounts")
        for user in made:
            found += [f"{where}: stored {w}" for w in char_limits_kept(user)]
            found += [f"{where}: stored {w}" for w in char_limits_kept(user.member_profile)]
            for address in EmailAddress.objects.filter(user=user):
                found += [f"{where}: stored {w}" for w in char_limits_kept(address)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("field", ["login", "password", "remember"])
def test_login(site, field):
    """A member's address with a wrong password, and hostile text in each field: nobody is
    logged in. (Each sending names an account of its own but the first, so that the limit of
    five failures per account lets every payload reach the form.)"""
    logins = itertools.chain(
        ["erik.holm@goteborg.se"], (f"okand.{n}@example.se" for n in _addresses)
    )

    def base():
        return {"login": next(logins), "password": "fel-lösenord"}

    found = []
    for name, path, send in sendings(language_paths("/accounts/login/"), base, [field], fresh_ip):
        client = logged_in(None)
        response = send(client)
        where = f"POST {path} {field}={name}"
        found += problems(response, where)
        if "_auth_user_id" in client.session:
            found.append(f"{where}: logged in")
    assert not found, "\n".join(found)


def test_password_reset(site):
    from django.core import mail

    found = []
    for name, path, send in sendings(
        language_paths("/accounts/password/reset/"), {}, ["email"], fresh_ip
    ):
        sent = len(mail.outbox)
        response = send(logged_in(None))
        where = f"POST {path} email={name}"
        found += problems(response, where)
        for message in mail.outbox[sent:]:
            for address in message.to:
                try:
                    validate_email(address)
                except ValidationError:
                    found.append(f"{where}: an email went to {address!r}")
    assert not found, "\n".join(found)


def profile_snapshot(profile):
    profile = MemberProfile.objects.select_related("user").get(pk=profile.pk)
    values = {f.attname: getattr(profile, f.attname) for f in profile._meta.concrete_fields}
    values.pop("updated_at")
    values["user"] = (profile.user.first_name, profile.user.last_name, profile.user.email)
    values["expertise"] = sorted(profile.expertise.names())
    return values


def profile_form(profile):
    return {
        "first_name": profile.user.first_name,
        "last_name": profile.user.last_name,
        "title": profile.title,
        "organisation": profile.organisation_id or "",
        "organisation_name": profile.organisation_name,
        "county": profile.county,
        "bio": profile.bio,
        "expertise": ", ".join(profile.expertise.names()),
        "phone": profile.phone,
        "linkedin_url": profile.linkedin_url,
        "website": profile.website,
        "languages": profile.languages,
        "visibility": profile.visibility,
    }


def stored_profile_problems(profile, where):
    stored = MemberProfile.objects.select_related("user").get(pk=profile.pk)
    found = [f"{where}: stored {w}" for w in char_limits_kept(stored)]
    found += [f"{where}: stored {w}" for w in char_limits_kept(stored.user)]
    for tag in stored.expertise.all():
        found += [f"{where}: stored the tag {w}" for w in char_limits_kept(tag)]
        if not tag.slug:
            found.append(f"{where}: stored a tag without a slug: {tag.name[:40]!r}")
    for url in (stored.website, stored.linkedin_url):
        if url and not url.startswith(("https://", "http://")):
            found.append(f"{where}: stored the address {url[:40]!r}")
    return found


PROFILE_FIELDS = [
    "first_name",
    "last_name",
    "title",
    "organisation",
    "organisation_name",
    "county",
    "bio",
    "expertise",
    "phone",
    "linkedin_url",
    "website",
    "is_idea_coach",
    "languages",
    "visibility",
]


@pytest.mark.parametrize("field", PROFILE_FIELDS)
def test_profile_edit(site, field):
    """A refused edit leaves the stored profile as it was; an accepted one stores what fits."""
    owner = site["owner_profile"]
    client = logged_in(site.user("owner"))
    base = profile_form(owner)
    found = []
    for name, path, send in sendings(language_paths("/medlemmar/min-profil/"), base, [field]):
        where = f"POST {path} {field}={name}"
        before = profile_snapshot(owner)
        response = send(client)
        found += problems(response, where)
        if response.status_code == 302:
            found += stored_profile_problems(owner, where)
            assert client.post("/medlemmar/min-profil/", base).status_code == 302  # as it was
        elif profile_snapshot(owner) != before:
            found.append(f"{where}: refused ({response.status_code}), yet the profile changed")
    assert not found, "\n".join(found)


# --- Cases: submission, edit, reuse ---

CASE_TEXT_SECTIONS = ["challenge", "approach", "results", "innovation", "failures", "lessons"]
# The six text sections share their code: two of them here, all six in the stored-markup test.
CASE_FIELDS = [
    "title",
    "summary",
    "status",
    "start_date",
    "end_date",
    "challenge",
    "approach",
    "coordinator",
    "partners",
    "users_and_beneficiaries",
    "funder",
    "funding_amount",
    "funding_programme",
    "funding_reference",
    "innovation_kind",
    "methods",
    "tags",
    "visibility",
    "submission_token",
]
HIDDEN_CHARACTERS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\r\n\t\x00")


def case_form(site, **changes):
    data = submitted_case_data(site["boras"], title="Hotfull indata", summary="Ett case.")
    data.update(
        {
            "start_date": "2024-01-15",
            "end_date": "2024-12-31",
            "partners": [site["goteborg"].pk],
            "funder": site["goteborg"].pk,
            "funding_amount": "400000",
            "funding_programme": "Idéslussar",
            "funding_reference": "2015-01234",
            "innovation_kind": "incremental",
            "methods": [site["method"].pk],
            "users_and_beneficiaries": "Äldre i hemtjänsten",
        }
    )
    data.update(changes)
    return data


def stored_case_problems(case, where):
    case = CasePage.objects.get(pk=case.pk).get_latest_revision_as_object()
    found = [f"{where}: stored {w}" for w in char_limits_kept(case)]
    if HIDDEN_CHARACTERS & set(case.title):
        found.append(f"{where}: stored a title with hidden characters: {case.title[:40]!r}")
    for section in CASE_TEXT_SECTIONS:
        html = getattr(case, section) or ""
        found += [f"{where}: stored {m!r} in {section}" for m in MARKUP if m in html]
    for tag in case.tags.all():
        found += [f"{where}: stored the tag {w}" for w in char_limits_kept(tag)]
        if not tag.slug:
            found.append(f"{where}: stored a tag without a slug: {tag.name[:40]!r}")
    return found


def newest_pk(model):
    return model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.mark.parametrize("field", CASE_FIELDS)
def test_case_submission(site, field):
    """Refused: no case and no document. Accepted: one case, holding what fits."""
    Document = get_document_model()
    client = logged_in(site.user("owner"))
    found = []
    for name, path, send in sendings(
        language_paths("/case/nytt/"), lambda: case_form(site), [field], every_language=False
    ):
        where = f"POST {path} {field}={name}"
        cases, documents = newest_pk(CasePage), newest_pk(Document)
        response = send(client)
        found += problems(response, where)
        made = list(CasePage.objects.filter(pk__gt=cases))
        if response.status_code != 302 and made:
            found.append(f"{where}: refused ({response.status_code}), yet a case was made")
        if response.status_code != 302 and Document.objects.filter(pk__gt=documents).exists():
            found.append(f"{where}: refused, yet a document was stored")
        if len(made) > 1:
            found.append(f"{where}: {len(made)} cases from one sending")
        for case in made:
            found += stored_case_problems(case, where)
    assert not found, "\n".join(found)


def edit_form(case):
    case = case.get_latest_revision_as_object()
    return {
        "title": case.title,
        "summary": case.summary,
        "status": case.status,
        "coordinator": case.coordinator_id,
        "partners": [p.organisation_id for p in case.partners.all()],
        "methods": [m.pk for m in case.methods.all()],
        "tags": ", ".join(t.name for t in case.tags.all()),
        "visibility": case.visibility,
        "challenge": "Larmen användes inte.",
    }


def live_state(case):
    case = CasePage.objects.get(pk=case.pk)
    return (case.title, case.summary, case.live, case.live_revision_id, case.visibility)


@pytest.mark.parametrize(
    "field",
    ["title", "summary", "challenge", "status", "start_date", "coordinator", "partners"]
    + ["funding_amount", "tags", "visibility", "methods"],
)
def test_case_edit(site, field):
    """The published version stays as it is whatever is sent; a refused edit adds no draft."""
    case = site["case_public"]
    client = logged_in(site.user("owner"))
    live = live_state(case)
    base = edit_form(case)
    found = []
    for name, path, send in sendings(
        language_paths(f"/case/redigera/{case.pk}/"), base, [field], every_language=False
    ):
        where = f"POST {path} {field}={name}"
        latest = CasePage.objects.get(pk=case.pk).latest_revision_id
        response = send(client)
        found += problems(response, where)
        if live_state(case) != live:
            found.append(f"{where}: the published case changed")
        if response.status_code == 302:
            found += stored_case_problems(case, where)
        elif CasePage.objects.get(pk=case.pk).latest_revision_id != latest:
            found.append(f"{where}: refused ({response.status_code}), yet a new draft was saved")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("field", ["organisation", "adopted_on", "adaptation", "follow_up_case"])
def test_reuse(site, field):
    case = site["case_public"]
    client = logged_in(site.user("member"))
    base = {
        "organisation": site["goteborg"].pk,
        "adopted_on": "2025-03-01",
        "adaptation": "Vi gjorde så.",
        "follow_up_case": "",
    }
    found = []
    for name, path, send in sendings(language_paths(f"/case/ateranvand/{case.pk}/"), base, [field]):
        where = f"POST {path} {field}={name}"
        response = send(client)
        found += problems(response, where)
        reuses = list(CaseReuse.objects.filter(case=case))
        if response.status_code != 302 and reuses:
            found.append(f"{where}: refused ({response.status_code}), yet a reuse was recorded")
        if any(reuse.organisation_id != site["goteborg"].pk for reuse in reuses):
            found.append(f"{where}: a reuse for another organisation")
        for reuse in reuses:
            found += [f"{where}: stored {w}" for w in char_limits_kept(reuse)]
            reuse.delete()  # the next payload starts from none
    assert not found, "\n".join(found)


def test_registration(site):
    event = site["event_public"]
    client = logged_in(site.user("member"))
    owners = Registration.objects.get(pk=site["owner_registration"].pk).status
    found = []
    for name, path, send in sendings([f"/kalender/anmalan/{event.pk}/"], {}, ["action"]):
        where = f"POST {path} action={name}"
        response = send(client)
        found += problems(response, where)
        if Registration.objects.get(pk=site["owner_registration"].pk).status != owners:
            found.append(f"{where}: changed member A's registration")
        if Registration.objects.filter(event=event, user=site.user("member")).count() > 1:
            found.append(f"{where}: two registrations for one member")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("field", ["password", "confirm"])
def test_account_deletion(site, field):
    member = site.user("member")
    client = logged_in(member)
    found = []
    for name, path, send in sendings(
        language_paths("/medlemmar/min-profil/radera/"),
        {"password": "inte-lösenordet", "confirm": "on"},
        [field],
    ):
        response = send(client)
        where = f"POST {path} {field}={name}"
        found += problems(response, where)
        if not get_user_model().objects.filter(pk=member.pk).exists():
            found.append(f"{where}: the account was deleted without its password")
            break
    assert not found, "\n".join(found)


def test_adding_an_email_address(site):
    owner = site.user("owner")
    client = logged_in(owner)
    found = []
    for name, path, send in sendings(
        language_paths("/accounts/email/"), {"action_add": ""}, ["email"]
    ):
        where = f"POST {path} email={name}"
        response = send(client)
        found += problems(response, where)
        for address in EmailAddress.objects.filter(user=owner):
            found += [f"{where}: stored {w}" for w in char_limits_kept(address)]
            try:
                validate_email(address.email)
            except ValidationError:
                found.append(f"{where}: stored the address {address.email[:40]!r}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("field", ["oldpassword", "password"])
def test_changing_the_password(site, field):
    owner = site.user("owner")
    fields = ["password1", "password2"] if field == "password" else [field]
    base = {
        "oldpassword": PASSWORD,
        "password1": "ett-nytt-långt-lösenord",
        "password2": "ett-nytt-långt-lösenord",
    }
    found = []
    for name, path, send in sendings(language_paths("/accounts/password/change/"), base, fields):
        where = f"POST {path} {field}={name}"
        response = send(logged_in(owner))
        found += problems(response, where)
        user = get_user_model().objects.get(pk=owner.pk)
        if response.status_code != 302 and not user.check_password(PASSWORD):
            found.append(f"{where}: refused, yet the password changed")
        if response.status_code == 302:
            user.set_password(PASSWORD)  # as it was, for the next payload
            user.save()
    assert not found, "\n".join(found)


@pytest.mark.parametrize("field", ["password", "return_url"])
def test_a_private_pages_password_form_opens_nothing(site, field):
    private, restriction = site["private"], site["restriction"]
    path = f"/_util/authenticate_with_password/{restriction.pk}/{private.pk}/"
    client = logged_in(None)
    found = []
    for name, where, send in sendings(
        language_paths(path), {"password": "", "return_url": private.url}, [field]
    ):
        response = send(client)
        found += problems(response, f"POST {where} {field}={name}")
    assert client.get(private.url).status_code == 302  # still sent to log in
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    "text",
    ["Rad ett\nrad två", "Rad ett\r\nrad två\n\nNytt stycke"],
    ids=["a line break", "a line break and a new paragraph"],
)
def test_a_members_case_with_a_line_break_opens_in_the_admin(site, text):
    """Members type line breaks; the editors who moderate the case must still open it."""
    client = logged_in(site.user("owner"))
    response = client.post("/case/nytt/", case_form(site, title="Radbrytning", challenge=text))
    assert response.status_code == 302
    case = CasePage.objects.get(title="Radbrytning")

    response = logged_in(site.user("editor")).get(f"/admin/pages/{case.pk}/edit/")

    assert response.status_code == 200, describe(response)


# --- Uploads of the wrong kind ---

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48 + b"PE\x00\x00"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
BIG = 20 * 1024 * 1024 + 1


def png(width=2, height=2):
    image = io.BytesIO()
    Image.new("RGB", (width, height), "#c0ffee").save(image, format="PNG")
    return image.getvalue()


def bomb():
    """A PNG that claims 60,000 × 60,000 pixels: a few dozen bytes that would fill gigabytes."""

    def chunk(kind, data):
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 60_000, 60_000, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def big(head):
    return head + b"\x00" * (BIG - len(head))


# name: (file name, content, content type)
BAD_REPORTS = {
    "program renamed .pdf": ("rapport.pdf", EXE, "application/pdf"),
    "SVG with a script renamed .pdf": ("rapport.pdf", SVG, "application/pdf"),
    "SVG with a script": ("rapport.svg", SVG, "image/svg+xml"),
    "web page renamed .pdf": ("rapport.pdf", HTML, "application/pdf"),
    "PDF named .exe": ("rapport.exe", PDF, "application/octet-stream"),
    "PDF named .html": ("rapport.html", PDF, "text/html"),
    "empty .pdf": ("rapport.pdf", b"", "application/pdf"),
    "PDF over 20 MB": ("rapport.pdf", big(PDF), "application/pdf"),
    "right-to-left name": ("rapport\u202efdp.exe", PDF, "application/pdf"),
}
# Real PDFs under hostile names: accepted, and stored under a safe name.
ODD_NAMES = {
    "script in the name": f"{SCRIPT}.pdf",
    "path in the name": "../../../../etc/rapport.pdf",
    "null byte in the name": "rapport\x00.pdf",
    "overlong name": "r" * 300 + ".pdf",
}


@pytest.mark.parametrize("upload", list(BAD_REPORTS) + list(ODD_NAMES))
def test_case_report_uploads(site, upload):
    Document = get_document_model()
    if upload in BAD_REPORTS:
        name, content, content_type = BAD_REPORTS[upload]
    else:
        name, content, content_type = ODD_NAMES[upload], PDF, "application/pdf"
    client = logged_in(site.user("owner"))
    found = []
    for path in language_paths("/case/nytt/"):
        cases, documents = newest_pk(CasePage), newest_pk(Document)
        data = case_form(site, title=f"Rapporttest {path}")
        data["report"] = SimpleUploadedFile(name, content, content_type=content_type)
        response = client.post(path, data)
        where = f"POST {path} report={upload}"
        found += problems(response, where)
        stored = list(Document.objects.filter(pk__gt=documents))
        if upload in BAD_REPORTS:
            if response.status_code != 200:
                found.append(f"{where}: answered {response.status_code}, not the form again")
            if stored or CasePage.objects.filter(pk__gt=cases).exists():
                found.append(f"{where}: stored a case or a document")
        for document in stored:
            file_name = document.file.name
            if not file_name.startswith("documents/") or ".." in file_name or "<" in file_name:
                found.append(f"{where}: stored the file as {file_name!r}")
            found += [f"{where}: stored {w}" for w in char_limits_kept(document)]
    assert not found, "\n".join(found)


BAD_PHOTOS = {
    "program renamed .jpg": ("foto.jpg", EXE, "image/jpeg"),
    "SVG with a script renamed .jpg": ("foto.jpg", SVG, "image/jpeg"),
    "SVG with a script": ("foto.svg", SVG, "image/svg+xml"),
    "web page renamed .png": ("foto.png", HTML, "image/png"),
    "GIF header and a script": ("foto.gif", b"GIF89a" + HTML, "image/gif"),
    "photo over 20 MB": ("foto.png", big(png()), "image/png"),
    "decompression bomb": ("foto.png", bomb(), "image/png"),
    "empty": ("foto.jpg", b"", "image/jpeg"),
}


@pytest.mark.parametrize("upload", list(BAD_PHOTOS) + ["a real photo under a hostile name"])
def test_profile_photo_uploads(site, upload):
    owner = site["owner_profile"]
    client = logged_in(site.user("owner"))
    found = []
    for path in language_paths("/medlemmar/min-profil/"):
        before = profile_snapshot(owner)
        if upload in BAD_PHOTOS:
            name, content, content_type = BAD_PHOTOS[upload]
        else:
            name, content, content_type = f"../../{SCRIPT}.png", png(40, 30), "image/png"
        data = profile_form(owner)
        data["photo"] = SimpleUploadedFile(name, content, content_type=content_type)
        response = client.post(path, data)
        where = f"POST {path} photo={upload}"
        found += problems(response, where)
        stored = MemberProfile.objects.get(pk=owner.pk).photo
        if upload in BAD_PHOTOS:
            if response.status_code != 200 or profile_snapshot(owner) != before:
                found.append(f"{where}: answered {response.status_code}; the profile changed")
        elif response.status_code != 302:
            found.append(f"{where}: a real photo was refused ({response.status_code})")
        elif not (stored.name.startswith("members/photos/") and stored.name.endswith(".jpg")):
            found.append(f"{where}: stored as {stored.name!r}")
        else:
            with stored.open("rb") as photo:
                if photo.read(3) != b"\xff\xd8\xff":
                    found.append(f"{where}: stored something other than a JPEG")
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    "upload",
    ["program renamed .pdf", "SVG with a script renamed .pdf", "web page renamed .pdf"]
    + ["SVG with a script", "PDF named .html", "PDF over 20 MB"],
)
def test_admin_document_uploads(site, upload):
    """Editors' uploads are checked by content as members' reports are."""
    Document = get_document_model()
    name, content, content_type = BAD_REPORTS[upload]
    client = logged_in(site.user("editor"))
    documents = newest_pk(Document)

    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Uppladdning",
            "collection": site["collection"].pk,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
        },
    )

    assert not problems(response, upload)
    assert response.status_code == 200  # the form again, with the reason
    assert not Document.objects.filter(pk__gt=documents).exists()


@pytest.mark.parametrize("upload", list(BAD_PHOTOS))
def test_admin_image_uploads(site, upload):
    Image_ = get_image_model()
    name, content, content_type = BAD_PHOTOS[upload]
    client = logged_in(site.user("editor"))
    images = newest_pk(Image_)

    response = client.post(
        "/admin/images/add/",
        {
            "title": "Uppladdning",
            "collection": site["collection"].pk,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
        },
    )

    assert not problems(response, upload)
    assert response.status_code == 200
    assert not Image_.objects.filter(pk__gt=images).exists()


# --- Stored hostile text is escaped wherever it is shown ---


def approve(case, editor):
    """An editor's approval in the moderation workflow, which publishes the case."""
    task_state = case.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "approve")


def test_stored_markup_is_escaped_on_every_page_that_shows_it(site):
    """Markup that members may store as text (their profile, a case, their name) is shown as
    text on every page that shows it, the admin's included."""
    owner, editor = site.user("owner"), site.user("editor")
    profile = site["owner_profile"]
    markup = f"{BREAKOUT} {SCRIPT}"
    response = logged_in(owner).post(
        "/medlemmar/min-profil/",
        {
            **profile_form(profile),
            "first_name": f"Anna {BREAKOUT}",
            "last_name": "Lindberg",
            "title": markup[:150],
            "organisation": "",
            "organisation_name": markup[:200],
            "bio": markup,
            "expertise": "Tjänstedesign, xss <script>alert(1)</script>",
            "languages": markup[:200],
            "visibility": "public",
        },
    )
    assert response.status_code == 302
    response = logged_in(owner).post(
        "/case/nytt/",
        case_form(
            site,
            title=f"Case {BREAKOUT}",
            summary=markup,
            challenge=markup,
            approach=f"{SCRIPT}\n\n{BREAKOUT}",
            results=markup,
            innovation=f"{BREAKOUT}\n{SCRIPT}",
            failures=markup,
            lessons=markup,
            users_and_beneficiaries=markup,
            funding_programme=markup[:250],
            funding_reference=markup[:100],
            tags=f"Trygghet, {BREAKOUT[:60]}",
        ),
    )
    assert response.status_code == 302
    case = CasePage.objects.get(title=f"Case {BREAKOUT}")
    approve(case, editor)
    case = CasePage.objects.get(pk=case.pk)
    assert case.live
    assert not stored_case_problems(case, "the stored case")
    signup = signup_form()
    signup.update(first_name=f"Nils {SCRIPT}", last_name=BREAKOUT)
    assert logged_in(None).post("/accounts/signup/", signup, **fresh_ip()).status_code == 302
    assert Tag.objects.filter(name__contains="<").exists()

    pages = {
        "visitor": [
            "/",
            "/case/",
            case.url,
            "/case/feed/",
            "/sok/?q=Case",
            "/organisationer/boras-stad/",
            f"/medlemmar/{MemberProfile.objects.get(pk=profile.pk).slug}/",
            "/nyheter/",
        ],
        "member": [
            "/medlemmar/",
            "/medlemmar/?q=Anna",
            case.url,
            f"/case/ateranvand/{case.pk}/",
        ],
        "owner": [
            "/medlemmar/min-profil/",
            "/case/mina/",
            f"/case/redigera/{case.pk}/",
            "/medlemmar/min-profil/mina-uppgifter.json",
        ],
        "editor": [
            f"/admin/pages/{case.pk}/edit/",
            f"/admin/pages/{site['case_index'].pk}/",
            f"/admin/pages/{case.pk}/history/",
            "/admin/reports/site-history/",
            "/admin/",
        ],
        "network_admin": [
            "/admin/membership/queue/",
            "/admin/snippets/members/memberprofile/",
            f"/admin/snippets/members/memberprofile/edit/{profile.pk}/",
            "/admin/reports/site-history/",
        ],
    }
    found = []
    for role, paths in pages.items():
        client = logged_in(site.user(role))
        for path in paths:
            for where in language_paths(path, not path.startswith("/admin/")):
                response = client.get(where)
                if response.status_code != 200:
                    found.append(f"{role}: GET {where} → {describe(response)}")
                found += problems(response, f"{role}: GET {where}")
    assert not found, "\n".join(found)
