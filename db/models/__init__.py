"""Every table of the portal. Import from here so Alembic sees the whole metadata."""

from db.models.applications import (
    Advisor,
    Applicant,
    Application,
    Document,
    DocumentContent,
    LeadTeamMember,
)
from db.models.audit import AuditEvent, Notification
from db.models.development import (
    ActivityLog,
    Assessment,
    AssessmentScore,
    Indicator,
    PlanActivity,
    activity_indicators,
)
from db.models.people import DistrictOffice, Round, RoundDistrict, User
from db.models.publicity import Invitation, InvitationContact
from db.models.registry import RegistryEntry
from db.models.review import (
    Certificate,
    Comment,
    CommitteeEvaluation,
    EvaluationItem,
    Resolution,
)
from db.models.versions import DataVersion

__all__ = [
    "ActivityLog",
    "Advisor",
    "Applicant",
    "Application",
    "Assessment",
    "AssessmentScore",
    "AuditEvent",
    "Certificate",
    "Comment",
    "CommitteeEvaluation",
    "DataVersion",
    "DistrictOffice",
    "Document",
    "DocumentContent",
    "EvaluationItem",
    "Indicator",
    "Invitation",
    "InvitationContact",
    "LeadTeamMember",
    "Notification",
    "PlanActivity",
    "RegistryEntry",
    "Resolution",
    "Round",
    "RoundDistrict",
    "User",
    "activity_indicators",
]
