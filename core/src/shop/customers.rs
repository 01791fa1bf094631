//! Customer use cases: accounts (one per e-mail), contact details, addresses, groups, marketing
//! consent with its history, the purchase history, and wish lists that move items into a cart.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::cart::{Cart, WishList};
use crate::customer::{AddressInput, ConsentChannel, ConsentSource, Customer, Email, NewCustomer, VIP_GROUP};
use crate::order::{Order, PurchaseHistory};
use crate::reports::CustomerSegment;
use crate::store::StoreError;

use super::{Shop, ShopError};

/// The most wish lists read for one customer.
const WISH_LIST_LIMIT: u32 = 100;

/// Customers and their wish lists. Get it from [`Shop::customers`].
#[derive(Debug, Clone, Copy)]
pub struct Customers<'a> {
    pub(super) shop: &'a Shop,
}

/// A change of a customer's contact details; `None` leaves a detail as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CustomerUpdate {
    /// The new display name.
    #[serde(default)]
    pub name: Option<String>,
    /// The new phone number; an empty text removes the phone.
    #[serde(default)]
    pub phone: Option<String>,
    /// The new locale (`bg`, `en-GB`).
    #[serde(default)]
    pub locale: Option<String>,
}

/// What [`Customers::move_to_cart`] did: the list without the item and the cart with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MovedToCart {
    /// The wish list, the item removed.
    pub wish_list: WishList,
    /// The cart, the item added.
    pub cart: Cart,
    /// The cart line holding it.
    pub line_id: String,
}

impl Customers<'_> {
    /// Registers a customer; an e-mail address registered before is [`ShopError::Taken`].
    pub async fn register(&self, new: NewCustomer) -> Result<Customer, ShopError> {
        let outcome = command!(self.shop, retry = false, |tx| {
            let mut customer = Customer::register(new.clone(), tx.now)?;
            if !tx.find_by::<Customer>("email", customer.email().as_str(), 1).await?.is_empty() {
                return Err(taken(customer.email()));
            }
            tx.save(&mut customer)?;
            Ok(customer)
        });
        match outcome {
            // Two registrations raced: the store's unique e-mail refused the second.
            Err(ShopError::Store(StoreError::Duplicate { kind: "customer", .. })) => {
                Err(taken(&Email::parse(&new.email, "email")?))
            }
            outcome => outcome,
        }
    }

    /// The customer `customer_id`.
    pub async fn get(&self, customer_id: &str) -> Result<Customer, ShopError> {
        command!(self.shop, retry = false, |tx| tx.get::<Customer>(customer_id).await)
    }

    /// The customer registered with `email` (compared as the address is stored: domain lowercased).
    pub async fn by_email(&self, email: &str) -> Result<Customer, ShopError> {
        let email = Email::parse(email, "email")?;
        command!(self.shop, retry = false, |tx| {
            let found = tx.find_by::<Customer>("email", email.as_str(), 1).await?;
            found.into_iter().next().ok_or_else(|| ShopError::not_found("customer", email.as_str()))
        })
    }

    /// Changes the name, phone or locale of `customer_id` (all or none of them).
    pub async fn update(&self, customer_id: &str, update: CustomerUpdate) -> Result<Customer, ShopError> {
        self.edit(customer_id, |customer, _| {
            if let Some(name) = &update.name {
                customer.rename(name)?;
            }
            if let Some(phone) = &update.phone {
                customer.set_phone(Some(phone.as_str()).filter(|p| !p.trim().is_empty()))?;
            }
            if let Some(locale) = &update.locale {
                customer.set_locale(locale)?;
            }
            Ok(())
        })
        .await
    }

    /// Adds an address to `customer_id`'s address book; returns the account with it.
    pub async fn add_address(&self, customer_id: &str, input: AddressInput) -> Result<Customer, ShopError> {
        self.edit(customer_id, |customer, now| {
            customer.add_address(input.clone(), now)?;
            Ok(())
        })
        .await
    }

    /// Replaces address `address_id` of `customer_id`.
    pub async fn update_address(
        &self,
        customer_id: &str,
        address_id: &str,
        input: AddressInput,
    ) -> Result<Customer, ShopError> {
        self.edit(customer_id, |customer, _| Ok(customer.update_address(address_id, input.clone())?)).await
    }

    /// Removes address `address_id` of `customer_id`.
    pub async fn remove_address(&self, customer_id: &str, address_id: &str) -> Result<Customer, ShopError> {
        self.edit(customer_id, |customer, _| customer.remove_address(address_id).map(drop).map_err(ShopError::from))
            .await
    }

    /// Puts `customer_id` in `group` (`vip`, `b2b`, or the shop's own); being there already is fine.
    pub async fn add_to_group(&self, customer_id: &str, group: &str) -> Result<Customer, ShopError> {
        self.edit(customer_id, |customer, _| customer.add_group(group).map(drop).map_err(ShopError::from)).await
    }

    /// Takes `customer_id` out of `group`.
    pub async fn remove_from_group(&self, customer_id: &str, group: &str) -> Result<Customer, ShopError> {
        self.edit(customer_id, |customer, _| {
            customer.remove_group(group);
            Ok(())
        })
        .await
    }

    /// Makes `customer_id` a VIP (the `vip` group).
    pub async fn make_vip(&self, customer_id: &str) -> Result<Customer, ShopError> {
        self.add_to_group(customer_id, VIP_GROUP).await
    }

    /// Records that `customer_id` agreed to marketing on `channel`, given through `source`.
    pub async fn grant_consent(
        &self,
        customer_id: &str,
        channel: ConsentChannel,
        source: ConsentSource,
    ) -> Result<Customer, ShopError> {
        self.edit(customer_id, |customer, now| {
            customer.grant_consent(channel, source, now)?;
            Ok(())
        })
        .await
    }

    /// Records that `customer_id` withdrew marketing consent on `channel`; the grant stays in the
    /// account's consent history.
    pub async fn withdraw_consent(
        &self,
        customer_id: &str,
        channel: ConsentChannel,
        source: ConsentSource,
    ) -> Result<Customer, ShopError> {
        self.edit(customer_id, |customer, now| {
            customer.withdraw_consent(channel, source, now)?;
            Ok(())
        })
        .await
    }

    /// Stores `segment` (new, or replacing the one with its id) after checking it; answers its new
    /// version. A bad rule is `invalid` naming it (`rules[0].days`).
    pub async fn save_segment(&self, segment: CustomerSegment) -> Result<u64, ShopError> {
        segment.validate().map_err(|(field, reason)| ShopError::invalid(&field, reason))?;
        command!(self.shop, retry = true, |tx| {
            // Reading it first notes the stored version, so the save replaces that version.
            tx.find::<CustomerSegment>(&segment.id).await?;
            tx.save(&mut segment.clone())
        })?;
        Ok(crate::store::load::<CustomerSegment>(self.shop.store().as_ref(), &segment.id)
            .await?
            .map_or(0, |stored| stored.version))
    }

    /// A stored segment.
    pub async fn segment(&self, segment_id: &str) -> Result<CustomerSegment, ShopError> {
        command!(self.shop, retry = false, |tx| tx.get::<CustomerSegment>(segment_id).await)
    }

    /// How many customers are in the stored segment today (the shop's time zone).
    pub async fn segment_size(&self, segment_id: &str) -> Result<u64, ShopError> {
        let segment = self.segment(segment_id).await?;
        Ok(self.shop.store().segment_size(&segment, self.today().await?).await?)
    }

    /// The ids of the customers in the stored segment today, in id order after `after` (a page of
    /// at most `limit`, 1 to 1000).
    pub async fn segment_members(
        &self,
        segment_id: &str,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<String>, ShopError> {
        if !(1..=1000).contains(&limit) {
            return Err(ShopError::invalid("limit", "must be 1 to 1000"));
        }
        let segment = self.segment(segment_id).await?;
        Ok(self.shop.store().segment_members(&segment, self.today().await?, after, limit).await?)
    }

    /// Today in the shop's time zone.
    pub(crate) async fn today(&self) -> Result<jiff::civil::Date, ShopError> {
        let zone = self.shop.settings().await?.time_zone()?;
        Ok(self.shop.now().to_zoned(zone).date())
    }

    /// What `customer_id` has ordered, newest first, and paid per currency.
    pub async fn purchase_history(&self, customer_id: &str) -> Result<PurchaseHistory, ShopError> {
        command!(self.shop, retry = false, |tx| {
            tx.get::<Customer>(customer_id).await?;
            let orders: Vec<Order> =
                tx.store.orders_of_customer(customer_id).await?.into_iter().map(|o| o.value).collect();
            Ok(PurchaseHistory::for_customer(&orders, customer_id)?)
        })
    }

    /// The wish lists of `customer_id`, oldest first.
    pub async fn wish_lists(&self, customer_id: &str) -> Result<Vec<WishList>, ShopError> {
        command!(self.shop, retry = false, |tx| tx
            .find_by::<WishList>("customer_id", customer_id, WISH_LIST_LIMIT)
            .await)
    }

    /// A new empty wish list `name` of `customer_id`.
    pub async fn create_wish_list(&self, customer_id: &str, name: &str) -> Result<WishList, ShopError> {
        command!(self.shop, retry = false, |tx| {
            tx.get::<Customer>(customer_id).await?;
            let mut list = WishList::new(customer_id, name)?;
            tx.save(&mut list)?;
            Ok(list)
        })
    }

    /// The wish list `list_id`.
    pub async fn wish_list(&self, list_id: &str) -> Result<WishList, ShopError> {
        command!(self.shop, retry = false, |tx| tx.get::<WishList>(list_id).await)
    }

    /// Puts `variant_id` (a variant of the published catalog) on wish list `list_id`, with a note.
    pub async fn add_to_wish_list(
        &self,
        list_id: &str,
        variant_id: &str,
        note: Option<&str>,
    ) -> Result<WishList, ShopError> {
        command!(self.shop, retry = true, |tx| {
            let mut list = tx.get::<WishList>(list_id).await?;
            list.add(tx.pricer()?.catalog(), variant_id, note.map(str::to_owned), tx.now)?;
            tx.save(&mut list)?;
            Ok(list)
        })
    }

    /// Takes `variant_id` off wish list `list_id`.
    pub async fn remove_from_wish_list(&self, list_id: &str, variant_id: &str) -> Result<WishList, ShopError> {
        command!(self.shop, retry = true, |tx| {
            let mut list = tx.get::<WishList>(list_id).await?;
            list.remove(variant_id)?;
            tx.save(&mut list)?;
            Ok(list)
        })
    }

    /// Moves one unit of the listed `variant_id` from wish list `list_id` into cart `cart_id`, both
    /// saved at once. A cart of another customer is refused.
    pub async fn move_to_cart(&self, list_id: &str, variant_id: &str, cart_id: &str) -> Result<MovedToCart, ShopError> {
        command!(self.shop, retry = true, |tx| {
            let mut list = tx.get::<WishList>(list_id).await?;
            let mut cart = tx.get::<Cart>(cart_id).await?;
            if cart.customer_id.as_deref().is_some_and(|owner| owner != list.customer_id) {
                return Err(ShopError::invalid("cart_id", "the cart belongs to another customer"));
            }
            let line_id = list.move_to_cart(variant_id, &mut cart, tx.pricer()?.catalog(), 1)?;
            tx.save(&mut list)?;
            tx.save(&mut cart)?;
            Ok(MovedToCart { wish_list: list, cart, line_id })
        })
    }

    /// Loads the customer, applies `change` at the command's moment, saves it; retried on a race.
    async fn edit(
        &self,
        customer_id: &str,
        change: impl Fn(&mut Customer, Timestamp) -> Result<(), ShopError>,
    ) -> Result<Customer, ShopError> {
        command!(self.shop, retry = true, |tx| {
            let mut customer = tx.get::<Customer>(customer_id).await?;
            change(&mut customer, tx.now)?;
            tx.save(&mut customer)?;
            Ok(customer)
        })
    }
}

fn taken(email: &Email) -> ShopError {
    ShopError::Taken { field: "email".to_owned(), value: email.as_str().to_owned() }
}
