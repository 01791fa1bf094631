//! CSV exports of the reports (RFC 4180: comma-separated, CRLF line ends, fields quoted when they
//! hold a comma, quote or line break), amounts as plain decimals beside their currency column.

use std::fmt::Write;

use super::{ProductReport, SalesReport};

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
    row(&mut out, &["product_id", "name", "currency", "units", "revenue", "returned_units"]);
    for p in &report.products {
        let (units, revenue, returned) =
            (p.units.to_string(), p.revenue.amount().to_string(), p.returned_units.to_string());
        row(&mut out, &[&p.product_id, &p.name, report.currency.code(), &units, &revenue, &returned]);
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
