/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("customer_centricity_sale_goodwill", {
    steps: () => [
        {
            trigger: ".o_data_row:contains('Tour Topkundin') .o_data_cell",
            content: "Open the quotation of a top customer",
            run: "click",
        },
        {
            trigger: ".o_customer_value:contains('Top 10')",
            content: "Her value is next to her name",
        },
        {
            trigger: ".o_field_one2many[name=order_line] .o_data_row:first td[name=discount]",
            content: "Give a discount",
            run: "click",
        },
        {
            trigger: ".o_field_one2many[name=order_line] .o_selected_row td[name=discount] input",
            run: "edit 25",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_goodwill_warning:contains('above the 10 % goodwill allowance')",
            content: "Warned, not blocked",
        },
        {
            trigger: ".o_form_saved",
        },
    ],
});
