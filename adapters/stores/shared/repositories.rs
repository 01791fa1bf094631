//! The aggregate repositories on the generic document table helpers, and order numbering.

use async_trait::async_trait;
use jiff::Timestamp;
use vitrina_core::cart::Cart;
use vitrina_core::checkout::CheckoutSession;
use vitrina_core::customer::Customer;
use vitrina_core::order::Order;
use vitrina_core::payment::Payment;
use vitrina_core::store::{
    micros, CartRepository, CheckoutRepository, CustomerRepository, OrderQuery, OrderRepository, PaymentRepository,
    StoreError, SupportCaseRepository, Versioned,
};
use vitrina_core::support::SupportCase;

use crate::dialect::Store;
use crate::documents::{delete, find, get, save};
use crate::sql::{backend, unsigned};

#[async_trait]
impl CartRepository for Store {
    async fn get_cart(&self, id: &str) -> Result<Option<Versioned<Cart>>, StoreError> {
        get(&mut *self.conn().await?, id).await
    }

    async fn save_cart(&self, cart: &Cart, version: u64) -> Result<u64, StoreError> {
        let mut tx = self.write().await?;
        let saved = save(&mut tx, cart, version).await?;
        sqlx::query("UPDATE carts SET updated_at = $2 WHERE id = $1")
            .bind(&cart.id)
            .bind(micros(Timestamp::now()))
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(saved)
    }

    async fn carts_updated_since(&self, since: Timestamp, limit: u32) -> Result<Vec<Versioned<Cart>>, StoreError> {
        self.query_carts(since, limit).await
    }

    async fn delete_cart(&self, id: &str, version: u64) -> Result<(), StoreError> {
        delete::<Cart>(&mut *self.writer_conn().await?, id, version).await
    }
}

#[async_trait]
impl CheckoutRepository for Store {
    async fn get_checkout_session(&self, id: &str) -> Result<Option<Versioned<CheckoutSession>>, StoreError> {
        get(&mut *self.conn().await?, id).await
    }

    async fn save_checkout_session(&self, session: &CheckoutSession, version: u64) -> Result<u64, StoreError> {
        save(&mut *self.writer_conn().await?, session, version).await
    }

    async fn abandoned_checkout_sessions(
        &self,
        before: Timestamp,
        limit: u32,
    ) -> Result<Vec<Versioned<CheckoutSession>>, StoreError> {
        self.query_abandoned(before, limit).await
    }
}

#[async_trait]
impl OrderRepository for Store {
    async fn get_order(&self, id: &str) -> Result<Option<Versioned<Order>>, StoreError> {
        get(&mut *self.conn().await?, id).await
    }

    async fn find_order_by_number(&self, number: &str) -> Result<Option<Versioned<Order>>, StoreError> {
        Ok(find(&mut *self.conn().await?, "number", number).await?.pop())
    }

    async fn orders_of_customer(&self, customer_id: &str) -> Result<Vec<Versioned<Order>>, StoreError> {
        find(&mut *self.conn().await?, "customer_id", customer_id).await
    }

    async fn list_orders(&self, query: &OrderQuery) -> Result<Vec<Versioned<Order>>, StoreError> {
        self.query_orders(query).await
    }

    async fn save_order(&self, order: &Order, version: u64) -> Result<u64, StoreError> {
        save(&mut *self.writer_conn().await?, order, version).await
    }

    async fn next_order_sequence(&self, year: i16) -> Result<u64, StoreError> {
        let last: i64 = sqlx::query_scalar(
            "INSERT INTO order_sequences (year, last) VALUES ($1, 1) \
             ON CONFLICT (year) DO UPDATE SET last = order_sequences.last + 1 RETURNING last",
        )
        .bind(i64::from(year))
        .fetch_one(&mut *self.writer_conn().await?)
        .await
        .map_err(backend)?;
        Ok(unsigned(last))
    }
}

#[async_trait]
impl PaymentRepository for Store {
    async fn get_payment(&self, id: &str) -> Result<Option<Versioned<Payment>>, StoreError> {
        get(&mut *self.conn().await?, id).await
    }

    async fn payments_of_order(&self, order_id: &str) -> Result<Vec<Versioned<Payment>>, StoreError> {
        find(&mut *self.conn().await?, "order_id", order_id).await
    }

    async fn save_payment(&self, payment: &Payment, version: u64) -> Result<u64, StoreError> {
        save(&mut *self.writer_conn().await?, payment, version).await
    }
}

#[async_trait]
impl CustomerRepository for Store {
    async fn get_customer(&self, id: &str) -> Result<Option<Versioned<Customer>>, StoreError> {
        get(&mut *self.conn().await?, id).await
    }

    async fn find_customer_by_email(&self, email: &str) -> Result<Option<Versioned<Customer>>, StoreError> {
        Ok(find(&mut *self.conn().await?, "email", email).await?.pop())
    }

    async fn save_customer(&self, customer: &Customer, version: u64) -> Result<u64, StoreError> {
        save(&mut *self.writer_conn().await?, customer, version).await
    }

    async fn customers_page(&self, after_id: Option<&str>, limit: u32) -> Result<Vec<Versioned<Customer>>, StoreError> {
        self.query_customers(after_id, limit).await
    }
}

#[async_trait]
impl SupportCaseRepository for Store {
    async fn get_support_case(&self, id: &str) -> Result<Option<Versioned<SupportCase>>, StoreError> {
        get(&mut *self.conn().await?, id).await
    }

    async fn support_cases_of_customer(&self, customer_id: &str) -> Result<Vec<Versioned<SupportCase>>, StoreError> {
        find(&mut *self.conn().await?, "customer_id", customer_id).await
    }

    async fn save_support_case(&self, case: &SupportCase, version: u64) -> Result<u64, StoreError> {
        save(&mut *self.writer_conn().await?, case, version).await
    }

    async fn next_turn(&self, name: &str) -> Result<u64, StoreError> {
        let last: i64 = sqlx::query_scalar(
            "INSERT INTO rotations (name, last) VALUES ($1, 1) \
             ON CONFLICT (name) DO UPDATE SET last = rotations.last + 1 RETURNING last",
        )
        .bind(name)
        .fetch_one(&mut *self.writer_conn().await?)
        .await
        .map_err(backend)?;
        Ok(unsigned(last))
    }
}
