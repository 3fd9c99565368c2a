"""The civil servants' workbench: inbox queries, task actions sent to the workflows, applicants' answers.

    schemas.py     what the tasks API takes and returns
    access.py      who may see which task (the queue rule) and the officer an action names
    refusals.py    a workflow's refusal (ApplicationError type) -> problem+json
    assignees.py   whom a supervisor may give a task to: officers of the directory in its queue
    service.py     the logic the endpoints call: read the inbox, act on a task, answer, withdraw
"""
