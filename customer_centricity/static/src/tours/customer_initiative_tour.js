/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("customer_centricity_initiative_board", {
    url: "/odoo/action-customer_centricity.customer_initiative_action",
    steps: () => [
        {
            trigger: ".o_kanban_record:contains('Tour initiative')",
            content: "Move the idea to Planned",
            run: "drag_and_drop(.o_kanban_group:has(.o_column_title:contains('Planned')))",
        },
        {
            trigger:
                ".o_kanban_group:has(.o_column_title:contains('Planned')) .o_kanban_record:contains('Tour initiative')",
            content: "The card is now planned",
        },
    ],
});
