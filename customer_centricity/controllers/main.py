# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from ..lib.input_limits import MAX_COMMENT_CHARS


def use_language_of(partner):
    """Public pages speak the customer's language when it is installed.

    Returns the language code, for records read before the switch.
    """
    lang = request.env["res.lang"]._get_code(partner.lang or "")
    if lang:
        request.update_context(lang=lang)
    return lang or request.env.lang


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
        feedback = feedback.with_context(lang=use_language_of(feedback.partner_id))
        if request.httprequest.method == "POST":
            refusal = self._refuse_post()
            if refusal:
                return self._render(
                    "form", feedback=feedback, message=refusal, status=400
                )
            try:
                # a refused answer leaves nothing behind, even half-written
                with request.env.cr.savepoint():
                    self._submit(feedback, post)
            except UserError as error:
                return self._render(
                    "form", feedback=feedback, message=str(error), status=400
                )
            return self._render("thanks", feedback=feedback)
        return self._render("form", feedback=feedback)

    def _submit(self, feedback, post):
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

    def _refuse_post(self):
        """Why a post is not a plain answer from the form, or None.

        The form sends each field once, as text: files and repeated keys are
        refused (werkzeug would silently keep the first value). Keys the form
        does not send are ignored; lengths are checked by ``_submit_answer``.
        """
        httprequest = request.httprequest
        if httprequest.files:
            return request.env._("Files cannot be sent with an answer.")
        for params in (httprequest.args, httprequest.form):
            if any(len(values) > 1 for values in params.listvalues()):
                return request.env._(
                    "Each question takes one answer; please use the form."
                )
        return None

    def _render(self, page, status=200, **values):
        response = request.render(
            "customer_centricity.feedback_page",
            {"page": page, "comment_limit": MAX_COMMENT_CHARS, **values},
        )
        response.status_code = status
        return response
