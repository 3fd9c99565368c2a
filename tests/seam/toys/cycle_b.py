"""The other half of a `depends_on` cycle."""

from __future__ import annotations

from services.spec import Dependency, ServiceSpec
from tests.seam.toys.common import BASIS, DECIDE, NoAnswers, text

SPEC = ServiceSpec(code="toy-cycle-b", title=text("Cycle B"), description=text("Needs A"), audience=("citizen",),
                   form=NoAnswers, workflow="ToyCycleB", legal_deadline_working_days=1, legal_basis=BASIS,
                   steps=(DECIDE,), depends_on=(Dependency("toy-cycle-a", "a-granted"),))
