"""Case submissions: one sending of the members' case form, so that a repeat makes no new case."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .cases import CasePage


class CaseSubmission(models.Model):
    """One sending of the members' case form, named by the token the form was rendered with.

    The token is unique, so a form sent twice (a double click, a retry after a timeout, two
    tabs) makes one case: a repeat finds the first sending's case, and a repeat that arrives
    while the first is still being saved waits for it at the unique index, then finds it."""

    token = models.UUIDField(unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_submissions"
    )
    # Empty only inside the transaction that makes the case.
    case = models.ForeignKey(
        CasePage, null=True, on_delete=models.CASCADE, related_name="submissions"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("case submission")
        verbose_name_plural = _("case submissions")

    def __str__(self):
        return str(self.token)
