//! The reports as SVG charts (plotters' SVG backend, text left to the viewer's sans-serif font):
//! sales per period and orders by payment method in one currency, and the funnel.

use plotters::coord::ranged1d::{IntoSegmentedCoord, SegmentValue};
use plotters::prelude::*;

use super::{FunnelReport, KeyFigures, SalesReport};
use crate::money::Currency;

const SIZE: (u32, u32) = (900, 420);
const BAR: RGBColor = RGBColor(46, 111, 163);

/// The grand totals of each period of `report` in `currency`, as a bar chart.
pub fn sales_chart(report: &SalesReport, currency: Currency) -> Result<String, String> {
    let bars: Vec<(String, i64)> = report
        .periods
        .iter()
        .map(|period| {
            let total = figures_in(&period.figures, currency).map_or(0, |f| f.total.minor());
            (period.start.to_string(), total)
        })
        .collect();
    let title =
        format!("Sales per {} in {}, {} to {}", report.period.as_str(), currency.code(), report.from, report.to);
    bar_chart(&title, &bars, &|minor| currency.from_minor(minor).to_string())
}

/// The orders of `report` in `currency` by payment method, as a bar chart.
pub fn payment_methods_chart(report: &SalesReport, currency: Currency) -> Result<String, String> {
    let bars: Vec<(String, i64)> = report
        .by_payment_method
        .iter()
        .filter(|row| row.currency == currency)
        .map(|row| (row.key.clone(), row.orders))
        .collect();
    let title = format!("Orders by payment method in {}, {} to {}", currency.code(), report.from, report.to);
    bar_chart(&title, &bars, &|count| count.to_string())
}

/// The funnel of `report` (carts, checkouts, orders, paid, followed up, recovered) as a bar chart.
pub fn funnel_chart(report: &FunnelReport) -> Result<String, String> {
    let bars: Vec<(String, i64)> = [
        ("carts", report.carts_created),
        ("checkouts", report.checkouts_started),
        ("orders", report.orders_placed),
        ("paid", report.orders_paid),
        ("followed up", report.followed_up),
        ("recovered", report.recovered),
    ]
    .into_iter()
    .map(|(label, count)| (label.to_owned(), count))
    .collect();
    let title = format!("Funnel, {} to {}", report.from, report.to);
    bar_chart(&title, &bars, &|count| count.to_string())
}

fn figures_in(figures: &[KeyFigures], currency: Currency) -> Option<&KeyFigures> {
    figures.iter().find(|f| f.currency == currency)
}

/// One bar per `(label, value)`; `label_of` writes the values on the vertical axis.
fn bar_chart(title: &str, bars: &[(String, i64)], label_of: &dyn Fn(i64) -> String) -> Result<String, String> {
    let mut svg = String::new();
    draw(&mut svg, title, bars, label_of).map_err(|error| error.to_string())?;
    Ok(svg)
}

fn draw(
    svg: &mut String,
    title: &str,
    bars: &[(String, i64)],
    label_of: &dyn Fn(i64) -> String,
) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::with_string(svg, SIZE).into_drawing_area();
    root.fill(&WHITE)?;
    let count = u32::try_from(bars.len().max(1))?;
    let top = bars.iter().map(|(_, value)| *value).max().unwrap_or(0).max(1);
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 18))
        .margin(12)
        .x_label_area_size(48)
        .y_label_area_size(80)
        .build_cartesian_2d((0..count).into_segmented(), 0..top + top / 10)?;
    let label = |x: &SegmentValue<u32>| match x {
        SegmentValue::CenterOf(index) => bars.get(*index as usize).map(|(label, _)| label.clone()).unwrap_or_default(),
        _ => String::new(),
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(bars.len().clamp(1, 16))
        .x_label_formatter(&label)
        .y_label_formatter(&|value| label_of(*value))
        .draw()?;
    chart.draw_series(bars.iter().zip(0u32..).map(|((_, value), index)| {
        let mut bar =
            Rectangle::new([(SegmentValue::Exact(index), 0), (SegmentValue::Exact(index + 1), *value)], BAR.filled());
        bar.set_margin(0, 0, 3, 3);
        bar
    }))?;
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::reports::{Period, SalesDay};

    fn day(d: i8, method: &str, total_minor: i64) -> SalesDay {
        SalesDay {
            day: date(2026, 3, d),
            currency: "EUR".into(),
            payment_method: method.into(),
            orders: 1,
            total_minor,
            ..SalesDay::default()
        }
    }

    /// A currency nothing sold in draws an empty chart (plotters overflows when asked for no labels).
    #[test]
    fn a_chart_with_no_bars_is_an_empty_chart() {
        let rows = [day(2, "card", 1250)];
        let report = SalesReport::build(date(2026, 3, 2), date(2026, 3, 3), Period::Day, &rows).unwrap();
        let svg = payment_methods_chart(&report, Currency::USD).unwrap();
        let document = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        assert_eq!(document.descendants().filter(|n| n.has_tag_name("rect")).count(), 1, "the background only");
    }

    /// The chart parses as SVG, with a bar per period that sold and its labels.
    #[test]
    fn charts_are_valid_svg_with_a_bar_per_period() {
        let rows = [day(2, "card", 1250), day(3, "card", 800), day(3, "bank_transfer", 4000), day(5, "card", 99)];
        let report = SalesReport::build(date(2026, 3, 2), date(2026, 3, 6), Period::Day, &rows).unwrap();
        let svg = sales_chart(&report, Currency::EUR).unwrap();
        let document = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        assert_eq!(document.root_element().tag_name().name(), "svg");
        let bars = document.descendants().filter(|n| n.has_tag_name("rect")).count();
        assert_eq!(bars, 1 + 4, "the background and one bar per day (an empty day has a flat bar)");
        let texts: Vec<&str> = document.descendants().filter_map(|n| n.text()).map(str::trim).collect();
        assert!(texts.contains(&"2026-03-04") && texts.contains(&"Sales per day in EUR, 2026-03-02 to 2026-03-06"));

        let methods = payment_methods_chart(&report, Currency::EUR).unwrap();
        let document = roxmltree::Document::parse(&methods).expect("well-formed SVG");
        let labels: Vec<&str> = document.descendants().filter_map(|n| n.text()).map(str::trim).collect();
        assert!(labels.contains(&"bank_transfer") && labels.contains(&"card"), "{labels:?}");
    }
}
