"""Events: pages with dates, repetition, status and registration, and their iCalendar form."""

import datetime
import uuid
from urllib.parse import urlencode

from dateutil import rrule
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from network.models import MembersOnlyMixin, Organisation
from network.models.visibility import MembersOnlyPageManager, can_see_members_only

EVENT_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def new_uid():
    return f"{uuid.uuid4()}@samverkan"


class EventIndexPage(RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), max_length=600, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("calendar")
        verbose_name_plural = _("calendars")

    def events_for(self, user):
        return EventPage.objects.live().child_of(self).visible_to(user)

    @path("")
    def index(self, request):
        from .views import calendar_view

        return calendar_view(request, self)

    @path("arkiv/")
    def archive(self, request):
        from .views import archive_view

        return archive_view(request, self)


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "events.EventPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class EventPage(MembersOnlyMixin, Page):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")
        POSTPONED = "postponed", _("Postponed")

    class Frequency(models.TextChoices):
        NONE = "", _("Does not repeat")
        DAILY = "DAILY", _("Daily")
        WEEKLY = "WEEKLY", _("Weekly")
        MONTHLY = "MONTHLY", _("Monthly")

    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"))
    all_day = models.BooleanField(_("all day"), default=False)
    place_name = models.CharField(_("place"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    organiser_email = models.EmailField(_("organiser's contact email"), blank=True)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = RichTextField(_("description"), features=EVENT_TEXT_FEATURES, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager(through=EventPageTag, blank=True, verbose_name=_("tags"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    repeat_frequency = models.CharField(
        _("repeats"), max_length=10, choices=Frequency.choices, blank=True, default=""
    )
    repeat_interval = models.PositiveSmallIntegerField(_("every"), default=1)
    repeat_weekdays = models.CharField(
        _("on weekdays"),
        max_length=30,
        blank=True,
        help_text=_("For weekly repetition, e.g. MO,WE (MO TU WE TH FR SA SU)."),
    )
    repeat_until = models.DateField(_("until"), null=True, blank=True)
    repeat_count = models.PositiveSmallIntegerField(_("number of times"), null=True, blank=True)
    registration_enabled = models.BooleanField(_("registration"), default=False)
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    waiting_list = models.BooleanField(_("waiting list when full"), default=True)
    # Kept in step with confirmed registrations inside the same transaction, so that
    # "UPDATE ... WHERE seats_taken < capacity" decides who gets the last seat.
    seats_taken = models.PositiveIntegerField(default=0, editable=False)
    # The calendar contract: a UID that never changes, a SEQUENCE that grows with every
    # change a subscriber must see, and the VEVENT serialised once per change.
    uid = models.CharField(max_length=255, unique=True, default=new_uid, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    ical_changed_at = models.DateTimeField(null=True, editable=False)
    ical_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    ical_vevent = models.TextField(blank=True, editable=False)
    # When the last occurrence ends, so that feeds can filter in the database.
    last_end_at = models.DateTimeField(null=True, editable=False, db_index=True)

    # Imported events: where they came from, and the source's own UID and LAST-MODIFIED.
    source = models.ForeignKey(
        "events.ExternalCalendar",
        verbose_name=_("imported from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        editable=False,
    )
    external_uid = models.CharField(max_length=255, blank=True, editable=False, db_index=True)
    external_last_modified = models.DateTimeField(null=True, blank=True, editable=False)

    objects = MembersOnlyPageManager()

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
                FieldPanel("status"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("repeat_frequency"),
                FieldRowPanel([FieldPanel("repeat_interval"), FieldPanel("repeat_weekdays")]),
                FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
                InlinePanel("excluded_dates", label=_("Excluded date")),
            ],
            heading=_("Repetition"),
            classname="collapsed",
        ),
        MultiFieldPanel(
            [FieldPanel("place_name"), FieldPanel("address"), FieldPanel("online_url")],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [FieldPanel("organiser"), FieldPanel("organiser_email"), FieldPanel("contact")],
            heading=_("Organiser"),
        ),
        FieldPanel("description"),
        FieldPanel("image"),
        FieldPanel("tags"),
        FieldPanel("visibility"),
        MultiFieldPanel(
            [
                FieldPanel("registration_enabled"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_deadline")]),
                FieldPanel("waiting_list"),
            ],
            heading=_("Registration"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.SearchField("place_name"),
        index.FilterField("start"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end cannot be before the start.")})
        weekdays = [day.strip().upper() for day in self.repeat_weekdays.split(",") if day.strip()]
        if any(day not in WEEKDAYS for day in weekdays):
            raise ValidationError({"repeat_weekdays": _("Use MO TU WE TH FR SA SU.")})
        self.repeat_weekdays = ",".join(weekdays)
        if self.repeat_until and self.repeat_count:
            raise ValidationError({"repeat_count": _("Give either an end date or a number.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["coming"] = self.occurrences(limit=12)
        context["is_member"] = can_see_members_only(request.user)
        if request.user.is_authenticated:
            context["registration"] = self.registrations.filter(user=request.user).first()
        fmt = "%Y%m%dT%H%M%SZ"
        start_utc = self.start.astimezone(datetime.UTC)
        end_utc = self.end.astimezone(datetime.UTC)
        details = self.get_full_url(request)
        context["google_url"] = "https://calendar.google.com/calendar/render?" + urlencode(
            {
                "action": "TEMPLATE",
                "text": self.title,
                "dates": f"{start_utc.strftime(fmt)}/{end_utc.strftime(fmt)}",
                "details": details,
                "location": ", ".join(p for p in (self.place_name, self.address) if p),
            }
        )
        context["outlook_url"] = (
            "https://outlook.office.com/calendar/0/deeplink/compose?"
            + urlencode(
                {
                    "subject": self.title,
                    "startdt": self.start.isoformat(),
                    "enddt": self.end.isoformat(),
                    "body": details,
                    "location": ", ".join(p for p in (self.place_name, self.address) if p),
                    "path": "/calendar/action/compose",
                    "rru": "addevent",
                }
            )
        )
        return context

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def duration(self):
        return self.end - self.start

    @property
    def local_start(self):
        return timezone.localtime(self.start)

    @property
    def local_end(self):
        return timezone.localtime(self.end)

    @property
    def is_recurring(self):
        return bool(self.repeat_frequency)

    def rule(self):
        """The repetition as dateutil's rrule, in local wall-clock time (DST-safe)."""
        if not self.is_recurring:
            return None
        start = self.local_start.replace(tzinfo=None)
        kwargs = {"dtstart": start, "interval": max(self.repeat_interval, 1)}
        if self.repeat_weekdays and self.repeat_frequency == self.Frequency.WEEKLY:
            kwargs["byweekday"] = [
                getattr(rrule, day) for day in self.repeat_weekdays.split(",") if day
            ]
        if self.repeat_until:
            kwargs["until"] = datetime.datetime.combine(self.repeat_until, datetime.time.max)
        elif self.repeat_count:
            kwargs["count"] = self.repeat_count
        else:
            kwargs["until"] = start + datetime.timedelta(days=366 * 2)  # open-ended: two years
        return rrule.rrule(getattr(rrule, self.repeat_frequency), **kwargs)

    def occurrences(self, after=None, limit=10):
        """Coming starts (aware, Stockholm time), excluded dates left out."""
        after = after or timezone.now()
        tz = timezone.get_current_timezone()
        if not self.is_recurring:
            return [self.local_start] if self.end >= after else []
        excluded = {d.date for d in self.excluded_dates.all()}
        result = []
        for naive in self.rule():
            start = timezone.make_aware(naive, tz)
            if start + self.duration < after or start.date() in excluded:
                continue
            result.append(start)
            if len(result) >= limit:
                break
        return result

    @property
    def last_end(self):
        """When the last occurrence ends: the event is over after that."""
        if not self.is_recurring:
            return self.end
        starts = list(self.rule())
        if not starts:
            return self.end
        return timezone.make_aware(starts[-1], timezone.get_current_timezone()) + self.duration

    @property
    def seats_left(self):
        if not self.capacity:
            return None
        return max(self.capacity - self.seats_taken, 0)

    @property
    def registration_open(self):
        if not self.registration_enabled or self.status != self.Status.SCHEDULED:
            return False
        if self.registration_deadline and timezone.now() > self.registration_deadline:
            return False
        return self.end > timezone.now()


class EventExcludedDate(Orderable):
    event = ParentalKey(EventPage, related_name="excluded_dates", on_delete=models.CASCADE)
    date = models.DateField(_("date"))

    panels = [FieldPanel("date")]


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Registered")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_member")
        ]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self):
        return f"{self.user} – {self.event} ({self.status})"


class ExternalCalendar(models.Model):
    """A member organisation's own iCal feed, imported into the network's calendar."""

    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("feed address"), max_length=1000)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE
    )
    active = models.BooleanField(_("import"), default=True)
    last_imported_at = models.DateTimeField(_("last imported"), null=True, blank=True)
    last_report = models.TextField(_("last report"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("organisation"),
        FieldPanel("active"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("external calendar")
        verbose_name_plural = _("external calendars")

    def __str__(self):
        return self.name


class CalendarToken(models.Model):
    """A member's personal feed: the address holds a nonce and its HMAC under SECRET_KEY.

    Only the nonce is stored, so a copy of the database gives away no working feed;
    a new nonce revokes the old address.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    nonce = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)
