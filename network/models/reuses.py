"""Reuses: an organisation that adopted another's case, the network's measure of success."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .. import people
from .cases import CasePage
from .organisations import Organisation
from .visibility import can_see_members_only


def organisations_reusing_for(user):
    """The organisations this person may record a reuse for: their own, as an approved member.

    The affiliation is the member organisation of their profile (network.people asks
    members), never the free-text "other organisation", which anyone can type."""
    own = people.organisation(user) if can_see_members_only(user) else None
    return Organisation.objects.filter(pk=own.pk) if own else Organisation.objects.none()


class CaseReuse(models.Model):
    """An organisation that adopted a case: copying what worked is the point of the network."""

    case = models.ForeignKey(
        CasePage, verbose_name=_("case"), on_delete=models.CASCADE, related_name="reuses"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="reuses",
    )
    adopted_on = models.DateField(_("adopted"))
    adaptation = models.TextField(_("how it was adapted"), max_length=3000, blank=True)
    follow_up_case = models.ForeignKey(
        CasePage,
        verbose_name=_("its own case"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reuse_origins",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("case"),
        FieldPanel("organisation"),
        FieldPanel("adopted_on"),
        FieldPanel("adaptation"),
        FieldPanel("follow_up_case"),
    ]

    class Meta:
        ordering = ["-adopted_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "organisation"], name="one_reuse_per_organisation"
            )
        ]
        verbose_name = _("reuse")
        verbose_name_plural = _("reuses")

    def __str__(self):
        return f"{self.organisation} → {self.case}"
