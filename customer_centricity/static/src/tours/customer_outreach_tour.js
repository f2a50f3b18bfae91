/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("customer_centricity_outreach_send", {
    url: "/odoo/action-customer_centricity.customer_outreach_campaign_action",
    steps: () => [
        {
            trigger: ".o_kanban_record:contains('Tour campaign')",
            content: "Open the campaign",
            run: "click",
        },
        {
            trigger: "button[name=action_view_recipients]",
            content: "Its recipients",
            run: "click",
        },
        {
            trigger: ".o_data_row:contains('Tour Kundin') .o_data_cell",
            content: "The customer to write to",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=note] .odoo-editor-editable",
            content: "Write the personal note",
            run: "editor Danke für Ihre Treue, Frau Kundin!",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=state] .o_arrow_button_current:contains('Ready')",
            content: "The recipient is ready",
        },
        {
            trigger: ".o_breadcrumb a:contains('Tour campaign')",
            content: "Back to the campaign",
            run: "click",
        },
        {
            trigger: "button[name=action_ready]",
            content: "The campaign is ready",
            run: "click",
        },
        {
            trigger: "button[name=action_send]",
            content: "Send it",
            run: "click",
        },
        {
            trigger: ".modal-footer .btn-primary",
            content: "Confirm",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=state] .o_arrow_button_current:contains('Done')",
            content: "Sent",
        },
    ],
});

registry.category("web_tour.tours").add("customer_centricity_outreach_add_from_list", {
    steps: () => [
        {
            trigger: ".o_switch_view.o_list",
            content: "The customer list",
            run: "click",
        },
        {
            trigger: ".o_list_renderer .o_data_row",
        },
        {
            trigger: "input.o_searchview_input",
            content: "Find the customer",
            run: "edit Tour Kundin",
        },
        {
            trigger: ".o_searchview_autocomplete .o_menu_item:first",
            run: "click",
        },
        {
            trigger: ".o_facet_value:contains('Tour Kundin')",
        },
        {
            trigger: ".o_data_row:contains('Tour Kundin') .o_list_record_selector input",
            content: "Select the customer",
            run: "click",
        },
        {
            trigger: ".o_control_panel .o_cp_action_menus .dropdown-toggle",
            content: "Actions",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu .o-dropdown-item:contains('Add to outreach campaign')",
            content: "Add her to a campaign",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=campaign_id] input",
            content: "Which campaign",
            run: "edit Tour campaign",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tour campaign')",
            run: "click",
        },
        {
            trigger: ".modal button[name=action_add]",
            content: "Add",
            run: "click",
        },
        {
            trigger: ".o_notification:contains('1 customers added')",
            content: "Added",
        },
    ],
});
