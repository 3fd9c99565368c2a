"""onestop: settings, the CLI that starts every process, and what they share."""
