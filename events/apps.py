from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from network.people import register_organisation_section

        from . import signals  # noqa: F401
        from .views import organisation_events

        register_organisation_section(20, organisation_events)
