import { patch } from "@web/core/utils/patch";
import { PartnerLine } from "@point_of_sale/app/screens/partner_list/partner_line/partner_line";
import { CustomerValueBadge } from "@customer_centricity_pos/customer_value_badge/customer_value_badge";

patch(PartnerLine, {
    components: { ...PartnerLine.components, CustomerValueBadge },
});
