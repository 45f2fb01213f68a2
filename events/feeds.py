"""The calendar feeds: public (narrowed by tag or organisation), one event, and personal."""

import datetime
import hashlib
import hmac
import re
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Q, Sum
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import http_date, parse_http_date_safe

from network.models.visibility import can_see_members_only
from network.pages import page_for_site

from . import ical
from .models import CalendarToken, EventIndexPage, EventPage, Registration
from .signals import REMOVED_AT_KEY

PUBLIC_FEED_DAYS_BACK = 90
SLUG = re.compile(r"^[-\w]{1,200}$", re.ASCII)
TOKEN = re.compile(r"^([A-Za-z0-9_-]{22})\.([0-9a-f]{32})$")


def calendar_response(request, events, name, private=False):
    """Answer with the feed, or 304 when the client's copy is current; builds nothing for a 304."""
    summary = events.aggregate(
        changed=Max("ical_changed_at"), count=Count("pk"), ids=Sum("pk"), seq=Sum("sequence")
    )
    removed_at = cache.get(REMOVED_AT_KEY)
    candidates = [value for value in (summary["changed"], removed_at) if value]
    last_modified = max(candidates) if candidates else ical.now()
    etag = ical.etag_for({**summary, "removed": removed_at, "name": name})
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match:
        if (
            etag in [tag.strip() for tag in if_none_match.split(",")]
            or if_none_match.strip() == "*"
        ):
            return not_modified(etag, last_modified)
    else:
        since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
        if since is not None and int(last_modified.timestamp()) <= since:
            return not_modified(etag, last_modified)
    vevents = events.order_by("start", "pk").values_list("ical_vevent", flat=True)
    body = ical.assemble(name, [v for v in vevents if v])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified.timestamp())
    # A personal feed must not sit in a shared cache, even behind its secret address.
    response["Cache-Control"] = "private, max-age=900" if private else "public, max-age=900"
    return response


def not_modified(etag, last_modified):
    response = HttpResponseNotModified()
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified.timestamp())
    return response


def calendar_index(request):
    return page_for_site(request, EventIndexPage)


def public_feed(request):
    index = calendar_index(request)
    cutoff = timezone.now() - datetime.timedelta(days=PUBLIC_FEED_DAYS_BACK)
    events = (
        EventPage.objects.live().child_of(index).visible_to(None).filter(last_end_at__gte=cutoff)
    )
    name = index.title
    tag, organisation = request.GET.get("tag"), request.GET.get("organisation")
    if tag:
        events = events.filter(tags__slug=tag) if SLUG.match(tag) else events.none()
        name = f"{name} – {tag}"
    if organisation:
        events = (
            events.filter(organiser__slug=organisation)
            if SLUG.match(organisation)
            else events.none()
        )
        name = f"{name} – {organisation}"
    return calendar_response(request, EventPage.objects.filter(pk__in=events.values("pk")), name)


def event_ics(request, slug):
    index = calendar_index(request)
    event = get_object_or_404(EventPage.objects.live().child_of(index), slug=slug)
    if event.is_members_only and not can_see_members_only(request.user):
        raise Http404
    response = calendar_response(request, EventPage.objects.filter(pk=event.pk), event.title)
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


# Personal feeds ---------------------------------------------------------------


def _signature(nonce):
    key = f"samverkan.calendar-token:{settings.SECRET_KEY}".encode()
    return hmac.new(key, nonce.encode(), hashlib.sha256).hexdigest()[:32]


def issue_token(user):
    """A new personal feed address for this member; the old one stops working."""
    nonce = secrets.token_urlsafe(16)  # 128 random bits
    CalendarToken.objects.update_or_create(user=user, defaults={"nonce": nonce})
    return f"{nonce}.{_signature(nonce)}"


def token_for(user):
    token = CalendarToken.objects.filter(user=user).first()
    return f"{token.nonce}.{_signature(token.nonce)}" if token else None


def user_for_token(token):
    match = TOKEN.match(token or "")
    if not match or not hmac.compare_digest(match.group(2), _signature(match.group(1))):
        return None
    found = CalendarToken.objects.select_related("user").filter(nonce=match.group(1)).first()
    return found.user if found else None


def personal_feed(request, token):
    user = user_for_token(token)
    if user is None or not user.is_active or not can_see_members_only(user):
        raise Http404
    index = calendar_index(request)
    registered = Registration.objects.filter(
        user=user, status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING]
    ).values("event_id")
    cutoff = timezone.now() - datetime.timedelta(days=PUBLIC_FEED_DAYS_BACK)
    events = (
        EventPage.objects.live()
        .child_of(index)
        .filter(last_end_at__gte=cutoff)
        .filter(Q(pk__in=registered) | Q(visibility=EventPage.Visibility.MEMBERS))
    )
    name = f"{index.title} – {user.get_full_name()}".strip(" –")
    return calendar_response(request, events, name, private=True)
