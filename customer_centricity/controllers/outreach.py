# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64

from odoo import http
from odoo.http import request

from .main import use_language_of

CONFIRM = "1"
ONE_CLICK = ("List-Unsubscribe", "One-Click")  # RFC 8058, sent by mail clients
# a transparent 1x1 GIF, as Odoo's mass mailing sends for its open tracking
BLANK_GIF = base64.b64decode(
    b"R0lGODlhAQABAIAAANvf7wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="
)


class CustomerOutreachController(http.Controller):
    """The objection page behind the link in every outreach e-mail (no login).

    GET only shows the page: mail scanners open links to check them, so the
    objection is recorded by the button (a POST), or by a mail client's own
    unsubscribe button (RFC 8058 one-click POST).
    """

    @http.route(
        "/outreach/objection/<int:recipient_id>/<string:token>",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        csrf=False,  # the unguessable token in the URL authorises the objection
        sitemap=False,
    )
    def objection(self, recipient_id, token, **post):
        recipient = request.env["customer.outreach.recipient"]._find_for_objection(
            recipient_id, token
        )
        if not recipient:
            return self._render("invalid", status=404)
        use_language_of(recipient.partner_id)
        if recipient.objection_date:
            return self._render("recorded", recipient=recipient)
        if request.httprequest.method != "POST":
            return self._render("form", recipient=recipient)
        blacklist, refusal = self._read_objection()
        if refusal:
            return self._render(
                "form", recipient=recipient, message=refusal, status=400
            )
        with request.env.cr.savepoint():
            recipient._record_objection(blacklist=blacklist)
        return self._render("done", recipient=recipient, blacklisted=blacklist)

    @http.route(
        "/outreach/open/<int:recipient_id>/<string:token>.gif",
        type="http",
        auth="public",
        methods=["GET"],
        csrf=False,  # an image loaded by the mail client; the token authorises
        sitemap=False,
    )
    def open_pixel(self, recipient_id, token, **kwargs):
        """The tracking image: always the same GIF, so a forged link learns nothing."""
        recipient = request.env["customer.outreach.recipient"]._find_for_objection(
            recipient_id, token
        )
        if recipient:
            # sudo record (the token is the right): counts only what the
            # company tracks, on e-mailed recipients
            with request.env.cr.savepoint():
                recipient._register_open()
        return request.make_response(
            BLANK_GIF,
            headers=[
                ("Content-Type", "image/gif"),
                # every open reaches the server, none is served from a cache
                ("Cache-Control", "no-store, max-age=0"),
            ],
        )

    def _read_objection(self):
        """(blacklist wanted, None) from the posted form, or (None, why not).

        The form sends the button and at most the checkbox, once each; any
        other value of theirs is refused. Keys the form does not send are
        ignored.
        """
        httprequest = request.httprequest
        form = httprequest.form
        if httprequest.files:
            return None, request.env._("Files cannot be sent here.")
        for params in (httprequest.args, form):
            if any(len(values) > 1 for values in params.listvalues()):
                return None, request.env._("Please use the button on this page.")
        blacklist = form.get("blacklist")
        if blacklist not in (None, CONFIRM):
            return None, request.env._("Please use the check box on this page.")
        confirmed = form.get("confirm") == CONFIRM
        one_click = form.get(ONE_CLICK[0]) == ONE_CLICK[1]
        if not (confirmed or one_click):
            return None, request.env._("Please use the button on this page.")
        return blacklist == CONFIRM, None

    def _render(self, page, status=200, **values):
        response = request.render(
            "customer_centricity.outreach_objection_page", {"page": page, **values}
        )
        response.status_code = status
        return response
