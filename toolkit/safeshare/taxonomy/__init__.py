"""The taxonomy: categories of finding, consent gaps, decisions, the guidance and its sources."""

from safeshare.taxonomy.categories import CATEGORIES, Category, Group, Severity, category
from safeshare.taxonomy.consent import (
    CONSENT_GAPS,
    Capacity,
    ConsentForm,
    ConsentGap,
    ConsentRecord,
    PatientStatus,
    Purpose,
    consent_gap,
    gaps_in,
)
from safeshare.taxonomy.decisions import DECISIONS, Decision, decision
from safeshare.taxonomy.guidance import GUIDANCE, Guidance, full_citation, guidance
from safeshare.taxonomy.references import REFERENCES, Reference, reference

__all__ = [
    "CATEGORIES",
    "CONSENT_GAPS",
    "DECISIONS",
    "GUIDANCE",
    "REFERENCES",
    "Capacity",
    "Category",
    "ConsentForm",
    "ConsentGap",
    "ConsentRecord",
    "Decision",
    "Group",
    "Guidance",
    "PatientStatus",
    "Purpose",
    "Reference",
    "Severity",
    "category",
    "consent_gap",
    "decision",
    "full_citation",
    "gaps_in",
    "guidance",
    "reference",
]
