# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request


class EmployeeSurveyController(http.Controller):
    """The answer page of an employee survey: all statements in one post.

    Nothing is stored until the person sends the page; then the survey
    checks and counts the whole answer at once (``action_submit_answers``).
    """

    @http.route(
        "/customer-centricity/survey/<int:survey_id>",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        sitemap=False,
    )
    def answer(self, survey_id, **post):
        survey = request.env["customer.employee.survey"].browse(survey_id)
        try:
            survey.check_access("read")
            survey._check_can_answer()
        except (AccessError, MissingError):
            return self._render(
                "closed",
                status=404,
                message=request.env._("This survey does not exist or is not for you."),
            )
        except UserError as error:
            return self._render("closed", survey=survey, message=str(error))
        scores = {
            key.removeprefix("question_"): value
            for key, value in post.items()
            if key.startswith("question_")
        }
        if request.httprequest.method == "POST":
            try:
                survey.action_submit_answers(scores)
            except UserError as error:
                return self._render(
                    "form", survey=survey, scores=scores, message=str(error), status=400
                )
            return self._render("thanks", survey=survey)
        return self._render("form", survey=survey, scores={})

    def _render(self, page, status=200, **values):
        response = request.render(
            "customer_centricity.employee_survey_page", {"page": page, **values}
        )
        response.status_code = status
        return response
