"""The member directory's filters, on network's shared filter layer."""

import django_filters
from django.db.models import Q
from taggit.models import Tag

from network.filters import QueryFilter, SlugModelChoiceFilter, StrictFilterSet
from network.models import County, Organisation

from .models import MemberProfile


class DirectoryFilterSet(StrictFilterSet):
    """Name or text, organisation, county, expertise and idea coaches, combinable in the query
    string. An expertise joins one row per member (taggit keeps a tag once per object)."""

    q = QueryFilter(method="search")
    organisation = SlugModelChoiceFilter(queryset=Organisation.objects.all())
    county = django_filters.ChoiceFilter(choices=County.choices)
    expertise = SlugModelChoiceFilter(queryset=Tag.objects.all())
    coach = django_filters.ChoiceFilter(choices=[("1", "1")], method="only_coaches")

    class Meta:
        model = MemberProfile
        fields = []

    def search(self, queryset, name, text):
        """Every word in the name, title or about text."""
        for word in text.split():
            queryset = queryset.filter(
                Q(user__first_name__icontains=word)
                | Q(user__last_name__icontains=word)
                | Q(title__icontains=word)
                | Q(bio__icontains=word)
            )
        return queryset

    def only_coaches(self, queryset, name, value):
        return queryset.filter(is_idea_coach=True)
