"""/api/v1: one router per concern."""
