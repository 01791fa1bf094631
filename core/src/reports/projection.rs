//! From a command's aggregates and events to the rollup changes it writes: an order's figures as it
//! stands minus as it was loaded, money received and refunded, units of settled returns, and the
//! funnel's counted steps (carts, checkouts, orders, payment, follow-ups, promotions).

use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use rust_decimal::Decimal;

use super::{CustomerDay, CustomerSales, DayCount, Metric, SalesDay, VariantSalesDay};
use crate::checkout::CheckoutSession;
use crate::money::{Money, MoneyError};
use crate::order::{Order, OrderState};
use crate::returns::{ReturnState, Rma};
use crate::review::Review;
use crate::support::{CaseState, SlaReport, SupportCase, SurveyRequest, TargetReport};

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
                    product_id: line.product_id.to_string(),
                    variant_id: line.variant_id.to_string(),
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

/// The rollup changes of one command.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rollups {
    /// Changes to the daily sales rows.
    pub days: Vec<SalesDay>,
    /// Changes to the daily variant rows.
    pub variants: Vec<VariantSalesDay>,
    /// Changes to the daily counts.
    pub counts: Vec<DayCount>,
    /// Changes to the customers' totals.
    pub customers: Vec<CustomerSales>,
    /// Changes to the customers' days and products.
    pub customer_days: Vec<CustomerDay>,
}

/// Collects the rollup changes of one command run at `now` in the shop's time `zone`, merged by key.
#[derive(Debug)]
pub struct SalesProjection {
    zone: TimeZone,
    today: Date,
    days: BTreeMap<(Date, String, String, String), SalesDay>,
    variants: BTreeMap<(Date, String, String), VariantSalesDay>,
    counts: BTreeMap<(Date, Metric, String, String), DayCount>,
    customers: Vec<CustomerSales>,
    customer_days: Vec<CustomerDay>,
}

impl SalesProjection {
    /// No changes yet, for a command run at `now` in `zone`.
    pub fn new(zone: TimeZone, now: Timestamp) -> SalesProjection {
        let today = local_day(now, &zone);
        SalesProjection {
            zone,
            today,
            days: BTreeMap::new(),
            variants: BTreeMap::new(),
            counts: BTreeMap::new(),
            customers: Vec::new(),
            customer_days: Vec::new(),
        }
    }

    /// An order was saved: it was `before` when loaded (`None`: placed by this command) and is
    /// `after` now. Its figures move from the one to the other; a new order is counted as placed
    /// with its promotions, and an order now paid in full that was not is counted as paid.
    pub fn order_saved(&mut self, before: Option<&Order>, after: &Order) -> Result<(), MoneyError> {
        let was = before.map(|order| OrderSales::of(order, &self.zone)).transpose()?;
        let is = OrderSales::of(after, &self.zone)?;
        self.order_changed(was.as_ref(), &is);
        self.customer_changed(before, after);
        if before.is_none() {
            self.placed(after)?;
        }
        if !before.is_some_and(paid_in_full) && paid_in_full(after) {
            self.paid(after);
        }
        Ok(())
    }

    /// Moves the projection's clock: what it counts from now on is counted on the day of `now`.
    /// A rebuild of the rollups replays each stored aggregate at the time it changed.
    pub fn at(&mut self, now: Timestamp) {
        self.today = local_day(now, &self.zone);
    }

    /// A stored order as a rebuild of the rollups sees it: its figures as they stand, counted as
    /// placed (with its promotions) on the day it was placed. Its payments come from
    /// [`received`](Self::received), [`refunded`](Self::refunded) and [`paid`](Self::paid).
    pub fn order_stored(&mut self, order: &Order) -> Result<(), MoneyError> {
        self.at(order.placed_at());
        let is = OrderSales::of(order, &self.zone)?;
        self.order_changed(None, &is);
        self.customer_changed(None, order);
        self.placed(order)
    }

    /// `order` was paid in full (counted once each time it becomes so).
    pub fn paid(&mut self, order: &Order) {
        self.count(Metric::OrderPaid, "", Some(order.total()));
    }

    /// Counts a new order by kind (guest, first, repeat) and what each of its promotions gave.
    fn placed(&mut self, order: &Order) -> Result<(), MoneyError> {
        let currency = order.total().currency();
        let kind = match (order.customer_id(), order.context().first_order) {
            (None, _) => "guest",
            (Some(_), true) => "first",
            (Some(_), false) => "repeat",
        };
        self.count(Metric::OrderPlaced, kind, Some(order.total()));
        for promotion in &order.priced().promotions {
            let discount = currency.to_minor(promotion.amount, "promotions.amount")?;
            self.count(Metric::PromotionDiscount, &promotion.promotion_id, Some(Money::from_minor(discount, currency)));
            self.count(Metric::PromotionRevenue, &promotion.promotion_id, Some(order.total()));
        }
        Ok(())
    }

    /// A cart was opened.
    pub fn cart_opened(&mut self) {
        self.count(Metric::CartCreated, "", None);
    }

    /// A checkout session was saved: `before` as loaded (`None`: started by this command), `after`
    /// now. Counts its start, its follow-up e-mail, and its order when it had been followed up.
    pub fn checkout_saved(&mut self, before: Option<&CheckoutSession>, after: &CheckoutSession) {
        if before.is_none() {
            self.count(Metric::CheckoutStarted, "", None);
        }
        if before.and_then(CheckoutSession::followed_up_at).is_none() && after.followed_up_at().is_some() {
            self.count(Metric::CheckoutFollowedUp, "", None);
        }
        let ordered_now = before.and_then(CheckoutSession::order_id).is_none() && after.order_id().is_some();
        if ordered_now && after.followed_up_at().is_some() {
            self.count(Metric::CheckoutRecovered, "", None);
        }
    }

    /// `amount` was received for `order`.
    pub fn received(&mut self, order: &Order, amount: Money) -> Result<(), MoneyError> {
        let key = OrderSales::of(order, &self.zone)?.key();
        self.add_day(SalesDay { collected_minor: amount.minor(), ..key });
        Ok(())
    }

    /// `amount` was refunded on `order`.
    pub fn refunded(&mut self, order: &Order, amount: Money) -> Result<(), MoneyError> {
        let key = OrderSales::of(order, &self.zone)?.key();
        self.add_day(SalesDay { refunded_minor: amount.minor(), ..key });
        self.count(Metric::RefundIssued, order.delivery().payment_method.as_str(), Some(amount));
        Ok(())
    }

    /// A return was requested: its units are counted by reason, and by product and reason.
    pub fn return_requested(&mut self, rma: &Rma) {
        for line in rma.lines() {
            self.add_count(Metric::ReturnRequested, line.reason.as_str(), i64::from(line.quantity), 0, "");
            let product_reason = format!("{}:{}", line.product_id, line.reason.as_str());
            self.add_count(Metric::ProductReturnRequested, &product_reason, i64::from(line.quantity), 0, "");
        }
    }

    /// A support case was saved: `before` as loaded (`None`: opened by this command) with its SLA
    /// then, `after` with its SLA now. Counts the opening, the solving, and the first response and
    /// resolution when they happen, each as met or breached with the business minutes taken.
    pub fn case_saved(&mut self, before: Option<(&SupportCase, &SlaReport)>, after: (&SupportCase, &SlaReport)) {
        let (case, sla) = after;
        match before {
            None => {
                let category = serde_json::to_value(case.category()).ok();
                let key = category.as_ref().and_then(|c| c.as_str()).unwrap_or_default();
                self.count(Metric::CaseOpened, key, None);
            }
            Some((was, _)) if was.state() == CaseState::Solved => {}
            Some(_) if case.state() == CaseState::Solved => self.count(Metric::CaseSolved, "", None),
            Some(_) => {}
        }
        let (first_then, resolution_then) =
            before.map_or((None, None), |(_, then)| (then.first_response.met_at, then.resolution.met_at));
        self.target_met(Metric::CaseFirstResponse, first_then, &sla.first_response);
        self.target_met(Metric::CaseResolution, resolution_then, &sla.resolution);
    }

    /// A satisfaction survey was saved: a new answer is counted by its score.
    pub fn survey_saved(&mut self, before: Option<&SurveyRequest>, after: &SurveyRequest) {
        if before.and_then(SurveyRequest::response).is_none() {
            if let Some(response) = after.response() {
                self.count(Metric::CsatAnswered, &response.score.to_string(), None);
            }
        }
    }

    /// A review was submitted: counted for its product with its stars.
    pub fn review_submitted(&mut self, review: &Review) {
        self.add_count(Metric::ReviewSubmitted, review.product_id(), 1, i64::from(review.rating().stars()), "");
    }

    /// `rma` moved to `to` at `at`: a return settled by refund, exchange or credit counts its units
    /// on that day.
    pub fn return_moved(&mut self, rma: &Rma, to: ReturnState, at: Timestamp) {
        if !matches!(to, ReturnState::Refunded | ReturnState::Exchanged | ReturnState::Credited) {
            return;
        }
        let day = local_day(at, &self.zone);
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
    pub fn into_rollups(self) -> Rollups {
        Rollups {
            days: self.days.into_values().filter(|row| !row.is_zero()).collect(),
            variants: self
                .variants
                .into_values()
                .filter(|row| row.units != 0 || row.revenue_minor != 0 || row.returned_units != 0)
                .collect(),
            counts: self.counts.into_values().collect(),
            customers: self.customers,
            customer_days: self.customer_days,
        }
    }

    /// A customer's order counts once while it is not cancelled: placed, it adds to the customer's
    /// totals; cancelled, it takes itself back out.
    fn customer_changed(&mut self, before: Option<&Order>, after: &Order) {
        let Some(customer_id) = after.customer_id() else { return };
        let live = |order: &Order| order.state() != OrderState::Cancelled;
        let change = match (before.is_some_and(live), live(after)) {
            (false, true) => 1,
            (true, false) => -1,
            _ => return,
        };
        let day = local_day(after.placed_at(), &self.zone);
        let products =
            after.priced().lines.iter().map(|line| (line.product_id.to_string(), change * i64::from(line.quantity)));
        self.customer_days.push(CustomerDay {
            customer_id: customer_id.to_owned(),
            day,
            currency: after.total().currency().code().to_owned(),
            orders: change,
            spent_minor: change * after.total().minor(),
            products: products.collect(),
        });
        self.customers.push(CustomerSales {
            customer_id: customer_id.to_owned(),
            currency: after.total().currency().code().to_owned(),
            orders: change,
            spent_minor: change * after.total().minor(),
            first_day: day,
            last_day: day,
        });
    }

    fn order_changed(&mut self, before: Option<&OrderSales>, after: &OrderSales) {
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

    /// A target met by this command (not before it) is counted as met or breached with its minutes.
    fn target_met(&mut self, metric: Metric, then: Option<Timestamp>, now: &TargetReport) {
        if then.is_none() && now.met_at.is_some() {
            let key = if now.elapsed_minutes <= i64::from(now.target_minutes) { "met" } else { "breached" };
            self.add_count(metric, key, 1, now.elapsed_minutes, "");
        }
    }

    /// Counts `metric` once under `key`, with `amount` as its value when it has one.
    fn count(&mut self, metric: Metric, key: &str, amount: Option<Money>) {
        let currency = amount.map_or("", |a| a.currency().code());
        self.add_count(metric, key, 1, amount.map_or(0, |a| a.minor()), currency);
    }

    fn add_count(&mut self, metric: Metric, key: &str, count: i64, value: i64, currency: &str) {
        let entry = self.counts.entry((self.today, metric, key.to_owned(), currency.to_owned())).or_insert(DayCount {
            day: self.today,
            metric,
            key: key.to_owned(),
            currency: currency.to_owned(),
            count: 0,
            value: 0,
        });
        entry.count += count;
        entry.value += value;
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

/// Whether `order` is paid in full (a cancelled order never is).
fn paid_in_full(order: &Order) -> bool {
    order.state() != OrderState::Cancelled && order.paid().minor() >= order.total().minor()
}
