# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Employee surveys: counters instead of answer rows; invitations per person.

- Answers of open surveys become counters per statement, team and score;
  then the table of single answers is dropped.
- Everyone who took part so far has answered; the to-dos of open surveys
  move from the survey to each person's own invitation.
- Participation is readable by its person only, managers included; the
  rules live in a noupdate file, so an upgrade does not rewrite them.
"""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    manager_rule = env.ref(
        "customer_centricity.customer_employee_survey_participation_rule_manager",
        raise_if_not_found=False,
    )
    if manager_rule:
        manager_rule.unlink()
    own_rule = env.ref(
        "customer_centricity.customer_employee_survey_participation_rule_user",
        raise_if_not_found=False,
    )
    if own_rule:
        own_rule.write(
            {
                "name": "Survey participation: only one's own, for everyone",
                "groups": [(5, 0, 0)],
            }
        )
    cr.execute("UPDATE customer_employee_survey_participation SET answered = TRUE")
    Survey = env["customer.employee.survey"]
    Participation = env["customer.employee.survey.participation"]
    model_id = env["ir.model"]._get_id(Participation._name)
    for survey in Survey.search([("state", "=", "open")]):
        survey._create_counters()
        cr.execute("SELECT to_regclass('customer_employee_survey_answer')")
        if cr.fetchone()[0]:
            env["customer.employee.survey.tally"].flush_model()
            env.execute_query(
                SQL(
                    """
                    UPDATE customer_employee_survey_tally t
                       SET count = a.count
                      FROM (SELECT a.question_id, a.score,
                                   CASE WHEN EXISTS (
                                       SELECT 1 FROM customer_employee_survey_tally x
                                        WHERE x.survey_id = a.survey_id
                                          AND x.team_id = a.team_id)
                                   THEN a.team_id END AS team_id,
                                   count(*) AS count
                              FROM customer_employee_survey_answer a
                             WHERE a.survey_id = %(survey)s
                          GROUP BY 1, 2, 3) a
                     WHERE t.survey_id = %(survey)s
                       AND t.question_id = a.question_id AND t.score = a.score
                       AND t.team_id IS NOT DISTINCT FROM a.team_id
                    """,
                    survey=survey.id,
                )
            )
        for activity in survey.activity_ids:
            participation = Participation.search(
                [("survey_id", "=", survey.id), ("user_id", "=", activity.user_id.id)]
            ) or Participation.create(
                {"survey_id": survey.id, "user_id": activity.user_id.id}
            )
            activity.write({"res_model_id": model_id, "res_id": participation.id})
    env["customer.employee.survey.tally"].invalidate_model()
    # Odoo keeps the table of a removed model: drop the single answers (the
    # open surveys' are counters now, the closed ones' results are published)
    cr.execute("DROP TABLE IF EXISTS customer_employee_survey_answer")
    # and the old answer form's tables, which kept scores beside create_uid
    cr.execute(
        "DROP TABLE IF EXISTS customer_employee_survey_response_line, "
        "customer_employee_survey_response"
    )
