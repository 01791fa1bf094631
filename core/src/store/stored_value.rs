//! Stored-value accounts: customers' wallets (store credit, one ledger per currency inside) and
//! gift cards (found by code), each saved whole with its ledger under an optimistic version.

use async_trait::async_trait;

use super::{StoreError, Versioned};
use crate::payment::{GiftCard, Wallet};

/// Wallets and gift cards.
#[async_trait]
pub trait StoredValueRepository: Send + Sync {
    /// The wallet `id`, if any.
    async fn get_wallet(&self, id: &str) -> Result<Option<Versioned<Wallet>>, StoreError>;

    /// The wallet of `customer_id` (one per customer, holding an account per currency), if any.
    async fn wallet_of_customer(&self, customer_id: &str) -> Result<Option<Versioned<Wallet>>, StoreError>;

    /// Saves `wallet` (with its ledgers) read at `version` (0: new); returns the new version. A second
    /// wallet for the same customer is [`StoreError::Duplicate`].
    async fn save_wallet(&self, wallet: &Wallet, version: u64) -> Result<u64, StoreError>;

    /// The gift card `id`, if any.
    async fn get_gift_card(&self, id: &str) -> Result<Option<Versioned<GiftCard>>, StoreError>;

    /// The gift card with `code` (as normalised by [`crate::payment::GiftCardCode`]), if any.
    async fn find_gift_card_by_code(&self, code: &str) -> Result<Option<Versioned<GiftCard>>, StoreError>;

    /// Saves `card` (with its ledger) read at `version` (0: new); returns the new version. A code
    /// already issued is [`StoreError::Duplicate`].
    async fn save_gift_card(&self, card: &GiftCard, version: u64) -> Result<u64, StoreError>;
}
