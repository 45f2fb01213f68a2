"""The calendar's filters, one FilterSet for the calendar page and its feeds alike."""

from taggit.models import Tag

from network.filters import SlugModelChoiceFilter, StrictFilterSet
from network.models import Organisation

from .models import EventPage


class EventFilterSet(StrictFilterSet):
    """`?tag=<slug>` and `?organisation=<slug>`: an unknown one narrows to nothing."""

    tag = SlugModelChoiceFilter(field_name="tags", queryset=Tag.objects.all())
    organisation = SlugModelChoiceFilter(
        field_name="organiser", queryset=Organisation.objects.all()
    )

    class Meta:
        model = EventPage
        fields = []

    @property
    def chosen_tag(self):
        return self.cleaned("tag", None)

    @property
    def chosen_organisation(self):
        return self.cleaned("organisation", None)

    @property
    def narrowed(self):
        """Whether the query string narrows the calendar at all (validly or not)."""
        return bool(self.asked("tag") or self.asked("organisation"))
