//! Sales reports: the rollup rows a command's orders and returns add to (kept in step in the same
//! transaction), the projection that computes them, and the reports, CSV files and charts read back.
//!
//! The store keeps one row per shop-local day, currency, payment method and channel, and one per
//! day, currency and variant; a month's summary reads about a hundred rows, whatever the order count.

mod after_sales;
mod chart;
mod counts;
mod csv;
mod customers;
mod funnel;
mod period;
mod products;
mod projection;
mod rollup;
mod sales;
mod segment;

pub use after_sales::{AfterSalesReport, ProductRatings, ProductReturns, RefundsByMethod, Tally, TargetFigures};
pub use chart::{funnel_chart, payment_methods_chart, sales_chart};
pub use counts::{CountTotal, DayCount, Metric};
pub use csv::{after_sales_csv, customers_csv, funnel_csv, products_csv, sales_csv};
pub use customers::{CustomerFigures, CustomersReport};
pub use funnel::{FunnelReport, PromotionEffect};
pub use period::Period;
pub use products::{CategoryFigures, ProductFigures, ProductReport, VariantFigures};
pub use projection::{OrderSales, Rollups, SalesProjection};
pub use rollup::{CustomerDay, CustomerSales, CustomerTotals, SalesDay, VariantSales, VariantSalesDay};
pub use sales::{Breakdown, KeyFigures, PeriodSales, SalesReport};
pub use segment::{CustomerSegment, SegmentRule, MAX_SEGMENT_DAYS};
