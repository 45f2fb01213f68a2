"""The site the security tests run against: every kind of page, record and person, built once.

Member A ("owner") owns what the tests try to reach: a public, a members-only and a
submitted (in moderation) case, a profile visible to members only, a registration for an
event, a personal calendar address. Member B ("member") is another approved member, of
another organisation, who must not read or change any of it.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.models import Collection, PageViewRestriction, Site, Task, Workflow

from tests.factories import (
    make_case,
    make_case_index,
    make_event,
    make_event_index,
    make_home_page,
    make_image,
    make_member,
    make_method,
    make_news,
    make_news_index,
    make_organisation,
    make_standard_page,
)

PDF = (
    b"%PDF-1.4\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n"
    b"2 0 obj\n<</Type/Pages/Kids[]/Count 0>>\nendobj\ntrailer\n<</Root 1 0 R>>\n%%EOF\n"
)
ROLES = ("visitor", "pending", "member", "owner", "editor", "network_admin")
OWNER_BIO = "Anna arbetar med tjänstedesign i hemtjänsten."
OWNER_PHONE = "070-123 45 67"


@dataclass
class World:
    users: dict = field(default_factory=dict)  # role → User (None for the visitor)
    objects: dict = field(default_factory=dict)  # what URL parameters are filled with

    def user(self, role):
        """The role's account, read afresh: a test may have changed the shared object."""
        user = self.users[role]
        return None if user is None else type(user).objects.get(pk=user.pk)

    def __getitem__(self, name):
        return self.objects[name]


def logged_in(user):
    """A test client signed in as this person (None: a visitor); errors come back as 500s."""
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def submitted_case_data(organisation, **changes):
    data = {
        "title": "Anmäld idé om trygghetslarm",
        "summary": "Ett case som väntar på redaktörerna.",
        "status": "idea",
        "coordinator": organisation.pk,
        "tags": "Trygghet",
        "visibility": "public",
        "challenge": "Larmen användes inte.",
    }
    data.update(changes)
    return data


def document(title="Slutrapport", name="slutrapport.pdf", content=PDF, uploader=None):
    doc = get_document_model()(title=title, uploaded_by_user=uploader)
    doc.file.save(name, ContentFile(content), save=False)
    doc.save()
    return doc


def build_world():
    """Everything, as published pages and records; returns a World."""
    from events.models import CalendarToken, ExternalCalendar
    from events.registration import register
    from home.models import NetworkSettings
    from network.models import CaseContact, CaseDocument, CasePage

    world = World()
    o = world.objects
    home = make_home_page()
    boras = make_organisation()
    goteborg = make_organisation("Göteborgs Stad", "goteborgs-stad", ("goteborg.se",))
    method = make_method()

    owner = make_member(
        "anna.lindberg@boras.se",
        organisation=boras,
        bio=OWNER_BIO,
        phone=OWNER_PHONE,
        title="Innovationsledare",
    )
    member = make_member("erik.holm@goteborg.se", organisation=goteborg)
    public_member = make_member(
        "petra.open@goteborg.se", organisation=goteborg, visibility="public"
    )
    pending = make_member("nora.vantar@gmail.com", status="pending")
    editor = make_member("redaktor@samverkan.se")
    editor.user.groups.add(Group.objects.get(name="Editors"))
    network_admin = make_member("nils.admin@skr.se")
    network_admin.user.groups.add(Group.objects.get(name="Network admins"))
    world.users = {
        "visitor": None,
        "pending": pending.user,
        "member": member.user,
        "owner": owner.user,
        "editor": editor.user,
        "network_admin": network_admin.user,
    }

    image = make_image("Workshop i Vänersborg")
    news_index = make_news_index(home)
    news = make_news(news_index, tags=["Tjänstedesign"], listing_image=image, author=editor.user)
    standard = make_standard_page(home, slug="om-natverket")
    child_standard = make_standard_page(standard, slug="integritet")
    private = make_standard_page(home, slug="intern-sida", title="Intern sida")
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )

    case_index = make_case_index(home)
    report = document(uploader=owner.user)
    case_public = make_case(
        case_index,
        tags=["Tjänstedesign"],
        methods=[method],
        slug="trygghetslarm",
        title="Trygghetslarm som äldre själva formade",
        coordinator=boras,
        submitted_by=owner.user,
        owner=owner.user,
    )
    case_public.contacts.add(CaseContact(user=owner.user))
    case_public.documents.add(CaseDocument(document=report, title="Slutrapport"))
    case_public.save_revision(user=owner.user).publish()
    case_members = make_case(
        case_index,
        slug="internt-case",
        title="Internt case om bemanning",
        visibility="members",
        coordinator=boras,
        submitted_by=owner.user,
        owner=owner.user,
    )
    case_members.contacts.add(CaseContact(user=owner.user))
    case_members.save_revision(user=owner.user).publish()
    other_case = make_case(case_index, slug="goteborgs-case", coordinator=goteborg)

    # A case submitted through the members' form: a draft in moderation, not live.
    client = Client()
    client.force_login(owner.user)
    response = client.post(case_index.url + "nytt/", submitted_case_data(boras))
    assert response.status_code == 302, response.content.decode()[:2000]
    case_draft = CasePage.objects.get(title="Anmäld idé om trygghetslarm")
    workflow_state = case_draft.current_workflow_state
    task_state = workflow_state.current_task_state

    event_index = make_event_index(home)
    event_public = make_event(
        event_index,
        tags=["Tjänstedesign"],
        slug="workshop-vanersborg",
        title="Workshop i innovationsledning",
        organiser=boras,
        registration_enabled=True,
        capacity=40,
    )
    event_members = make_event(
        event_index,
        slug="natverkstraff-medlemmar",
        title="Nätverksträff för medlemmar",
        visibility="members",
        organiser=boras,
        registration_enabled=True,
    )
    past = timezone.now() - datetime.timedelta(days=30)
    event_past = make_event(event_index, slug="forra-traffen", start=past, organiser=goteborg)
    owner_registration = register(event_public, owner.user)
    member_registration = register(event_members, member.user)
    token = CalendarToken.issue(owner.user)
    member_token = CalendarToken.issue(member.user)

    rendition = image.get_rendition("fill-100x100")
    site = Site.objects.get(is_default_site=True)
    o.update(
        {
            "home": home,
            "boras": boras,
            "goteborg": goteborg,
            "method": method,
            "owner_profile": owner,
            "member_profile": member,
            "public_profile": public_member,
            "pending_profile": pending,
            "image": image,
            "rendition_url": rendition.url,
            "document": report,
            "news_index": news_index,
            "news": news,
            "standard": standard,
            "child_standard": child_standard,
            "private": private,
            "restriction": restriction,
            "case_index": case_index,
            "case_public": case_public,
            "case_members": case_members,
            "case_draft": case_draft,
            "other_case": other_case,
            "workflow": Workflow.objects.filter(active=True).first(),
            "task": Task.objects.filter(active=True).first(),
            "workflow_state": workflow_state,
            "task_state": task_state,
            "event_index": event_index,
            "event_public": event_public,
            "event_members": event_members,
            "event_past": event_past,
            "owner_registration": owner_registration,
            "member_registration": member_registration,
            "token": token,
            "member_token": member_token,
            "collection": Collection.get_first_root_node(),
            "redirect": Redirect.objects.create(old_path="/gammal", redirect_page=news),
            "external_calendar": ExternalCalendar.objects.create(
                name="Borås kalender", url="https://boras.se/kalender.ics", organisation=boras
            ),
            "settings": NetworkSettings.load(),
            "site": site,
            "editors": Group.objects.get(name="Editors"),
        }
    )
    return world
