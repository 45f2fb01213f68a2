"""Cases: what a member organisation tried, how, and what came of it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from ..people import with_profiles
from .organisations import Organisation
from .validation import SINGLE_LINE_MESSAGE, has_control_characters
from .versions import CASES, ContentVersion
from .visibility import MembersOnlyMixin, MembersOnlyPageManager, can_see_members_only

CASE_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]
# Slugs the case index answers itself; a case may not take them.
RESERVED_SLUGS = {"nytt", "mina", "feed", "export", "redigera", "ateranvand"}


@register_snippet
class CaseMethod(models.Model):
    """A way of working a case used: service design, user journeys, idea sluice, ISO 56002..."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("method")
        verbose_name_plural = _("methods")

    def __str__(self):
        return self.name


class CaseIndexPage(RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), max_length=600, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["network.CasePage"]
    max_count = 1

    class Meta:
        verbose_name = _("case index")
        verbose_name_plural = _("case indexes")

    def cases_for(self, user):
        """Published cases under this index that this person may see."""
        return CasePage.objects.live().child_of(self).visible_to(user)

    @path("")
    def index(self, request):
        from network.case_index import CaseIndex

        return CaseIndex(self, request).response()

    @re_path(r"^feed/$")
    def feed(self, request):
        from network.feeds import CaseFeed

        return CaseFeed()(request, index_page=self)

    @path("nytt/")
    def submit(self, request):
        from network.case_views import submit_case

        return submit_case(request, self)

    @path("mina/")
    def my_cases(self, request):
        from network.case_views import my_cases

        return my_cases(request, self)

    @path("redigera/<int:case_id>/")
    def edit(self, request, case_id):
        from network.case_views import edit_case

        return edit_case(request, self, case_id)

    @path("ateranvand/<int:case_id>/")
    def reuse(self, request, case_id):
        from network.case_views import record_reuse

        return record_reuse(request, self, case_id)


class CasePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "network.CasePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class CasePage(MembersOnlyMixin, Page):
    class Status(models.TextChoices):
        IDEA = "idea", _("Idea")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")
        DISCONTINUED = "discontinued", _("Discontinued")

    class InnovationKind(models.TextChoices):
        CONTINUOUS = "continuous", _("Continuous improvement")
        INCREMENTAL = "incremental", _("Incremental innovation")
        RADICAL = "radical", _("Radical innovation")

    summary = models.TextField(_("summary"), max_length=500)
    challenge = RichTextField(_("challenge and purpose"), features=CASE_TEXT_FEATURES, blank=True)
    approach = RichTextField(
        _("approach and implementation"), features=CASE_TEXT_FEATURES, blank=True
    )
    results = RichTextField(_("results and effects"), features=CASE_TEXT_FEATURES, blank=True)
    innovation = RichTextField(
        _("what made it innovative"), features=CASE_TEXT_FEATURES, blank=True
    )
    failures = RichTextField(_("challenges and failures"), features=CASE_TEXT_FEATURES, blank=True)
    lessons = RichTextField(_("lessons learned"), features=CASE_TEXT_FEATURES, blank=True)
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.ONGOING, db_index=True
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    coordinator = models.ForeignKey(
        Organisation,
        verbose_name=_("coordinating organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinated_cases",
    )
    users_and_beneficiaries = models.TextField(_("users and beneficiaries"), blank=True)
    funder = models.ForeignKey(
        Organisation,
        verbose_name=_("funder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="funded_cases",
    )
    funding_amount = models.PositiveBigIntegerField(_("amount (SEK)"), null=True, blank=True)
    funding_programme = models.CharField(_("programme or call"), max_length=250, blank=True)
    funding_reference = models.CharField(_("reference number"), max_length=100, blank=True)
    innovation_kind = models.CharField(
        _("kind of innovation"), max_length=15, choices=InnovationKind.choices, blank=True
    )
    methods = ParentalManyToManyField(
        CaseMethod, verbose_name=_("methods"), blank=True, related_name="cases"
    )
    tags = ClusterTaggableManager(through=CasePageTag, blank=True, verbose_name=_("tags"))
    objects = MembersOnlyPageManager()

    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_cases",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("innovation_kind"),
                FieldPanel("methods"),
                FieldPanel("tags"),
                FieldPanel("visibility"),
            ],
            heading=_("About the case"),
        ),
        FieldPanel("challenge"),
        FieldPanel("approach"),
        FieldPanel("results"),
        FieldPanel("innovation"),
        FieldPanel("failures"),
        FieldPanel("lessons"),
        InlinePanel(
            "status_updates", heading=_("What has happened since"), label=_("Status update")
        ),
        MultiFieldPanel(
            [
                FieldPanel("coordinator"),
                InlinePanel("partners", label=_("Partner")),
                InlinePanel("contacts", label=_("Contact member")),
                FieldPanel("users_and_beneficiaries"),
            ],
            heading=_("Who"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("funder"),
                FieldPanel("funding_amount"),
                FieldPanel("funding_programme"),
                FieldPanel("funding_reference"),
            ],
            heading=_("Funding"),
        ),
        InlinePanel("gallery_images", heading=_("Images"), label=_("Image")),
        InlinePanel("documents", heading=_("Documents"), label=_("Document")),
        InlinePanel("links", heading=_("Links"), label=_("Link")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("challenge"),
        index.SearchField("approach"),
        index.SearchField("results"),
        index.SearchField("lessons"),
        index.FilterField("status"),
        index.FilterField("visibility"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("coordinator", [index.SearchField("name")]),
    ]

    parent_page_types = ["network.CaseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def clean(self):
        super().clean()
        if has_control_characters(self.title):  # the admin's title too
            raise ValidationError({"title": SINGLE_LINE_MESSAGE})
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is taken by the case index.")})
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end cannot be before the start.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["partners"] = self.partners.select_related("organisation")
        context["contacts"] = with_profiles(self.contacts.all())
        context["reuses"] = self.reuses.select_related("organisation", "follow_up_case")
        # Read only when a cached fragment of the page has to be made again.
        context["related_cases"] = SimpleLazyObject(lambda: list(self.related_cases(request.user)))
        context["cases_version"] = SimpleLazyObject(lambda: ContentVersion.current(CASES).number)
        context["can_edit"] = self.can_be_edited_by(request.user)
        context["show_contact"] = can_see_members_only(request.user)
        return context

    def related_cases(self, user, count=4):
        """Other cases sharing the most tags and methods with this one."""
        # Read through .all(): a preview or a revision is a page built from its revision's JSON,
        # whose tags and methods are modelcluster's in-memory querysets, without values_list("pk").
        tag_ids = [tag.pk for tag in self.tags.all()]
        method_ids = [method.pk for method in self.methods.all()]
        if not tag_ids and not method_ids:
            return CasePage.objects.none()
        index_page = self.get_parent().specific
        # Only what the case has: a filter on an empty list makes the whole sum NULL, and a
        # case with tags but no methods would have no related cases at all.
        shared = []
        if tag_ids:
            shared.append(
                Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids), distinct=True)
            )
        if method_ids:
            shared.append(Count("methods", filter=Q(methods__in=method_ids), distinct=True))
        return (
            index_page.cases_for(user)
            .exclude(pk=self.pk)
            .annotate(overlap=sum(shared[1:], shared[0]))
            .filter(overlap__gt=0)
            .select_related("coordinator")
            .order_by("-overlap", "-first_published_at")[:count]
        )

    def can_be_edited_by(self, user):
        """The owner, the case's contacts and editors; nobody else."""
        if not user.is_authenticated:
            return False
        if user.pk == self.submitted_by_id or self.contacts.filter(user=user).exists():
            return can_see_members_only(user)
        return self.permissions_for_user(user).can_edit()

    @property
    def organisations(self):
        """Coordinator first, then partners."""
        result = [self.coordinator] if self.coordinator_id else []
        return result + [p.organisation for p in self.partners.all() if p.organisation_id]


class CaseStatusUpdate(Orderable):
    case = ParentalKey(CasePage, related_name="status_updates", on_delete=models.CASCADE)
    date = models.DateField(_("date"))
    text = models.TextField(_("what happened"), max_length=2000)

    panels = [FieldPanel("date"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        ordering = ["-date"]
        verbose_name = _("status update")


class CasePartner(Orderable):
    case = ParentalKey(CasePage, related_name="partners", on_delete=models.CASCADE)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="case_partnerships",
    )
    role = models.CharField(_("role"), max_length=200, blank=True)

    panels = [FieldPanel("organisation"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("partner")


class CaseContact(Orderable):
    case = ParentalKey(CasePage, related_name="contacts", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="case_contacts",
    )

    panels = [FieldPanel("user")]

    class Meta(Orderable.Meta):
        verbose_name = _("contact member")


class CaseGalleryImage(Orderable):
    case = ParentalKey(CasePage, related_name="gallery_images", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(_("alternative text"), max_length=250)
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]


class CaseDocument(Orderable):
    case = ParentalKey(CasePage, related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=250, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]


class CaseLink(Orderable):
    case = ParentalKey(CasePage, related_name="links", on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=250)
    url = models.URLField(_("address"))

    panels = [FieldPanel("title"), FieldPanel("url")]
