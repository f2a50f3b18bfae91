# Copyright 2026 customer_centricity contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Customer Centricity",
    "summary": "Customer contact log for managers, customer lifetime value and "
    "customer-centric habits",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/customer-centricity/customer_centricity",
    "author": "customer_centricity contributors",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["mail", "calendar", "account", "sales_team"],
    "external_dependencies": {"python": ["numpy", "scipy"]},
    "data": [
        "security/customer_centricity_groups.xml",
        "security/ir.model.access.csv",
        "security/customer_centricity_security.xml",
        "data/customer_initiative_stage_data.xml",
        "data/ir_cron_data.xml",
        "views/customer_contact_views.xml",
        "views/customer_value_views.xml",
        "views/customer_value_history_views.xml",
        "wizards/customer_value_history_import_views.xml",
        "views/customer_initiative_views.xml",
        "views/customer_process_fault_views.xml",
        "report/customer_initiative_coverage_report_views.xml",
        "report/customer_contact_report_views.xml",
        "report/customer_contact_gap_report_views.xml",
        "views/res_partner_views.xml",
        "views/customer_contact_target_views.xml",
        "views/res_config_settings_views.xml",
        "views/customer_centricity_menus.xml",
    ],
    "demo": [
        "demo/customer_contact_demo.xml",
        "demo/customer_value_demo.xml",
        "demo/customer_initiative_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "customer_centricity/static/src/tours/*.js",
        ],
    },
}
