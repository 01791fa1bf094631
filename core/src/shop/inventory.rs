//! Inventory use cases for staff: stock locations, receipts, counts, write-offs and transfers, each
//! one command leaving its ledger rows; the levels, the ledger, an order's allocation and the check.

use crate::inventory::{
    AllocatedLine, InventoryError, LocationLevel, MovementReason, MovementSource, StockLocation, StockMismatch,
    StockMovement,
};
use crate::store::{StockChange, StockMove};

use super::{Shop, ShopError};

/// Inventory. Get it from [`Shop::inventory`].
#[derive(Debug, Clone, Copy)]
pub struct Inventory<'a> {
    pub(super) shop: &'a Shop,
}

impl Inventory<'_> {
    /// Adds `location`, or changes the one with its id (name, kind, zones, channels, active).
    pub async fn save_location(&self, location: StockLocation) -> Result<StockLocation, ShopError> {
        location.validate()?;
        self.shop.store().save_location(&location).await?;
        Ok(location)
    }

    /// Every stock location, in the order allocation prefers them (the default one first).
    pub async fn locations(&self) -> Result<Vec<StockLocation>, ShopError> {
        Ok(self.shop.store().stock_locations().await?)
    }

    /// The stock of `variant_id` at each location holding it.
    pub async fn levels(&self, variant_id: &str) -> Result<Vec<LocationLevel>, ShopError> {
        Ok(self.shop.store().levels_of(variant_id).await?)
    }

    /// The units of `variant_id` free to sell through `channel` (`None`: any channel) now, from live
    /// stock: the free units at the active locations selling through it. `None` if the variant keeps
    /// no stock (untracked: always available).
    pub async fn available_to_sell(&self, variant_id: &str, channel: Option<&str>) -> Result<Option<u64>, ShopError> {
        let levels = self.levels(variant_id).await?;
        if levels.is_empty() {
            return Ok(None);
        }
        let locations = self.locations().await?;
        let selling = |id: &str| locations.iter().any(|l| l.id == id && l.sells_through(channel));
        Ok(Some(levels.iter().filter(|l| selling(&l.location_id)).map(LocationLevel::available).sum()))
    }

    /// The newest `limit` (1 to 1,000) ledger rows of `variant_id`, newest first.
    pub async fn movements(&self, variant_id: &str, limit: u32) -> Result<Vec<StockMovement>, ShopError> {
        if !(1..=1_000).contains(&limit) {
            return Err(InventoryError::invalid("limit", "must be 1 to 1000").into());
        }
        Ok(self.shop.store().stock_movements(variant_id, limit).await?)
    }

    /// Where the units held for order `order_id` are, by location (its parcels ship from there).
    pub async fn allocation(&self, order_id: &str) -> Result<Vec<AllocatedLine>, ShopError> {
        Ok(self.shop.store().allocation(order_id).await?)
    }

    /// Recomputes every level from the ledger; lists each (location, variant) that differs.
    pub async fn check_consistency(&self) -> Result<Vec<StockMismatch>, ShopError> {
        Ok(self.shop.store().check_consistency().await?)
    }

    /// Sets the low-stock threshold of `variant_id` at `location_id`: when its free units fall to
    /// `threshold` or below, `run_due` raises a `low_stock` event and e-mails the support address,
    /// once until they rise above it again (`None`: no alerts). The location must hold the variant.
    pub async fn set_low_stock_threshold(
        &self,
        location_id: &str,
        variant_id: &str,
        threshold: Option<u64>,
    ) -> Result<(), ShopError> {
        Ok(self.shop.store().set_low_stock_threshold(location_id, variant_id, threshold).await?)
    }

    /// Books `quantity` units of `variant_id` received at `location_id` by staff member `staff_id`;
    /// returns the level there.
    pub async fn receive(
        &self,
        location_id: &str,
        variant_id: &str,
        quantity: u32,
        staff_id: &str,
    ) -> Result<LocationLevel, ShopError> {
        self.staff_move(MovementReason::Receipt, location_id, variant_id, quantity, staff_id).await
    }

    /// Writes off `quantity` damaged units of `variant_id` at `location_id` (only units not reserved:
    /// else `insufficient_stock`); returns the level there.
    pub async fn write_off(
        &self,
        location_id: &str,
        variant_id: &str,
        quantity: u32,
        staff_id: &str,
    ) -> Result<LocationLevel, ShopError> {
        self.staff_move(MovementReason::DamageWriteOff, location_id, variant_id, quantity, staff_id).await
    }

    /// Sets the units on hand of `variant_id` at `location_id` to `counted`, as staff member
    /// `staff_id` counted them (not below the units reserved there); returns the level there.
    pub async fn adjust_count(
        &self,
        location_id: &str,
        variant_id: &str,
        counted: u64,
        staff_id: &str,
    ) -> Result<LocationLevel, ShopError> {
        let moved = self.checked(location_id, variant_id, 1, staff_id).await?;
        let source = moved.source;
        let change =
            StockChange::Count { location_id: moved.location_id, variant_id: moved.variant_id, counted, source };
        self.apply(vec![change]).await?;
        self.level(location_id, variant_id).await
    }

    /// Moves `quantity` free units of `variant_id` from location `from` to location `to` in one
    /// command (a `transfer_out` and a `transfer_in` row); returns the levels of the variant.
    pub async fn transfer(
        &self,
        from: &str,
        to: &str,
        variant_id: &str,
        quantity: u32,
        staff_id: &str,
    ) -> Result<Vec<LocationLevel>, ShopError> {
        if from == to {
            return Err(InventoryError::invalid("to", "must differ from `from`").into());
        }
        let out = self.checked(from, variant_id, quantity, staff_id).await?;
        let arrival = Moved { location_id: to.to_owned(), ..out.clone() };
        self.known(to).await?;
        let changes = vec![out.with(MovementReason::TransferOut), arrival.with(MovementReason::TransferIn)];
        self.apply(changes).await?;
        self.levels(variant_id).await
    }

    /// Validates a staff movement's input and that its location exists.
    async fn checked(
        &self,
        location_id: &str,
        variant_id: &str,
        quantity: u32,
        staff_id: &str,
    ) -> Result<Moved, ShopError> {
        for (field, value) in [("variant_id", variant_id), ("staff_id", staff_id)] {
            if value.trim().is_empty() {
                return Err(InventoryError::invalid(field, "must not be empty").into());
            }
        }
        if quantity == 0 {
            return Err(InventoryError::invalid("quantity", "must be 1 or more").into());
        }
        self.known(location_id).await?;
        Ok(Moved {
            location_id: location_id.to_owned(),
            variant_id: variant_id.to_owned(),
            quantity,
            source: MovementSource::Staff(staff_id.to_owned()),
        })
    }

    /// [`InventoryError::UnknownLocation`] unless `location_id` is stored.
    async fn known(&self, location_id: &str) -> Result<(), ShopError> {
        let locations = self.shop.store().stock_locations().await?;
        if locations.iter().any(|location| location.id == location_id) {
            Ok(())
        } else {
            Err(InventoryError::UnknownLocation { location_id: location_id.to_owned() }.into())
        }
    }

    /// Writes `changes` as one command.
    /// Books staff member `staff_id`'s move of `quantity` units of `variant_id` at `location_id`
    /// for `reason`, after the checks every staff move has; returns the level there.
    async fn staff_move(
        &self,
        reason: MovementReason,
        location_id: &str,
        variant_id: &str,
        quantity: u32,
        staff_id: &str,
    ) -> Result<LocationLevel, ShopError> {
        let moved = self.checked(location_id, variant_id, quantity, staff_id).await?;
        self.apply(vec![moved.with(reason)]).await?;
        self.level(location_id, variant_id).await
    }

    async fn apply(&self, changes: Vec<StockChange>) -> Result<(), ShopError> {
        command!(self.shop, retry = false, |tx| {
            for change in changes.iter().cloned() {
                tx.stock(change);
            }
            Ok(())
        })
    }

    /// The level of `variant_id` at `location_id` (zero if it holds none).
    async fn level(&self, location_id: &str, variant_id: &str) -> Result<LocationLevel, ShopError> {
        let levels = self.levels(variant_id).await?;
        Ok(levels.into_iter().find(|level| level.location_id == location_id).unwrap_or(LocationLevel {
            location_id: location_id.to_owned(),
            variant_id: variant_id.to_owned(),
            on_hand: 0,
            reserved: 0,
        }))
    }
}

/// A validated staff movement, before its reason.
#[derive(Debug, Clone)]
struct Moved {
    location_id: String,
    variant_id: String,
    quantity: u32,
    source: MovementSource,
}

impl Moved {
    fn with(self, reason: MovementReason) -> StockChange {
        let Moved { location_id, variant_id, quantity, source } = self;
        StockChange::Move(StockMove { location_id, variant_id, reason, source, quantity })
    }
}
