"""A management command that does a task's work at once, or (--enqueue) leaves it to a worker.

Cron and systemd timers run these with --enqueue (README, "Background tasks"); without
it an operator sees the result at once.
"""

from django.core.management.base import BaseCommand


class TaskCommand(BaseCommand):
    task = None  # a django-tasks task without arguments
    queued = ""  # what to say when it is queued
    done = ""  # what to say after doing it here, with {result}

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Leave the work to a background worker instead of doing it here.",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            self.task.enqueue()
            self.stdout.write(self.queued)
        else:
            self.stdout.write(self.done.format(result=self.task.call()))
