"""Who gets what: every address of the site × every role, against an explicit table.

The rows come from the URL configuration itself (every pattern, allauth's and Wagtail's admin
included, Swedish at /… and English at /en/… for those inside i18n_patterns) and from the page
tree (every page type, and every sub-route of the routable ones). A new pattern, page type or
route without an entry here fails with "add an entry for <name>". Parameters are real objects:
member A's cases, profile, registration and calendar address, an event, an organisation …

Outcomes: "ok" (200), "login" (sent to log in), "admin-denied" (Wagtail's "no permission",
back to the dashboard), "redirect:<path>" (ids as <id>), or the status code. Besides the
status, no response may show what its reader must not see (members-only content to visitors
and pending members, member A's case in moderation or calendar address to anyone else).

Then, one by one, the ways a member might reach another's data by changing an id: each is
refused, and nothing changes in the database.
"""

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from wagtail.models import Page

from events.models import CalendarToken, Registration
from members.models import MemberProfile
from network.models import CasePage, CaseReuse

from .outcomes import describe, outcome
from .routes import page_models
from .targets import (
    PAGES,
    ROUTE_ARGUMENTS,
    entry_by_key,
    page_paths,
    page_targets,
    url_paths,
    url_targets,
)
from .world import OWNER_BIO, OWNER_PHONE, ROLES, logged_in, submitted_case_data

OK, LOGIN, DENIED = "ok", "login", "admin-denied"


def R(visitor, pending, member, owner, editor, network_admin):
    """A row of the table, in the order of ROLES."""
    return dict(zip(ROLES, (visitor, pending, member, owner, editor, network_admin), strict=True))


def everyone(result):
    return dict.fromkeys(ROLES, result)


PUBLIC = everyone(OK)
# Any account, approved or not (editors and network admins are approved members here).
SIGNED_IN = R(LOGIN, OK, OK, OK, OK, OK)
# Approved members; a pending member sees where their membership stands, with a 403.
MEMBERS = R(LOGIN, 403, OK, OK, OK, OK)
# A members-only page: a pending member gets a 404, as if it were not there.
MEMBERS_PAGE = R(LOGIN, 404, OK, OK, OK, OK)
# A case that member A may edit: A, and editors (who may edit every page); nobody else.
A_AND_EDITORS = R(LOGIN, 404, 404, OK, OK, 404)
ALLAUTH_SIGNED_IN = SIGNED_IN
TWO_FACTOR_NEEDS_REAUTH = R(LOGIN, *["redirect:/accounts/reauthenticate/"] * 5)
TWO_FACTOR_NOT_SET_UP = R(LOGIN, 404, 404, 404, 404, 404)

# Every address outside the admin, by pattern name (the route where it has none); a pattern
# tried with several objects has one row per object.
EXPECTED = {
    # Files: a public case's report and a public news page's image are for everyone.
    "wagtaildocs_serve@^documents/(\\d+)/(.*)$": PUBLIC,
    # Wagtail's own document view, shadowed by the checking one above (same address).
    "wagtaildocs_serve@documents/^(\\d+)/(.*)$": PUBLIC,
    "wagtaildocs_authenticate_with_password": everyone(404),
    "image_file": PUBLIC,
    "sitemap.xml": PUBLIC,
    "robots_txt": PUBLIC,
    "case_export_csv": PUBLIC,
    "case_export_json": PUBLIC,
    "calendar_feed": PUBLIC,
    # The address is the key: whoever holds it reads the feed, no login (DESIGN.md).
    ("calendar_personal_feed", "A's address"): PUBLIC,
    ("calendar_personal_feed", "A's nonce, forged signature"): everyone(404),
    ("calendar_event_ics", "public event"): PUBLIC,
    ("calendar_event_ics", "members-only event"): R(404, 404, OK, OK, OK, OK),
    "event_registration": everyone(405),  # POST only; see the tests below
    "healthz": PUBLIC,
    "search": PUBLIC,
    # allauth
    "account_login": PUBLIC,
    "account_logout": R("redirect:/", OK, OK, OK, OK, OK),
    "account_inactive": PUBLIC,
    "account_signup": PUBLIC,
    "account_reauthenticate": SIGNED_IN,
    "account_email": SIGNED_IN,
    "account_email_verification_sent": PUBLIC,
    "account_change_password": SIGNED_IN,
    "account_set_password": R(LOGIN, *["redirect:/accounts/password/change/"] * 5),
    "account_reset_password": PUBLIC,
    "account_confirm_login_code": R(LOGIN, *["redirect:/medlemmar/"] * 5),
    "account_confirm_email": PUBLIC,  # an unknown key: "this link is not valid"
    "account_reset_password_from_key_done": PUBLIC,
    "account_reset_password_from_key": PUBLIC,  # an unknown key: "this link is not valid"
    "account_reset_password_done": PUBLIC,
    "mfa_index": SIGNED_IN,
    "mfa_authenticate": R(LOGIN, *["redirect:/medlemmar/"] * 5),
    "mfa_reauthenticate": TWO_FACTOR_NEEDS_REAUTH,
    "mfa_activate_totp": TWO_FACTOR_NEEDS_REAUTH,
    "mfa_deactivate_totp": TWO_FACTOR_NOT_SET_UP,
    "mfa_view_recovery_codes": TWO_FACTOR_NOT_SET_UP,
    "mfa_generate_recovery_codes": TWO_FACTOR_NEEDS_REAUTH,
    "mfa_download_recovery_codes": TWO_FACTOR_NOT_SET_UP,
    "socialaccount_login_cancelled": PUBLIC,
    "socialaccount_login_error": everyone(401),
    "socialaccount_signup": everyone(LOGIN),  # only in the middle of a single sign-on
    "socialaccount_connections": SIGNED_IN,
    "accounts/social/login/cancelled/": everyone("redirect:/accounts/3rdparty/login/cancelled/"),
    "accounts/social/login/error/": everyone("redirect:/accounts/3rdparty/login/error/"),
    "accounts/social/signup/": everyone("redirect:/accounts/3rdparty/signup/"),
    "accounts/social/connections/": everyone("redirect:/accounts/3rdparty/"),
    # Single sign-on is off in the suite: no provider, nothing to find.
    "saml_acs": everyone("redirect:/accounts/saml/boras-stad/acs/finish/"),
    "saml_finish_acs": everyone(404),
    "saml_sls": everyone(404),
    "saml_metadata": everyone(404),
    "saml_login": everyone(404),
    "openid_connect_login": everyone(404),
    "openid_connect_callback": everyone(404),
    # Members: one's own profile, data and account; the directory for approved members.
    "members:directory": MEMBERS,
    "members:edit_profile": SIGNED_IN,
    "members:export_data": SIGNED_IN,
    "members:delete_account": SIGNED_IN,
    "members:new_calendar_address": R(LOGIN, 405, 405, 405, 405, 405),  # POST only
    "members:status": SIGNED_IN,
    "members:suspended": PUBLIC,
    ("members:profile", "members-only profile of A"): MEMBERS_PAGE,
    ("members:profile", "public profile"): PUBLIC,
    ("members:profile", "pending member's profile"): everyone(404),
    ("organisation", "with cases"): PUBLIC,
    ("organisation", "unknown"): everyone(404),
    # Wagtail's login for private pages leads to allauth's (members/login_paths.py).
    "_util/login/": everyone(LOGIN),
    "wagtailcore_login": everyone(LOGIN),  # shadowed by the one above
    # A login restriction has no password: the form shows, and no password opens it.
    "wagtailcore_authenticate_with_password": PUBLIC,
    "wagtail_serve": PUBLIC,  # "/", the home page; the page tree below covers the rest
    # The page tree, by page type (and variant), and by routable sub-route.
    ("events.EventPage", "public"): PUBLIC,
    ("events.EventPage", "members-only"): MEMBERS_PAGE,
    ("events.EventPage", "past"): PUBLIC,
    ("home.HomePage", "home"): PUBLIC,
    ("home.NewsPage", "public"): PUBLIC,
    ("home.StandardPage", "public"): PUBLIC,
    ("home.StandardPage", "child"): PUBLIC,
    ("home.StandardPage", "login required"): SIGNED_IN,
    ("network.CasePage", "public"): PUBLIC,
    ("network.CasePage", "members-only"): MEMBERS_PAGE,
    ("network.CasePage", "in moderation"): everyone(404),  # not live: nobody, on the site
    "events.EventIndexPage:index": PUBLIC,
    "events.EventIndexPage:archive": PUBLIC,
    "events.EventIndexPage:index_route": PUBLIC,  # Wagtail's default, shadowed by index
    "home.NewsIndexPage:index": PUBLIC,
    "home.NewsIndexPage:feed": PUBLIC,
    "home.NewsIndexPage:index_route": PUBLIC,
    "network.CaseIndexPage:index": PUBLIC,
    "network.CaseIndexPage:feed": PUBLIC,
    "network.CaseIndexPage:index_route": PUBLIC,
    "network.CaseIndexPage:submit": MEMBERS,
    "network.CaseIndexPage:my_cases": SIGNED_IN,
    ("network.CaseIndexPage:edit", "A's public case"): A_AND_EDITORS,
    ("network.CaseIndexPage:edit", "A's members-only case"): A_AND_EDITORS,
    ("network.CaseIndexPage:edit", "A's case in moderation"): A_AND_EDITORS,
    ("network.CaseIndexPage:edit", "a case nobody in the world owns"): R(
        LOGIN, 404, 404, 404, OK, 404
    ),
    ("network.CaseIndexPage:edit", "no such case"): R(LOGIN, 404, 404, 404, 404, 404),
    ("network.CaseIndexPage:reuse", "A's public case"): MEMBERS,
    ("network.CaseIndexPage:reuse", "A's members-only case"): MEMBERS,
    ("network.CaseIndexPage:reuse", "A's case in moderation"): R(LOGIN, 403, 404, 404, 404, 404),
}

# The admin: visitors are sent to log in, and so are members who are neither editors nor
# network admins (Wagtail's "you do not have permission to access the admin"). Editors and
# network admins get what Wagtail's permissions give their groups, area by area: (editor,
# network admin) for every address under the prefix (the longest prefix wins).
ADMIN_AREAS = {
    "admin/api/": (OK, OK),  # listings filtered by each person's permissions
    "admin/pages/": (OK, DENIED),  # network admins have no page permissions
    "admin/choose-": (OK, OK),  # the link choosers of the rich text editor
    "admin/tag-autocomplete/": (OK, OK),
    "admin/collections/": (DENIED, DENIED),
    "admin/workflows/": (DENIED, DENIED),
    "admin/workflows/task_chooser/": (OK, OK),
    "admin/reports/": (OK, DENIED),
    "admin/reports/site-history/": (OK, OK),  # approvals and suspensions are logged there
    "admin/account/": (OK, OK),
    "admin/logout/": (405, 405),
    "admin/dismissibles/": (OK, OK),
    "admin/editing-sessions/": (405, 405),
    "admin/block-preview/": (404, 404),
    "admin/membership/": (DENIED, OK),
    "admin/events/": (OK, DENIED),
    "admin/forms/": (OK, DENIED),
    "admin/redirects/": (DENIED, DENIED),
    "admin/settings/": (OK, DENIED),
    "admin/embeds/": (OK, OK),
    "admin/snippets/network/casemethod/": (DENIED, DENIED),
    "admin/snippets/choose/network/casemethod/": (OK, OK),
    "admin/snippets/members/memberprofile/": (DENIED, OK),
    # Editors may choose a member in a chooser: it lists names only (see the report).
    "admin/snippets/choose/members/memberprofile/": (OK, OK),
    "admin/snippets/events/externalcalendar/": (OK, DENIED),
    "admin/snippets/choose/events/externalcalendar/": (OK, OK),
    "admin/snippets/network/organisation/": (DENIED, OK),
    "admin/snippets/choose/network/organisation/": (OK, OK),
    "admin/documents/": (OK, DENIED),
    "admin/documents/chooser/": (OK, OK),
    "admin/images/": (OK, DENIED),
    "admin/images/chooser/": (OK, OK),
    "admin/participants/": (OK, DENIED),
    "admin/sites/": (DENIED, DENIED),
    "admin/users/": (DENIED, DENIED),
    "admin/groups/": (DENIED, DENIED),
    "admin/bulk/": (404, 404),  # no such action without objects
    "admin/test404/": (OK, OK),
    # Wagtail's deliberate error, to test error reporting: for the admin's users only.
    "admin/failwhale/": (500, 500),
}
ADMIN_SHUT = dict.fromkeys(("visitor", "pending", "member", "owner"), LOGIN)
# Addresses that differ from their area, or belong to none: partial rows over the area's.
ADMIN_EXCEPTIONS = {
    "wagtailadmin_home": {"editor": OK, "network_admin": OK},
    "admin/^.*/$": {"editor": 404, "network_admin": 404},  # an unknown admin address
    "wagtailsnippets:index": {"editor": DENIED, "network_admin": DENIED},
    # Open to everyone: static assets, and the ways to log in, which lead to allauth.
    "wagtailadmin_sprite": PUBLIC,
    "wagtailadmin_javascript_catalog": PUBLIC,
    "admin/login/": everyone(LOGIN),
    "wagtailadmin_login": everyone(LOGIN),  # shadowed by the one above
    "admin/password_reset/": everyone("redirect:/accounts/password/reset/"),
    "wagtailadmin_password_reset": everyone("redirect:/accounts/password/reset/"),
    "wagtailadmin_password_reset_done": everyone(404),
    "wagtailadmin_password_reset_confirm": everyone(404),
    "wagtailadmin_password_reset_complete": everyone(404),
    # The admin's API
    "wagtailadmin_api:pages:detail": {"network_admin": 404},
    "wagtailadmin_api:pages:find": {"editor": 404, "network_admin": 404},
    "wagtailadmin_api:pages:action": {"editor": 405, "network_admin": 405},
    "wagtailadmin_api:documents:find": {"editor": 404, "network_admin": 404},
    "wagtailadmin_api:images:find": {"editor": 404, "network_admin": 404},
    # Pages: the explorer is the whole area's
    "wagtailadmin_explore_root": {"editor": OK, "network_admin": DENIED},
    "wagtailadmin_explore": {"editor": OK, "network_admin": DENIED},
    "wagtailadmin_explore_results": {"editor": OK, "network_admin": DENIED},
    "wagtail_bulk_action": {"editor": 404, "network_admin": 404},
    "wagtailadmin_pages:choose_parent": {
        "editor": "redirect:/admin/pages/add/network/casepage/<id>/",  # one possible parent
        "network_admin": OK,  # an empty list of parents
    },
    "wagtailadmin_pages:add_subpage": {
        "editor": "redirect:/admin/pages/add/network/casepage/<id>/"
    },
    "wagtailadmin_pages:convert_alias": {"editor": 404, "network_admin": 404},
    # Wagtail shows the question; the move itself is refused (test below).
    "wagtailadmin_pages:move_confirm": {"network_admin": OK},
    "wagtailadmin_pages:set_page_position": {"editor": 405, "network_admin": 405},
    "wagtailadmin_pages:confirm_workflow_cancellation": {"network_admin": OK},  # a question
    "wagtailadmin_pages:lock": {"editor": 405, "network_admin": 405},
    "wagtailadmin_pages:unlock": {"editor": 405, "network_admin": 405},
    "wagtailadmin_pages:revisions_index": {
        "editor": "redirect:/admin/pages/<id>/history/",
        "network_admin": "redirect:/admin/pages/<id>/history/",
    },
    "wagtailadmin_collections:delete": {"editor": 404, "network_admin": 404},  # the root
    "wagtailadmin_collections:set_privacy": {"editor": 404, "network_admin": 404},
    "wagtailadmin_workflows:enable": {"editor": 405, "network_admin": 405},
    "wagtailadmin_workflows:remove@admin/workflows/remove/<int:page_pk>/": {
        "editor": 405,
        "network_admin": 405,
    },
    "wagtailadmin_workflows:remove@admin/workflows/remove/<int:page_pk>/<int:workflow_pk>/": {
        "editor": 405,
        "network_admin": 405,
    },
    "wagtailadmin_workflows:enable_task": {"editor": 405, "network_admin": 405},
    "members_admin:decide": {"editor": 405, "network_admin": 405},  # POST only: see below
    "event_repetition_preview": {"network_admin": OK},  # the dates a rule gives, nothing more
    "wagtailforms:list_submissions": {"editor": 404, "network_admin": 404},  # not a form page
    "wagtailforms:list_submissions_results": {"editor": 404, "network_admin": 404},
    "wagtailforms:delete_submissions": {"editor": DENIED, "network_admin": DENIED},
    "wagtailredirects:delete": {"editor": 404, "network_admin": 404},
    "wagtailsettings:edit@admin/settings/<slug:app_name>/<slug:model_name>/": {
        "editor": "redirect:/admin/settings/home/networksettings/<id>/",
        "network_admin": "redirect:/admin/settings/home/networksettings/<id>/",
    },
    "wagtailsettings:preview_on_edit": {"editor": 404},  # settings have no preview
    "wagtailsnippetchoosers_network_casemethod:create": {
        "editor": DENIED,
        "network_admin": DENIED,
    },
    "wagtailsnippets_members_memberprofile:add": {"network_admin": DENIED},  # come with accounts
    "wagtailsnippets_members_memberprofile:delete": {"network_admin": DENIED},
    "wagtailsnippets_members_memberprofile:copy": {"network_admin": DENIED},
    "wagtailsnippetchoosers_members_memberprofile:create": {
        "editor": DENIED,
        "network_admin": DENIED,
    },
    "wagtailsnippetchoosers_events_externalcalendar:create": {"network_admin": DENIED},
    "wagtailsnippetchoosers_network_organisation:create": {"editor": DENIED},
    "wagtaildocs:edit_multiple": {"editor": 405, "network_admin": 405},
    "wagtaildocs:create_multiple_from_uploaded_document": {"editor": 405, "network_admin": 405},
    "wagtaildocs:delete_multiple": {"editor": 405, "network_admin": 405},
    "wagtaildocs:delete_upload_multiple": {"editor": 405, "network_admin": 405},
    "wagtaildocs_chooser:chosen": {"network_admin": DENIED},
    "wagtaildocs_chooser:create": {"network_admin": DENIED},
    "wagtailimages:url_generator": {"editor": 404},  # no dynamic image serve view
    "wagtailimages:url_generator_output": {"editor": 404},
    "wagtailimages:edit_multiple": {"editor": 405, "network_admin": 405},
    "wagtailimages:create_multiple_from_uploaded_image": {"editor": 405, "network_admin": 405},
    "wagtailimages:delete_multiple": {"editor": 405, "network_admin": 405},
    "wagtailimages:delete_upload_multiple": {"editor": 405, "network_admin": 405},
    "wagtailimages_chooser:chosen": {"network_admin": DENIED},
    "wagtailimages_chooser:create": {"network_admin": DENIED},
    "wagtailimages_chooser:select_format": {"network_admin": DENIED},
}


def admin_area(route):
    matches = [prefix for prefix in ADMIN_AREAS if route.startswith(prefix)]
    return max(matches, key=len) if matches else None


def expectation(key, variant, route=None):
    """The row for an address, or None when the table has no entry for it."""
    if route is not None and route.startswith("admin/"):
        area = admin_area(route)
        exception = ADMIN_EXCEPTIONS.get(key)
        if area is None and exception is None:
            return None
        row = dict(ADMIN_SHUT)
        if area is not None:
            row.update(zip(("editor", "network_admin"), ADMIN_AREAS[area], strict=True))
        row.update(exception or {})
        return row if set(row) == set(ROLES) else None
    return EXPECTED.get((key, variant) if variant else key)


def entry_name(key, variant):
    return f"{key} [{variant}]" if variant else key


ENTRIES = entry_by_key()
ROWS = [(key, variant, ENTRIES[key].route) for key, variant in url_targets()] + [
    (key, variant, None) for key, variant in page_targets()
]


def test_every_address_and_page_type_has_an_entry():
    missing = [
        f"add an entry for {entry_name(key, variant)}" + (f" (route {route!r})" if route else "")
        for key, variant, route in ROWS
        if expectation(key, variant, route) is None
    ]
    assert not missing, "\n".join(missing)


def test_every_page_type_and_route_is_in_the_world():
    """The world has a page of every type, and every route that takes arguments has them."""
    missing = []
    for model in page_models():
        label = model._meta.label
        if label not in PAGES:
            missing.append(f"add a page of type {label} to the world and to PAGES in targets.py")
        for pattern in getattr(model, "get_subpage_urls", list)():
            takes_arguments = bool(pattern.pattern.regex.groupindex)
            if takes_arguments and (label, pattern.name) not in ROUTE_ARGUMENTS:
                missing.append(f"add arguments for {label}:{pattern.name} to ROUTE_ARGUMENTS")
    assert not missing, "\n".join(missing)


def test_the_table_has_no_stale_entries():
    keys = {(key, variant) for key, variant, _ in ROWS} | {(key, None) for key, _, _ in ROWS}
    stale = [
        entry
        for entry in EXPECTED
        if (entry if isinstance(entry, tuple) else (entry, None)) not in keys
    ]
    stale += [key for key in ADMIN_EXCEPTIONS if (key, None) not in keys]
    admin_routes = [route for _, _, route in ROWS if route and route.startswith("admin/")]
    stale += [area for area in ADMIN_AREAS if not any(r.startswith(area) for r in admin_routes)]
    assert not stale, f"entries for addresses that no longer exist: {stale}"


# What a reader may see: text only these roles' responses may contain.
MEMBERS_ONLY_ROLES = {"member", "owner", "editor", "network_admin"}


def secrets_of(world):
    draft = world["case_draft"]
    return {
        "members-only case": ("Internt case om bemanning", MEMBERS_ONLY_ROLES),
        "members-only event": ("Nätverksträff för medlemmar", MEMBERS_ONLY_ROLES),
        "A's phone": (OWNER_PHONE, MEMBERS_ONLY_ROLES),
        "A's about text": (OWNER_BIO, MEMBERS_ONLY_ROLES),
        "A's case in moderation": (draft.summary, {"owner", "editor"}),
        "A's calendar address": (world["token"], {"owner"}),
        "A's email": ("anna.lindberg@boras.se", MEMBERS_ONLY_ROLES),
    }


# Rows that show members-only content by design to whoever holds the address.
SEEN_BY_ADDRESS_HOLDERS = {
    ("calendar_personal_feed", "A's address"): {"members-only case", "members-only event"},
}


def body_text(response):
    if response.streaming or not response.content:
        return ""
    content_type = response.get("Content-Type", "")
    if not any(kind in content_type for kind in ("text/", "json", "xml", "javascript")):
        return ""
    return response.content.decode(errors="replace")


@pytest.mark.parametrize(
    ("key", "variant", "route"),
    ROWS,
    ids=[entry_name(key, variant) for key, variant, _ in ROWS],
)
def test_matrix(site, key, variant, route):
    expected = expectation(key, variant, route)
    assert expected is not None, f"add an entry for {entry_name(key, variant)}"
    if route is not None:
        paths = url_paths(site, ENTRIES[key], variant)
    else:
        paths = page_paths(site, key, variant)
    secrets = secrets_of(site)
    allowed_anyway = SEEN_BY_ADDRESS_HOLDERS.get((key, variant), set())
    wrong = []
    for role in ROLES:
        client = logged_in(site.user(role))
        for path in paths:
            response = client.get(path)
            got = outcome(response)
            if got != expected[role]:
                wrong.append(
                    f"  {role}: GET {path} → {describe(response)} (table: {expected[role]})"
                )
            text = body_text(response)
            for name, (secret, readers) in secrets.items():
                if role not in readers and name not in allowed_anyway and secret in text:
                    wrong.append(f"  {role}: GET {path} shows {name} ({secret!r})")
    assert not wrong, f"{entry_name(key, variant)}:\n" + "\n".join(wrong)


# --- Changing an id: another's case, profile, registration, calendar address, data export ---


def case_state(case):
    case = CasePage.objects.get(pk=case.pk)
    return {
        "title": case.title,
        "draft_title": case.draft_title,
        "latest_revision": case.latest_revision_id,
        "revisions": case.revisions.count(),
        "live": case.live,
        "workflow_states": case.workflow_states.count(),
    }


@pytest.mark.parametrize("case_name", ["case_public", "case_members", "case_draft"])
@pytest.mark.parametrize(
    ("role", "status"),
    [("visitor", 302), ("pending", 404), ("member", 404), ("network_admin", 404)],
)
def test_nobody_else_edits_a_members_case(site, case_name, role, status):
    case = site[case_name]
    before = case_state(case)
    client = logged_in(site.user(role))
    data = submitted_case_data(site["goteborg"], title="Kapad titel", summary="Kapad.")

    response = client.post(f"/case/redigera/{case.pk}/", data)
    english = client.post(f"/en/case/redigera/{case.pk}/", data)

    assert response.status_code == english.status_code == status
    assert case_state(case) == before
    assert not CasePage.objects.filter(title="Kapad titel").exists()


@pytest.mark.parametrize("role", ["member", "owner", "network_admin"])
def test_no_member_edits_a_case_in_the_admin(site, role):
    case = site["case_public"]
    before = case_state(case)
    client = logged_in(site.user(role))

    response = client.post(
        f"/admin/pages/{case.pk}/edit/", {"title": "Kapad titel", "slug": "kapad"}
    )

    assert outcome(response) == (DENIED if role == "network_admin" else LOGIN)
    assert case_state(case) == before


def test_a_network_admin_cannot_move_a_page_though_wagtail_asks(site):
    case, target = site["case_public"], site["standard"]
    client = logged_in(site.user("network_admin"))

    response = client.post(f"/admin/pages/{case.pk}/move/{target.pk}/confirm/")

    assert outcome(response) == DENIED
    assert Page.objects.get(pk=case.pk).get_parent().pk == site["case_index"].pk


def profile_state(profile):
    profile = MemberProfile.objects.select_related("user").get(pk=profile.pk)
    return {
        "first_name": profile.user.first_name,
        "last_name": profile.user.last_name,
        "email": profile.user.email,
        "bio": profile.bio,
        "phone": profile.phone,
        "title": profile.title,
        "slug": profile.slug,
        "visibility": profile.visibility,
        "status": profile.status,
        "organisation": profile.organisation_id,
        "user": profile.user_id,
    }


def test_a_member_posting_another_members_ids_changes_only_their_own_profile(site):
    owner, member = site["owner_profile"], site["member_profile"]
    before = profile_state(owner)
    client = logged_in(site.user("member"))
    data = {
        "first_name": "Erik",
        "last_name": "Holm",
        "visibility": "members",
        "bio": "Erik skriver om sig själv.",
        # Ids of member A's records, as a forger would add them.
        "id": owner.pk,
        "pk": owner.pk,
        "user": owner.user_id,
        "user_id": owner.user_id,
        "slug": owner.slug,
        "member_profile": owner.pk,
        "status": "suspended",
    }

    response = client.post("/medlemmar/min-profil/", data)

    assert response.status_code == 302
    assert profile_state(owner) == before
    mine = profile_state(member)
    assert mine["bio"] == "Erik skriver om sig själv."
    assert mine["status"] == "approved" and mine["user"] == member.user_id


@pytest.mark.parametrize("role", ["visitor", "pending", "member", "owner", "editor"])
def test_only_network_admins_edit_a_profile_in_the_admin(site, role):
    owner = site["owner_profile"]
    before = profile_state(owner)
    client = logged_in(site.user(role))

    response = client.post(
        f"/admin/snippets/members/memberprofile/edit/{owner.pk}/",
        {"bio": "Ändrad av någon annan", "visibility": "public"},
    )

    assert outcome(response) == (DENIED if role == "editor" else LOGIN)
    assert profile_state(owner) == before


@pytest.mark.parametrize("role", ["visitor", "pending", "member", "owner", "editor"])
def test_only_network_admins_approve_or_suspend(site, role):
    pending, owner = site["pending_profile"], site["owner_profile"]
    client = logged_in(site.user(role))

    approve = client.post(f"/admin/membership/{pending.pk}/approve/")
    suspend = client.post(f"/admin/membership/{owner.pk}/suspend/")

    # An editor is in the admin without the permission: Wagtail's "no permission".
    assert outcome(approve) == outcome(suspend) == (DENIED if role == "editor" else LOGIN)
    assert MemberProfile.objects.get(pk=pending.pk).status == "pending"
    assert MemberProfile.objects.get(pk=owner.pk).status == "approved"


def test_a_network_admin_does_approve(site):
    """The control for the test above: the same request from the right person works."""
    pending = site["pending_profile"]

    response = logged_in(site.user("network_admin")).post(
        f"/admin/membership/{pending.pk}/approve/"
    )

    assert response.status_code == 302
    assert MemberProfile.objects.get(pk=pending.pk).status == "approved"


def registrations():
    return dict(Registration.objects.values_list("pk", "status"))


@pytest.mark.parametrize("role", ["visitor", "pending", "member", "network_admin"])
def test_cancelling_touches_only_ones_own_registration(site, role):
    event = site["event_public"]
    before = registrations()
    client = logged_in(site.user(role))

    response = client.post(f"/kalender/anmalan/{event.pk}/", {"action": "cancel"})
    # Ids of A's registration and account, as a forger would add them.
    forged = client.post(
        f"/kalender/anmalan/{event.pk}/",
        {
            "action": "cancel",
            "registration": site["owner_registration"].pk,
            "user": site.user("owner").pk,
        },
    )

    assert response.status_code == forged.status_code
    assert response.status_code in (302, 404)
    assert registrations() == before
    assert Registration.objects.get(pk=site["owner_registration"].pk).status == "confirmed"


@pytest.mark.parametrize("role", ["visitor", "pending", "member", "owner", "network_admin"])
def test_participant_lists_are_for_editors_only(site, role):
    event = site["event_public"]
    client = logged_in(site.user(role))

    csv = client.get(f"/admin/events/{event.pk}/participants.csv")
    listing = client.get(f"/admin/participants/?event={event.pk}")

    assert outcome(csv) == outcome(listing) == (DENIED if role == "network_admin" else LOGIN)
    assert b"anna.lindberg@boras.se" not in csv.content + listing.content


def test_a_personal_calendar_address_opens_only_its_own_feed(site):
    owner_token, member_token = site["token"], site["member_token"]
    nonce, signature = owner_token.split(".")
    other_nonce, other_signature = member_token.split(".")
    client = Client()

    forged = [
        f"{nonce}.{other_signature}",  # A's nonce with B's signature
        f"{other_nonce}.{signature}",  # B's nonce with A's signature
        f"{nonce}.{signature.upper()}" if signature.upper() != signature else f"{nonce}.",
        f"{nonce}",
        f"{nonce[:-1]}{'B' if nonce.endswith('A') else 'A'}.{signature}",  # one letter off
        f"{nonce}.{signature}x",
    ]
    for address in forged:
        assert client.get(f"/kalender/feed/{address}.ics").status_code == 404, address
    assert client.get(f"/kalender/feed/{owner_token}.ics").status_code == 200
    assert "Anna Lindberg" in client.get(f"/kalender/feed/{owner_token}.ics").content.decode()
    assert "Erik Holm" in client.get(f"/kalender/feed/{member_token}.ics").content.decode()


def test_a_new_calendar_address_for_one_member_leaves_anothers_alone(site):
    owner_token = site["token"]
    client = logged_in(site.user("member"))

    response = client.post(
        "/medlemmar/min-profil/kalender/", {"user": site.user("owner").pk, "token": owner_token}
    )

    assert response.status_code == 302
    assert CalendarToken.address_for(site.user("owner")) == owner_token
    assert CalendarToken.address_for(site.user("member")) != site["member_token"]
    assert Client().get(f"/kalender/feed/{owner_token}.ics").status_code == 200
    profile_page = client.get("/medlemmar/min-profil/").content.decode()
    assert owner_token not in profile_page


@pytest.mark.parametrize("query", ["", "?user=1&pk=1&id=1&email=anna.lindberg@boras.se"])
def test_a_data_export_holds_only_ones_own_data(site, query):
    owner = site["owner_profile"]
    client = logged_in(site.user("member"))

    response = client.get("/medlemmar/min-profil/mina-uppgifter.json" + query)
    english = client.get("/en/medlemmar/min-profil/mina-uppgifter.json" + query)

    assert response.status_code == english.status_code == 200
    data = response.json()
    assert data["account"]["email"] == "erik.holm@goteborg.se"
    text = response.content.decode()
    for secret in (owner.user.email, OWNER_PHONE, OWNER_BIO, site["case_draft"].title):
        assert secret not in text
    assert Client().get("/medlemmar/min-profil/mina-uppgifter.json" + query).status_code == 302


def test_deleting_an_account_takes_ones_own_password_and_only_ones_own_account(site):
    from tests.factories import PASSWORD

    owner, member = site.user("owner"), site.user("member")
    member.set_password("eriks-eget-losenord")
    member.save()
    client = logged_in(member)

    response = client.post(
        "/medlemmar/min-profil/radera/",
        {"password": PASSWORD, "confirm": "on", "user": owner.pk, "id": owner.pk},
    )

    assert response.status_code == 200  # A's password is not Erik's: the form again
    assert type(owner).objects.filter(pk=owner.pk).exists()
    assert type(member).objects.filter(pk=member.pk).exists()
    assert EmailAddress.objects.filter(user=owner).exists()


def test_a_reuse_is_recorded_only_for_ones_own_organisation(site):
    case = site["case_public"]
    client = logged_in(site.user("member"))  # Göteborg; the case is Borås's

    response = client.post(
        f"/case/ateranvand/{case.pk}/",
        {"organisation": site["boras"].pk, "adopted_on": "2025-03-01", "adaptation": "Nej."},
    )

    assert response.status_code == 400
    assert not CaseReuse.objects.filter(organisation=site["boras"]).exists()


def test_a_members_cases_in_moderation_are_not_in_anothers_list(site):
    draft = site["case_draft"]

    mine = logged_in(site.user("owner")).get("/case/mina/").content.decode()
    theirs = logged_in(site.user("member")).get("/case/mina/").content.decode()

    assert draft.title in mine
    assert draft.title not in theirs
