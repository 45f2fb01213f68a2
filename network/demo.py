"""The network's demo: its real member organisations and their cases.

The records are in network/fixtures/demo/ (organisations.json, cases.json).
"""

import datetime

from .demo_builder import fixture, from_data, logo, picture, publish_child
from .models import (
    CaseGalleryImage,
    CaseIndexPage,
    CaseMethod,
    CasePage,
    CasePartner,
    CaseReuse,
    CaseStatusUpdate,
    Organisation,
    OrganisationEmailDomain,
)


def seed_organisations():
    """Every organisation by slug, with its email domains and a monogram logo when new."""
    organisations = {}
    for record in fixture("network", "organisations"):
        fields = dict(record)
        slug, domains = fields.pop("slug"), fields.pop("domains")
        organisation, created = Organisation.objects.get_or_create(slug=slug, defaults=fields)
        if created:
            organisation.logo = logo(organisation)
            organisation.save(update_fields=["logo"])
        for domain in domains:
            OrganisationEmailDomain.objects.get_or_create(
                domain=domain, defaults={"organisation": organisation}
            )
        organisations[slug] = organisation
    return organisations


def case_fields(record, organisations, methods):
    """A case record's references (organisations and methods by slug) as objects."""
    fields = dict(record)
    for name in ("coordinator", "funder"):
        if name in fields:
            fields[name] = organisations[fields[name]]
    fields["partners"] = [
        CasePartner(organisation=organisations[partner["organisation"]], role=partner["role"])
        for partner in fields.get("partners", [])
    ]
    fields["status_updates"] = [
        CaseStatusUpdate(**from_data(CaseStatusUpdate, update))
        for update in fields.get("status_updates", [])
    ]
    fields["methods"] = [methods[slug] for slug in fields.get("methods", [])]
    fields["gallery_images"] = lambda: [gallery_image(record)]
    return fields


def gallery_image(record):
    image = picture(record["title"], record["slug"])
    return CaseGalleryImage(image=image, alt_text=image.description)


def seed_cases(home, organisations):
    data = fixture("network", "cases")
    index = publish_child(home, CaseIndexPage, **data["index"])
    methods = {
        method["slug"]: CaseMethod.objects.get_or_create(
            slug=method["slug"], defaults={"name": method["name"]}
        )[0]
        for method in data["methods"]
    }
    cases = {
        record["slug"]: publish_child(
            index, CasePage, **case_fields(record, organisations, methods)
        )
        for record in data["cases"]
    }
    for reuse in data["reuses"]:
        follow_up = reuse.get("follow_up_case")
        CaseReuse.objects.get_or_create(
            case=cases[reuse["case"]],
            organisation=organisations[reuse["organisation"]],
            defaults={
                "adopted_on": datetime.date.fromisoformat(reuse["adopted_on"]),
                "adaptation": reuse["adaptation"],
                "follow_up_case": cases[follow_up] if follow_up else None,
            },
        )
    return index
