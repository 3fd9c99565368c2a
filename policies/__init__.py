"""Rules as code: pure functions over effective-dated parameters, each returning a Decision.

Nothing here imports the rest of onestop, so workflows (as activities), the portal (to
explain a result) and tests can all call the same rules.
"""
