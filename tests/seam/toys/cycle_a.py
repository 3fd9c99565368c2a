"""Half of a `depends_on` cycle: the catalogue must refuse to start with it."""

from __future__ import annotations

from services.spec import Dependency, ServiceSpec
from tests.seam.toys.common import BASIS, DECIDE, NoAnswers, text

SPEC = ServiceSpec(code="toy-cycle-a", title=text("Cycle A"), description=text("Needs B"), audience=("citizen",),
                   form=NoAnswers, workflow="ToyCycleA", legal_deadline_working_days=1, legal_basis=BASIS,
                   steps=(DECIDE,), depends_on=(Dependency("toy-cycle-b", "b-granted"),))
