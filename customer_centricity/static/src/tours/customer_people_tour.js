/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("customer_centricity_answer_survey", {
    url: "/odoo/action-customer_centricity.customer_employee_survey_action",
    steps: () => [
        {
            trigger: ".o_data_row:contains('Tour pulse') .o_data_cell[name=name]",
            content: "Open the survey",
            run: "click",
        },
        {
            trigger: "button[name=action_answer]",
            content: "Answer it",
            run: "click",
        },
        {
            trigger: ".o_employee_survey .o_survey_question:eq(0) label:contains('4')",
            content: "Rate the first statement 4",
            run: "click",
        },
        {
            trigger: ".o_employee_survey .o_survey_question:eq(1) label:contains('2')",
            content: "Rate the second statement 2",
            run: "click",
        },
        {
            trigger: ".o_employee_survey button[type=submit]",
            content: "Send everything at once, anonymously",
            run: "click",
        },
        {
            trigger: ".o_employee_survey .o_survey_thanks",
        },
    ],
});

registry.category("web_tour.tours").add("customer_centricity_dashboard", {
    url: "/odoo/action-customer_centricity.customer_centricity_dashboard_client_action",
    steps: () => [
        {
            trigger: ".o_cc_dashboard .o_cc_period_month",
            content: "Look at months",
            run: "click",
        },
        {
            trigger: ".o_cc_dashboard .o_cc_period_month.active",
        },
        {
            trigger: ".o_cc_dashboard .o_cc_previous",
            content: "One month back",
            run: "click",
        },
        {
            trigger: ".o_cc_dashboard .o_cc_period_quarter",
            content: "Back to quarters",
            run: "click",
        },
        {
            trigger: ".o_cc_dashboard .o_cc_period_quarter.active",
        },
        {
            trigger: ".o_cc_dashboard .o_cc_trend[data-key=nps] canvas",
            content: "Every trend is drawn",
        },
        {
            trigger: ".o_cc_dashboard .o_cc_chart[data-name=compliance] canvas",
        },
        {
            trigger: ".o_cc_dashboard .o_cc_trend[data-key=nps] .o_cc_value",
            content: "Drill down into the customer KPIs",
            run: "click",
        },
        {
            trigger: ".o_pivot_view, .o_graph_view, .o_list_view",
            content: "The KPI report opens",
        },
    ],
});
