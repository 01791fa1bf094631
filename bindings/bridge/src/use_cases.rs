//! The table of use cases: each row names a use case as the manifest does (`core/use_cases.txt`),
//! its arguments and result type, and the one `Shop` call it makes. `call` and `describe` come from it.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

use jiff::civil::Date;
use jiff::Timestamp;
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, SchemaGenerator};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};
use vitrina_core::cart::{Cart, WishList};
use vitrina_core::catalog::{Catalog, CatalogData, Product};
use vitrina_core::checkout::CheckoutSession;
use vitrina_core::customer::{AddressInput, ConsentChannel, ConsentSource, Customer, NewCustomer};
use vitrina_core::delivery::Address;
use vitrina_core::event::Actor;
use vitrina_core::inventory::{AllocatedLine, LocationLevel, StockLocation, StockMismatch, StockMovement, StockNotice};
use vitrina_core::knowledge::{
    Article, KnowledgeCategory, KnowledgeLocale, NewArticle, SearchQuery, SearchResults, SyncReport, Vote, VoteTally,
};
use vitrina_core::money::{Currency, Money};
use vitrina_core::notify::{MarketingPolicy, MarketingSend, OutboxEntry, OutboxFilter, RenderedEmail};
use vitrina_core::order::{DeliveryDetails, Order, PurchaseHistory};
use vitrina_core::payment::{
    BankTransfer, GiftCard, LedgerEntry, Payment, StatementLine, TransferReceipt, Wallet, WebhookRequest,
};
use vitrina_core::pricing::{PricedCart, PricingRules};
use vitrina_core::promotion::Promotion;
use vitrina_core::reports::{
    AfterSalesReport, CustomerSegment, CustomersReport, FunnelReport, Period, ProductReport, SalesReport,
};
use vitrina_core::returns::{Inspection, Receipt, RequestedLine, Rma};
use vitrina_core::review::{NewReview, Review};
use vitrina_core::shipping::{OrderTimelineEntry, Shipment};
use vitrina_core::shop::{
    Campaign, CampaignReport, CaseSla, CustomerCase, CustomerExport, CustomerRequest, CustomerUpdate, DeliveryOption,
    DueReport, ErasureReport, InboundOutcome, MovedToCart, ProductReviews, RecordedLine, RollupRebuild, SalesSummary,
    Settings, SettingsRevision, Shop, ShopError, SolvedCase, TrackingRound, TrackingUpdate, VariantAvailability,
    WebhookReceipt, WorkList,
};
use vitrina_core::store::{OrderQuery, StockLevel, VariantStock, Versioned};
use vitrina_core::support::{
    Assignment, CaseActor, CaseCategory, CaseState, Channel, NewCase, Priority, RenderedReply, SupportCase,
    SurveyRequest, WorkQueueFilter,
};

use crate::CallError;

/// Use cases of the manifest that no binding reaches through [`call`], and why.
pub const EXCLUDED: &[(&str, &str)] = &[
    (
        "admin.update",
        "takes a Rust closure over the settings; other languages read `admin.settings`, change the copy and \
         store it with `admin.configure`",
    ),
    ("pricer", "each binding's native `Pricer` wraps the pricing engine directly, without JSON, for speed"),
];

/// Decodes the named arguments of a use case; a missing or malformed one is `invalid` naming it.
/// A number with a fraction or an exponent is refused wherever it is: exact amounts are written as
/// strings (`"12.90"`), so no amount ever passes through a binary float.
fn decode<T: DeserializeOwned>(args: Value) -> Result<T, ShopError> {
    let args = match args {
        Value::Null => Value::Object(Map::new()),
        other => other,
    };
    refuse_fractional_numbers(&args, &mut String::new())?;
    serde_path_to_error::deserialize(args).map_err(|error| {
        let path = error.path().to_string();
        let reason = error.inner().to_string();
        let field = match reason.strip_prefix("missing field `").and_then(|rest| rest.split('`').next()) {
            Some(missing) if path == "." => missing.to_owned(),
            _ => path,
        };
        ShopError::invalid(&field, reason)
    })
}

/// Fails on the first number in `value` that is not a whole number, naming its path.
fn refuse_fractional_numbers(value: &Value, path: &mut String) -> Result<(), ShopError> {
    match value {
        Value::Number(number) if !(number.is_i64() || number.is_u64()) => Err(ShopError::invalid(
            path,
            format!("{number} is not a whole number: write exact amounts as strings, as \"12.90\""),
        )),
        Value::Object(fields) => fields.iter().try_for_each(|(name, inner)| {
            let len = path.len();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(name);
            let checked = refuse_fractional_numbers(inner, path);
            path.truncate(len);
            checked
        }),
        Value::Array(items) => items.iter().enumerate().try_for_each(|(index, inner)| {
            let len = path.len();
            path.push_str(&format!("[{index}]"));
            let checked = refuse_fractional_numbers(inner, path);
            path.truncate(len);
            checked
        }),
        _ => Ok(()),
    }
}

/// Encodes a use case's result.
fn encode<T: Serialize>(value: &T) -> Result<Value, CallError> {
    serde_json::to_value(value).map_err(|error| ShopError::invalid("result", error.to_string()).into())
}

/// The JSON Schema settings every description is written with (draft 2020-12, `$defs`).
fn generator() -> SchemaGenerator {
    SchemaGenerator::new(SchemaSettings::draft2020_12())
}

macro_rules! use_cases {
    ($( $(#[doc = $doc:literal])* $name:literal ( $($arg:ident : $ty:ty),* $(,)? ) -> $ret:ty = |$shop:ident| $call:expr ;)*) => {
        /// Runs the use case `name` (`carts.add_line`) on `shop` with `args`, a JSON object of its
        /// named arguments (`{"cart_id": "…", "variant_id": "…", "quantity": 2}`), and answers its
        /// result as JSON. An unknown name is `not_found`; a bad argument `invalid` naming it.
        ///
        /// Each use case runs as its own boxed future, so a call's stack holds one of them, not
        /// the state of every use case at once.
        pub async fn call(shop: &Shop, name: &str, args: Value) -> Result<Value, CallError> {
            let running: Running<'_> = match name {
                $($name => Box::pin(async move {
                    #[derive(serde::Deserialize)]
                    #[serde(deny_unknown_fields)]
                    struct Args { $($arg: $ty),* }
                    let Args { $($arg),* } = decode(args)?;
                    let $shop = shop;
                    let result: Result<$ret, ShopError> = $call;
                    encode(&result?)
                }),)*
                _ => return Err(ShopError::not_found("use case", name).into()),
            };
            running.await
        }

        /// Every use case [`call`] runs, with its summary, its named parameters and its result as JSON
        /// Schemas, and the shared definitions they refer to (`#/$defs/Cart`): the document the
        /// bindings generate their methods and types from (`api.json`).
        pub fn describe() -> Value {
            let mut generator = generator();
            let mut use_cases = Vec::new();
            $(
                let doc: &[&str] = &[$($doc),*];
                use_cases.push(json!({
                    "name": $name,
                    "doc": doc.iter().map(|line| line.trim()).collect::<Vec<_>>().join(" "),
                    "params": [$(json!({
                        "name": stringify!($arg),
                        "schema": generator.subschema_for::<$ty>(),
                    })),*],
                    "returns": generator.subschema_for::<$ret>(),
                }));
            )*
            let definitions: BTreeMap<_, _> = generator.take_definitions(true).into_iter().collect();
            json!({
                "excluded": EXCLUDED.iter().map(|(name, why)| json!({"name": name, "why": why})).collect::<Vec<_>>(),
                "use_cases": use_cases,
                "$defs": definitions,
            })
        }
    };
}

/// One use case under way.
type Running<'a> = Pin<Box<dyn Future<Output = Result<Value, CallError>> + Send + 'a>>;

/// A placeholder for "nothing": a use case that answers no value answers `null`.
#[derive(Serialize, JsonSchema)]
struct Nothing;

use_cases! {
    /// Replaces the shop's settings; answers the new settings version.
    "admin.configure"(settings: Settings) -> u64 = |s| s.admin().configure(settings).await;
    /// Renders an e-mail template with sample data, as the shop's customers would receive it.
    "admin.preview_email"(template_id: String, locale: String) -> RenderedEmail =
        |s| s.admin().preview_email(&template_id, &locale).await;
    /// Stores the settings of an earlier version as the newest; answers the new version.
    "admin.restore"(version: u64) -> u64 = |s| s.admin().restore(version).await;
    /// One stored revision of the settings.
    "admin.revision"(version: u64) -> SettingsRevision = |s| s.admin().revision(version).await;
    /// Every stored revision of the settings, oldest first.
    "admin.revisions"() -> Vec<SettingsRevision> = |s| s.admin().revisions().await;
    /// Replaces the pricing rules (taxes, shipping rates, packaging); answers the settings version.
    "admin.set_pricing_rules"(rules: PricingRules) -> u64 = |s| s.admin().set_pricing_rules(rules).await;
    /// Adds or replaces a promotion; answers the settings version.
    "admin.upsert_promotion"(promotion: Promotion) -> u64 = |s| s.admin().upsert_promotion(promotion).await;
    /// The shop's current settings.
    "admin.settings"() -> Settings = |s| s.admin().settings().await.map(|settings| (*settings).clone());
    /// The e-mails queued since a time, by status, recipient or kind: attempts, next attempt, last error.
    "admin.outbox"(filter: OutboxFilter) -> Vec<OutboxEntry> = |s| s.admin().outbox(&filter).await;
    /// Queues a dead e-mail again, due at once with fresh attempts.
    "admin.requeue_outbox"(entry_id: String) -> OutboxEntry = |s| s.admin().requeue_outbox(&entry_id).await;

    /// Adds a variant to a cart (or more of it).
    "carts.add_line"(cart_id: String, variant_id: String, quantity: u32) -> Cart =
        |s| s.carts().add_line(&cart_id, &variant_id, quantity).await;
    /// Applies a coupon code to a cart.
    "carts.apply_coupon"(cart_id: String, code: String) -> Cart = |s| s.carts().apply_coupon(&cart_id, &code).await;
    /// Opens a cart in a currency, for a signed-in customer or a guest.
    "carts.create"(currency: Currency, customer_id: Option<String>) -> Cart =
        |s| s.carts().create(currency, customer_id.as_deref()).await;
    /// Asks for discreet packaging (or not).
    "carts.discreet_packaging"(cart_id: String, discreet: bool) -> Cart =
        |s| s.carts().discreet_packaging(&cart_id, discreet).await;
    /// A cart.
    "carts.get"(cart_id: String) -> Cart = |s| s.carts().get(&cart_id).await;
    /// Asks for gift wrapping with an optional message.
    "carts.gift_wrap"(cart_id: String, message: Option<String>) -> Cart =
        |s| s.carts().gift_wrap(&cart_id, message.as_deref()).await;
    /// Prices a cart as it stands, for a region and shipping method if known.
    "carts.price"(cart_id: String, region: Option<String>, shipping_method_id: Option<String>) -> PricedCart =
        |s| s.carts().price(&cart_id, region.as_deref(), shipping_method_id.as_deref()).await;
    /// Takes a coupon code off a cart.
    "carts.remove_coupon"(cart_id: String, code: String) -> Cart = |s| s.carts().remove_coupon(&cart_id, &code).await;
    /// Takes a line off a cart.
    "carts.remove_line"(cart_id: String, line_id: String) -> Cart = |s| s.carts().remove_line(&cart_id, &line_id).await;
    /// Sets a line's quantity (0 removes it).
    "carts.set_quantity"(cart_id: String, line_id: String, quantity: u32) -> Cart =
        |s| s.carts().set_quantity(&cart_id, &line_id, quantity).await;

    /// Archives a product: no longer sold, still readable in old orders; answers the catalog version.
    "catalog.archive_product"(product_id: String) -> u64 = |s| s.catalog().archive_product(&product_id).await;
    /// What shoppers are told about variants now, from live stock (backorder and pre-order dates,
    /// units still orderable).
    "catalog.availability"(variant_ids: Vec<String>) -> Vec<VariantAvailability> =
        |s| s.catalog().availability(&variant_ids).await;
    /// The current catalog with its version.
    "catalog.current"() -> Versioned<Catalog> = |s| s.catalog().current().await;
    /// Publishes a catalog and sets the stock its variants give; answers the catalog version.
    "catalog.import"(data: CatalogData) -> u64 = |s| s.catalog().import(data).await;
    /// Variants whose free stock is at or below the shop's low-stock level, fewest first.
    "catalog.low_stock"() -> Vec<VariantStock> = |s| s.catalog().low_stock().await;
    /// A back-in-stock request.
    "catalog.notice"(notice_id: String) -> StockNotice = |s| s.catalog().notice(&notice_id).await;
    /// Asks for one e-mail when a variant can be ordered again (the waiting request if asked before).
    "catalog.notify_when_available"(
        variant_id: String,
        email: String,
        locale: Option<String>,
        customer_id: Option<String>,
    ) -> StockNotice = |s| {
        s.catalog().notify_when_available(&variant_id, &email, locale.as_deref(), customer_id.as_deref()).await
    };
    /// Publishes a whole catalog; answers its version.
    "catalog.publish"(data: CatalogData) -> u64 = |s| s.catalog().publish(data).await;
    /// Withdraws a waiting back-in-stock request.
    "catalog.withdraw_notice"(notice_id: String) -> StockNotice = |s| s.catalog().withdraw_notice(&notice_id).await;
    /// Sets the units on hand of a variant.
    "catalog.set_stock"(variant_id: String, on_hand: u64) -> Nothing =
        |s| s.catalog().set_stock(&variant_id, on_hand).await.map(|()| Nothing);
    /// A variant's stock, if counted.
    "catalog.stock"(variant_id: String) -> Option<StockLevel> = |s| s.catalog().stock(&variant_id).await;
    /// Adds or replaces one product; answers the catalog version.
    "catalog.upsert_product"(product: Product) -> u64 = |s| s.catalog().upsert_product(product).await;

    /// A checkout session.
    "checkout.get"(session_id: String) -> CheckoutSession = |s| s.checkout().get(&session_id).await;
    /// Places the order at the prices the shopper confirmed (refused if they changed).
    "checkout.place_order"(session_id: String, confirmed: PricedCart) -> Order =
        |s| s.checkout().place_order(&session_id, &confirmed).await;
    /// Prices the session's cart with its delivery: the price shown is the price charged.
    "checkout.quote"(session_id: String) -> PricedCart = |s| s.checkout().quote(&session_id).await;
    /// Step two: delivery address, method, slot and payment method.
    "checkout.set_delivery"(session_id: String, delivery: DeliveryDetails) -> CheckoutSession =
        |s| s.checkout().set_delivery(&session_id, delivery).await;
    /// Step one: contact details, so an abandoned checkout can be followed up.
    "checkout.start"(cart_id: String, email: String, phone: Option<String>) -> CheckoutSession =
        |s| s.checkout().start(&cart_id, &email, phone.as_deref()).await;

    /// Adds a postal address to a customer.
    "customers.add_address"(customer_id: String, input: AddressInput) -> Customer =
        |s| s.customers().add_address(&customer_id, input).await;
    /// Puts a customer in a customer group (price lists, promotions).
    "customers.add_to_group"(customer_id: String, group: String) -> Customer =
        |s| s.customers().add_to_group(&customer_id, &group).await;
    /// Adds a variant to a wish list.
    "customers.add_to_wish_list"(list_id: String, variant_id: String, note: Option<String>) -> WishList =
        |s| s.customers().add_to_wish_list(&list_id, &variant_id, note.as_deref()).await;
    /// A customer by e-mail address.
    "customers.by_email"(email: String) -> Customer = |s| s.customers().by_email(&email).await;
    /// Opens a named wish list for a customer.
    "customers.create_wish_list"(customer_id: String, name: String) -> WishList =
        |s| s.customers().create_wish_list(&customer_id, &name).await;
    /// Erases a customer's personal data from every record in one commit (the right to erasure);
    /// orders keep their money, lines and country, the consent history stays.
    "customers.erase"(customer_id: String) -> ErasureReport = |s| s.customers().erase(&customer_id).await;
    /// Everything stored about a customer, as one document.
    "customers.export"(customer_id: String) -> CustomerExport = |s| s.customers().export(&customer_id).await;
    /// A customer.
    "customers.get"(customer_id: String) -> Customer = |s| s.customers().get(&customer_id).await;
    /// Records a consent to a marketing channel.
    "customers.grant_consent"(customer_id: String, channel: ConsentChannel, source: ConsentSource) -> Customer =
        |s| s.customers().grant_consent(&customer_id, channel, source).await;
    /// Marks a customer as VIP.
    "customers.make_vip"(customer_id: String) -> Customer = |s| s.customers().make_vip(&customer_id).await;
    /// Moves a wish-list item into a cart.
    "customers.move_to_cart"(list_id: String, variant_id: String, cart_id: String) -> MovedToCart =
        |s| s.customers().move_to_cart(&list_id, &variant_id, &cart_id).await;
    /// A customer's orders and what they bought.
    "customers.purchase_history"(customer_id: String) -> PurchaseHistory =
        |s| s.customers().purchase_history(&customer_id).await;
    /// Registers a customer.
    "customers.register"(new: NewCustomer) -> Customer = |s| s.customers().register(new).await;
    /// Removes a customer's address.
    "customers.remove_address"(customer_id: String, address_id: String) -> Customer =
        |s| s.customers().remove_address(&customer_id, &address_id).await;
    /// Takes a customer out of a group.
    "customers.remove_from_group"(customer_id: String, group: String) -> Customer =
        |s| s.customers().remove_from_group(&customer_id, &group).await;
    /// Takes a variant off a wish list.
    "customers.remove_from_wish_list"(list_id: String, variant_id: String) -> WishList =
        |s| s.customers().remove_from_wish_list(&list_id, &variant_id).await;
    /// Stores a customer segment (rules over purchase history and profile); answers its version.
    "customers.save_segment"(segment: CustomerSegment) -> u64 = |s| s.customers().save_segment(segment).await;
    /// A stored customer segment.
    "customers.segment"(segment_id: String) -> CustomerSegment = |s| s.customers().segment(&segment_id).await;
    /// The ids of the customers in a segment today, a page at a time in id order.
    "customers.segment_members"(segment_id: String, after: Option<String>, limit: u32) -> Vec<String> =
        |s| s.customers().segment_members(&segment_id, after.as_deref(), limit).await;
    /// How many customers are in a segment today.
    "customers.segment_size"(segment_id: String) -> u64 = |s| s.customers().segment_size(&segment_id).await;
    /// Changes a customer's profile.
    "customers.update"(customer_id: String, update: CustomerUpdate) -> Customer =
        |s| s.customers().update(&customer_id, update).await;
    /// Changes one of a customer's addresses.
    "customers.update_address"(customer_id: String, address_id: String, input: AddressInput) -> Customer =
        |s| s.customers().update_address(&customer_id, &address_id, input).await;
    /// A wish list.
    "customers.wish_list"(list_id: String) -> WishList = |s| s.customers().wish_list(&list_id).await;
    /// A customer's wish lists.
    "customers.wish_lists"(customer_id: String) -> Vec<WishList> = |s| s.customers().wish_lists(&customer_id).await;
    /// Records the withdrawal of a marketing consent.
    "customers.withdraw_consent"(customer_id: String, channel: ConsentChannel, source: ConsentSource) -> Customer =
        |s| s.customers().withdraw_consent(&customer_id, channel, source).await;

    /// Sets a variant's units on hand at a location to what staff counted (a count_adjustment row).
    "inventory.adjust_count"(location_id: String, variant_id: String, counted: u64, staff_id: String) -> LocationLevel =
        |s| s.inventory().adjust_count(&location_id, &variant_id, counted, &staff_id).await;
    /// Units of a variant free to sell through a channel (null: any) from live stock; null if untracked.
    "inventory.available_to_sell"(variant_id: String, channel: Option<String>) -> Option<u64> =
        |s| s.inventory().available_to_sell(&variant_id, channel.as_deref()).await;
    /// Where the units held for an order are, by location.
    "inventory.allocation"(order_id: String) -> Vec<AllocatedLine> = |s| s.inventory().allocation(&order_id).await;
    /// Recomputes every stock level from the movement ledger; lists each that differs.
    "inventory.check_consistency"() -> Vec<StockMismatch> = |s| s.inventory().check_consistency().await;
    /// A variant's stock at each location holding it.
    "inventory.levels"(variant_id: String) -> Vec<LocationLevel> = |s| s.inventory().levels(&variant_id).await;
    /// Every stock location, the default one first.
    "inventory.locations"() -> Vec<StockLocation> = |s| s.inventory().locations().await;
    /// The newest ledger rows of a variant, newest first.
    "inventory.movements"(variant_id: String, limit: u32) -> Vec<StockMovement> =
        |s| s.inventory().movements(&variant_id, limit).await;
    /// Books units received at a location (a receipt row).
    "inventory.receive"(location_id: String, variant_id: String, quantity: u32, staff_id: String) -> LocationLevel =
        |s| s.inventory().receive(&location_id, &variant_id, quantity, &staff_id).await;
    /// Adds a stock location or changes the one with its id.
    "inventory.save_location"(location: StockLocation) -> StockLocation =
        |s| s.inventory().save_location(location).await;
    /// Sets the low-stock threshold of a variant at a location (null: no alerts).
    "inventory.set_low_stock_threshold"(location_id: String, variant_id: String, threshold: Option<u64>) -> Nothing =
        |s| s.inventory().set_low_stock_threshold(&location_id, &variant_id, threshold).await.map(|()| Nothing);
    /// Moves free units of a variant from one location to another (transfer_out and transfer_in rows).
    "inventory.transfer"(from: String, to: String, variant_id: String, quantity: u32, staff_id: String) -> Vec<LocationLevel> =
        |s| s.inventory().transfer(&from, &to, &variant_id, quantity, &staff_id).await;
    /// Writes off damaged free units at a location (a damage_write_off row).
    "inventory.write_off"(location_id: String, variant_id: String, quantity: u32, staff_id: String) -> LocationLevel =
        |s| s.inventory().write_off(&location_id, &variant_id, quantity, &staff_id).await;

    /// Every article in a locale.
    "knowledge.articles"(locale: KnowledgeLocale) -> Vec<Article> = |s| s.knowledge().articles(locale).await;
    /// An article.
    "knowledge.get"(article_id: String) -> Article = |s| s.knowledge().get(&article_id).await;
    /// Publishes a new FAQ / knowledge-base article and indexes it.
    "knowledge.publish_article"(new: NewArticle) -> Article = |s| s.knowledge().publish_article(new).await;
    /// Ranked search of the knowledge base.
    "knowledge.search"(query: SearchQuery) -> SearchResults = |s| s.knowledge().search(query).await;
    /// Brings the search index in line with the stored articles.
    "knowledge.sync_index"() -> SyncReport = |s| s.knowledge().sync_index().await;
    /// Replaces an article and re-indexes it.
    "knowledge.update"(new: NewArticle) -> Article = |s| s.knowledge().update(new).await;
    /// Publishes or withdraws an article; the search index follows.
    "knowledge.set_published"(article_id: String, published: bool) -> Article =
        |s| s.knowledge().set_published(&article_id, published).await;
    /// Removes an article from the store and the search index.
    "knowledge.remove_article"(article_id: String) -> Article = |s| s.knowledge().remove_article(&article_id).await;
    /// Counts one view of an article; answers the new view count.
    "knowledge.record_view"(article_id: String) -> u64 = |s| s.knowledge().record_view(&article_id).await;
    /// Records a voter's helpful / not-helpful vote on an article (one per voter); answers the tally.
    "knowledge.vote"(article_id: String, voter_id: String, vote: Vote) -> VoteTally =
        |s| s.knowledge().vote(&article_id, &voter_id, vote).await;
    /// Withdraws a voter's vote on an article; answers the tally.
    "knowledge.withdraw_vote"(article_id: String, voter_id: String) -> VoteTally =
        |s| s.knowledge().withdraw_vote(&article_id, &voter_id).await;
    /// Published articles in a locale filed in a category or its sub-categories.
    "knowledge.articles_in_category"(category_id: String, locale: KnowledgeLocale) -> Vec<Article> =
        |s| s.knowledge().articles_in_category(&category_id, locale).await;
    /// The most viewed published articles in a locale, most viewed first.
    "knowledge.most_viewed"(locale: KnowledgeLocale, limit: u32) -> Vec<Article> =
        |s| s.knowledge().most_viewed(locale, limit).await;
    /// Every category of the knowledge base's tree.
    "knowledge.categories"() -> Vec<KnowledgeCategory> = |s| s.knowledge().categories().await;
    /// Adds a category under an existing parent, or as a root.
    "knowledge.add_category"(category: KnowledgeCategory) -> KnowledgeCategory =
        |s| s.knowledge().add_category(category).await;
    /// Moves a category under another (none: a root), refusing a cycle; its articles are re-indexed.
    "knowledge.move_category"(category_id: String, parent_id: Option<String>) -> KnowledgeCategory =
        |s| s.knowledge().move_category(&category_id, parent_id.as_deref()).await;
    /// Removes a category that has neither sub-categories nor articles.
    "knowledge.remove_category"(category_id: String) -> KnowledgeCategory =
        |s| s.knowledge().remove_category(&category_id).await;
    /// A category and its ancestors, the category first and the root last.
    "knowledge.category_path"(category_id: String) -> Vec<KnowledgeCategory> =
        |s| s.knowledge().category_path(&category_id).await;

    /// Sends a campaign to consenting customers within the frequency cap.
    "marketing.send"(campaign: Campaign, policy: Option<MarketingPolicy>) -> CampaignReport =
        |s| s.marketing().send(&campaign, policy.as_ref()).await;
    /// The marketing e-mails sent to a customer.
    "marketing.sends_to"(customer_id: String) -> Vec<MarketingSend> = |s| s.marketing().sends_to(&customer_id).await;
    /// Withdraws consent through an unsubscribe link's token.
    "marketing.unsubscribe"(token: String) -> Customer = |s| s.marketing().unsubscribe(&token).await;

    /// An order by its number (`2026-000042`).
    "orders.by_number"(number: String) -> Order = |s| s.orders().by_number(&number).await;
    /// Cancels an order, releasing its stock and voiding or refunding its payments.
    "orders.cancel"(order_id: String, actor: Actor, reason: String) -> Order =
        |s| s.orders().cancel(&order_id, actor, &reason).await;
    /// An order.
    "orders.get"(order_id: String) -> Order = |s| s.orders().get(&order_id).await;
    /// Orders matching a query, newest first.
    "orders.list"(query: OrderQuery) -> Vec<Order> = |s| s.orders().list(&query).await;
    /// A customer's orders.
    "orders.of_customer"(customer_id: String) -> Vec<Order> = |s| s.orders().of_customer(&customer_id).await;
    /// Everything that happened to an order, oldest first, for the customer to follow.
    "orders.timeline"(order_id: String) -> Vec<OrderTimelineEntry> = |s| s.orders().timeline(&order_id).await;
    /// The back office's work list: orders to pack, ship, chase.
    "orders.work_list"() -> WorkList = |s| s.orders().work_list().await;

    /// Authorizes a card payment for an order (capture later).
    "payments.authorize"(order_id: String, token: String, key: String) -> Payment =
        |s| s.payments().authorize(&order_id, &token, &key).await;
    /// The bank-transfer instructions of an order (reference, account, amount).
    "payments.bank_transfer"(order_id: String) -> BankTransfer = |s| s.payments().bank_transfer(&order_id).await;
    /// Captures an authorized payment, in full or in part.
    "payments.capture"(payment_id: String, amount: Money, key: String) -> Payment =
        |s| s.payments().capture(&payment_id, amount, &key).await;
    /// Completes a customer action (3-D Secure) with the provider's payload.
    "payments.complete_action"(payment_id: String, payload: Value, key: String) -> Payment =
        |s| s.payments().complete_action(&payment_id, payload, &key).await;
    /// A payment.
    "payments.get"(payment_id: String) -> Payment = |s| s.payments().get(&payment_id).await;
    /// An order's payments.
    "payments.of_order"(order_id: String) -> Vec<Payment> = |s| s.payments().of_order(&order_id).await;
    /// Pays an order by card in one step (authorize and capture).
    "payments.pay"(order_id: String, token: String, key: String) -> Payment =
        |s| s.payments().pay(&order_id, &token, &key).await;
    /// Applies a payment gateway's webhook (verified by the gateway) to the stored payment and order.
    "payments.receive_webhook"(gateway: String, webhook: WebhookRequest) -> WebhookReceipt =
        |s| s.payments().receive_webhook(&gateway, &webhook).await;
    /// Records cash the courier collected on delivery.
    "payments.record_cash_collected"(order_id: String, amount: Money, courier_name: String, key: String) -> Payment =
        |s| s.payments().record_cash_collected(&order_id, amount, &courier_name, &key).await;
    /// Matches a bank statement's lines to orders by reference and records each receipt.
    "payments.record_statement"(lines: Vec<TransferReceipt>) -> Vec<RecordedLine> =
        |s| s.payments().record_statement(&lines).await;
    /// Refunds a captured payment, in full or in part.
    "payments.refund"(payment_id: String, amount: Money, reason: Option<String>, key: String, actor: Actor) -> Payment =
        |s| s.payments().refund(&payment_id, amount, reason.as_deref(), &key, actor).await;
    /// Asks the provider for a payment's state and records it.
    "payments.sync"(payment_id: String) -> Payment = |s| s.payments().sync(&payment_id).await;
    /// Statement lines that matched no order.
    "payments.unmatched_statement_lines"() -> Vec<StatementLine> =
        |s| s.payments().unmatched_statement_lines().await;
    /// Voids an authorization.
    "payments.void"(payment_id: String, key: String) -> Payment = |s| s.payments().void(&payment_id, &key).await;

    /// Returns by reason, refunds by method, support cases against their SLA, satisfaction scores
    /// and review ratings, over shop-local days (`to` exclusive).
    "reports.after_sales"(from: Date, to: Date) -> AfterSalesReport = |s| s.reports().after_sales(from, to).await;
    /// Orders by first-time buyers, returning customers and guests over shop-local days (`to`
    /// exclusive), and per currency every customer who ever bought: repeat rate, new customers,
    /// lifetime spend.
    "reports.customers"(from: Date, to: Date) -> CustomersReport = |s| s.reports().customers(from, to).await;
    /// The after-sales report as CSV, a row per measure and key.
    "reports.after_sales_csv"(from: Date, to: Date) -> String = |s| s.reports().after_sales_csv(from, to).await;
    /// The customers report as CSV.
    "reports.customers_csv"(from: Date, to: Date) -> String = |s| s.reports().customers_csv(from, to).await;
    /// The funnel's steps as an SVG bar chart.
    "reports.funnel_chart"(from: Date, to: Date) -> String = |s| s.reports().funnel_chart(from, to).await;
    /// The funnel as CSV, a row per step, then per promotion and currency.
    "reports.funnel_csv"(from: Date, to: Date) -> String = |s| s.reports().funnel_csv(from, to).await;
    /// Carts opened, checkouts started, orders placed and paid, abandoned checkouts followed up and
    /// recovered, and each promotion's effect, over shop-local days (`to` exclusive).
    "reports.funnel"(from: Date, to: Date) -> FunnelReport = |s| s.reports().funnel(from, to).await;
    /// Products, variants and categories sold in a currency over shop-local days (`to` exclusive),
    /// with the `limit` best and worst sellers and the share of listed products that sold.
    "reports.products"(from: Date, to: Date, currency: Currency, limit: u32) -> ProductReport =
        |s| s.reports().products(from, to, currency, limit).await;
    /// The product report as CSV, a row per product.
    "reports.products_csv"(from: Date, to: Date, currency: Currency) -> String =
        |s| s.reports().products_csv(from, to, currency).await;
    /// Orders by payment method in a currency as an SVG bar chart.
    "reports.payment_methods_chart"(from: Date, to: Date, currency: Currency) -> String =
        |s| s.reports().payment_methods_chart(from, to, currency).await;
    /// Grand totals per period in a currency as an SVG bar chart.
    "reports.sales_chart"(from: Date, to: Date, period: Period, currency: Currency) -> String =
        |s| s.reports().sales_chart(from, to, period, currency).await;
    /// The sales report as CSV, a row per period and currency.
    "reports.sales_csv"(from: Date, to: Date, period: Period) -> String =
        |s| s.reports().sales_csv(from, to, period).await;
    /// Sales per day, week or month (shop-local days, `to` exclusive) per currency, with
    /// breakdowns by payment method and channel, from the daily rollups.
    "reports.sales_report"(from: Date, to: Date, period: Period) -> SalesReport =
        |s| s.reports().sales_report(from, to, period).await;
    /// Rebuilds the rollups of orders, payments and returns from the stored orders, returns and
    /// event log (an upgraded store, or rollups in doubt), replacing them in one commit.
    "reports.rebuild_rollups"() -> RollupRebuild = |s| s.reports().rebuild_rollups().await;
    /// Sales figures of a day in the shop's time zone.
    "reports.sales_on"(day: Date) -> SalesSummary = |s| s.reports().sales_on(day).await;
    /// Sales figures between two instants.
    "reports.sales"(from: Timestamp, to: Timestamp) -> SalesSummary = |s| s.reports().sales(from, to).await;

    /// Approves a return request.
    "returns.approve"(return_id: String, actor: Actor) -> Rma = |s| s.returns().approve(&return_id, actor).await;
    /// Notes that the parcel is on its way back.
    "returns.await_parcel"(return_id: String, tracking_number: Option<String>, actor: Actor) -> Rma =
        |s| s.returns().await_parcel(&return_id, tracking_number.as_deref(), actor).await;
    /// Returns received and waiting for inspection.
    "returns.awaiting_inspection"() -> Vec<Rma> = |s| s.returns().awaiting_inspection().await;
    /// Closes a return.
    "returns.close"(return_id: String, note: Option<String>, actor: Actor) -> Rma =
        |s| s.returns().close(&return_id, note.as_deref(), actor).await;
    /// Exchanges returned lines for other variants: answers the return and the new order.
    "returns.exchange"(return_id: String, variants: BTreeMap<String, String>, actor: Actor) -> (Rma, Order) =
        |s| s.returns().exchange(&return_id, &variants, actor).await;
    /// A return.
    "returns.get"(return_id: String) -> Rma = |s| s.returns().get(&return_id).await;
    /// Records the inspection of returned goods.
    "returns.inspect"(return_id: String, inspection: Inspection, actor: Actor) -> Rma =
        |s| s.returns().inspect(&return_id, inspection, actor).await;
    /// An order's returns.
    "returns.of_order"(order_id: String) -> Vec<Rma> = |s| s.returns().of_order(&order_id).await;
    /// Records the parcel's arrival.
    "returns.receive"(return_id: String, receipt: Option<Receipt>, actor: Actor) -> Rma =
        |s| s.returns().receive(&return_id, receipt, actor).await;
    /// Refunds an inspected return to where the money came from.
    "returns.refund"(return_id: String, actor: Actor, key: String) -> Rma =
        |s| s.returns().refund(&return_id, actor, &key).await;
    /// Rejects a return request.
    "returns.reject"(return_id: String, reason: String, actor: Actor) -> Rma =
        |s| s.returns().reject(&return_id, &reason, actor).await;
    /// Opens a return request for lines of an order.
    "returns.request"(order_id: String, lines: Vec<RequestedLine>, actor: Actor, note: Option<String>) -> Rma =
        |s| s.returns().request(&order_id, &lines, actor, note.as_deref()).await;

    /// Publishes a review.
    "reviews.approve"(review_id: String, moderator_id: String) -> Review =
        |s| s.reviews().approve(&review_id, &moderator_id).await;
    /// A review.
    "reviews.get"(review_id: String) -> Review = |s| s.reviews().get(&review_id).await;
    /// A product's published reviews and rating summary.
    "reviews.of_product"(product_id: String) -> ProductReviews = |s| s.reviews().of_product(&product_id).await;
    /// Reviews of a product waiting for moderation.
    "reviews.pending"(product_id: String) -> Vec<Review> = |s| s.reviews().pending(&product_id).await;
    /// Rejects a review with a reason.
    "reviews.reject"(review_id: String, moderator_id: String, reason: String) -> Review =
        |s| s.reviews().reject(&review_id, &moderator_id, &reason).await;
    /// The seller's public reply to a review.
    "reviews.reply"(review_id: String, author_id: String, body: String) -> Review =
        |s| s.reviews().reply(&review_id, &author_id, &body).await;
    /// Submits a review for moderation.
    "reviews.submit"(new: NewReview) -> Review = |s| s.reviews().submit(new).await;

    /// Time-driven work up to `now`: reminders, cancellations, follow-ups, expiry, the outbox.
    "run_due"(now: Timestamp) -> DueReport = |s| s.run_due(now).await;
    /// The shop's current settings.
    "settings"() -> Settings = |s| s.settings().await.map(|settings| (*settings).clone());

    /// Cancels a shipment that has not left, with its label.
    "shipping.cancel_shipment"(shipment_id: String, actor: Actor, reason: Option<String>) -> Shipment =
        |s| s.shipping().cancel_shipment(&shipment_id, actor, reason).await;
    /// The delivery methods a cart can take to an address, with prices and slots.
    "shipping.delivery_options"(cart_id: String, address: Address) -> Vec<DeliveryOption> =
        |s| s.shipping().delivery_options(&cart_id, &address).await;
    /// A shipment.
    "shipping.get"(shipment_id: String) -> Shipment = |s| s.shipping().get(&shipment_id).await;
    /// Asks the courier for one shipment's tracking and records it.
    "shipping.refresh_shipment"(shipment_id: String) -> Option<TrackingUpdate> =
        |s| s.shipping().refresh_shipment(&shipment_id).await;
    /// Asks the couriers for the tracking of every open shipment.
    "shipping.refresh_tracking"(now: Timestamp) -> TrackingRound = |s| s.shipping().refresh_tracking(now).await;
    /// Ships what is left of an order with its courier: label, tracking number, e-mail.
    "shipping.ship"(order_id: String, actor: Actor) -> Shipment = |s| s.shipping().ship(&order_id, actor).await;
    /// An order's shipments.
    "shipping.shipments_of"(order_id: String) -> Vec<Shipment> = |s| s.shipping().shipments_of(&order_id).await;

    /// Records a satisfaction survey's answer.
    "support.answer_survey"(survey_id: String, score: u8, comment: Option<String>) -> SurveyRequest =
        |s| s.support().answer_survey(&survey_id, score, comment.as_deref()).await;
    /// A customer's support cases.
    "support.cases_of_customer"(customer_id: String) -> Vec<SupportCase> =
        |s| s.support().cases_of_customer(&customer_id).await;
    /// A support case.
    "support.get"(case_id: String) -> SupportCase = |s| s.support().get(&case_id).await;
    /// Opens a support case with its SLA.
    "support.open_case"(new: NewCase) -> SupportCase = |s| s.support().open_case(new).await;
    /// Open cases, most urgent SLA first.
    "support.open_cases_by_sla"() -> Vec<CaseSla> = |s| s.support().open_cases_by_sla().await;
    /// Hands a case to an agent and/or a queue (none: released).
    "support.assign"(case_id: String, assignment: Assignment) -> SupportCase =
        |s| s.support().assign(&case_id, assignment).await;
    /// Posts a chat or web-form message on a case, or on a new case of the customer (no case id).
    "support.post_message"(case_id: Option<String>, channel: Channel, author: CaseActor, text: String) -> SupportCase =
        |s| s.support().post_message(case_id.as_deref(), channel, author, &text).await;
    /// Submits a feedback form of the settings: opens a case of the form's category.
    "support.submit_form"(form_id: String, customer_id: String, values: BTreeMap<String, String>) -> SupportCase =
        |s| s.support().submit_form(&form_id, &customer_id, &values).await;
    /// Takes in a support e-mail, given as the raw message text as received (headers and MIME body).
    "support.receive_email"(raw: String) -> InboundOutcome = |s| s.support().receive_email(raw.as_bytes()).await;
    /// Hands a case to the next agent of a support team, in turn.
    "support.assign_in_turn"(case_id: String, queue: String) -> SupportCase =
        |s| s.support().assign_in_turn(&case_id, &queue).await;
    /// The open cases of a work queue (team, agent, unassigned, priority, channel), nearest SLA first.
    "support.work_queue"(filter: WorkQueueFilter) -> Vec<CaseSla> = |s| s.support().work_queue(&filter).await;
    /// Adds a reply to a case (agent or customer).
    "support.reply"(case_id: String, actor: CaseActor, body: String) -> SupportCase =
        |s| s.support().reply(&case_id, actor, &body).await;
    /// Replies with a canned answer, filled with `values`.
    "support.reply_with_canned"(
        case_id: String,
        agent_id: String,
        canned_id: String,
        locale: Option<String>,
        values: BTreeMap<String, String>,
    ) -> SupportCase = |s| {
        s.support().reply_with_canned(&case_id, &agent_id, &canned_id, locale.as_deref(), &values).await
    };
    /// Solves a case and schedules its satisfaction survey.
    "support.solve"(case_id: String, actor: CaseActor) -> SolvedCase = |s| s.support().solve(&case_id, actor).await;
    /// A case's satisfaction surveys.
    "support.surveys_of_case"(case_id: String) -> Vec<SurveyRequest> =
        |s| s.support().surveys_of_case(&case_id).await;
    /// Moves a case to another state.
    "support.transition"(case_id: String, state: CaseState, actor: CaseActor) -> SupportCase =
        |s| s.support().transition(&case_id, state, actor).await;
    /// Adds a staff-only note to a case: hidden from the customer, no e-mail.
    "support.add_internal_note"(case_id: String, actor: CaseActor, body: String) -> SupportCase =
        |s| s.support().add_internal_note(&case_id, actor, &body).await;
    /// Changes a case's priority (and so its SLA targets).
    "support.set_priority"(case_id: String, priority: Priority) -> SupportCase =
        |s| s.support().set_priority(&case_id, priority).await;
    /// Changes a case's category.
    "support.set_category"(case_id: String, category: CaseCategory) -> SupportCase =
        |s| s.support().set_category(&case_id, category).await;
    /// Flags a case as a complaint needing a follow-up, saying why.
    "support.flag_complaint"(case_id: String, actor: CaseActor, reason: String) -> SupportCase =
        |s| s.support().flag_complaint(&case_id, actor, &reason).await;
    /// Records that a flagged complaint's follow-up was done.
    "support.complete_complaint_follow_up"(case_id: String) -> SupportCase =
        |s| s.support().complete_complaint_follow_up(&case_id).await;
    /// Opens a new case continuing a solved or closed one, linked to it.
    "support.open_follow_up"(case_id: String, actor: CaseActor, description: String) -> SupportCase =
        |s| s.support().open_follow_up(&case_id, actor, &description).await;
    /// A case as its customer sees it: public messages, customer-facing status, reopen deadline.
    "support.customer_view"(customer_id: String, case_id: String) -> CustomerCase =
        |s| s.support().customer_view(&customer_id, &case_id).await;
    /// A customer's "my requests" list: active cases first, latest activity first, with SLA due times.
    "support.customer_requests"(customer_id: String) -> Vec<CustomerRequest> =
        |s| s.support().customer_requests(&customer_id).await;
    /// A case with its SLA evaluated now in the shop's business calendar.
    "support.case_sla"(case_id: String) -> CaseSla = |s| s.support().case_sla(&case_id).await;
    /// Renders a canned reply for a case (in the customer's locale unless given) without sending it.
    "support.preview_canned"(
        case_id: String,
        canned_id: String,
        locale: Option<String>,
        values: BTreeMap<String, String>,
    ) -> RenderedReply = |s| s.support().preview_canned(&case_id, &canned_id, locale.as_deref(), &values).await;

    /// A customer's store-credit balance in a currency.
    "wallets.balance"(customer_id: String, currency: Currency) -> Money =
        |s| s.wallets().balance(&customer_id, currency).await;
    /// Credits a customer's wallet.
    "wallets.deposit"(customer_id: String, amount: Money, reason: String, key: String, actor: Actor) -> LedgerEntry =
        |s| s.wallets().deposit(&customer_id, amount, &reason, &key, actor).await;
    /// A gift card by its code.
    "wallets.gift_card"(code: String) -> GiftCard = |s| s.wallets().gift_card(&code).await;
    /// Issues a gift card.
    "wallets.issue_gift_card"(amount: Money, expires_at: Option<Timestamp>, key: String, actor: Actor) -> GiftCard =
        |s| s.wallets().issue_gift_card(amount, expires_at, &key, actor).await;
    /// Pays (part of) an order with a gift card.
    "wallets.pay_with_gift_card"(order_id: String, code: String, key: String) -> Payment =
        |s| s.wallets().pay_with_gift_card(&order_id, &code, &key).await;
    /// Pays (part of) an order from the customer's wallet.
    "wallets.pay_with_wallet"(order_id: String, key: String) -> Payment =
        |s| s.wallets().pay_with_wallet(&order_id, &key).await;
    /// Refunds part of an order into the customer's wallet.
    "wallets.refund_to_wallet"(order_id: String, amount: Money, key: String, actor: Actor) -> LedgerEntry =
        |s| s.wallets().refund_to_wallet(&order_id, amount, &key, actor).await;
    /// A customer's wallet, if they have one.
    "wallets.wallet"(customer_id: String) -> Option<Wallet> = |s| s.wallets().wallet(&customer_id).await;
}
