# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Customer Centricity - Point of Sale",
    "summary": "Paid POS orders count towards the customer lifetime value; "
    "tier, segment and favourite products at the counter",
    "version": "18.0.1.0.0",
    "category": "Sales/Point of Sale",
    "website": "https://github.com/customer-centricity/customer_centricity",
    "author": "customer_centricity contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["customer_centricity", "point_of_sale"],
    "demo": ["demo/pos_order_demo.xml"],
    "assets": {
        "point_of_sale._assets_pos": [
            "customer_centricity_pos/static/src/**/*",
        ],
        "web.assets_tests": [
            "customer_centricity_pos/static/tests/tours/**/*",
        ],
    },
}
