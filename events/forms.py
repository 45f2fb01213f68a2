"""The editor's event form: repetition in everyday words, stored as an RFC 5545 rule.

Editors pick "every week on Tuesday and Thursday", "the first Tuesday of each
month", "yearly" and an end ("until", "N times", "no end"); the form writes the
RRULE. Rules it cannot put in those words (an imported BYSETPOS, say) stay as
they are under "Custom rule" and can be edited there.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, Panel

from . import recurrence

WEEKDAYS = [
    ("MO", _("Monday")),
    ("TU", _("Tuesday")),
    ("WE", _("Wednesday")),
    ("TH", _("Thursday")),
    ("FR", _("Friday")),
    ("SA", _("Saturday")),
    ("SU", _("Sunday")),
]
ORDINALS = [
    ("1", _("first")),
    ("2", _("second")),
    ("3", _("third")),
    ("4", _("fourth")),
    ("-1", _("last")),
]


class Repeat:
    NONE = ""
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY_DATE = "monthly-date"
    MONTHLY_WEEKDAY = "monthly-weekday"
    YEARLY = "yearly"
    CUSTOM = "custom"

    choices = [
        (NONE, _("Does not repeat")),
        (DAILY, _("Every day")),
        (WEEKLY, _("Every week, on the weekdays below")),
        (MONTHLY_DATE, _("Every month, on the start's date")),
        (MONTHLY_WEEKDAY, _("Every month, on a weekday (e.g. the first Tuesday)")),
        (YEARLY, _("Every year")),
        (CUSTOM, _("Custom rule (RFC 5545)")),
    ]


class Ends:
    NEVER = "never"
    UNTIL = "until"
    COUNT = "count"

    choices = [
        (NEVER, _("No end")),
        (UNTIL, _("Until a date")),
        (COUNT, _("A number of times")),
    ]


def describe(rule_text):
    """The friendly fields for a stored rule, or None when only a custom rule says it."""
    parts = recurrence.rule_parts(rule_text)
    if not parts:
        return {"repeat": Repeat.NONE}
    known = {"FREQ", "INTERVAL", "BYDAY", "UNTIL", "COUNT"}
    if set(parts) - known:
        return None
    values = {"repeat_interval": int(parts.get("INTERVAL", "1"))}
    byday = [day for day in parts.get("BYDAY", "").split(",") if day]
    frequency = parts["FREQ"]
    if frequency == "DAILY" and not byday:
        values["repeat"] = Repeat.DAILY
    elif frequency == "WEEKLY" and all(day in dict(WEEKDAYS) for day in byday):
        values["repeat"] = Repeat.WEEKLY
        values["repeat_weekdays"] = byday
    elif frequency == "MONTHLY" and not byday:
        values["repeat"] = Repeat.MONTHLY_DATE
    elif frequency == "MONTHLY" and len(byday) == 1 and byday[0][:-2] in dict(ORDINALS):
        values["repeat"] = Repeat.MONTHLY_WEEKDAY
        values["repeat_ordinal"] = byday[0][:-2]
        values["repeat_weekday"] = byday[0][-2:]
    elif frequency == "YEARLY" and not byday:
        values["repeat"] = Repeat.YEARLY
    else:
        return None
    if "COUNT" in parts:
        values.update(repeat_ends=Ends.COUNT, repeat_count=int(parts["COUNT"]))
    elif "UNTIL" in parts:
        until = recurrence.until_as_local(recurrence.parse_until(parts["UNTIL"]))
        values.update(repeat_ends=Ends.UNTIL, repeat_until=until.date())
    else:
        values["repeat_ends"] = Ends.NEVER
    return values


class EventPageForm(WagtailAdminPageForm):
    repeat = forms.ChoiceField(label=_("Repeats"), choices=Repeat.choices, required=False)
    repeat_interval = forms.IntegerField(
        label=_("Interval"),
        min_value=1,
        max_value=recurrence.MAX_INTERVAL,
        initial=1,
        required=False,
        help_text=_("1 for every time, 2 for every other, and so on."),
    )
    repeat_weekdays = forms.MultipleChoiceField(
        label=_("On weekdays"),
        choices=WEEKDAYS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For weekly repetition; none means the start's weekday."),
    )
    repeat_ordinal = forms.ChoiceField(
        label=_("Which"), choices=ORDINALS, required=False, initial="1"
    )
    repeat_weekday = forms.ChoiceField(
        label=_("Weekday of the month"), choices=WEEKDAYS, required=False
    )
    repeat_ends = forms.ChoiceField(
        label=_("Ends"), choices=Ends.choices, required=False, initial=Ends.NEVER
    )
    repeat_until = forms.DateField(label=_("Last date"), required=False)
    repeat_count = forms.IntegerField(
        label=_("Number of times"), min_value=1, max_value=1000, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "recurrence" in self.fields:
            self.fields["recurrence"].help_text = _(
                "Only for “Custom rule”: an RRULE such as FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2."
            )
        if self.is_bound:
            return
        described = describe(self.instance.recurrence) if self.instance.recurrence else None
        if self.instance.recurrence and described is None:
            described = {"repeat": Repeat.CUSTOM}
        for name, value in (described or {}).items():
            if name in self.fields:
                self.initial[name] = value

    def clean(self):
        cleaned = super().clean()
        rule = rule_from_form(self, cleaned)
        if rule is not None:
            cleaned["recurrence"] = rule
            self.instance.recurrence = rule
        return cleaned


REPETITION_FIELDS = [
    "repeat",
    "repeat_interval",
    "repeat_weekdays",
    "repeat_ordinal",
    "repeat_weekday",
    "repeat_ends",
    "repeat_until",
    "repeat_count",
]


def rule_from_form(form, cleaned):
    """The RRULE that the repetition fields say, or None after adding errors to the form."""
    repeat = cleaned.get("repeat") or Repeat.NONE
    all_day = cleaned.get("all_day", False)
    if repeat == Repeat.CUSTOM:
        rule = cleaned.get("recurrence", "")
        if not rule:
            form.add_error("recurrence", _("Write the rule, or choose another repetition."))
            return None
    else:
        rule = compose(form, cleaned, repeat)
    try:
        rule = recurrence.normalise_rule(rule, all_day) if rule else ""
    except recurrence.InvalidRule as error:
        form.add_error("recurrence" if repeat == Repeat.CUSTOM else "repeat", str(error))
        return None
    start = cleaned.get("start")
    if rule and start and not start_follows(form, rule, start):
        return None
    return rule


def compose(form, cleaned, repeat):
    if repeat == Repeat.NONE:
        return ""
    start = cleaned.get("start")
    parts = {
        Repeat.DAILY: {"FREQ": "DAILY"},
        Repeat.WEEKLY: {"FREQ": "WEEKLY"},
        Repeat.MONTHLY_DATE: {"FREQ": "MONTHLY"},
        Repeat.MONTHLY_WEEKDAY: {"FREQ": "MONTHLY"},
        Repeat.YEARLY: {"FREQ": "YEARLY"},
    }[repeat]
    interval = cleaned.get("repeat_interval") or 1
    if interval > 1:
        parts["INTERVAL"] = str(interval)
    if repeat == Repeat.WEEKLY and cleaned.get("repeat_weekdays"):
        order = [code for code, _label in WEEKDAYS]
        parts["BYDAY"] = ",".join(sorted(cleaned["repeat_weekdays"], key=order.index))
    if repeat == Repeat.MONTHLY_WEEKDAY:
        weekday = cleaned.get("repeat_weekday")
        if not weekday and start:
            weekday = WEEKDAYS[timezone.localtime(start).weekday()][0]
        parts["BYDAY"] = f"{cleaned.get('repeat_ordinal') or '1'}{weekday or 'MO'}"
    ends = cleaned.get("repeat_ends") or Ends.NEVER
    if ends == Ends.UNTIL:
        until = cleaned.get("repeat_until")
        if until is None:
            form.add_error("repeat_until", _("Give the last date."))
        elif start and until < timezone.localtime(start).date():
            form.add_error("repeat_until", _("The last date cannot be before the start."))
        else:
            parts["UNTIL"] = until.strftime("%Y%m%d")
    elif ends == Ends.COUNT:
        count = cleaned.get("repeat_count")
        if not count:
            form.add_error("repeat_count", _("Give the number of times."))
        else:
            parts["COUNT"] = str(count)
    return recurrence.join_parts(parts)


def start_follows(form, rule, start):
    """The start must be the rule's first date, or clients disagree on the series."""
    try:
        first = recurrence.first_date(rule, start)
    except recurrence.InvalidRule as error:
        form.add_error("repeat", str(error))
        return False
    if first != recurrence.local_naive(start):
        form.add_error(
            "start",
            _(
                "The start does not follow the repetition: its first date would be "
                "%(date)s. Move the start there, or change the repetition."
            )
            % {"date": first.strftime("%Y-%m-%d %H:%M")},
        )
        return False
    return True


class RepetitionPreviewForm(forms.Form):
    """The editor's preview while typing: the page form's repetition fields and rules."""

    start = forms.DateTimeField()
    end = forms.DateTimeField(required=False)
    all_day = forms.BooleanField(required=False)
    recurrence = forms.CharField(required=False, max_length=500)

    def clean(self):
        cleaned = super().clean()
        cleaned["recurrence"] = rule_from_form(self, cleaned)
        return cleaned


RepetitionPreviewForm.base_fields.update(
    {name: EventPageForm.declared_fields[name] for name in REPETITION_FIELDS}
)


class ComingDatesPanel(Panel):
    """The next dates of the saved event, so that an editor sees what the rule gives."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "events/admin/coming_dates_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            event = self.instance
            if getattr(event, "start", None) and getattr(event, "end", None):
                context.update(preview_dates(event))
            return context


PREVIEW_DATES = 8


def preview_dates(event):
    """The first dates of the event from its start (or from now, for a running series)."""
    after = max(event.start, timezone.now()) if event.is_recurring else event.start
    coming = event.upcoming_occurrences(after=after, limit=PREVIEW_DATES + 1)
    return {
        "coming": coming[:PREVIEW_DATES],
        "more": len(coming) > PREVIEW_DATES,
        "all_day": event.all_day,
    }


def RepetitionPanel():
    """The repetition's panel, named like the panels it stands among in content_panels."""
    return MultiFieldPanel(
        [
            FieldPanel("repeat"),
            FieldRowPanel([FieldPanel("repeat_interval"), FieldPanel("repeat_weekdays")]),
            FieldRowPanel([FieldPanel("repeat_ordinal"), FieldPanel("repeat_weekday")]),
            FieldRowPanel(
                [FieldPanel("repeat_ends"), FieldPanel("repeat_until"), FieldPanel("repeat_count")]
            ),
            FieldPanel("recurrence"),
            ComingDatesPanel(heading=_("Next dates")),
        ],
        heading=_("Repeats"),
    )
