"""RSS 2.0 feed of new public cases."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from .models import CasePage

FEED_ITEMS = 30


class CaseFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, index_page):
        self.request = request
        return index_page

    def title(self, index_page):
        return _("New cases in the network")

    def link(self, index_page):
        return index_page.get_full_url(self.request)

    def description(self, index_page):
        return index_page.intro or self.title(index_page)

    def items(self, index_page):
        return (
            CasePage.objects.live()
            .child_of(index_page)
            .visible_to(None)
            .select_related("coordinator")
            .prefetch_related("tags")
            .order_by("-first_published_at")[:FEED_ITEMS]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_author_name(self, item):
        return item.coordinator.name if item.coordinator else None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]
