# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import http
from odoo.http import request
from odoo.tools import consteq

MAX_RECORD_ID = 2**31 - 1  # PostgreSQL integer: larger ids in a link are forged


class CustomerOutreachImageController(http.Controller):
    """The product images of the picks in an outreach e-mail (no login).

    The customer's mail client loads them; the signature in the link stands
    for the right to see the image of a product picked for an e-mail.
    """

    @http.route(
        "/outreach/product/<int:product_id>/<string:token>.png",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
        readonly=True,
    )
    def product_image(self, product_id, token, **kwargs):
        Recipient = request.env["customer.outreach.recipient"]
        if not 0 < product_id <= MAX_RECORD_ID:
            return request.not_found()
        # sudo: the public user reads no products; the signature is the right
        product = request.env["product.product"].sudo().browse(product_id).exists()
        if not product or not consteq(Recipient._product_image_token(product), token):
            return request.not_found()
        stream = request.env["ir.binary"]._get_image_stream_from(product, "image_256")
        return stream.get_response(max_age=86400)
