"""Member profiles: one per user account, with the membership status and organisation."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from events.models import CalendarToken
from network.models import County, Organisation

MEMBERS_GROUP = "Members"
NETWORK_ADMINS_GROUP = "Network admins"


def photo_upload_to(profile, filename):
    # A random name: the address of a member's photo says nothing about them.
    return f"members/photos/{get_random_string(24)}.jpg"


class MemberExpertiseTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "members.MemberProfile", related_name="expertise_items", on_delete=models.CASCADE
    )


class MemberProfileQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=MemberProfile.Status.APPROVED, user__is_active=True)

    def public(self):
        return self.approved().filter(visibility=MemberProfile.Visibility.PUBLIC)

    def for_listing(self):
        return self.select_related("user", "organisation").prefetch_related("expertise")


class MemberProfile(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending approval")
        APPROVED = "approved", _("Approved")
        SUSPENDED = "suspended", _("Suspended")

    class Visibility(models.TextChoices):
        MEMBERS = "members", _("Members only")
        PUBLIC = "public", _("Public")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, related_name="member_profile", on_delete=models.CASCADE
    )
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    organisation_name = models.CharField(
        _("other organisation"),
        max_length=200,
        blank=True,
        help_text=_("If your organisation is not in the list."),
    )
    title = models.CharField(_("title or role"), max_length=150, blank=True)
    county = models.CharField(_("county"), max_length=20, choices=County.choices, blank=True)
    bio = models.TextField(_("about me"), max_length=3000, blank=True)
    expertise = TaggableManager(through=MemberExpertiseTag, blank=True, verbose_name=_("expertise"))
    photo = models.ImageField(_("photo"), upload_to=photo_upload_to, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_idea_coach = models.BooleanField(
        _("idea coach"), default=False, help_text=_("I coach other members' ideas.")
    )
    languages = models.CharField(
        _("languages spoken"),
        max_length=200,
        blank=True,
        help_text=_("For example: svenska, English, suomi"),
    )
    visibility = models.CharField(
        _("who can see my profile"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    privacy_accepted_at = models.DateTimeField(_("privacy policy accepted"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MemberProfileQuerySet.as_manager()

    class Meta:
        ordering = ["user__first_name", "user__last_name"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        permissions = [
            ("access_members_only", _("Can see members-only content")),
            ("moderate_members", _("Can approve and suspend members")),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("members:profile", args=[self.slug])

    @property
    def name(self):
        return self.user.get_full_name() or self.user.email.split("@")[0]

    @property
    def email(self):
        return self.user.email

    @property
    def organisation_display(self):
        return self.organisation.name if self.organisation_id else self.organisation_name

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED

    def unique_slug(self):
        base = slugify(self.user.get_full_name()) or "medlem"
        slug, n = base[:100], 1
        while MemberProfile.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            n += 1
            slug = f"{base[:100]}-{n}"
        return slug

    @transaction.atomic
    def set_status(self, status, organisation=None):
        """Change the membership status and the group that carries members' permission."""
        self.status = status
        self.status_changed_at = timezone.now()
        if organisation is not None and self.organisation_id is None:
            self.organisation = organisation
        self.save()
        members, _ = Group.objects.get_or_create(name=MEMBERS_GROUP)
        if status == self.Status.APPROVED:
            self.user.groups.add(members)
        else:
            self.user.groups.remove(members)
        if status == self.Status.SUSPENDED:
            # A suspended member's personal calendar address stops working at once.
            CalendarToken.objects.filter(user=self.user).delete()
