"""The filter layer the listings share: django-filter FilterSets that read the query string, so
a filtered view can be bookmarked, and in which a value they cannot use gives nothing, never all.

Shared pieces (the slug-checked choice, the text-query cleaner, the strict FilterSet) live here
in the lowest app; members' directory builds on them. The case index's FilterSet is network's own.
"""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from taggit.models import Tag
from wagtail.search.utils import parse_query_string

from .models import CaseMethod, CasePage, CasePartner, County, Organisation

SLUG = re.compile(r"[-\w]{1,200}", re.ASCII)
QUERY_MAX_LENGTH = 200


def clean_query(value, limit=QUERY_MAX_LENGTH):
    """Free text as a search can take it: printable characters, single spaces, bounded length."""
    # Whitespace (tabs, newlines) separates words before the other unprintables go.
    return " ".join("".join(c for c in value if c.isprintable() or c.isspace()).split())[:limit]


class QueryField(forms.CharField):
    def to_python(self, value):
        return clean_query(super().to_python(value))


class QueryFilter(django_filters.CharFilter):
    """The text query `q`: cleaned, never refused. Give it a `method` that searches."""

    field_class = QueryField


class SlugModelChoiceField(django_filters.fields.ModelChoiceField):
    def to_python(self, value):
        value = value.strip() if isinstance(value, str) else value
        if value in self.empty_values:
            return None
        if not isinstance(value, str) or not SLUG.fullmatch(value):
            # Refused before the database sees it: no query for `<script>` or a NUL byte.
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class SlugModelChoiceFilter(django_filters.ModelChoiceFilter):
    """One object named by its slug in the query string (`?tag=tjanstedesign`)."""

    field_class = SlugModelChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)


class StrictFilterSet(django_filters.FilterSet):
    """A FilterSet in which a value it cannot use narrows to nothing instead of being ignored.

    django-filter leaves a refused field out of `cleaned_data` and filters by the others, which
    would answer `?tag=<unknown>` with every case; this one answers with none."""

    def filtered(self, without=()):
        """The queryset with every filter applied except those named in `without`."""
        if not self.is_bound:
            return self.queryset.all()
        if set(self.errors) - set(without):
            return self.queryset.none()
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name not in without:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def qs(self):
        if not hasattr(self, "_qs"):
            self._qs = self.filtered()
        return self._qs

    def cleaned(self, name, default=""):
        """A field's cleaned value, or `default` when it is empty or was refused."""
        if not self.is_bound or name in self.errors:
            return default
        return self.form.cleaned_data.get(name) or default

    def asked(self, name):
        """What the query string asked for, stripped: to mark the chosen option in a form."""
        return (self.data.get(name) or "").strip()


SORTS = {
    "newest": ("-first_published_at", "-pk"),
    "reused": ("-reuse_count", "-first_published_at"),
    "az": ("title",),
}


class CaseFilterSet(StrictFilterSet):
    """The case index's filters (DESIGN.md, "Case index filters") over the cases a person may
    see. Each filter joins at most one row per case, so no case repeats."""

    tag = SlugModelChoiceFilter(field_name="tags", queryset=Tag.objects.all())
    organisation = SlugModelChoiceFilter(
        queryset=Organisation.objects.all(), method="filter_organisation"
    )
    status = django_filters.ChoiceFilter(choices=CasePage.Status.choices)
    county = django_filters.ChoiceFilter(field_name="coordinator__county", choices=County.choices)
    method = SlugModelChoiceFilter(field_name="methods", queryset=CaseMethod.objects.all())
    q = QueryFilter(method="search")
    sort = django_filters.TypedChoiceFilter(
        choices=[(key, key) for key in SORTS], empty_value="newest", method="sort_by"
    )

    class Meta:
        model = CasePage
        fields = []

    def filter_organisation(self, queryset, name, organisation):
        # Partners through a subquery, not a join: a case with several partners stays one row.
        return queryset.filter(
            Q(coordinator=organisation)
            | Q(pk__in=CasePartner.objects.filter(organisation=organisation).values("case"))
        )

    def search(self, queryset, name, text):
        # Searched once however many facets apply the filter.
        if not hasattr(self, "_found"):
            _filters, query = parse_query_string(text, operator="and")
            self._found = [page.pk for page in CasePage.objects.live().search(query)]
        return queryset.filter(pk__in=self._found)

    def sort_by(self, queryset, name, key):
        # Every case card shows how often it was reused, so the count comes with any order.
        return queryset.annotate(reuse_count=Count("reuses", distinct=True)).order_by(*SORTS[key])

    def in_scope(self, facet):
        """The cases a choice of `facet` would narrow: every other filter applied, unsorted."""
        return CasePage.objects.filter(pk__in=self.filtered(without={facet, "sort"}).values("pk"))
