"""The agency API's logic: other state systems start services for citizens and hear back by webhook.

Modules: `signatures` (how webhook bodies are signed and how a receiver checks them; stdlib
only, so a receiver may copy it), `schemas` (what the API takes and returns), `service`
(starting and reading applications on a client's behalf).
"""
