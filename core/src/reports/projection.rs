//! From a command's orders and events to the rollup changes it writes: an order's figures as it
//! stands minus as it was loaded, money received and refunded, and units of settled returns.

use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use rust_decimal::Decimal;

use super::{SalesDay, VariantSalesDay};
use crate::money::{Money, MoneyError};
use crate::order::{Order, OrderState};
use crate::returns::{ReturnState, Rma};

/// What one order adds to the rollups as it stands: its day row and its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderSales {
    day: SalesDay,
    lines: Vec<VariantSalesDay>,
}

impl OrderSales {
    /// The figures of `order`, on the day it was placed in `zone`. A cancelled order counts as
    /// placed and cancelled, with no money and no units.
    pub fn of(order: &Order, zone: &TimeZone) -> Result<OrderSales, MoneyError> {
        let priced = order.priced();
        let currency = priced.currency;
        let day = local_day(order.placed_at(), zone);
        let key = SalesDay {
            day,
            currency: currency.code().to_owned(),
            payment_method: order.delivery().payment_method.as_str().to_owned(),
            channel: order.context().channel.clone().unwrap_or_default(),
            orders: 1,
            ..SalesDay::default()
        };
        if order.state() == OrderState::Cancelled {
            return Ok(OrderSales { day: SalesDay { cancelled: 1, ..key }, lines: Vec::new() });
        }
        let minor = |amount: Decimal, field: &str| currency.to_minor(amount, field);
        let totals = &priced.totals;
        let lines = priced
            .lines
            .iter()
            .map(|line| {
                Ok(VariantSalesDay {
                    day,
                    currency: key.currency.clone(),
                    product_id: line.product_id.clone(),
                    variant_id: line.variant_id.clone(),
                    units: i64::from(line.quantity),
                    revenue_minor: minor(line.total, "lines.total")?,
                    returned_units: 0,
                })
            })
            .collect::<Result<Vec<_>, MoneyError>>()?;
        let day = SalesDay {
            items: lines.iter().map(|line| line.units).sum(),
            subtotal_minor: minor(totals.subtotal, "totals.subtotal")?,
            discount_minor: minor(totals.discount_total, "totals.discount_total")?,
            shipping_minor: minor(totals.shipping_total, "totals.shipping_total")?,
            packaging_minor: minor(totals.packaging_total, "totals.packaging_total")?,
            tax_minor: minor(totals.tax_total, "totals.tax_total")?,
            total_minor: minor(totals.grand_total, "totals.grand_total")?,
            ..key
        };
        Ok(OrderSales { day, lines })
    }

    /// The order's day row with no figures: the key money movements are booked under.
    fn key(&self) -> SalesDay {
        SalesDay {
            day: self.day.day,
            currency: self.day.currency.clone(),
            payment_method: self.day.payment_method.clone(),
            channel: self.day.channel.clone(),
            ..SalesDay::default()
        }
    }
}

/// The day `at` falls on in `zone`.
fn local_day(at: Timestamp, zone: &TimeZone) -> Date {
    at.to_zoned(zone.clone()).date()
}

/// The rollup changes of one command, merged by key.
#[derive(Debug, Default)]
pub struct SalesProjection {
    days: BTreeMap<(Date, String, String, String), SalesDay>,
    variants: BTreeMap<(Date, String, String), VariantSalesDay>,
}

impl SalesProjection {
    /// An empty set of changes.
    pub fn new() -> SalesProjection {
        SalesProjection::default()
    }

    /// An order went from `before` (`None`: new) to `after`.
    pub fn order_changed(&mut self, before: Option<&OrderSales>, after: &OrderSales) {
        if before == Some(after) {
            return;
        }
        if let Some(before) = before {
            self.add_day(before.day.negated());
            for line in &before.lines {
                self.add_variant(VariantSalesDay {
                    units: -line.units,
                    revenue_minor: -line.revenue_minor,
                    returned_units: -line.returned_units,
                    ..line.clone()
                });
            }
        }
        self.add_day(after.day.clone());
        for line in &after.lines {
            self.add_variant(line.clone());
        }
    }

    /// `amount` was received for the order whose figures are `order`.
    pub fn received(&mut self, order: &OrderSales, amount: Money) {
        self.add_day(SalesDay { collected_minor: amount.minor(), ..order.key() });
    }

    /// `amount` was refunded on the order whose figures are `order`.
    pub fn refunded(&mut self, order: &OrderSales, amount: Money) {
        self.add_day(SalesDay { refunded_minor: amount.minor(), ..order.key() });
    }

    /// `rma` moved to `to` at `at`: a return settled by refund, exchange or credit counts its units
    /// on that day in `zone`.
    pub fn return_moved(&mut self, rma: &Rma, to: ReturnState, at: Timestamp, zone: &TimeZone) {
        let day = local_day(at, zone);
        if !matches!(to, ReturnState::Refunded | ReturnState::Exchanged | ReturnState::Credited) {
            return;
        }
        for line in rma.lines() {
            self.add_variant(VariantSalesDay {
                day,
                currency: line.line_total.currency().code().to_owned(),
                product_id: line.product_id.clone(),
                variant_id: line.variant_id.clone(),
                units: 0,
                revenue_minor: 0,
                returned_units: i64::from(line.quantity),
            });
        }
    }

    /// The changes, without those that add nothing.
    pub fn into_rows(self) -> (Vec<SalesDay>, Vec<VariantSalesDay>) {
        let days = self.days.into_values().filter(|row| !row.is_zero()).collect();
        let variants = self
            .variants
            .into_values()
            .filter(|row| row.units != 0 || row.revenue_minor != 0 || row.returned_units != 0)
            .collect();
        (days, variants)
    }

    fn add_day(&mut self, row: SalesDay) {
        let key = (row.day, row.currency.clone(), row.payment_method.clone(), row.channel.clone());
        match self.days.get_mut(&key) {
            Some(existing) => existing.add(&row),
            None => {
                self.days.insert(key, row);
            }
        }
    }

    fn add_variant(&mut self, row: VariantSalesDay) {
        let key = (row.day, row.currency.clone(), row.variant_id.clone());
        match self.variants.get_mut(&key) {
            Some(existing) => {
                existing.units += row.units;
                existing.revenue_minor += row.revenue_minor;
                existing.returned_units += row.returned_units;
            }
            None => {
                self.variants.insert(key, row);
            }
        }
    }
}
