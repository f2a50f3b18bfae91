/** @odoo-module **/
/* The owner dashboard: the chosen month or quarter and the twelve before it.
 * Every figure comes from customer.centricity.dashboard.get_board() and opens
 * the same records through action_open_figure(), both read with the viewer's
 * rights. Charts use the Chart.js bundle the web client already ships. */
import { Component, onWillStart, useEffect, useRef, useState } from "@odoo/owl";
import { loadBundle } from "@web/core/assets";
import { getColor } from "@web/core/colors/colors";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { formatFloat } from "@web/views/fields/formatters";

const { DateTime } = luxon;

const MODEL = "customer.centricity.dashboard";
const GREEN = "#28a745";
const RED = "#dc3545";

function color(index) {
    return getColor(index, undefined, 12);
}

export class BoardChart extends Component {
    static template = "customer_centricity.BoardChart";
    static props = {
        config: Object,
        onPick: { type: Function, optional: true },
        height: { type: Number, optional: true },
        name: { type: String, optional: true },
    };

    setup() {
        this.canvas = useRef("canvas");
        useEffect(
            (config) => {
                const chart = new Chart(this.canvas.el, {
                    ...config,
                    options: {
                        responsive: true,
                        maintainAspectRatio: false,
                        animation: false,
                        ...config.options,
                        onClick: (event, elements) => {
                            if (elements.length && this.props.onPick) {
                                this.props.onPick(elements[0].index);
                            }
                        },
                    },
                });
                return () => chart.destroy();
            },
            () => [this.props.config]
        );
    }
}

export class CustomerCentricityDashboard extends Component {
    static template = "customer_centricity.Dashboard";
    static components = { BoardChart };
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({ period: "quarter", day: false, board: null });
        onWillStart(async () => {
            await loadBundle("web.chartjs_lib");
            await this.load();
        });
    }

    async load() {
        const board = await this.orm.call(MODEL, "get_board", [], {
            period: this.state.period,
            day: this.state.day,
        });
        this.configs = this.buildConfigs(board);
        this.state.board = board;
    }

    async setPeriod(period) {
        this.state.period = period;
        this.state.day = false;
        await this.load();
    }

    async shift(step) {
        const board = this.state.board;
        const months = board.period === "quarter" ? 3 : 1;
        const day = DateTime.fromISO(board.date_from).plus({ months: step * months });
        this.state.day = day.toISODate();
        await this.load();
    }

    async open(key, index = 12) {
        const action = await this.orm.call(MODEL, "action_open_figure", [key], {
            period: this.state.board.period,
            day: this.state.board.days[index],
        });
        await this.actionService.doAction(action);
    }

    // ------------------------------------------------------------------
    format(value, unit) {
        if (value === null || value === undefined) {
            return "–";
        }
        if (unit === "currency") {
            const { symbol, position } = this.state.board.currency;
            const amount = formatFloat(value, { digits: [16, 0] });
            return position === "before" ? `${symbol} ${amount}` : `${amount} ${symbol}`;
        }
        const decimals = unit === "%" || unit === "count" ? 0 : 1;
        const text = formatFloat(value, { digits: [16, decimals] });
        return unit === "%" ? `${text} %` : text;
    }

    changeClass(trend) {
        if (!trend.change) {
            return "text-muted";
        }
        const better = trend.better === "up" ? trend.change > 0 : trend.change < 0;
        return better ? "text-success" : "text-danger";
    }

    changeText(trend) {
        if (trend.change === null) {
            return _t("no previous value");
        }
        const sign = trend.change > 0 ? "▲ +" : trend.change < 0 ? "▼ " : "";
        return `${sign}${this.format(trend.change, trend.unit)}`;
    }

    // ------------------------------------------------------------------
    buildConfigs(board) {
        const configs = { trends: {} };
        for (const trend of board.trends) {
            configs.trends[trend.key] = this.sparkline(board.labels, trend);
        }
        configs.compliance = this.bars(
            board.compliance_by_person.map((person) => person.name),
            [
                [_t("Customer days"), board.compliance_by_person.map((p) => p.customer_days), 0],
                [_t("Target"), board.compliance_by_person.map((p) => p.customer_day_target), 7],
            ]
        );
        configs.movements = this.bars(
            board.labels,
            [
                [_t("Moved up"), board.movements.up, GREEN],
                [_t("Moved down"), board.movements.down.map((count) => -count), RED],
            ],
            { stacked: true }
        );
        configs.initiatives = {
            type: "doughnut",
            data: {
                labels: board.initiatives.stages.map((stage) => stage.name),
                datasets: [
                    {
                        data: board.initiatives.stages.map((stage) => stage.count),
                        backgroundColor: board.initiatives.stages.map((_s, i) => color(i + 1)),
                    },
                ],
            },
            options: { plugins: { legend: { position: "right" } } },
        };
        const people = board.mail_test.people;
        const mail = this.bars(
            people.map((person) => person.name),
            [[_t("Mail to customers (%)"), people.map((person) => person.share), 3]]
        );
        for (const [label, value, threshold] of [
            [_t("Warning threshold"), board.mail_test.warning, RED],
            [_t("Exemplary threshold"), board.mail_test.exemplary, GREEN],
        ]) {
            mail.data.datasets.push({
                type: "line",
                label,
                data: people.map(() => value),
                borderColor: threshold,
                borderDash: [6, 4],
                pointRadius: 0,
                fill: false,
            });
        }
        configs.mail = mail;
        configs.selfImage = this.bars(
            board.self_image.map((row) => row.aspect),
            [
                [_t("Employees"), board.self_image.map((row) => row.employees), 1],
                [_t("Customers"), board.self_image.map((row) => row.customers), 4],
            ],
            { max: 5 }
        );
        return configs;
    }

    sparkline(labels, trend) {
        const line = color(trend.better === "up" ? 3 : 1);
        return {
            type: "line",
            data: {
                labels,
                datasets: [
                    {
                        label: trend.label,
                        data: trend.values,
                        borderColor: line,
                        backgroundColor: line + "33",
                        fill: "start",
                        spanGaps: true,
                        tension: 0,
                        pointRadius: trend.values.map((_v, i) => (i === labels.length - 1 ? 4 : 2)),
                    },
                ],
            },
            options: {
                plugins: { legend: { display: false } },
                scales: { x: { display: false }, y: { display: false } },
            },
        };
    }

    bars(labels, series, { stacked = false, max = undefined } = {}) {
        return {
            type: "bar",
            data: {
                labels,
                datasets: series.map(([label, data, tint]) => ({
                    label,
                    data,
                    backgroundColor: typeof tint === "number" ? color(tint) : tint,
                })),
            },
            options: {
                scales: {
                    x: { stacked },
                    y: { stacked, beginAtZero: true, max },
                },
            },
        };
    }
}

registry.category("actions").add("customer_centricity.dashboard", CustomerCentricityDashboard);
