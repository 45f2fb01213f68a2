"""The members' case form: plain text in, sanitised rich text out."""

import re

from django import forms
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField

from .models import CaseMethod, CasePage, CaseReuse, MembersOnlyMixin, Organisation

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


def paragraphs_to_html(text):
    """Plain text with blank lines between paragraphs, as safe rich text."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in parts)


def html_to_paragraphs(html):
    """Rich text back to plain paragraphs for editing."""
    text = re.sub(r"<br\s*/?>", "\n", html or "")
    text = re.sub(r"</(p|h\d|li)>", "\n\n", text)
    return re.sub(r"\n{3,}", "\n\n", strip_tags(text)).strip()


class CaseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
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

    def clean_report(self):
        report = self.cleaned_data.get("report")
        if not report:
            return report
        if report.size > REPORT_MAX_BYTES:
            raise forms.ValidationError(_("The report may be at most 20 MB."))
        report.seek(0)
        if not report.name.lower().endswith(".pdf") or report.read(5) != b"%PDF-":
            raise forms.ValidationError(_("Upload the report as a PDF file."))
        report.seek(0)
        return report

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

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["follow_up_case"].queryset = (
            CasePage.objects.live().exclude(pk=case.pk).order_by("title")
        )
        self.fields["follow_up_case"].required = False

    def clean_organisation(self):
        organisation = self.cleaned_data["organisation"]
        if CaseReuse.objects.filter(case=self.case, organisation=organisation).exists():
            raise forms.ValidationError(_("This organisation's reuse is already recorded."))
        return organisation
