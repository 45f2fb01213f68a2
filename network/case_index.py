"""The case index at /case/: combinable filters in the query string, counts per choice, sorting."""

import re

from django.db.models import Count, Q
from django.template.response import TemplateResponse
from taggit.models import Tag
from wagtail.search.utils import parse_query_string

from .models import CaseMethod, CasePage, County, Organisation
from .paging import paginate

CASES_PER_PAGE = 20
SLUG = re.compile(r"^[-\w]{1,200}$", re.ASCII)
SORTS = {
    "newest": ("-first_published_at", "-pk"),
    "reused": ("-reuse_count", "-first_published_at"),
    "az": ("title",),
}


def clean_text(value, limit=200):
    return " ".join("".join(c for c in value if c.isprintable()).split())[:limit]


class CaseIndex:
    def __init__(self, index_page, request):
        self.page = index_page
        self.request = request
        get = request.GET
        self.selected = {
            name: (get.get(name) or "").strip()
            for name in ("tag", "organisation", "status", "county", "method")
        }
        self.query = clean_text(get.get("q", ""))
        self.sort = get.get("sort") if get.get("sort") in SORTS else "newest"

    def filtered(self, without=None):
        """The visible cases with every filter applied, except the one named in `without`."""
        cases = self.page.cases_for(self.request.user)
        s = self.selected
        if s["tag"] and without != "tag":
            cases = cases.filter(tags__slug=s["tag"]) if SLUG.match(s["tag"]) else cases.none()
        if s["organisation"] and without != "organisation":
            if SLUG.match(s["organisation"]):
                cases = cases.filter(
                    Q(coordinator__slug=s["organisation"])
                    | Q(partners__organisation__slug=s["organisation"])
                )
            else:
                cases = cases.none()
        if s["status"] and without != "status":
            valid = s["status"] in CasePage.Status.values
            cases = cases.filter(status=s["status"]) if valid else cases.none()
        if s["county"] and without != "county":
            valid = s["county"] in County.values
            cases = cases.filter(coordinator__county=s["county"]) if valid else cases.none()
        if s["method"] and without != "method":
            cases = (
                cases.filter(methods__slug=s["method"]) if SLUG.match(s["method"]) else cases.none()
            )
        # Joins over partners, tags and methods can repeat a case; the ids keep it once.
        return CasePage.objects.filter(pk__in=cases.values("pk"))

    def results(self):
        cases = self.filtered().annotate(reuse_count=Count("reuses", distinct=True))
        if self.query:
            _filters, query = parse_query_string(self.query, operator="and")
            ids = [page.pk for page in CasePage.objects.live().search(query)]
            cases = cases.filter(pk__in=ids)
        return (
            cases.select_related("coordinator").prefetch_related("tags").order_by(*SORTS[self.sort])
        )

    def facets(self):
        """Each filter's choices with how many cases the choice would give."""
        by_status = dict(
            self.filtered(without="status").values_list("status").annotate(n=Count("pk")).order_by()
        )
        tags = (
            Tag.objects.filter(
                network_casepagetag_items__content_object__in=self.filtered(without="tag")
            )
            .annotate(n=Count("network_casepagetag_items", distinct=True))
            .order_by("name")
        )
        methods = (
            CaseMethod.objects.filter(cases__in=self.filtered(without="method"))
            .annotate(n=Count("cases", distinct=True))
            .order_by("name")
        )
        in_scope = self.filtered(without="organisation")
        organisations = (
            Organisation.objects.filter(
                Q(coordinated_cases__in=in_scope) | Q(case_partnerships__case__in=in_scope)
            )
            .annotate(
                n=Count(
                    "coordinated_cases", filter=Q(coordinated_cases__in=in_scope), distinct=True
                )
                + Count(
                    "case_partnerships",
                    filter=Q(case_partnerships__case__in=in_scope),
                    distinct=True,
                )
            )
            .order_by("name")
        )
        by_county = dict(
            self.filtered(without="county")
            .exclude(coordinator__county="")
            .values_list("coordinator__county")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return {
            "status": [
                (value, label, by_status.get(value, 0)) for value, label in CasePage.Status.choices
            ],
            "tag": [(t.slug, t.name, t.n) for t in tags],
            "method": [(m.slug, m.name, m.n) for m in methods],
            "organisation": [(o.slug, o.name, o.n) for o in organisations],
            "county": [
                (value, label, by_county[value])
                for value, label in County.choices
                if value in by_county
            ],
        }

    def response(self):
        cases_page = paginate(self.request, self.results(), CASES_PER_PAGE)
        return TemplateResponse(
            self.request,
            "network/case_index_page.html",
            {
                "page": self.page,
                "self": self.page,
                "cases_page": cases_page,
                "facets": self.facets(),
                "selected": self.selected,
                "query": self.query,
                "sort": self.sort,
                "sorts": [("newest", "newest"), ("reused", "reused"), ("az", "az")],
                "is_filtered": any(self.selected.values()) or bool(self.query),
            },
        )
