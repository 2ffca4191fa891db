"""The taxonomy: categories of finding, consent gaps, decisions and the guidance behind them."""

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
from safeshare.taxonomy.guidance import GUIDANCE, Guidance, guidance

__all__ = [
    "CATEGORIES",
    "CONSENT_GAPS",
    "DECISIONS",
    "GUIDANCE",
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
    "Severity",
    "category",
    "consent_gap",
    "decision",
    "gaps_in",
    "guidance",
]
