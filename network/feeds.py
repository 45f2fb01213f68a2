"""RSS 2.0 feeds of pages: the shared base, and the feed of new public cases."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from .models import CasePage


class PageFeed(Feed):
    """An RSS feed of an index page's children: called as Feed()(request, index_page=page)."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, index_page):
        self.request = request
        return index_page

    def link(self, index_page):
        return index_page.get_full_url(self.request)

    def description(self, index_page):
        return index_page.intro or self.title(index_page)

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class CaseFeed(PageFeed):
    items_count = 30

    def title(self, index_page):
        return _("New cases in the network")

    def items(self, index_page):
        return (
            CasePage.objects.live()
            .child_of(index_page)
            .visible_to(None)
            .select_related("coordinator")
            .prefetch_related("tags")
            .order_by("-first_published_at")[: self.items_count]
        )

    def item_description(self, item):
        return item.summary

    def item_author_name(self, item):
        return item.coordinator.name if item.coordinator else None
