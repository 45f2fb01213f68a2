"""The members' case form: plain text in, sanitised rich text out.

Members edit the rich text sections as plain text. A section whose text the member
left as it was keeps its stored rich text byte for byte (an editor's links, bold and
lists included); a changed section is stored as the member's paragraphs, escaped once.
"""

import re
import uuid
from html import unescape

from django import forms
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField

from .models import CaseMethod, CasePage, CaseReuse, MembersOnlyMixin, Organisation
from .models.reuses import organisations_reusing_for
from .models.validation import validate_single_line, validate_tag_names
from .uploads import content_matches, extension_of

REPORT_MAX_BYTES = 20 * 1024 * 1024
TEXT_SECTIONS = ["challenge", "approach", "results", "innovation", "failures", "lessons"]
# Fields the form and the page share as they are (the text sections are converted).
PLAIN_FIELDS = [
    "title",
    "summary",
    "status",
    "start_date",
    "end_date",
    "coordinator",
    "users_and_beneficiaries",
    "funder",
    "funding_amount",
    "funding_programme",
    "funding_reference",
    "innovation_kind",
    "visibility",
]
BLOCK_END = re.compile(r"</(p|h[1-6]|li|ul|ol|blockquote|div|pre)\s*>", re.IGNORECASE)
FORMATTING_TAG = re.compile(r"<(?!/?(p|br)[\s/>])", re.IGNORECASE)


def paragraphs_to_html(text):
    """A member's plain text (blank lines between paragraphs) as rich text, escaped once."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    parts = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(
        # <br/> as Wagtail stores it: its editor cannot read a <br> left open.
        "<p>" + "<br/>".join(escape(line.strip()) for line in part.split("\n")) + "</p>"
        for part in parts
    )


def html_to_paragraphs(html):
    """Stored rich text as the plain text a member edits: tags dropped, entities decoded."""
    text = re.sub(r"\s+", " ", html or "")  # source whitespace is one space in HTML
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)
    text = BLOCK_END.sub("\n\n", text)
    text = unescape(strip_tags(text))  # tags first: a decoded "<tag>" is text, not a tag
    paragraphs = (
        "\n".join(line.strip() for line in part.split("\n")) for part in re.split(r"\n\s*\n", text)
    )
    return "\n\n".join(p.strip() for p in paragraphs if p.strip())


def comparable(text):
    """Plain text with the differences a browser or the member cannot see ironed out."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = (
        "\n".join(" ".join(line.split()) for line in part.split("\n") if line.strip())
        for part in re.split(r"\n\s*\n", text)
    )
    return "\n\n".join(p for p in paragraphs if p)


def has_formatting(html):
    """Whether rich text holds more than paragraphs and line breaks (links, bold, lists …)."""
    return bool(FORMATTING_TAG.search(html or ""))


class SubmissionTokenField(forms.CharField):
    """The hidden token that makes a sent form idempotent; a mangled one is simply absent."""

    widget = forms.HiddenInput

    def to_python(self, value):
        try:
            return uuid.UUID(str(value)) if value else None
        except ValueError:
            return None


class CaseForm(forms.Form):
    # A fresh token each time a new form is rendered; a re-rendered form keeps the one sent.
    submission_token = SubmissionTokenField(required=False, initial=uuid.uuid4)
    title = forms.CharField(label=_("Title"), max_length=255, validators=[validate_single_line])
    summary = forms.CharField(
        label=_("Short summary"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Two or three sentences: what you did and what came of it."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=CasePage.Status.choices)
    start_date = forms.DateField(
        label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("End"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    challenge = forms.CharField(
        label=_("Challenge and purpose"), required=False, max_length=20000, widget=forms.Textarea
    )
    approach = forms.CharField(
        label=_("Approach and implementation"),
        required=False,
        max_length=20000,
        widget=forms.Textarea,
    )
    results = forms.CharField(
        label=_("Results and effects"), required=False, max_length=20000, widget=forms.Textarea
    )
    innovation = forms.CharField(
        label=_("What made it innovative"),
        required=False,
        max_length=20000,
        widget=forms.Textarea,
    )
    failures = forms.CharField(
        label=_("Challenges and failures"),
        required=False,
        max_length=20000,
        widget=forms.Textarea,
    )
    lessons = forms.CharField(
        label=_("Lessons learned"), required=False, max_length=20000, widget=forms.Textarea
    )
    coordinator = forms.ModelChoiceField(
        label=_("Coordinating organisation"), queryset=Organisation.objects.all()
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner organisations"),
        queryset=Organisation.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    users_and_beneficiaries = forms.CharField(
        label=_("Users and beneficiaries"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    funder = forms.ModelChoiceField(
        label=_("Funder"), queryset=Organisation.objects.all(), required=False
    )
    funding_amount = forms.IntegerField(
        label=_("Amount (SEK)"), required=False, min_value=0, max_value=10**12
    )
    funding_programme = forms.CharField(
        label=_("Programme or call"), required=False, max_length=250
    )
    funding_reference = forms.CharField(label=_("Reference number"), required=False, max_length=100)
    innovation_kind = forms.ChoiceField(
        label=_("Kind of innovation"),
        choices=[("", "–")] + list(CasePage.InnovationKind.choices),
        required=False,
    )
    methods = forms.ModelMultipleChoiceField(
        label=_("Methods"),
        queryset=CaseMethod.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tags = TagField(
        label=_("Tags"),
        required=False,
        help_text=_("Separate with commas, for example: tjänstedesign, äldreomsorg"),
    )
    visibility = forms.ChoiceField(
        label=_("Who may read the case"),
        choices=MembersOnlyMixin.Visibility.choices,
        widget=forms.RadioSelect,
        initial=MembersOnlyMixin.Visibility.PUBLIC,
    )
    report = forms.FileField(
        label=_("Report (PDF)"),
        required=False,
        help_text=_("At most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def __init__(self, *args, case=None, **kwargs):
        """``case``: the version being edited (its text sections are kept when unchanged)."""
        if case is not None:
            kwargs.setdefault("initial", self.initial_from(case))
        super().__init__(*args, **kwargs)
        self.stored_sections = {
            name: getattr(case, name) or "" for name in TEXT_SECTIONS if case is not None
        }
        for name, html in self.stored_sections.items():
            if has_formatting(html):
                self.fields[name].help_text = _(
                    "This section has formatting from the editors (such as links, bold or "
                    "lists). Left as it is, the formatting is kept; changed, the section is "
                    "saved as plain text."
                )

    def section_html(self, name):
        """The rich text to store for a text section of the valid form."""
        text = self.cleaned_data.get(name) or ""
        stored = self.stored_sections.get(name)
        if stored is not None and comparable(text) == comparable(html_to_paragraphs(stored)):
            return stored
        return paragraphs_to_html(text)

    def clean_report(self):
        """A PDF by its content as well as by its name (network/uploads.py), at most 20 MB."""
        report = self.cleaned_data.get("report")
        if not report:
            return report
        if report.size > REPORT_MAX_BYTES:
            raise forms.ValidationError(_("The report may be at most 20 MB."))
        if not content_matches(report, "pdf"):
            # Whatever the name says: a Word file, an image, an SVG with a script ...
            raise forms.ValidationError(_("Upload the report as a PDF file."))
        if extension_of(report.name) != "pdf":
            # It would be served under its name's type, not as the PDF it is.
            raise forms.ValidationError(
                _(
                    "The file is a PDF, but its name does not end in .pdf. Rename it and "
                    "upload it again."
                )
            )
        return report

    def clean_tags(self):
        tags = self.cleaned_data.get("tags") or []
        validate_tag_names(tags)
        return tags

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end cannot be before the start."))
        return cleaned

    @classmethod
    def initial_from(cls, case):
        initial = {name: getattr(case, name) for name in PLAIN_FIELDS}
        for name in TEXT_SECTIONS:
            initial[name] = html_to_paragraphs(getattr(case, name))
        initial["partners"] = [p.organisation_id for p in case.partners.all()]
        initial["methods"] = list(case.methods.all())
        initial["tags"] = list(case.tags.all())
        return initial


class ReuseForm(forms.ModelForm):
    class Meta:
        model = CaseReuse
        fields = ["organisation", "adopted_on", "adaptation", "follow_up_case"]
        widgets = {
            "adopted_on": forms.DateInput(attrs={"type": "date"}),
            "adaptation": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, case, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.user = user
        self.repeat = None  # the reuse this member already recorded, when the form is sent again
        # Only the member's own organisation is offered; a forged choice is "not one of the
        # available choices", and nothing is saved.
        organisation = self.fields["organisation"]
        organisation.queryset = organisations_reusing_for(user)
        if not organisation.queryset.exists():
            organisation.help_text = _(
                "Only members of an organisation can record that it reuses a case. Choose "
                "your organisation from the list on your profile first."
            )
        self.fields["follow_up_case"].queryset = (
            CasePage.objects.live().exclude(pk=case.pk).order_by("title")
        )
        self.fields["follow_up_case"].required = False

    def clean_organisation(self):
        organisation = self.cleaned_data["organisation"]
        existing = CaseReuse.objects.filter(case=self.case, organisation=organisation).first()
        if existing is not None and existing.recorded_by_id == self.user.pk:
            self.repeat = existing  # a double click: the first sending stands
        elif existing is not None:
            raise forms.ValidationError(_("This organisation's reuse is already recorded."))
        return organisation
