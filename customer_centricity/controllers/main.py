# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import http
from odoo.exceptions import UserError
from odoo.http import request


class CustomerFeedbackController(http.Controller):
    """The public answer page behind the personal link (no login)."""

    @http.route(
        "/customer-feedback/<string:token>",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        csrf=False,  # the unguessable token in the URL authorises the answer
        sitemap=False,
    )
    def answer(self, token, **post):
        Feedback = request.env["customer.feedback"]
        try:
            feedback = Feedback._find_by_token(token)
        except UserError as error:
            return self._render("closed", message=str(error), status=404)
        if request.httprequest.method == "POST":
            try:
                feedback._submit_answer(
                    nps=post.get("nps"),
                    csat=post.get("csat"),
                    ces=post.get("ces"),
                    comment=post.get("comment"),
                    aspects={
                        key.removeprefix("aspect_"): value
                        for key, value in post.items()
                        if key.startswith("aspect_")
                    },
                )
            except UserError as error:
                return self._render(
                    "form", feedback=feedback, message=str(error), status=400
                )
            return self._render("thanks", feedback=feedback)
        return self._render("form", feedback=feedback)

    def _render(self, page, status=200, **values):
        response = request.render(
            "customer_centricity.feedback_page", {"page": page, **values}
        )
        response.status_code = status
        return response
