"""Appeals against decided services: filing (checks, the row, the workflow) and the applicant's view."""
