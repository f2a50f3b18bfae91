# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Customer Centricity - Sales",
    "summary": "Confirmed sales orders count for the customer lifetime value; "
    "the customer's value and goodwill allowance on every quotation",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/customer-centricity/customer_centricity",
    "author": "customer_centricity contributors",
    "license": "LGPL-3",
    "installable": True,
    "auto_install": True,
    "depends": ["customer_centricity", "sale"],
    "data": [
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": ["demo/customer_value_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "customer_centricity_sale/static/tests/tours/*.js",
        ],
    },
}
