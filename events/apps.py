from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from django.db.models.signals import post_migrate

        from network.people import register_organisation_section

        from . import signals
        from .views import organisation_events

        register_organisation_section(20, organisation_events)
        post_migrate.connect(signals.store_missing_occurrences, sender=self)
