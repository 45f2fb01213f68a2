"""A member's own data, for download: everything the network holds about them."""

import json

from allauth.account.models import EmailAddress
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone

from events.models import Registration
from network.models import CaseContact, CasePage


def personal_data(user):
    """Everything the network holds about this person, for their own download."""

    profile = user.member_profile
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "profile": {
            "address": profile.get_absolute_url(),
            "status": profile.status,
            "organisation": profile.organisation.name if profile.organisation_id else None,
            "other_organisation": profile.organisation_name,
            "title": profile.title,
            "county": profile.county,
            "bio": profile.bio,
            "expertise": sorted(tag.name for tag in profile.expertise.all()),
            "photo": profile.photo.url if profile.photo else None,
            "phone": profile.phone,
            "linkedin": profile.linkedin_url,
            "website": profile.website,
            "idea_coach": profile.is_idea_coach,
            "languages": profile.languages,
            "visibility": profile.visibility,
            "created_at": profile.created_at.isoformat(),
            "updated_at": profile.updated_at.isoformat(),
        },
        "consents": [
            {
                "what": "privacy_policy",
                "given_at": profile.privacy_accepted_at.isoformat(),
            }
        ]
        if profile.privacy_accepted_at
        else [],
        "social_accounts": [
            {"provider": account.provider, "uid": account.uid}
            for account in user.socialaccount_set.all()
        ],
        "submitted_cases": [
            {
                "title": case.draft_title,
                "published": case.live,
                "url": case.full_url if case.live else None,
                "submitted_at": case.first_published_at.isoformat()
                if case.first_published_at
                else None,
            }
            for case in CasePage.objects.filter(submitted_by=user).order_by("pk")
        ],
        "registrations": [
            {
                "event": registration.event.title,
                "start": registration.event.start.isoformat(),
                "status": registration.status,
                "registered_at": registration.created_at.isoformat(),
            }
            for registration in Registration.objects.filter(user=user).select_related("event")
        ],
        "case_contact_for": [
            contact.case.title
            for contact in CaseContact.objects.filter(user=user).select_related("case")
        ],
    }


@login_required
def export_data(request):
    data = json.dumps(personal_data(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mina-uppgifter-samverkan.json"'
    response["Cache-Control"] = "no-store"
    return response
