import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.models import Page
from wagtail.search.utils import parse_query_string

from network.filters import clean_query
from network.models import members_only_page_ids
from network.models.visibility import can_see_members_only
from network.paging import paginate

SEARCH_RESULTS_PER_PAGE = 10

logger = logging.getLogger(__name__)


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results_page = None
    if query:
        # Quoted words search as a phrase; stray quotes and operators are plain text.
        _filters, parsed_query = parse_query_string(query, operator="and")
        pages = Page.objects.live().public()
        if not can_see_members_only(request.user):
            # Members-only cases and events never show up for visitors, not even as titles.
            for ids in members_only_page_ids():
                pages = pages.exclude(pk__in=ids)
        results = pages.specific().search(parsed_query)
        results_page = paginate(request, results, SEARCH_RESULTS_PER_PAGE)
    return TemplateResponse(
        request,
        "home/search.html",
        {
            "search_query": query,
            "results_page": results_page,
            "page_title": _("Search"),
        },
    )


def robots_txt(request):
    """Crawlers may read the public site, not the admin; the sitemap lists the pages."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@never_cache
def healthz(request):
    """For the load balancer: 200 when the database and the cache answer, 503 otherwise.

    The body says no more than that; what failed is in the server's log.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = True
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        database = False
    # A key of its own, so that parallel checks cannot read each other's answer.
    probe = f"healthz:{uuid.uuid4().hex}"
    cache.set(probe, "ok", timeout=10)
    cached = cache.get(probe) == "ok"
    cache.delete(probe)
    if not cached:
        logger.error("Health check: the cache does not answer")
    if database and cached:
        return HttpResponse("ok", content_type="text/plain")
    return HttpResponse("unavailable", status=503, content_type="text/plain")
