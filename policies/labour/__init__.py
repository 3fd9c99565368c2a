"""The electronic labour exchange's rules: unemployed status and benefit, matching, guidance, support.

Pure functions over dated parameters under ``parameters/labour/``; each answers with its reasons
in kk/ru/en. What the workflows and the portal call:

- ``unemployment``   job_seeker_registration(JobSeekerFacts, on), unemployed_status(JobSeekerFacts, on)
                     -> Decision; unemployment_benefit(UnemploymentBenefitCase, on) -> BenefitDecision
                     (amount, duration_months, starts_on, ends_on, payments: one PaymentPeriod a month)
- ``matching``       rank_vacancies(SeekerProfile, vacancies, on, limit), rank_candidates(VacancyFacts,
                     profiles, on, limit), score_match -> Match (score out of 100, one MatchPart a part)
- ``guidance``       questionnaire(on), score_guidance(answers, on) -> GuidanceResult; InvalidAnswers
                     (a ValueError) lists every bad answer with its field (``answers.q07``)
- ``support``        support_measures / eligible_measures(SupportFacts, on) -> MeasureEligibility;
                     course_offers(SupportFacts, courses) -> CourseOffer
- ``suitable_offer`` suitable_offer(SeekerSituation, JobOffer, on) -> Decision (eligible = suitable)
- ``vacancy_checks`` vacancy_checks(VacancyDraft, on) -> Decision (ineligible: refuse; review: moderate)
- ``texts``          the kk/ru/en sentences and labels; ``say`` fills one in
- ``evaluation``     LabourEvaluation: the shared Evaluation saying those sentences

Nothing here reads a registry: the caller passes the facts (population, contracts, businesses,
social insurance) and names codes through the optional ``titles`` mappings.
"""
