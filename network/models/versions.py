"""Content versions: a number and a time per listing that move whenever what it shows changes.

Stored in the database so that every app server and process answers a conditional
request alike, from one indexed read instead of an aggregate over every case.
"""

from django.db import models
from django.db.models import F
from django.utils import timezone

# The open-data export and anything else that lists every public case.
CASES = "cases"


class ContentVersion(models.Model):
    name = models.CharField(max_length=50, unique=True)
    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return f"{self.name} {self.number}"

    @classmethod
    def current(cls, name):
        return cls.objects.get_or_create(name=name)[0]

    @classmethod
    def bump(cls, name):
        # One UPDATE: parallel publishes each move the number, none is lost.
        if not cls.objects.filter(name=name).update(
            number=F("number") + 1, changed_at=timezone.now()
        ):
            cls.objects.get_or_create(name=name)
