from .cases import (
    CaseContact,
    CaseDocument,
    CaseGalleryImage,
    CaseIndexPage,
    CaseLink,
    CaseMethod,
    CasePage,
    CasePageTag,
    CasePartner,
    CaseStatusUpdate,
)
from .mail import OutgoingEmail
from .organisations import County, Organisation, OrganisationEmailDomain
from .reuses import CaseReuse
from .submissions import CaseSubmission
from .versions import ContentVersion
from .visibility import MEMBERS_ONLY_PERMISSION, MembersOnlyMixin, members_only_page_ids

__all__ = [
    "MEMBERS_ONLY_PERMISSION",
    "CaseContact",
    "CaseDocument",
    "CaseGalleryImage",
    "CaseIndexPage",
    "CaseLink",
    "CaseMethod",
    "CasePage",
    "CasePageTag",
    "CasePartner",
    "CaseReuse",
    "CaseStatusUpdate",
    "CaseSubmission",
    "ContentVersion",
    "County",
    "MembersOnlyMixin",
    "Organisation",
    "OrganisationEmailDomain",
    "OutgoingEmail",
    "members_only_page_ids",
]
