"""Rules as code: pure functions over effective-dated parameters, each returning a Decision.

Nothing here imports the rest of onestop, so workflows (as activities), the portal (to
explain a result) and tests can all call the same rules.

- ``decision``       Decision, Reason, TraceStep, Text: what every rule returns
- ``parameters``     value(path, on), lookup, meta: dated YAML figures under parameters/
- ``economy``        the tax MCI (1 January) and the benefit MCI, minimum wage, subsistence minimum
- ``identity``       applicant_capacity(PersonFacts, on)
- ``appeals``        appeal_timeliness(notice_received_on, filed_on): three months (APPK Art. 92), late is not refused
- ``self_employed``  regimes_in_force, permitted_activities, regime_eligibility, monthly_social_payments
- ``tsa``            targeted social assistance: assess (figures) and decide (TsaDecision with reasons)
- ``tsa_whatif``     simulate a parameter change over a caseload: who gains, who loses, the cost
- ``working_days``   is_working_day, add_working_days, working_days_between
- ``iin``            is_valid_iin, is_valid_bin, check_digit
- ``texts``          the kk/ru/en sentences of reasons (``tsa_texts`` adds TSA's); ``evaluation`` the shared bookkeeping

To change a figure, add a dated line to its YAML file (never edit a past value unless it
was wrong); a new rule reads figures through ``Evaluation.param`` so they land in the trace.
"""
