//! CSV exports of the reports (RFC 4180: comma-separated, CRLF line ends, fields quoted when they
//! hold a comma, quote or line break), amounts as plain decimals beside their currency column.

use std::fmt::Write;

use super::{AfterSalesReport, CustomersReport, FunnelReport, ProductReport, SalesReport};

/// The sales report as CSV: one row per period and currency with orders, and the header.
pub fn sales_csv(report: &SalesReport) -> String {
    let mut out = String::new();
    row(
        &mut out,
        &[
            "period_start",
            "currency",
            "orders",
            "cancelled",
            "items",
            "subtotal",
            "discounts",
            "shipping",
            "packaging",
            "tax",
            "total",
            "refunds",
            "net",
            "collected",
            "average_order",
        ],
    );
    for period in &report.periods {
        for f in &period.figures {
            let start = period.start.to_string();
            let counts = [f.orders.to_string(), f.cancelled.to_string(), f.items.to_string()];
            let money = [
                f.subtotal,
                f.discounts,
                f.shipping,
                f.packaging,
                f.tax,
                f.total,
                f.refunds,
                f.net,
                f.collected,
                f.average_order,
            ]
            .map(|amount| amount.amount().to_string());
            let mut fields = vec![start.as_str(), f.currency.code()];
            fields.extend(counts.iter().map(String::as_str));
            fields.extend(money.iter().map(String::as_str));
            row(&mut out, &fields);
        }
    }
    out
}

/// The product report as CSV: one row per product, best seller first, and the header.
pub fn products_csv(report: &ProductReport) -> String {
    let mut out = String::new();
    row(&mut out, &["product_id", "name", "currency", "units", "revenue", "returned_units", "return_rate_percent"]);
    for p in &report.products {
        let (units, revenue, returned, rate) = (
            p.units.to_string(),
            p.revenue.amount().to_string(),
            p.returned_units.to_string(),
            p.return_rate_percent.to_string(),
        );
        row(&mut out, &[&p.product_id, &p.name, report.currency.code(), &units, &revenue, &returned, &rate]);
    }
    out
}

/// The funnel as CSV: one row per step, then one per promotion and currency.
pub fn funnel_csv(report: &FunnelReport) -> String {
    let mut out = String::new();
    row(&mut out, &["measure", "key", "currency", "count", "amount", "revenue"]);
    let steps = [
        ("carts_created", report.carts_created),
        ("checkouts_started", report.checkouts_started),
        ("orders_placed", report.orders_placed),
        ("orders_paid", report.orders_paid),
        ("checkouts_followed_up", report.followed_up),
        ("checkouts_recovered", report.recovered),
    ];
    for (measure, count) in steps {
        row(&mut out, &[measure, "", "", &count.to_string(), "", ""]);
    }
    for p in &report.promotions {
        let (orders, discount, revenue) =
            (p.orders.to_string(), p.discount.amount().to_string(), p.revenue.amount().to_string());
        row(&mut out, &["promotion", &p.promotion_id, p.currency.code(), &orders, &discount, &revenue]);
    }
    out
}

/// The customers report as CSV: the range's orders by kind, then per currency a row of all customers
/// (repeat rate, lifetime value) and one of the VIPs (their share of customers, their spend).
pub fn customers_csv(report: &CustomersReport) -> String {
    let mut out = String::new();
    row(&mut out, &["measure", "currency", "count", "percent", "amount"]);
    for (measure, count) in [
        ("first_orders", report.first_orders),
        ("repeat_orders", report.repeat_orders),
        ("guest_orders", report.guest_orders),
    ] {
        row(&mut out, &[measure, "", &count.to_string(), "", ""]);
    }
    for f in &report.figures {
        let code = f.currency.code();
        row(&mut out, &["new_customers", code, &f.new_customers.to_string(), "", ""]);
        let (customers, rate, value) =
            (f.customers.to_string(), f.repeat_rate_percent.to_string(), f.lifetime_value.amount().to_string());
        row(&mut out, &["customers", code, &customers, &rate, &value]);
        let (vips, share, spent) =
            (f.vip_customers.to_string(), f.vip_customers_percent.to_string(), f.vip_spent.amount().to_string());
        row(&mut out, &["vip_customers", code, &vips, &share, &spent]);
    }
    out
}

/// The after-sales report as CSV: one row per measure and key.
pub fn after_sales_csv(report: &AfterSalesReport) -> String {
    let mut out = String::new();
    row(&mut out, &["measure", "key", "currency", "count", "value"]);
    let tallies = [
        ("returned_units", &report.returns_by_reason),
        ("cases_opened", &report.cases_opened),
        ("csat_answers", &report.csat_scores),
    ];
    for (measure, tally) in tallies {
        for t in tally {
            row(&mut out, &[measure, &t.key, "", &t.count.to_string(), ""]);
        }
    }
    for r in &report.returns_by_product {
        let key = format!("{}:{}", r.product_id, r.reason);
        row(&mut out, &["returned_units_of_product", &key, "", &r.units.to_string(), ""]);
    }
    for r in &report.refunds {
        let (count, amount) = (r.refunds.to_string(), r.amount.amount().to_string());
        row(&mut out, &["refunds", &r.payment_method, r.amount.currency().code(), &count, &amount]);
    }
    row(&mut out, &["cases_solved", "", "", &report.cases_solved.to_string(), ""]);
    for (measure, target) in [("first_response", &report.first_response), ("resolution", &report.resolution)] {
        let (met, breached, minutes) =
            (target.met.to_string(), target.breached.to_string(), target.average_minutes.to_string());
        row(&mut out, &[measure, "met", "", &met, ""]);
        row(&mut out, &[measure, "breached", "", &breached, ""]);
        row(&mut out, &[measure, "average_minutes", "", "", &minutes]);
    }
    row(&mut out, &["csat_average", "", "", "", &report.csat_average.to_string()]);
    for r in &report.ratings {
        row(&mut out, &["review_stars", &r.product_id, "", &r.reviews.to_string(), &r.average_stars.to_string()]);
    }
    out
}

fn row(out: &mut String, fields: &[&str]) {
    for (index, field) in fields.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            let _ = write!(out, "\"{}\"", field.replace('"', "\"\""));
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_quotes_or_breaks_are_quoted() {
        let mut out = String::new();
        row(&mut out, &["plain", "a,b", "say \"hi\"", "two\nlines"]);
        assert_eq!(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
    }
}
