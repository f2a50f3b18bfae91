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
    url: "/odoo/action-customer_centricity.customer_centricity_dashboard_action",
    steps: () => [
        {
            trigger: ".o_form_view .o_field_widget[name=period] input[data-value=month]",
            content: "Look at this month",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=feedback_count]",
        },
        {
            trigger: "button[name=action_open_kpis]",
            content: "Drill down into the customer KPIs",
            run: "click",
        },
        {
            trigger: ".o_pivot_view, .o_graph_view, .o_list_view",
            content: "The KPI report opens",
        },
    ],
});
