import { patch } from "@web/core/utils/patch";
import { SelectPartnerButton } from "@point_of_sale/app/screens/product_screen/control_buttons/select_partner_button/select_partner_button";
import { CustomerValueBadge } from "@customer_centricity_pos/customer_value_badge/customer_value_badge";

patch(SelectPartnerButton, {
    components: { ...SelectPartnerButton.components, CustomerValueBadge },
});
