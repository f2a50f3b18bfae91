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

const OWNER_FIGURES = ["compliance", "csat", "ces", "clv", "sent", "mail_share"];

registry.category("web_tour.tours").add("customer_centricity_dashboard_owner", {
    url: "/odoo/action-customer_centricity.customer_centricity_dashboard_client_action",
    steps: () => [
        ...OWNER_FIGURES.map((key) => ({
            trigger: `.o_cc_dashboard .o_cc_trend[data-key=${key}] .o_cc_value:not(:contains('–'))`,
            content: `The demo shop has a ${key} figure`,
        })),
        {
            trigger: ".o_cc_dashboard .o_cc_at_risk td:not(.text-muted)",
            content: "Top customers at risk are listed",
        },
        {
            trigger: ".o_cc_dashboard .o_cc_open_at_risk",
            content: "Open them",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row",
            content: "The customer values at risk open",
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
            trigger: ".o_cc_dashboard .o_cc_trend[data-key=nps] .o_cc_value:not(:contains('–'))",
            content: "The team's answers have an NPS",
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
