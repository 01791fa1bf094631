//! Core's `SegmentQueries`: a segment's rules as one SQL condition over the customers and their
//! rollups (days, products, totals), counted or listed a page at a time, the same on both databases.

use async_trait::async_trait;
use jiff::civil::Date;
use sqlx::query::QueryScalar;
use sqlx::AssertSqlSafe;
use vitrina_core::reports::{CustomerDay, CustomerSegment, SegmentRule};
use vitrina_core::store::{SegmentQueries, StoreError};

use crate::dialect::{Arguments, Connection, Db, Store};
use crate::sql::{backend, unsigned};

/// A value bound to a segment query.
enum Bind {
    Text(String),
    Number(i64),
}

/// The rules of `segment` on `today` as a condition on `c` (the customers), with its values; with
/// `only`, on that one customer, each subquery narrowed to their rows.
fn condition(segment: &CustomerSegment, today: Date, only: Option<&str>) -> (String, Vec<Bind>) {
    let mut binds = Vec::new();
    let mut next = |bind: Bind| {
        binds.push(bind);
        format!("${}", binds.len())
    };
    let (head, mine) = match only {
        Some(customer_id) => {
            let at = next(Bind::Text(customer_id.to_owned()));
            (format!("c.id = {at} AND "), format!("customer_id = {at} AND "))
        }
        None => (String::new(), String::new()),
    };
    let until = today.to_string();
    let since = |days: u32| {
        let back = jiff::Span::new().days(i64::from(days) - 1);
        today.checked_sub(back).unwrap_or(Date::MIN).to_string()
    };
    let mut parts = Vec::new();
    for rule in &segment.rules {
        parts.push(match rule {
            SegmentRule::SpentAtLeast { amount, days } => {
                let (from, to, currency, least) = (
                    next(Bind::Text(since(*days))),
                    next(Bind::Text(until.clone())),
                    next(Bind::Text(amount.currency().code().to_owned())),
                    next(Bind::Number(amount.minor())),
                );
                format!(
                    "c.number IN (SELECT customer_number FROM customer_days WHERE {mine}currency = {currency} \
                     AND day >= {from} AND day <= {to} GROUP BY customer_number HAVING SUM(spent_minor) >= {least})"
                )
            }
            SegmentRule::OrdersAtLeast { orders } => {
                let least = next(Bind::Number(i64::from(*orders)));
                format!("c.id IN (SELECT customer_id FROM customer_sales WHERE {mine}orders > 0 GROUP BY customer_id HAVING SUM(orders) >= {least})")
            }
            SegmentRule::Bought { product_id } => {
                let product = next(Bind::Text(product_id.clone()));
                format!("c.id IN (SELECT customer_id FROM customer_products WHERE {mine}product_id = {product} AND units > 0)")
            }
            SegmentRule::NotBought { product_id } => {
                let product = next(Bind::Text(product_id.clone()));
                format!("c.id NOT IN (SELECT customer_id FROM customer_products WHERE {mine}product_id = {product} AND units > 0)")
            }
            SegmentRule::NoOrderWithin { days } => {
                let (from, to) = (next(Bind::Text(since(*days))), next(Bind::Text(until.clone())));
                format!(
                    "c.id IN (SELECT customer_id FROM customer_sales WHERE {mine}orders > 0) AND c.number NOT IN \
                     (SELECT customer_number FROM customer_days WHERE {mine}day >= {from} AND day <= {to} \
                     AND orders > 0 AND customer_number IS NOT NULL)"
                )
            }
            SegmentRule::Locale { locale } => format!("c.locale = {}", next(Bind::Text(locale.clone()))),
            SegmentRule::Country { country } => {
                let framed = like_framed(&country.to_uppercase());
                format!("c.countries LIKE {} ESCAPE '\\'", next(Bind::Text(framed)))
            }
            SegmentRule::Group { group } => {
                format!("c.customer_groups LIKE {} ESCAPE '\\'", next(Bind::Text(like_framed(group))))
            }
        });
    }
    (format!("{head}{}", parts.join(" AND ")), binds)
}

/// A LIKE pattern matching `value` as one item of a comma-framed list, its wildcards escaped.
pub(crate) fn like_framed(value: &str) -> String {
    let escaped = value.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%,{escaped},%")
}

/// `query` with `binds` bound in order, planned for those values each time it runs: a segment's
/// query is not kept prepared, as PostgreSQL's generic plan for a prepared one (no dates known)
/// joins the customers row by row, slower than the plan for the actual window.
fn bind_all<O>(query: QueryScalar<'_, Db, O, Arguments>, binds: Vec<Bind>) -> QueryScalar<'_, Db, O, Arguments> {
    let mut query = query.persistent(false);
    for bind in binds {
        query = match bind {
            Bind::Text(text) => query.bind(text),
            Bind::Number(number) => query.bind(number),
        };
    }
    query
}

#[async_trait]
impl SegmentQueries for Store {
    async fn segment_size(&self, segment: &CustomerSegment, today: Date) -> Result<u64, StoreError> {
        let (condition, binds) = condition(segment, today, None);
        let sql = format!("SELECT COUNT(*) FROM customers c WHERE {condition}");
        let count = bind_all(sqlx::query_scalar(AssertSqlSafe(sql)), binds)
            .fetch_one(&mut *self.conn().await?)
            .await
            .map_err(backend)?;
        Ok(unsigned(count))
    }

    async fn segment_members(
        &self,
        segment: &CustomerSegment,
        today: Date,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<String>, StoreError> {
        let (condition, mut binds) = condition(segment, today, None);
        binds.push(Bind::Text(after.unwrap_or_default().to_owned()));
        let after_at = binds.len();
        let sql = format!(
            "SELECT c.id FROM customers c WHERE {condition} AND c.id > ${after_at} ORDER BY c.id LIMIT {}",
            limit.min(1000)
        );
        bind_all(sqlx::query_scalar(AssertSqlSafe(sql)), binds)
            .fetch_all(&mut *self.conn().await?)
            .await
            .map_err(backend)
    }

    async fn segment_contains(
        &self,
        segment: &CustomerSegment,
        today: Date,
        customer_id: &str,
    ) -> Result<bool, StoreError> {
        let (condition, binds) = condition(segment, today, Some(customer_id));
        let sql = format!("SELECT COUNT(*) FROM customers c WHERE {condition}");
        let count = bind_all(sqlx::query_scalar(AssertSqlSafe(sql)), binds)
            .fetch_one(&mut *self.conn().await?)
            .await
            .map_err(backend)?;
        Ok(unsigned(count) > 0)
    }
}

/// Adds `change` to its customer's day row and product rows (each created at zero first); the day row
/// carries the customer's number when the customer is registered.
pub(crate) async fn add_customer_day(conn: &mut Connection, change: &CustomerDay) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO customer_days (customer_id, customer_number, day, currency, orders, spent_minor) \
         VALUES ($1, (SELECT number FROM customers WHERE id = $1), $2, $3, $4, $5) \
         ON CONFLICT (customer_id, day, currency) DO UPDATE SET orders = customer_days.orders + excluded.orders, \
         spent_minor = customer_days.spent_minor + excluded.spent_minor, \
         customer_number = COALESCE(customer_days.customer_number, excluded.customer_number)",
    )
    .bind(&change.customer_id)
    .bind(change.day.to_string())
    .bind(&change.currency)
    .bind(change.orders)
    .bind(change.spent_minor)
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    for (product_id, units) in &change.products {
        sqlx::query(
            "INSERT INTO customer_products (customer_id, product_id, units) VALUES ($1, $2, $3) \
             ON CONFLICT (customer_id, product_id) DO UPDATE SET units = customer_products.units + excluded.units",
        )
        .bind(&change.customer_id)
        .bind(product_id)
        .bind(units)
        .execute(&mut *conn)
        .await
        .map_err(backend)?;
    }
    Ok(())
}
