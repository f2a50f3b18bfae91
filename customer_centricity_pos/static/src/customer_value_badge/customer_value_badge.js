import { Component } from "@odoo/owl";

const TIER_CLASSES = {
    top10: "text-bg-success",
    top20: "text-bg-info",
    other: "text-bg-secondary",
};

/**
 * Tier badge, segment and favourite products of a POS customer, from the
 * `pos_customer_value` payload loaded with the partner (no request of its own).
 */
export class CustomerValueBadge extends Component {
    static template = "customer_centricity_pos.CustomerValueBadge";
    static props = {
        partner: { type: Object, optional: true },
        showFavourites: { type: Boolean, optional: true },
        class: { type: String, optional: true },
    };
    static defaultProps = { showFavourites: true, class: "" };

    get value() {
        return this.props.partner?.pos_customer_value || false;
    }
    get tierClass() {
        return TIER_CLASSES[this.value.tier] || TIER_CLASSES.other;
    }
    get favouriteNames() {
        return (this.value.favourites || []).map((product) => product.name).join(", ");
    }
}
