"""RSS 2.0 feed of the network's news."""

from django.utils.translation import gettext as _

from network.feeds import PageFeed


class NewsFeed(PageFeed):
    items_count = 20

    def title(self, index_page):
        return _("News from %(network)s") % {
            "network": index_page.get_site().site_name or "Samverkan"
        }

    def items(self, index_page):
        return index_page.news().prefetch_related("tags")[: self.items_count]

    def item_description(self, item):
        return item.intro

    def item_author_name(self, item):
        return item.author_name or None
