"""Forget old email records: they name people, and are needed only while a task might repeat."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from network.models import OutgoingEmail


class Command(BaseCommand):
    help = "Delete the records of email sent or given up on more than --days days ago."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=90)

    def handle(self, *args, days, **options):
        finished = [OutgoingEmail.Status.SENT, OutgoingEmail.Status.FAILED]
        deleted, _ = OutgoingEmail.objects.filter(
            status__in=finished, created_at__lt=timezone.now() - timedelta(days=days)
        ).delete()
        self.stdout.write(f"{deleted} email records deleted.")
