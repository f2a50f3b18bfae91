import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import { registry } from "@web/core/registry";

const TOP = "Stammkundin Huber";
const FAVOURITES = "Armbanduhr, Goldring, Perlenkette";

registry.category("web_tour.tours").add("customer_centricity_pos_top_customer", {
    checkDelay: 50,
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickPartnerButton(),
            {
                content: "the customer list shows the top customer's tier badge",
                trigger: `.partner-list .partner-info:contains("${TOP}") .o_cc_pos_tier[data-tier=top10]`,
            },
            {
                content: "... her segment",
                trigger: `.partner-list .partner-info:contains("${TOP}") .o_cc_pos_segment`,
            },
            {
                content: "... and her favourite products, most bought first",
                trigger: `.partner-list .partner-info:contains("${TOP}") .o_cc_pos_favourites:contains("${FAVOURITES}")`,
            },
            {
                content: "a passer-by is no top customer",
                trigger: `.partner-list .partner-info:contains("Laufkunde Berger") .o_cc_pos_tier:not([data-tier=top10])`,
            },
            ProductScreen.clickCustomer(TOP),
            ProductScreen.customerIsSelected(TOP),
            {
                content: "the selected customer carries the badge",
                trigger: ".product-screen .set-partner .o_cc_pos_tier[data-tier=top10]",
            },
            {
                content: "the order shows whom we serve and what she likes",
                trigger: `.product-screen .o_cc_pos_customer .o_cc_pos_favourites:contains("${FAVOURITES}")`,
            },
        ].flat(),
});
