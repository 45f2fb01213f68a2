"""What each address of the matrix is filled with: real objects of the world (a case of member A,
A's profile, an event with registrations …), and the pages of the tree by type and route."""

from urllib.parse import quote

from django.utils import translation

from .routes import UrlEntry, page_models, page_routes, url_entries

MISSING = 999_999  # an id that names nothing

# Addresses whose pattern cannot be filled from its parameters alone.
PATHS = {"admin/^.*/$": "/admin/finns-inte/"}

# `pk` names a different object in each part of the admin: the longest matching prefix wins.
PK_BY_PREFIX = {
    "admin/api/main/^pages/": "@case_public",
    "admin/api/main/^documents/": "@document",
    "admin/api/main/^images/": "@image",
    "admin/pages/": "@case_public",
    "admin/collections/": "@collection",
    "admin/workflows/": "@workflow",
    "admin/workflows/tasks/": "@task",
    "admin/settings/": "@settings",
    "admin/snippets/network/casemethod/": "@method",
    "admin/snippets/choose/network/casemethod/": "@method",
    "admin/snippets/members/memberprofile/": "@owner_profile",
    "admin/snippets/choose/members/memberprofile/": "@owner_profile",
    "admin/snippets/events/externalcalendar/": "@external_calendar",
    "admin/snippets/choose/events/externalcalendar/": "@external_calendar",
    "admin/snippets/network/organisation/": "@boras",
    "admin/snippets/choose/network/organisation/": "@boras",
    "admin/documents/chooser/": "@document",
    "admin/images/chooser/": "@image",
    "admin/sites/": "@site",
    "admin/users/": "@owner_user",
    "admin/groups/": "@editors",
    "admin/membership/": "@pending_profile",
    "admin/events/calendars/": "@external_calendar",
}

# Parameters whose value depends on where they appear: (route prefix, parameter) → value.
BY_PREFIX = {
    ("admin/tag-autocomplete/", "app_name"): "taggit",
    ("admin/tag-autocomplete/", "model_name"): "tag",
    ("admin/settings/", "app_name"): "home",
    ("admin/settings/", "model_name"): "networksettings",
    ("admin/bulk/", "app_label"): "wagtailcore",
    ("admin/bulk/", "model_name"): "page",
    ("admin/bulk/", "action"): "delete",
    ("admin/workflows/tasks/add/", "app_label"): "wagtailcore",
    ("admin/workflows/tasks/add/", "model_name"): "groupapprovaltask",
    ("admin/editing-sessions/", "app_label"): "wagtailcore",
    ("admin/editing-sessions/", "model_name"): "page",
    ("admin/pages/create/", "app_label"): "network",
    ("admin/pages/create/", "model_name"): "casepage",
    ("admin/api/main/^pages/", "action_name"): "copy",
    ("admin/pages/workflow/", "action_name"): "approve",
    ("admin/pages/workflow/", "page_id"): "@case_draft",
    ("admin/pages/<int:page_id>/workflow_history/", "page_id"): "@case_draft",
    ("admin/events/", "page_id"): "@event_public",
    ("admin/forms/", "page_id"): "@news",
    ("admin/workflows/remove/", "page_pk"): "@home",
    ("_util/authenticate_with_password/", "page_id"): "@private",
    ("kalender/<slug:slug>/", "slug"): "@event_public",
    ("organisationer/", "slug"): "@boras",
    ("medlemmar/", "slug"): "@owner_profile",
}

# Parameters named alike everywhere: name → object in the world (its pk or slug) or a value.
BY_NAME = {
    "page_id": "@case_public",
    "parent_page_id": "@case_index",
    "page_to_move_id": "@case_public",
    "destination_id": "@case_index",
    "object_id": "@case_public",
    "content_type_app_name": "network",
    "content_type_model_name": "casepage",
    "image_id": "@image",
    "document_id": "@document",
    "doc_id": "@document",
    "task_id": "@task",
    "task_state_id": "@task_state",
    "workflow_state_id": "@workflow_state",
    "workflow_pk": "@workflow",
    "event_id": "@event_public",
    "page_view_restriction_id": "@restriction",
    "uploaded_file_id": MISSING,
    "session_id": MISSING,
    "restriction_id": MISSING,
    "filter_spec": "fill-100x100",
    "decision": "approve",
    "organization_slug": "boras-stad",
    "provider_id": "entra",
    "uidb64": "MQ",
    "token": "set-password",
    "uidb36": "1",
    "key": "inte-en-nyckel",
    "revision_id_a": "earliest",
    "revision_id_b": "latest",
}

# A few addresses are tried with more than one object: (key, variant) → {parameter: value}.
VARIANTS = {
    "members:profile": {
        "members-only profile of A": {"slug": "@owner_profile"},
        "public profile": {"slug": "@public_profile"},
        "pending member's profile": {"slug": "@pending_profile"},
    },
    "calendar_event_ics": {
        "public event": {"slug": "@event_public"},
        "members-only event": {"slug": "@event_members"},
    },
    "calendar_personal_feed": {
        "A's address": {"token": "@owner_token"},
        "A's nonce, forged signature": {"token": "@forged_token"},
    },
    "organisation": {"with cases": {"slug": "@boras"}, "unknown": {"slug": "finns-inte"}},
}


def resolve(world, thing, name):
    """A parameter's value: "@name" is an object of the world (its slug for a slug parameter,
    else its pk), anything else is the value itself."""
    if not (isinstance(thing, str) and thing.startswith("@")):
        return thing
    name_in_world = thing[1:]
    made = {
        "owner_token": lambda: world["token"],
        "forged_token": lambda: world["token"].split(".")[0] + "." + "0" * 32,
        "owner_user": lambda: world["owner_profile"].user_id,
    }.get(name_in_world)
    if made is not None:
        return made()
    obj = world[name_in_world]
    return obj.slug if name == "slug" else obj.pk


def filler(world, entry, overrides=None):
    """value_of(parameter) for one entry of the URL configuration."""
    overrides = overrides or {}

    def value_of(name):
        thing = overrides.get(name)
        if thing is None:
            for (prefix, param), value in sorted(BY_PREFIX.items(), key=lambda kv: -len(kv[0][0])):
                if param == name and entry.route.startswith(prefix):
                    thing = value
                    break
        if thing is None and name == "pk":
            matches = [p for p in PK_BY_PREFIX if entry.route.startswith(p)]
            thing = PK_BY_PREFIX[max(matches, key=len)] if matches else MISSING
        if thing is None and name == "revision_id":
            return world["case_public"].latest_revision_id
        if thing is None and name == "filename":
            return world["rendition_url"].rsplit("/", 1)[1]
        if thing is None and name in ("_0", "_1"):
            if entry.route.startswith(("^documents/", "documents/")):
                doc = world["document"]
                return doc.pk if name == "_0" else quote(doc.filename)
            return ""  # Wagtail's page serving: the site's root
        if thing is None:
            thing = BY_NAME.get(name, MISSING)
        return resolve(world, thing, name)

    return value_of


def url_targets():
    """(key, variant) for every entry of the URL configuration: the matrix's rows."""
    rows = []
    for entry in url_entries():
        for variant in VARIANTS.get(entry.key, {None: None}):
            rows.append((entry.key, variant))
    return rows


def entry_by_key():
    return {entry.key: entry for entry in url_entries()}


def url_paths(world, entry: UrlEntry, variant=None):
    """The addresses of one row: Swedish, and English for the localized ones."""
    if entry.key in PATHS:
        return [PATHS[entry.key]]
    overrides = VARIANTS.get(entry.key, {}).get(variant, {})
    value_of = filler(world, entry, overrides)
    languages = ("sv", "en") if entry.localized else ("sv",)
    return [entry.path(value_of, language) for language in languages]


# The page tree: every page type by the pages of the world that have it, and the sub-routes of
# routable pages with their arguments.
PAGES = {
    "events.EventIndexPage": {"calendar": "event_index"},
    "events.EventPage": {
        "public": "event_public",
        "members-only": "event_members",
        "past": "event_past",
    },
    "home.HomePage": {"home": "home"},
    "home.NewsIndexPage": {"news": "news_index"},
    "home.NewsPage": {"public": "news"},
    "home.StandardPage": {
        "public": "standard",
        "child": "child_standard",
        "login required": "private",
    },
    "network.CaseIndexPage": {"cases": "case_index"},
    "network.CasePage": {
        "public": "case_public",
        "members-only": "case_members",
        "in moderation": "case_draft",
    },
}
ROUTE_ARGUMENTS = {
    ("network.CaseIndexPage", "edit"): {
        "A's public case": {"case_id": "@case_public"},
        "A's members-only case": {"case_id": "@case_members"},
        "A's case in moderation": {"case_id": "@case_draft"},
        "a case nobody in the world owns": {"case_id": "@other_case"},
        "no such case": {"case_id": MISSING},
    },
    ("network.CaseIndexPage", "reuse"): {
        "A's public case": {"case_id": "@case_public"},
        "A's members-only case": {"case_id": "@case_members"},
        "A's case in moderation": {"case_id": "@case_draft"},
    },
}


def page_targets():
    """(key, variant) for every page type and every routable sub-route."""
    rows = []
    for model in page_models():
        label = model._meta.label
        routes = page_routes(model)
        if not routes:
            for variant in PAGES.get(label, {None: None}):
                rows.append((label, variant))
        for route in routes:
            for variant in ROUTE_ARGUMENTS.get((label, route), {None: None}):
                rows.append((f"{label}:{route}", variant))
    return rows


def page_paths(world, key, variant):
    # Page addresses in Swedish, whatever language the last request left active.
    with translation.override("sv"):
        path = _page_path(world, key, variant)
    return [path, "/en" + path]


def _page_path(world, key, variant):
    label, _, route = key.partition(":")
    if route:
        (page_name,) = PAGES[label].values()
        page = world[page_name].specific
        args = ROUTE_ARGUMENTS.get((label, route), {}).get(variant, {})
        kwargs = {name: resolve(world, thing, name) for name, thing in args.items()}
        return page.url + page.reverse_subpage(route, kwargs=kwargs)
    return world[PAGES[label][variant]].url
