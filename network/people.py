"""How the network's pages show people and extend themselves, without importing the apps
above it (network ← events ← members ← home).

The network knows people only as user accounts. The app that keeps their profiles
(members) tells it, at start-up, where a person's profile is and where a member sees
the state of their membership; events and members add their sections to an
organisation's page. Each hook is registered once, in the registering app's ready().
"""

_hooks = {
    "profile_url": lambda user: None,
    "organisation_name": lambda user: "",
    "organisation": lambda user: None,
    "membership_status_url": lambda: None,
    "profile_relation": None,
}
_organisation_sections = []


def register_profiles(
    profile_url, organisation_name, organisation, membership_status_url, profile_relation
):
    """profile_url(user) gives the public profile's address or None; organisation_name(user)
    the organisation a person works for, as they gave it; organisation(user) the member
    organisation they belong to (an Organisation, or None: free text is nobody's affiliation);
    membership_status_url() the page a signed-in person sees their membership on;
    profile_relation the user's relation to fetch with them (profile and organisation), so
    that lists cost one query."""
    _hooks.update(
        profile_url=profile_url,
        organisation_name=organisation_name,
        organisation=organisation,
        membership_status_url=membership_status_url,
        profile_relation=profile_relation,
    )


def profile_url(user):
    return _hooks["profile_url"](user) if user is not None else None


def organisation_name(user):
    return _hooks["organisation_name"](user)


def organisation(user):
    return _hooks["organisation"](user) if user is not None else None


def membership_status_url():
    return _hooks["membership_status_url"]()


def with_profiles(queryset, user_field="user"):
    """The queryset with each person's profile fetched in the same query."""
    relation = _hooks["profile_relation"]
    return queryset.select_related(f"{user_field}__{relation}" if relation else user_field)


def register_organisation_section(order, section):
    """section(request, organisation) gives (template name, context) or None to leave it out."""
    _organisation_sections.append((order, section))
    _organisation_sections.sort(key=lambda item: item[0])


def organisation_sections(request, organisation):
    sections = []
    for _order, section in _organisation_sections:
        found = section(request, organisation)
        if found is not None:
            template, context = found
            sections.append({"template": template, "context": context})
    return sections
