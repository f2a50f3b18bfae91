/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("customer_centricity_log_visit", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            trigger: ".o_app[data-menu-xmlid='customer_centricity.customer_centricity_menu_root']",
            content: "Open Customer Centricity",
            run: "click",
        },
        {
            trigger: ".o_list_button_add",
            content: "Log a new contact",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=partner_id] input",
            content: "Pick the customer",
            run: "edit Tour Juwelier",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Tour Juwelier')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=kind] input[data-value=visit]",
            content: "It was a visit",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=customer_need] textarea",
            content: "Write down what the customer wants",
            run: "edit Watches serviced before Christmas",
        },
        {
            trigger: ".o_form_button_save",
            content: "Save",
            run: "click",
        },
        {
            trigger: ".o_breadcrumb .active:contains('Tour Juwelier')",
            content: "The visit is saved",
        },
    ],
});
