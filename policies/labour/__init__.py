"""The electronic labour exchange's rules: unemployed status and benefit, matching, guidance, support.

- ``unemployment``  job_seeker_registration, unemployed_status, unemployment_benefit
- ``texts``         the kk/ru/en sentences of these rules
- ``evaluation``    LabourEvaluation: the shared Evaluation speaking those sentences
- ``matching``      score_match, rank_vacancies, rank_candidates: a score out of 100 with a reason per part
- ``guidance``      questionnaire, score_guidance: the RIASEC career-orientation test and recommended occupations
- ``support``       support_measures, eligible_measures, course_offers: who may take which measure or course free
- ``suitable_offer`` suitable_offer: whether refusing a job offer counts (occupation, place, minimum wage, last wage)
- ``vacancy_checks`` vacancy_checks, flagged_terms: minimum wage, expiry and discriminatory words before publication
"""
