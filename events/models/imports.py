"""Member organisations' own calendars and what was imported from them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from network.models import Organisation


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


class ImportedEvent(models.Model):
    """Where an imported event came from, outside the page's revisions.

    The fingerprint of the source's VEVENT decides whether anything changed, so an
    unchanged source publishes nothing and every feed's validators stay put.
    """

    event = models.OneToOneField(
        "events.EventPage", on_delete=models.CASCADE, primary_key=True, related_name="import_record"
    )
    source = models.ForeignKey(
        ExternalCalendar, on_delete=models.CASCADE, related_name="imported_events"
    )
    external_uid = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64, blank=True)
    last_modified = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_uid"], name="one_event_per_source_uid"
            )
        ]
