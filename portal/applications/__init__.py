"""Citizens' applications: submission, status and documents."""
