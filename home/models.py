from django.conf import settings
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from events.models import EventPage, Occurrence
from members.models import MemberProfile
from network.filters import SLUG
from network.models import CasePage, CaseReuse, Organisation
from network.paging import paginate

from .blocks import BodyBlock, ContactBlock
from .feeds import NewsFeed

NEWS_PER_PAGE = 10


class ContactMixin(models.Model):
    """Contact people an editor attaches to a page, as the members' own municipal sites do."""

    contacts = StreamField(
        ContactBlock(),
        blank=True,
        verbose_name=_("contact people"),
        help_text=_("Shown at the foot of the page."),
    )

    class Meta:
        abstract = True


class HomePage(Page):
    hero_title = models.CharField(_("hero title"), max_length=200)
    hero_intro = models.TextField(_("hero introduction"), max_length=600, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Decorative: shown behind the introduction, so it needs no alternative text."),
    )
    hero_link = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero link"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_label = models.CharField(_("hero link text"), max_length=60, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_intro"),
                FieldPanel("hero_image"),
                FieldPanel("hero_link"),
                FieldPanel("hero_link_label"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("hero_intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "home.NewsIndexPage",
        "network.CaseIndexPage",
        "events.EventIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def latest_news(self, count=3):
        return (
            NewsPage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("listing_image")
            .order_by("-date", "-pk")[:count]
        )

    def featured_cases(self, count=3):
        """Public cases others have reused the most, then the newest."""

        return (
            CasePage.objects.live()
            .descendant_of(self)
            .visible_to(None)
            .annotate(reuse_count=Count("reuses"))
            .select_related("coordinator")
            .order_by("-reuse_count", "-first_published_at")[:count]
        )

    def upcoming_events(self, count=4):
        """The next occurrences of public events (a cancelled date is not one)."""

        events = EventPage.objects.live().descendant_of(self).visible_to(None)
        # Every event at its next date, the soonest first: a series may start long ago.
        return Occurrence.objects.of(events).next_of_each(count)

    def network_figures(self):
        """The network's size, for the figures section; empty figures are left out."""

        figures = [
            (_("members"), MemberProfile.objects.approved().count()),
            (_("organisations"), Organisation.objects.count()),
            (_("cases"), CasePage.objects.live().visible_to(None).count()),
            (_("reuses"), CaseReuse.objects.count()),
        ]
        return [{"label": label, "value": value} for label, value in figures if value]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = list(self.latest_news())
        context["featured_cases"] = list(self.featured_cases())
        context["upcoming_events"] = self.upcoming_events()
        context["network_figures"] = self.network_figures()
        return context


class StandardPage(ContactMixin, Page):
    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("contacts"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class NewsIndexPage(RoutablePageMixin, ContactMixin, Page):
    intro = models.TextField(_("introduction"), max_length=600, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("contacts")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def news(self):
        """Published, public news under this index, newest first."""
        return (
            NewsPage.objects.live()
            .public()
            .child_of(self)
            .select_related("listing_image", "author")
            .order_by("-date", "-pk")
        )

    def tags_in_use(self):
        return (
            Tag.objects.filter(home_newspagetag_items__content_object__in=self.news())
            .distinct()
            .order_by("name")
        )

    @path("")
    def index(self, request):
        news = self.news()
        tag_slug = request.GET.get("tag", "").strip()
        current_tag = None
        if tag_slug:
            # Tag slugs are ASCII; anything else cannot match and never reaches the database.
            if SLUG.fullmatch(tag_slug):
                current_tag = Tag.objects.filter(slug=tag_slug).first()
            # An unknown tag gives an empty list, not an error.
            news = news.filter(tags=current_tag) if current_tag else news.none()
        return self.render(
            request,
            context_overrides={
                "news_page": paginate(request, news, NEWS_PER_PAGE),
                "tag_filter": tag_slug,
                "current_tag": current_tag,
                "tags": self.tags_in_use(),
            },
        )

    @re_path(r"^feed/$")
    def feed(self, request):

        return NewsFeed()(request, index_page=self)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "home.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsPage(ContactMixin, Page):
    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.TextField(
        _("introduction"), max_length=400, help_text=_("Shown in lists and the RSS feed.")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown beside the headline in lists; decorative."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("author"), FieldPanel("tags")],
            heading=_("News details"),
        ),
        FieldPanel("intro"),
        FieldPanel("listing_image"),
        FieldPanel("body"),
        FieldPanel("contacts"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news page")
        verbose_name_plural = _("news pages")

    @property
    def author_name(self):
        if self.author_id is None:
            return ""
        return self.author.get_full_name() or ""


@register_setting(icon="site")
class NetworkSettings(BaseGenericSetting):
    network_name = models.CharField(_("network name"), max_length=120, default="Samverkan")
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    footer_text = models.TextField(_("footer text"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    # Linked from every page's footer; Swedish law requires the accessibility statement.
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("network_name"), FieldPanel("tagline"), FieldPanel("footer_text")],
            heading=_("Network"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone")], heading=_("Contact")
        ),
        MultiFieldPanel(
            [
                FieldPanel("linkedin_url"),
                FieldPanel("facebook_url"),
                FieldPanel("youtube_url"),
                FieldPanel("instagram_url"),
            ],
            heading=_("Social media"),
        ),
        MultiFieldPanel(
            [FieldPanel("privacy_page"), FieldPanel("accessibility_page")],
            heading=_("Footer links"),
        ),
    ]

    class Meta:
        verbose_name = _("network settings")

    @property
    def social_links(self):
        return [
            (label, url)
            for label, url in (
                ("LinkedIn", self.linkedin_url),
                ("Facebook", self.facebook_url),
                ("YouTube", self.youtube_url),
                ("Instagram", self.instagram_url),
            )
            if url
        ]
