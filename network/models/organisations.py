"""The network's shared knowledge: organisations (and, with their issue, cases)."""

from django.contrib import admin
from django.core.validators import RegexValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.search import index


class County(models.TextChoices):
    """Sweden's 21 counties (län)."""

    BLEKINGE = "blekinge", "Blekinge län"
    DALARNA = "dalarna", "Dalarnas län"
    GAVLEBORG = "gavleborg", "Gävleborgs län"
    GOTLAND = "gotland", "Gotlands län"
    HALLAND = "halland", "Hallands län"
    JAMTLAND = "jamtland", "Jämtlands län"
    JONKOPING = "jonkoping", "Jönköpings län"
    KALMAR = "kalmar", "Kalmar län"
    KRONOBERG = "kronoberg", "Kronobergs län"
    NORRBOTTEN = "norrbotten", "Norrbottens län"
    SKANE = "skane", "Skåne län"
    STOCKHOLM = "stockholm", "Stockholms län"
    SODERMANLAND = "sodermanland", "Södermanlands län"
    UPPSALA = "uppsala", "Uppsala län"
    VARMLAND = "varmland", "Värmlands län"
    VASTERBOTTEN = "vasterbotten", "Västerbottens län"
    VASTERNORRLAND = "vasternorrland", "Västernorrlands län"
    VASTMANLAND = "vastmanland", "Västmanlands län"
    VASTRA_GOTALAND = "vastra-gotaland", "Västra Götalands län"
    OREBRO = "orebro", "Örebro län"
    OSTERGOTLAND = "ostergotland", "Östergötlands län"


class Organisation(index.Indexed, ClusterableModel):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        REGION = "region", _("Region")
        AGENCY = "agency", _("Government agency")
        ACADEMIA = "academia", _("Academia")
        BUSINESS = "business", _("Business")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=False)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY
    )
    county = models.CharField(_("county"), max_length=20, choices=County.choices, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        validators=[RegexValidator(r"^\d{6}-\d{4}$", _("Write it as 212000-1355."))],
    )
    innovation_platform = models.BooleanField(_("runs an innovation platform"), default=False)
    idea_sluice = models.BooleanField(_("runs an idea sluice"), default=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("county"),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("organisation_number"),
        MultiFieldPanel(
            [FieldPanel("innovation_platform"), FieldPanel("idea_sluice")],
            heading=_("Innovation work"),
        ),
        InlinePanel(
            "email_domains",
            heading=_("Email domains"),
            label=_("Email domain"),
            help_text=_(
                "Members who verify an address at one of these domains are approved at once "
                "and affiliated with this organisation."
            ),
        ),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
        index.FilterField("county"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:200]
        super().save(*args, **kwargs)

    @admin.display(description=_("email domains"))
    def email_domain_list(self):
        return ", ".join(domain.domain for domain in self.email_domains.all())

    @classmethod
    def for_email(cls, email):
        """The organisation that registered the domain of this address, if any."""
        domain = email.rsplit("@", 1)[-1].strip().lower() if "@" in (email or "") else ""
        if not domain:
            return None
        return cls.objects.filter(email_domains__domain=domain).first()


domain_validator = RegexValidator(
    r"(?i)^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
    _("Enter a domain such as boras.se, without @ or https://."),
)


class OrganisationEmailDomain(models.Model):
    organisation = ParentalKey(Organisation, related_name="email_domains", on_delete=models.CASCADE)
    domain = models.CharField(
        _("domain"), max_length=253, unique=True, validators=[domain_validator]
    )

    panels = [FieldPanel("domain")]

    class Meta:
        ordering = ["domain"]
        verbose_name = _("email domain")
        verbose_name_plural = _("email domains")

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        # Domains compare case-insensitively; store them as they are matched.
        self.domain = (self.domain or "").strip().lower()
        super().save(*args, **kwargs)
