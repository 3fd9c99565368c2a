"""Benchmarks that print figures: `make bench` (python -m bench). Not pass/fail tests."""
