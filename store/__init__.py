"""The read model: what people and other systems read (applications, per-service status,
timeline, signed documents). Temporal holds workflow state; this database holds the view of it.

    models.py       table models and the *Public models the API returns
    types.py        column types (UTC timestamps) shared by the models and the migrations
    engine.py       engines, sessions (the caller owns the transaction), migrations
    repository.py   every query
    officers.py     the directory of officers who have called the portal (assignees of tasks)
    activities.py   Temporal activities that write the read model
"""
