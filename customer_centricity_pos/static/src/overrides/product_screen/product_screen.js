import { patch } from "@web/core/utils/patch";
import { ProductScreen } from "@point_of_sale/app/screens/product_screen/product_screen";
import { CustomerValueBadge } from "@customer_centricity_pos/customer_value_badge/customer_value_badge";

patch(ProductScreen, {
    components: { ...ProductScreen.components, CustomerValueBadge },
});
