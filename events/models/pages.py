"""Event pages: dates, repetition (RFC 5545), place, organiser, status and registration.

Only what an editor decides lives in the page's (revisioned) fields. What changes
outside the editor (seats taken, the feed's UID, SEQUENCE and stored VEVENT, import
bookkeeping) lives in records of its own, so that publishing, reverting, copying
or scheduling a revision can never turn it back.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from network.models import MembersOnlyMixin, Organisation
from network.models.visibility import MembersOnlyQuerySet, can_see_members_only

from .. import recurrence
from ..forms import EventPageForm, RepetitionPanel

EVENT_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


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

    # The views import these models, so they are imported where the routes run.
    @path("")
    def index(self, request):
        from ..views import calendar_view

        return calendar_view(request, self)

    @path("arkiv/")
    def archive(self, request):
        from ..views import archive_view

        return archive_view(request, self)


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "events.EventPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class EventQuerySet(MembersOnlyQuerySet):
    def not_over(self, when=None):
        """Events with an occurrence that has not ended by `when` (default: now)."""
        return self.filter(calendar_entry__ends_at__gte=when or timezone.now())

    def over(self, when=None):
        return self.filter(calendar_entry__ends_at__lt=when or timezone.now())


EventPageManager = PageManager.from_queryset(EventQuerySet)


class EventPage(recurrence.LocalTimes, MembersOnlyMixin, Page):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")
        POSTPONED = "postponed", _("Postponed")

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
    # RFC 5545 RRULE value (FREQ=MONTHLY;BYDAY=1TU;…); empty when the event does not repeat.
    recurrence = models.CharField(_("repetition rule"), max_length=500, blank=True)
    registration_enabled = models.BooleanField(_("registration"), default=False)
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    waiting_list = models.BooleanField(_("waiting list when full"), default=True)

    objects = EventPageManager()
    base_form_class = EventPageForm

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
                RepetitionPanel(),
                InlinePanel("overrides", label=_("Changed or cancelled date")),
                InlinePanel("added_dates", label=_("Extra date")),
                InlinePanel("excluded_dates", label=_("Excluded date")),
            ],
            heading=_("Repetition"),
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
        if self.recurrence:
            try:
                self.recurrence = recurrence.normalise_rule(self.recurrence, self.all_day)
                if self.start:
                    recurrence.first_date(self.recurrence, self.start)
            except recurrence.InvalidRule as error:
                raise ValidationError({"recurrence": str(error)}) from error

    def get_context(self, request, *args, **kwargs):
        from ..links import add_to_calendar_links  # links → ical → these models

        context = super().get_context(request, *args, **kwargs)
        context["coming"] = self.upcoming_occurrences(limit=12)
        context["is_member"] = can_see_members_only(request.user)
        if request.user.is_authenticated:
            context["registration"] = self.registrations.filter(user=request.user).first()
        context["calendar_links"] = add_to_calendar_links(self, request)
        return context

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_recurring(self):
        return bool(self.recurrence)

    @cached_property
    def schedule(self):
        return recurrence.Schedule(self)

    def occurrences_between(self, after, before):
        return self.schedule.between(after, before)

    def upcoming_occurrences(self, after=None, limit=10):
        return self.schedule.upcoming(after or timezone.now(), limit)

    def next_occurrence(self, after=None):
        """The next occurrence that takes place (a cancelled date is not one)."""
        coming = self.upcoming_occurrences(after, limit=1 + len(self.schedule.overrides))
        return next((o for o in coming if not o.cancelled), None)

    @property
    def last_end(self):
        """When the last occurrence ends (recurrence.OPEN_ENDED for an endless series)."""
        return self.schedule.last_end()

    @cached_property
    def seats_taken(self):
        """Counted from the confirmed registrations: nothing to turn back or leak."""
        return self.registrations.filter(status="confirmed").count()

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
        coming = self.next_occurrence()
        return coming is not None


class EventExcludedDate(Orderable):
    """A date the series skips (EXDATE)."""

    event = ParentalKey(EventPage, related_name="excluded_dates", on_delete=models.CASCADE)
    date = models.DateField(_("date"))

    panels = [FieldPanel("date")]

    class Meta(Orderable.Meta):
        verbose_name = _("excluded date")


class EventAddedDate(Orderable):
    """A date outside the rule on which the series also meets (RDATE)."""

    event = ParentalKey(EventPage, related_name="added_dates", on_delete=models.CASCADE)
    date = models.DateField(_("date"))
    time = models.TimeField(
        _("time"), null=True, blank=True, help_text=_("Leave empty for the series' usual time.")
    )

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("time")])]

    class Meta(Orderable.Meta):
        verbose_name = _("extra date")


class OccurrenceOverride(Orderable):
    """One date of a series moved, retimed or cancelled, with a note (RECURRENCE-ID)."""

    event = ParentalKey(EventPage, related_name="overrides", on_delete=models.CASCADE)
    original_date = models.DateField(
        _("date in the series"), help_text=_("The date this occurrence would normally have.")
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    start = models.DateTimeField(_("new start"), null=True, blank=True)
    end = models.DateTimeField(_("new end"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("original_date"), FieldPanel("cancelled")]),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("changed date")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end cannot be before the start.")})
        if self.end and not self.start:
            raise ValidationError({"start": _("Give the new start as well.")})
