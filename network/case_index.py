"""The case index at /case/: combinable filters in the query string, counts per choice, sorting."""

from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Q, Subquery
from django.template.response import TemplateResponse
from taggit.models import Tag

from .filters import CaseFilterSet
from .models import CaseMethod, CasePage, CasePartner, County, Organisation
from .paging import paginate

CASES_PER_PAGE = 20
FACETS = ("tag", "organisation", "status", "county", "method")


def count_of(queryset):
    """How many rows `queryset` holds, as a subquery an outer query can annotate with."""
    return Subquery(
        queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"),
        output_field=IntegerField(),
    )


class CaseIndex:
    def __init__(self, index_page, request):
        self.page = index_page
        self.request = request
        self.filters = CaseFilterSet(
            request.GET, queryset=index_page.cases_for(request.user), request=request
        )

    def results(self):
        return self.filters.qs.select_related("coordinator").prefetch_related("tags")

    def facets(self):
        """Each filter's choices with how many cases the choice would give: one query each."""
        in_scope = self.filters.in_scope
        by_status = dict(
            in_scope("status").values_list("status").annotate(n=Count("pk")).order_by()
        )
        tags = (
            Tag.objects.filter(network_casepagetag_items__content_object__in=in_scope("tag"))
            .annotate(n=Count("network_casepagetag_items"))
            .order_by("name")
        )
        methods = (
            CaseMethod.objects.filter(cases__in=in_scope("method"))
            .annotate(n=Count("cases"))
            .order_by("name")
        )
        # Each case once per organisation, whether it coordinates the case, partners in it or
        # both: counted in a subquery of cases, so no join multiplies coordinated by partnered.
        involving = in_scope("organisation").filter(
            Q(coordinator=OuterRef("pk"))
            | Exists(
                CasePartner.objects.filter(
                    case=OuterRef("pk"), organisation=OuterRef(OuterRef("pk"))
                )
            )
        )
        organisations = (
            Organisation.objects.annotate(n=count_of(involving)).filter(n__gt=0).order_by("name")
        )
        by_county = dict(
            in_scope("county")
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
        selected = {name: self.filters.asked(name) for name in FACETS}
        query = self.filters.cleaned("q")
        return TemplateResponse(
            self.request,
            "network/case_index_page.html",
            {
                "page": self.page,
                "self": self.page,
                "cases_page": cases_page,
                "facets": self.facets(),
                "selected": selected,
                "query": query,
                "sort": self.filters.cleaned("sort", "newest"),
                "sorts": [("newest", "newest"), ("reused", "reused"), ("az", "az")],
                "is_filtered": any(selected.values()) or bool(query),
            },
        )
