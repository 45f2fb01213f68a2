import io

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from network.models import County, Organisation
from network.models.validation import validate_tag_names

from .models import MemberProfile

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}
PHOTO_SIZE = (800, 800)


class SignupExtraForm(forms.Form):
    """What allauth's signup asks besides email and password."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    accept_privacy = forms.BooleanField(
        label=_("I have read how the network handles my personal data."), required=True
    )

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.save(update_fields=["first_name", "last_name"])
        profile = user.member_profile
        profile.privacy_accepted_at = timezone.now()
        profile.slug = ""
        profile.save()


def https_formfield(field, **kwargs):
    """Links typed without a scheme become https://, as they will in Django 6."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class ProfileForm(forms.ModelForm):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)

    class Meta:
        model = MemberProfile
        formfield_callback = https_formfield
        fields = [
            "title",
            "organisation",
            "organisation_name",
            "county",
            "bio",
            "expertise",
            "photo",
            "phone",
            "linkedin_url",
            "website",
            "is_idea_coach",
            "languages",
            "visibility",
        ]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 6}),
            "visibility": forms.RadioSelect,
            "photo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }
        help_texts = {
            "expertise": _("Separate with commas, for example: tjänstedesign, idésluss"),
            "phone": _("Shown to approved members only."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance.user
        self.fields["first_name"].initial = user.first_name
        self.fields["last_name"].initial = user.last_name
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["organisation"].empty_label = _("Not in the list")
        self.fields["county"].choices = [("", _("Choose county"))] + list(County.choices)
        self.order_fields(["first_name", "last_name"] + list(self.Meta.fields))

    def clean_expertise(self):
        # The network's one tag vocabulary: the same limits as a case's tags.
        expertise = self.cleaned_data.get("expertise") or []
        validate_tag_names(expertise)
        return expertise

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not all(char.isdigit() or char in " +-()" for char in phone):
            raise forms.ValidationError(_("Use digits, spaces and + - ( ) only."))
        return phone

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo or not hasattr(photo, "content_type"):
            return photo  # unchanged or cleared
        if photo.size > PHOTO_MAX_BYTES:
            raise forms.ValidationError(_("The photo may be at most 5 MB."))
        try:
            photo.seek(0)
            with Image.open(photo) as image:
                if image.format not in PHOTO_FORMATS:
                    raise forms.ValidationError(_("Upload a JPEG, PNG or WebP image."))
                if image.width * image.height > PHOTO_MAX_PIXELS:
                    raise forms.ValidationError(_("The photo has too many pixels."))
                image = ImageOps.exif_transpose(image).convert("RGB")
                image.thumbnail(PHOTO_SIZE)
                # Only the pixels go on: Pillow writes a JPEG comment it read back into the
                # new file, so the photo is copied into a fresh image without any metadata
                # (comment, EXIF with location and camera, XMP), which nobody else should see.
                pixels = Image.new("RGB", image.size)
                pixels.paste(image)
                output = io.BytesIO()
                pixels.save(output, format="JPEG", quality=85, optimize=True)
        except forms.ValidationError:
            raise
        except Exception as error:  # Pillow raises many kinds for broken files
            raise forms.ValidationError(_("Upload a valid image.")) from error
        return SimpleUploadedFile("photo.jpg", output.getvalue(), content_type="image/jpeg")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("organisation"):
            cleaned["organisation_name"] = ""
        return cleaned

    def save(self, commit=True):
        profile = super().save(commit=False)
        user = profile.user
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        if commit:
            user.save(update_fields=["first_name", "last_name"])
            profile.save()
            self.save_m2m()
        return profile


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my profile and login are deleted for good."), required=True
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            # Signed in through single sign-on: the address confirms instead.
            self.fields["password"] = forms.EmailField(label=_("Your email address"))

    def clean_password(self):
        value = self.cleaned_data["password"]
        if self.user.has_usable_password():
            if not self.user.check_password(value):
                raise forms.ValidationError(_("The password is not correct."))
        elif value.strip().lower() != self.user.email.lower():
            raise forms.ValidationError(_("The address is not the one on your account."))
        return value
