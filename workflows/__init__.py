"""Temporal workflows: the parent of every application and one child per service. Deterministic only."""
