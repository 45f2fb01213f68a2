"""Members-only pages: a visibility field and the permission that opens them.

The permission is the one approval grants (through the group "Members");
network and events ask for it with user.has_perm and never import members.
"""

from django.apps import apps
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.db import models, transaction
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.models import PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

MEMBERS_ONLY_PERMISSION = "members.access_members_only"


def can_see_members_only(user):
    return bool(user and user.is_authenticated and user.has_perm(MEMBERS_ONLY_PERMISSION))


# Where Wagtail's view restrictions (privacy settings) start: (path, depth) of each section.
RESTRICTED_SECTIONS = "network:restricted-sections"


def restricted_sections():
    """The private sections, read from the database once and then from the cache."""
    sections = cache.get(RESTRICTED_SECTIONS)
    if sections is None:
        sections = list(PageViewRestriction.objects.values_list("page__path", "page__depth"))
        # Cleared on every change; the minute bounds what a lost delete (Redis away, or a
        # process's own memory cache) or a read racing the commit could keep.
        cache.set(RESTRICTED_SECTIONS, sections, 60)
    return sections


def forget_restricted_sections():
    """After a privacy change or a move: now, and again once it is committed, so that no
    request that read the old rows meanwhile keeps them in the cache."""
    cache.delete(RESTRICTED_SECTIONS)
    transaction.on_commit(lambda: cache.delete(RESTRICTED_SECTIONS))


class MembersOnlyQuerySet(PageQuerySet):
    def private_q(self):
        # Wagtail asks the database for every view restriction each time a list calls
        # .public(); a page with several lists would ask again and again.
        q = Q()
        for path, depth in restricted_sections():
            q |= Q(path__startswith=path, depth__gte=depth)
        return q if q else Q(pk__in=[])

    def visible_to(self, user):
        """What this person may see: everything for approved members, public pages otherwise."""
        if can_see_members_only(user):
            return self
        return self.public().filter(visibility=MembersOnlyMixin.Visibility.PUBLIC)


MembersOnlyPageManager = PageManager.from_queryset(MembersOnlyQuerySet)


class MembersOnlyMixin(models.Model):
    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members only")

    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_("Members-only pages are hidden from visitors, search, feeds and exports."),
    )

    class Meta:
        abstract = True

    @property
    def is_members_only(self):
        return self.visibility == self.Visibility.MEMBERS

    def get_sitemap_urls(self, request=None):
        return [] if self.is_members_only else super().get_sitemap_urls(request)

    def serve(self, request, *args, **kwargs):
        """Visitors log in first; signed-in people who are not approved members get a 404."""
        if self.is_members_only and not can_see_members_only(request.user):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())

            raise Http404
        return super().serve(request, *args, **kwargs)


def members_only_page_ids():
    """The pks of every members-only page, of whatever type uses the mixin."""

    ids = []
    for model in apps.get_models():
        if issubclass(model, MembersOnlyMixin) and not model._meta.abstract:
            ids.append(
                model.objects.filter(visibility=MembersOnlyMixin.Visibility.MEMBERS).values("pk")
            )
    return ids
