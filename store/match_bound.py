"""An upper bound of a vacancy's match score as SQL, so the database hands matching the likely best first.

The occupation, region, salary and experience parts are computed as policies/labour/matching.py
computes them (in floating point); skills are taken at their best (1). ``MARGIN`` covers the
rounding of the parts to hundredths and of the score to a tenth, so the bound is never below the
score matching gives. Only the order of the scan depends on it: every score shown is the policy's.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, literal
from sqlalchemy.sql.elements import ColumnElement

from policies.labour.matching import MatchingRules, SeekerProfile

MARGIN = 0.6  # five parts each rounded up by at most 0.005 x weight x 100 (0.5 in all), the score by 0.05


def score_bound(seeker: SeekerProfile, rules: MatchingRules, c: Any) -> ColumnElement[Any]:
    w = {name: float(weight) for name, weight in rules.weights.items()}
    references = [*seeker.desired_occupations, *[job.occupation_code for job in seeker.work_history[:1]]]
    occupation = case((c.occupation_code.in_(seeker.desired_occupations), 1.0),
                      (func.substr(c.occupation_code, 1, 3).in_(sorted({r[:3] for r in references})),
                       float(rules.minor_group)),
                      (func.substr(c.occupation_code, 1, 2).in_(sorted({r[:2] for r in references})),
                       float(rules.sub_major_group)),
                      else_=0.0)
    elsewhere = float(rules.relocation) if seeker.willing_to_relocate else 0.0
    region = case((c.region.in_(seeker.regions), 1.0), else_=elsewhere)
    expected = float(seeker.salary_expectation or 0)
    if expected <= 0:
        salary: ColumnElement[Any] = literal(1.0)
    else:
        best = case((c.salary_max > c.salary_min, c.salary_max), else_=c.salary_min)
        floor = expected * (1 - float(rules.salary_tolerance))
        salary = case((best >= expected, 1.0), (best <= floor, 0.0),
                      else_=1.0 - (expected - best) / (expected * float(rules.salary_tolerance)))
    return (100 * w["occupation"]) * occupation + (100 * w["region"]) * region + (100 * w["salary"]) * salary \
        + (100 * w["experience"]) * _experience(seeker, c) + (100 * w["skills"] + MARGIN)


def _experience(seeker: SeekerProfile, c: Any) -> ColumnElement[Any]:
    months: dict[str, int] = {}
    for job in seeker.work_history:
        months[job.occupation_code[:3]] = months.get(job.occupation_code[:3], 0) + job.months
    required = c.required_experience_months
    if not months:
        return case((required == 0, 1.0), else_=0.0)
    had = case(*[(func.substr(c.occupation_code, 1, 3) == group, float(m)) for group, m in sorted(months.items())],
               else_=0.0)
    return case((required == 0, 1.0), (had >= required, 1.0), else_=had / required)


__all__ = ["MARGIN", "score_bound"]
