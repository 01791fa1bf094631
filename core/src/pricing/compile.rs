//! Turns a store's pricing rules into the engine's ready form, once per rule change: every amount in
//! minor units, every percentage and rate as an exact ratio, promotions in application order.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::{PricingError, PricingRules};
use crate::catalog::{Catalog, VariantRef};
use crate::delivery::{ShippingMethod, ShippingRate};
use crate::money::Currency;
use crate::promotion::{Action, Allocation, Promotion, Selector};

/// An exact ratio `num / den` in lowest terms with `den > 0`, such as 12.5 % = 1 / 8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Ratio {
    pub(super) num: i128,
    pub(super) den: i128,
}

impl Ratio {
    /// `num / den` in lowest terms (`den > 0`): the smaller the terms, the more products stay in the
    /// fast 64- and 128-bit paths.
    fn reduced(num: i128, den: i128) -> Ratio {
        let divisor = gcd(num.unsigned_abs(), den.unsigned_abs()).max(1);
        // `divisor` divides `den`, which fits an i128, so it does too.
        let divisor = i128::try_from(divisor).unwrap_or(1);
        Ratio { num: num / divisor, den: den / divisor }
    }

    /// `percent` % as a ratio (a `Decimal` has at most 28 decimals, so `100 x 10^28` fits).
    pub(super) fn percent(percent: Decimal) -> Ratio {
        Ratio::reduced(percent.mantissa(), 100 * 10i128.pow(percent.scale()))
    }

    /// A fraction such as a tax rate `0.2`.
    pub(super) fn fraction(rate: Decimal) -> Ratio {
        Ratio::reduced(rate.mantissa(), 10i128.pow(rate.scale()))
    }

    /// `rate / (1 + rate)`: the share of a gross amount that is tax.
    pub(super) fn contained(rate: Decimal) -> Ratio {
        let fraction = Ratio::fraction(rate);
        Ratio::reduced(fraction.num, fraction.den + fraction.num)
    }
}

/// Greatest common divisor (Euclid); `gcd(0, n) = n`.
fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// The catalog's tax categories, numbered in order of first use, and each product's number, so a
/// line's rate is looked up once per category and pricing rather than once per line.
#[derive(Debug, Clone, Default)]
pub(super) struct TaxClasses {
    /// Category names by number.
    pub(super) names: Vec<String>,
    /// Per product position: the number of its category.
    pub(super) of_product: Vec<u32>,
}

impl TaxClasses {
    /// Numbers the tax categories of `catalog`'s products.
    pub(super) fn new(catalog: &Catalog) -> TaxClasses {
        let mut names: Vec<String> = Vec::new();
        let mut numbers: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
        let of_product = catalog
            .data()
            .products
            .iter()
            .map(|product| {
                *numbers.entry(product.tax_category.as_str()).or_insert_with(|| {
                    names.push(product.tax_category.clone());
                    (names.len() - 1) as u32
                })
            })
            .collect();
        TaxClasses { names, of_product }
    }
}

/// Widest span of product positions a selector keeps as a bit set (128 KiB); a selector naming
/// products further apart keeps a sorted list and matches by binary search.
const MAX_BITSET_SPAN: usize = 1 << 20;

/// A selector resolved to catalog positions once, so matching a line compares integers: the
/// products it names as a bit set (a bit test per line), its categories as a sorted list.
#[derive(Debug, Clone, Default)]
pub(super) struct CompiledSelector {
    everything: bool,
    /// Position of the first product named; bit `p - first` of `bits` is product `p`.
    first: u32,
    bits: Vec<u64>,
    /// The products named as a sorted list, when their span is too wide for `bits`.
    sparse: Vec<u32>,
    variants: Vec<VariantRef>,
    categories: Vec<u32>,
}

impl CompiledSelector {
    /// The selector that matches every line.
    pub(super) fn everything() -> CompiledSelector {
        CompiledSelector { everything: true, ..CompiledSelector::default() }
    }

    /// Resolves the ids; ids the catalog does not have match nothing.
    pub(super) fn new(selector: &Selector, catalog: &Catalog) -> CompiledSelector {
        let mut products: Vec<u32> =
            selector.product_ids.iter().filter_map(|id| catalog.product_position(id)).collect();
        let mut categories: Vec<u32> =
            selector.category_ids.iter().filter_map(|id| catalog.category_position(id)).collect();
        products.sort_unstable();
        products.dedup();
        categories.sort_unstable();
        let mut compiled = CompiledSelector {
            everything: selector.is_everything(),
            variants: selector.variant_ids.iter().filter_map(|id| catalog.variant_ref(id)).collect(),
            categories,
            ..CompiledSelector::default()
        };
        if let (Some(&first), Some(&last)) = (products.first(), products.last()) {
            let span = (last - first) as usize + 1;
            if span <= MAX_BITSET_SPAN {
                let mut bits = vec![0u64; span.div_ceil(64)];
                for p in products {
                    let at = (p - first) as usize;
                    bits[at / 64] |= 1 << (at % 64);
                }
                compiled.first = first;
                compiled.bits = bits;
            } else {
                compiled.sparse = products;
            }
        }
        compiled
    }

    /// Whether the selector matches every line.
    pub(super) fn is_everything(&self) -> bool {
        self.everything
    }

    /// Whether a line of `variant`, whose product is listed in `categories` (sorted, ancestors
    /// included), matches.
    #[inline]
    pub(super) fn matches(&self, variant: VariantRef, categories: &[u32]) -> bool {
        self.everything
            || self.has_product(variant.product)
            || self.variants.contains(&variant)
            || self.categories.iter().any(|c| categories.binary_search(c).is_ok())
    }

    #[inline]
    fn has_product(&self, product: u32) -> bool {
        if !self.bits.is_empty() {
            let at = product.wrapping_sub(self.first) as usize;
            return self.bits.get(at / 64).is_some_and(|word| word & (1 << (at % 64)) != 0);
        }
        self.sparse.binary_search(&product).is_ok()
    }
}

/// A promotion made ready: its action's amounts in minor units of its currency.
#[derive(Debug, Clone)]
pub(super) struct CompiledPromotion {
    /// Position in `PricingRules::promotions`.
    pub(super) source: usize,
    pub(super) min_subtotal: Option<i64>,
    pub(super) required_items: Vec<(CompiledSelector, u32)>,
    pub(super) action: CompiledAction,
}

/// A promotion's id, name and coupon code as a priced cart shows them, allocated once per pricer.
#[derive(Debug, Clone)]
pub(super) struct ShownPromotion {
    pub(super) id: Arc<str>,
    pub(super) name: Arc<str>,
    pub(super) code: Option<Arc<str>>,
}

impl ShownPromotion {
    /// The texts of every promotion, in the rules' order.
    pub(super) fn all(rules: &PricingRules) -> Vec<ShownPromotion> {
        let shown = |p: &Promotion| ShownPromotion {
            id: Arc::from(p.id.as_str()),
            name: Arc::from(p.name.as_str()),
            code: p.coupon_code.as_deref().map(Arc::from),
        };
        rules.promotions.iter().map(shown).collect()
    }
}

/// An action with exact numbers.
#[derive(Debug, Clone)]
pub(super) enum CompiledAction {
    PercentOff {
        ratio: Ratio,
        target: CompiledSelector,
    },
    AmountOff {
        minor: i64,
        target: CompiledSelector,
        allocation: Allocation,
        max_quantity: Option<u32>,
    },
    OrderAmountOff {
        minor: i64,
    },
    OrderPercentOff {
        ratio: Ratio,
    },
    BuyXGetY {
        buy: CompiledSelector,
        buy_quantity: u32,
        get: CompiledSelector,
        get_quantity: u32,
        ratio: Ratio,
        max: Option<u32>,
    },
    FixedPrice {
        items: Vec<(CompiledSelector, u32)>,
        price: i64,
        max: Option<u32>,
    },
    Tiered {
        tiers: Vec<(i64, i64)>,
        target: CompiledSelector,
    },
    FreeShipping,
    FreeGift {
        variant: VariantRef,
        quantity: u32,
        /// The gift line's id, `gift:<promotion id>`, made once.
        line_id: Arc<str>,
    },
}

/// The promotions' coupon codes, trimmed and upper-cased, sorted, each with the position of its
/// compiled promotion: a cart's code is found by binary search, case-insensitively, without allocating.
#[derive(Debug, Clone, Default)]
pub(super) struct CouponTable {
    codes: Vec<(String, usize)>,
}

impl CouponTable {
    /// The codes of `compiled` (in application order) as `rules` spell them.
    pub(super) fn new(rules: &PricingRules, compiled: &[CompiledPromotion]) -> CouponTable {
        let mut codes: Vec<(String, usize)> = compiled
            .iter()
            .enumerate()
            .filter_map(|(n, p)| {
                rules.promotions[p.source].coupon_code.as_deref().map(|code| (code.trim().to_ascii_uppercase(), n))
            })
            .collect();
        codes.sort_unstable();
        CouponTable { codes }
    }

    /// The position of the compiled promotion whose code is `code`, trimmed, in any case.
    pub(super) fn find(&self, code: &str) -> Option<usize> {
        let wanted = code.trim().bytes().map(|b| b.to_ascii_uppercase());
        self.codes.binary_search_by(|(key, _)| key.bytes().cmp(wanted.clone())).ok().map(|at| self.codes[at].1)
    }
}

/// A shipping method made ready.
#[derive(Debug, Clone)]
pub(super) struct CompiledShipping {
    pub(super) rate: CompiledRate,
    pub(super) free_over: Option<i64>,
}

#[derive(Debug, Clone)]
pub(super) enum CompiledRate {
    Flat(i64),
    WeightBands(Vec<(Option<u64>, i64)>),
    SubtotalBands(Vec<(i64, i64)>),
}

fn invalid(field: String, reason: impl Into<String>) -> PricingError {
    PricingError::InvalidRule { field, reason: reason.into() }
}

fn minor(currency: Currency, amount: Decimal, field: String) -> Result<i64, PricingError> {
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(invalid(field, format!("{amount} must not be negative")));
    }
    Ok(currency.to_minor(amount, &field)?)
}

fn check_percent(percent: Decimal, field: String) -> Result<Ratio, PricingError> {
    if percent < Decimal::ZERO || percent > Decimal::ONE_HUNDRED {
        return Err(invalid(field, format!("{percent} is not a percentage from 0 to 100")));
    }
    Ok(Ratio::percent(percent))
}

fn at_least_one(value: u32, field: String) -> Result<u32, PricingError> {
    if value == 0 {
        Err(invalid(field, "must be at least 1"))
    } else {
        Ok(value)
    }
}

/// Validates and compiles the promotions, in application order (priority, then id).
pub(super) fn compile_promotions(
    rules: &PricingRules,
    catalog: &Catalog,
) -> Result<Vec<CompiledPromotion>, PricingError> {
    let promotions = &rules.promotions;
    for (i, promotion) in promotions.iter().enumerate() {
        let earlier = &promotions[..i];
        if earlier.iter().any(|p| p.id == promotion.id) {
            return Err(invalid(format!("rules.promotions[{i}].id"), format!("duplicate id {:?}", promotion.id)));
        }
        if let Some(code) = &promotion.coupon_code {
            let taken = earlier
                .iter()
                .filter_map(|p| p.coupon_code.as_deref())
                .any(|c| c.trim().eq_ignore_ascii_case(code.trim()));
            if code.trim().is_empty() || taken {
                return Err(invalid(format!("rules.promotions[{i}].coupon_code"), "must be non-empty and unique"));
            }
        }
    }
    let mut order: Vec<usize> = (0..promotions.len()).collect();
    order.sort_by(|&a, &b| {
        promotions[a].priority.cmp(&promotions[b].priority).then(promotions[a].id.cmp(&promotions[b].id))
    });
    order.into_iter().map(|i| compile_promotion(i, &promotions[i], catalog)).collect()
}

fn compile_promotion(i: usize, promotion: &Promotion, catalog: &Catalog) -> Result<CompiledPromotion, PricingError> {
    let field = format!("rules.promotions[{i}]");
    let needs_currency = promotion.action.has_amounts() || promotion.conditions.min_subtotal.is_some();
    let currency = match (promotion.currency, needs_currency) {
        (Some(currency), _) => currency,
        (None, false) => Currency::EUR, // never used: nothing to convert
        (None, true) => return Err(invalid(format!("{field}.currency"), "required for amounts in a promotion")),
    };
    let min_subtotal = promotion
        .conditions
        .min_subtotal
        .map(|amount| minor(currency, amount, format!("{field}.conditions.min_subtotal")))
        .transpose()?;
    let required_items = promotion
        .conditions
        .required_items
        .iter()
        .enumerate()
        .map(|(r, required)| {
            let field = format!("{field}.conditions.required_items[{r}].min_quantity");
            Ok((CompiledSelector::new(&required.target, catalog), at_least_one(required.min_quantity, field)?))
        })
        .collect::<Result<_, PricingError>>()?;
    if let (Some(start), Some(end)) = (promotion.conditions.starts_at, promotion.conditions.ends_at) {
        if start >= end {
            return Err(invalid(format!("{field}.conditions.ends_at"), "must be after starts_at"));
        }
    }
    let action = compile_action(promotion, currency, catalog, &format!("{field}.action"))?;
    Ok(CompiledPromotion { source: i, min_subtotal, required_items, action })
}

fn compile_action(
    promotion: &Promotion,
    currency: Currency,
    catalog: &Catalog,
    field: &str,
) -> Result<CompiledAction, PricingError> {
    let f = |name: &str| format!("{field}.{name}");
    let select = |selector: &Selector| CompiledSelector::new(selector, catalog);
    Ok(match &promotion.action {
        Action::PercentOff { percent, target } => {
            CompiledAction::PercentOff { ratio: check_percent(*percent, f("percent"))?, target: select(target) }
        }
        Action::AmountOff { amount, target, allocation, max_quantity } => CompiledAction::AmountOff {
            minor: minor(currency, *amount, f("amount"))?,
            target: select(target),
            allocation: *allocation,
            max_quantity: max_quantity.map(|q| at_least_one(q, f("max_quantity"))).transpose()?,
        },
        Action::OrderAmountOff { amount } => {
            CompiledAction::OrderAmountOff { minor: minor(currency, *amount, f("amount"))? }
        }
        Action::OrderPercentOff { percent } => {
            CompiledAction::OrderPercentOff { ratio: check_percent(*percent, f("percent"))? }
        }
        Action::BuyXGetY { buy, buy_quantity, get, get_quantity, percent, max_applications } => {
            CompiledAction::BuyXGetY {
                buy: select(buy),
                buy_quantity: at_least_one(*buy_quantity, f("buy_quantity"))?,
                get: select(get),
                get_quantity: at_least_one(*get_quantity, f("get_quantity"))?,
                ratio: check_percent(*percent, f("percent"))?,
                max: *max_applications,
            }
        }
        Action::FixedPrice { items, price, max_applications } => {
            if items.is_empty() {
                return Err(invalid(f("items"), "a bundle needs at least one item"));
            }
            let items = items
                .iter()
                .enumerate()
                .map(|(n, item)| {
                    Ok((select(&item.target), at_least_one(item.quantity, f(&format!("items[{n}].quantity")))?))
                })
                .collect::<Result<_, PricingError>>()?;
            CompiledAction::FixedPrice { items, price: minor(currency, *price, f("price"))?, max: *max_applications }
        }
        Action::Tiered { tiers, target } => {
            if tiers.is_empty() {
                return Err(invalid(f("tiers"), "needs at least one tier"));
            }
            let mut compiled = tiers
                .iter()
                .enumerate()
                .map(|(n, tier)| {
                    Ok((
                        minor(currency, tier.min_subtotal, f(&format!("tiers[{n}].min_subtotal")))?,
                        minor(currency, tier.amount_off, f(&format!("tiers[{n}].amount_off")))?,
                    ))
                })
                .collect::<Result<Vec<_>, PricingError>>()?;
            compiled.sort_by_key(|tier| tier.0);
            CompiledAction::Tiered { tiers: compiled, target: select(target) }
        }
        Action::FreeShipping => CompiledAction::FreeShipping,
        Action::FreeGift { variant_id, quantity } => CompiledAction::FreeGift {
            variant: catalog
                .variant_ref(variant_id)
                .ok_or_else(|| invalid(f("variant_id"), format!("unknown variant {variant_id:?}")))?,
            quantity: at_least_one(*quantity, f("quantity"))?,
            line_id: Arc::from(format!("gift:{}", promotion.id)),
        },
    })
}

/// Checks the packaging options: a name, a price that is valid money and not negative, one option per
/// kind and currency.
pub(super) fn check_packaging(rules: &PricingRules) -> Result<(), PricingError> {
    for (i, option) in rules.packaging.iter().enumerate() {
        let field = |name: &str| format!("rules.packaging[{i}].{name}");
        if option.name.trim().is_empty() {
            return Err(invalid(field("name"), "must not be empty"));
        }
        minor(option.price.currency(), option.price.amount(), field("price"))?;
        let twin =
            rules.packaging[..i].iter().any(|o| o.kind == option.kind && o.price.currency() == option.price.currency());
        if twin {
            let reason = format!("{} is already offered in {}", option.kind, option.price.currency());
            return Err(invalid(field("kind"), reason));
        }
    }
    Ok(())
}

/// Validates and compiles the shipping methods, in the given order.
pub(super) fn compile_shipping(rules: &PricingRules) -> Result<Vec<CompiledShipping>, PricingError> {
    rules
        .shipping_methods
        .iter()
        .enumerate()
        .map(|(i, method)| {
            if rules.shipping_methods[..i].iter().any(|m| m.id == method.id) {
                return Err(invalid(
                    format!("rules.shipping_methods[{i}].id"),
                    format!("duplicate id {:?}", method.id),
                ));
            }
            compile_method(method, &format!("rules.shipping_methods[{i}]"))
        })
        .collect()
}

fn compile_method(method: &ShippingMethod, field: &str) -> Result<CompiledShipping, PricingError> {
    let currency = method.currency;
    let rate = match &method.rate {
        ShippingRate::Flat { amount } => CompiledRate::Flat(minor(currency, *amount, format!("{field}.rate.amount"))?),
        ShippingRate::WeightBands { bands } => {
            let compiled = bands
                .iter()
                .enumerate()
                .map(|(b, band)| {
                    Ok((band.up_to_grams, minor(currency, band.amount, format!("{field}.rate.bands[{b}].amount"))?))
                })
                .collect::<Result<Vec<_>, PricingError>>()?;
            let bounded: Vec<u64> = compiled.iter().map_while(|band| band.0).collect();
            if compiled.is_empty() || bounded.windows(2).any(|w| w[0] >= w[1]) || bounded.len() + 1 < compiled.len() {
                return Err(invalid(
                    format!("{field}.rate.bands"),
                    "weight bands must ascend, with only the last open",
                ));
            }
            CompiledRate::WeightBands(compiled)
        }
        ShippingRate::SubtotalBands { bands } => {
            let mut compiled = bands
                .iter()
                .enumerate()
                .map(|(b, band)| {
                    Ok((
                        minor(currency, band.min_subtotal, format!("{field}.rate.bands[{b}].min_subtotal"))?,
                        minor(currency, band.amount, format!("{field}.rate.bands[{b}].amount"))?,
                    ))
                })
                .collect::<Result<Vec<_>, PricingError>>()?;
            if compiled.is_empty() {
                return Err(invalid(format!("{field}.rate.bands"), "needs at least one band"));
            }
            compiled.sort_by_key(|band| band.0);
            CompiledRate::SubtotalBands(compiled)
        }
    };
    let free_over = method.free_over.map(|amount| minor(currency, amount, format!("{field}.free_over"))).transpose()?;
    Ok(CompiledShipping { rate, free_over })
}

/// Checks that every tax rate is a fraction from 0 to 1.
pub(super) fn check_tax_rates(rules: &PricingRules) -> Result<(), PricingError> {
    for (i, rule) in rules.tax.rules.iter().enumerate() {
        if rule.rate < Decimal::ZERO || rule.rate > Decimal::ONE {
            return Err(invalid(
                format!("rules.tax.rules[{i}].rate"),
                format!("{} is not a fraction from 0 to 1", rule.rate),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{CatalogData, Product};
    use crate::delivery::WeightBand;
    use crate::money::Money;
    use crate::promotion::Conditions;
    use crate::tax::TaxRule;

    fn catalog() -> Catalog {
        let product = Product::simple("p", "P", "v", Money::from_minor(1000, Currency::EUR));
        Catalog::new(CatalogData { products: vec![product], ..CatalogData::default() }).unwrap()
    }

    fn promotion(id: &str, action: Action) -> Promotion {
        Promotion {
            id: id.into(),
            name: String::new(),
            priority: 0,
            exclusive: false,
            stackable: true,
            coupon_code: None,
            currency: Some(Currency::EUR),
            conditions: Conditions::default(),
            action,
        }
    }

    fn refused(rules: PricingRules) -> String {
        let err = crate::pricing::Pricer::new(catalog(), rules).unwrap_err();
        err.to_string()
    }

    fn with_promotions(promotions: Vec<Promotion>) -> PricingRules {
        PricingRules { promotions, ..PricingRules::default() }
    }

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn ratios_are_in_lowest_terms() {
        assert_eq!(Ratio::percent(dec("12.5")), Ratio { num: 1, den: 8 });
        assert_eq!(Ratio::fraction(dec("0.2000000000000000000000000000")), Ratio { num: 1, den: 5 });
        assert_eq!(Ratio::contained(dec("0.20")), Ratio { num: 1, den: 6 });
        assert_eq!(Ratio::percent(dec("0")), Ratio { num: 0, den: 1 });
        let third = Ratio::percent(dec("33.33333333333333333333333333"));
        assert_eq!((third.num, third.den), (3_333_333_333_333_333_333_333_333_333, 10i128.pow(28)));
    }

    #[test]
    fn percentages_must_be_between_0_and_100() {
        let action = Action::PercentOff { percent: dec("100.5"), target: Selector::default() };
        let message = refused(with_promotions(vec![promotion("a", action)]));
        assert!(message.starts_with("rules.promotions[0].action.percent"), "{message}");
    }

    #[test]
    fn amounts_need_a_currency_and_the_currency_scale() {
        let mut no_currency = promotion("a", Action::OrderAmountOff { amount: dec("5") });
        no_currency.currency = None;
        assert!(refused(with_promotions(vec![no_currency])).starts_with("rules.promotions[0].currency"));
        let too_fine = promotion("a", Action::OrderAmountOff { amount: dec("5.005") });
        assert!(refused(with_promotions(vec![too_fine])).contains("rules.promotions[0].action.amount"));
        let negative = promotion("a", Action::OrderAmountOff { amount: dec("-1") });
        assert!(refused(with_promotions(vec![negative])).contains("must not be negative"));
    }

    #[test]
    fn ids_and_coupon_codes_are_unique() {
        let action = || Action::FreeShipping;
        let message = refused(with_promotions(vec![promotion("a", action()), promotion("a", action())]));
        assert!(message.starts_with("rules.promotions[1].id"), "{message}");
        let mut first = promotion("a", action());
        let mut second = promotion("b", action());
        first.coupon_code = Some("SAVE".into());
        second.coupon_code = Some("save".into());
        assert!(refused(with_promotions(vec![first, second])).starts_with("rules.promotions[1].coupon_code"));
    }

    #[test]
    fn quantities_tiers_gifts_and_windows_are_checked() {
        let bxgy = Action::BuyXGetY {
            buy: Selector::default(),
            buy_quantity: 0,
            get: Selector::default(),
            get_quantity: 1,
            percent: dec("100"),
            max_applications: None,
        };
        assert!(refused(with_promotions(vec![promotion("a", bxgy)])).contains("buy_quantity"));
        let tiered = Action::Tiered { tiers: vec![], target: Selector::default() };
        assert!(refused(with_promotions(vec![promotion("a", tiered)])).contains("action.tiers"));
        let gift = Action::FreeGift { variant_id: "nope".into(), quantity: 1 };
        assert!(refused(with_promotions(vec![promotion("a", gift)])).contains("unknown variant"));
        let mut window = promotion("a", Action::FreeShipping);
        window.conditions.starts_at = Some("2026-02-01T00:00:00Z".parse().unwrap());
        window.conditions.ends_at = Some("2026-01-01T00:00:00Z".parse().unwrap());
        assert!(refused(with_promotions(vec![window])).contains("conditions.ends_at"));
    }

    #[test]
    fn shipping_bands_and_tax_rates_are_checked() {
        let method = |bands: Vec<WeightBand>| ShippingMethod {
            id: "m".into(),
            name: "M".into(),
            currency: Currency::EUR,
            regions: vec![],
            tax_category: "shipping".into(),
            rate: ShippingRate::WeightBands { bands },
            free_over: None,
        };
        let band = |up_to: Option<u64>| WeightBand { up_to_grams: up_to, amount: dec("1") };
        let open_in_the_middle = method(vec![band(Some(1)), band(None), band(Some(5))]);
        let rules = PricingRules { shipping_methods: vec![open_in_the_middle], ..PricingRules::default() };
        assert!(refused(rules).starts_with("rules.shipping_methods[0].rate.bands"));
        let descending = method(vec![band(Some(5)), band(Some(1))]);
        let rules = PricingRules { shipping_methods: vec![descending], ..PricingRules::default() };
        assert!(refused(rules).contains("must ascend"));
        let ascending = method(vec![band(Some(1)), band(Some(5)), band(None)]);
        let rules = PricingRules { shipping_methods: vec![ascending], ..PricingRules::default() };
        assert!(crate::pricing::Pricer::new(catalog(), rules).is_ok());
        let mut rules = PricingRules::default();
        rules.tax.rules.push(TaxRule { region: "DE".into(), tax_category: None, rate: dec("19"), name: String::new() });
        assert!(refused(rules).starts_with("rules.tax.rules[0].rate"));
    }

    #[test]
    fn packaging_options_need_a_name_and_a_price_not_below_zero() {
        use crate::delivery::{PackagingKind, PackagingOption};
        let option = |name: &str, minor: i64| {
            PackagingOption::new(PackagingKind::GiftWrap, name, Money::from_minor(minor, Currency::EUR))
        };
        let rules = |options: Vec<PackagingOption>| PricingRules { packaging: options, ..PricingRules::default() };
        assert_eq!(refused(rules(vec![option(" ", 350)])), "rules.packaging[0].name: must not be empty");
        assert!(refused(rules(vec![option("Wrap", -1)])).starts_with("rules.packaging[0].price"));
        let in_two_currencies = vec![
            option("Wrap", 350),
            PackagingOption::new(PackagingKind::GiftWrap, "Wrap", Money::from_minor(4, Currency::USD)),
        ];
        assert!(crate::pricing::Pricer::new(catalog(), rules(in_two_currencies)).is_ok());
    }
}
