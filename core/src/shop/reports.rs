//! Sales figures for a period, computed by the store's SQL aggregates (never by loading every
//! order): orders by state and payment method, and per currency gross sales, money collected and
//! the average order, rounded half away from zero.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::money::{div_round, Currency, Money, RoundingPolicy};
use crate::store::{Count, OrderGrouping};

use super::{Shop, ShopError};

/// Reports. Get it from [`Shop::reports`].
#[derive(Debug, Clone, Copy)]
pub struct Reports<'a> {
    pub(super) shop: &'a Shop,
}

/// The sales of one currency in a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CurrencyFigures {
    /// The currency.
    pub currency: Currency,
    /// Orders placed.
    pub orders: u64,
    /// Orders placed and not cancelled.
    pub live_orders: u64,
    /// Grand totals of the orders not cancelled.
    pub gross: Money,
    /// Money received for the period's orders, net of refunds.
    pub collected: Money,
    /// Gross over live orders, half away from zero (zero without orders).
    pub average_order: Money,
}

/// The sales of a period, from `from` (inclusive) to `to` (exclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SalesSummary {
    /// Start of the period.
    pub from: Timestamp,
    /// End of the period.
    pub to: Timestamp,
    /// Per currency, by currency code.
    pub currencies: Vec<CurrencyFigures>,
    /// Orders by state.
    pub by_state: Vec<Count>,
    /// Orders by payment method.
    pub by_payment_method: Vec<Count>,
}

impl Reports<'_> {
    /// The sales of the orders placed from `from` to `to`.
    pub async fn sales(&self, from: Timestamp, to: Timestamp) -> Result<SalesSummary, ShopError> {
        if to <= from {
            return Err(ShopError::invalid("to", "must be after from"));
        }
        let store = self.shop.store();
        let currencies = store
            .sales_by_currency(from, to)
            .await?
            .into_iter()
            .map(|row| {
                let currency = Currency::parse(&row.currency, "currency")?;
                let average = match row.live_orders {
                    0 => 0,
                    n => div_round(i128::from(row.gross_minor), i128::from(n), RoundingPolicy::HalfAwayFromZero),
                };
                Ok(CurrencyFigures {
                    currency,
                    orders: row.orders,
                    live_orders: row.live_orders,
                    gross: Money::from_minor(row.gross_minor, currency),
                    collected: Money::from_minor(row.collected_minor, currency),
                    average_order: Money::from_minor(i64::try_from(average).unwrap_or(i64::MAX), currency),
                })
            })
            .collect::<Result<Vec<_>, ShopError>>()?;
        Ok(SalesSummary {
            from,
            to,
            currencies,
            by_state: store.order_counts(OrderGrouping::State, from, to).await?,
            by_payment_method: store.order_counts(OrderGrouping::PaymentMethod, from, to).await?,
        })
    }

    /// The sales of `day` in the shop's time zone (midnight to midnight, DST included).
    pub async fn sales_on(&self, day: Date) -> Result<SalesSummary, ShopError> {
        let settings = self.shop.settings().await?;
        let zone = TimeZone::get(&settings.locale.time_zone)
            .map_err(|e| ShopError::invalid("settings.locale.time_zone", e.to_string()))?;
        let start = |d: Date| {
            d.to_zoned(zone.clone()).map(|z| z.timestamp()).map_err(|e| ShopError::invalid("day", e.to_string()))
        };
        let next = day.tomorrow().map_err(|e| ShopError::invalid("day", e.to_string()))?;
        self.sales(start(day)?, start(next)?).await
    }
}
