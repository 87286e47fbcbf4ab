"""Assessment of jurisdictions against the Palermo Protocol (../shared/spec/assessment.md).

Every function takes an open :class:`sqlite3.Connection` from :func:`indexer.db.connect`.
This package is the only place where verdicts are computed: the CLI (``palermo assess``),
the API and the web UI call it.

- :func:`requirements` - R1-R22 as data (``requirements.yaml``)
- :func:`assess` - verdicts, scores and criminalisation status of one jurisdiction (now or as of a date)
- :func:`compare` / :func:`gaps` - matrix of 2-20 jurisdictions; where a requirement or element is missing
- :func:`diff` / :func:`record_verdicts` - changes between two dates; the verdict history change feed
- :func:`add_review` / :func:`effective_tags` / :func:`review_queue` / :func:`review_history` - reviews
  (reviewed beats automatic; append-only audit trail)
- :func:`region_of` / :func:`jurisdiction_name` - UN M49 regions and names (country_converter data)
"""

from __future__ import annotations

from indexer.assessment.engine import assess, jurisdictions
from indexer.assessment.history import diff, record_verdicts
from indexer.assessment.models import (
    Comparison,
    ComparisonCell,
    ComparisonRow,
    CountFigure,
    CriminalisationStatus,
    Evidence,
    FoundPart,
    GapRow,
    JurisdictionAssessment,
    JurisdictionSummary,
    LawSummary,
    RequirementSpec,
    RequirementVerdict,
    Scores,
    VerdictChange,
)
from indexer.assessment.regions import continent_of, jurisdiction_name, region_of
from indexer.assessment.reviews import add_review, effective_tags, review_history, review_queue
from indexer.assessment.spec import requirement, requirements
from indexer.assessment.views import compare, gaps

__all__ = [
    "Comparison", "ComparisonCell", "ComparisonRow", "CountFigure", "CriminalisationStatus", "Evidence",
    "FoundPart", "GapRow", "JurisdictionAssessment", "JurisdictionSummary", "LawSummary", "RequirementSpec",
    "RequirementVerdict", "Scores", "VerdictChange",
    "add_review", "assess", "compare", "continent_of", "diff", "effective_tags", "gaps", "jurisdiction_name",
    "jurisdictions", "record_verdicts", "region_of", "requirement", "requirements", "review_history",
    "review_queue",
]
