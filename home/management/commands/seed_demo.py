"""Build the demo network: organisations, people, pages, news, cases and events.

The content is data (each app's fixtures/demo/*.json), built by home.demo. Safe to run
again: what exists already is left as it is, and a second run creates nothing new.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo import seed_demo

DEMO_ADMIN_EMAIL = "admin@samverkan.se"
DEMO_MEMBER_EMAIL = "anna.lindberg@boras.se"
DEMO_PASSWORD = "samverkan-demo-2026"  # noqa: S105 - set only when DEBUG is on


class Command(BaseCommand):
    help = "Load the demo network (safe to run again)."

    @transaction.atomic
    def handle(self, *args, **options):
        seed_demo(password=DEMO_PASSWORD)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
        if settings.DEBUG:
            self.stdout.write(
                f"Demo admin: {DEMO_ADMIN_EMAIL} / {DEMO_PASSWORD}  ({settings.SITE_URL}/admin/)"
            )
            self.stdout.write(
                f"Demo member: {DEMO_MEMBER_EMAIL} / {DEMO_PASSWORD}  "
                f"({settings.SITE_URL}/medlemmar/)"
            )
