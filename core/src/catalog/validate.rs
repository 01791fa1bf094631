//! Catalog validation and indexing in one pass: ids are unique, references resolve, options and
//! prices are well formed, the category tree has no cycles; the indexes pricing relies on are built here.

use std::collections::{BTreeSet, HashSet};

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::error::invalid;
use super::{CatalogData, CatalogError, CatalogIndex, ListPrice, Product, SharedIds, VariantRef};
use crate::money::Currency;

pub(super) fn validate_and_index(data: &CatalogData) -> Result<CatalogIndex, CatalogError> {
    let mut index = CatalogIndex { categories: index_categories(data)?, ..CatalogIndex::default() };
    for (p, product) in data.products.iter().enumerate() {
        let field = format!("products[{p}]");
        require_id(&product.id, &format!("{field}.id"))?;
        if index.products.insert(product.id.clone(), p as u32).is_some() {
            return Err(duplicate(format!("{field}.id"), &product.id));
        }
        validate_product(product, &field, &index.categories)?;
        for (v, variant) in product.variants.iter().enumerate() {
            let vref = VariantRef { product: p as u32, variant: v as u32 };
            if index.variants.insert(variant.id.clone(), vref).is_some() {
                return Err(duplicate(format!("{field}.variants[{v}].id"), &variant.id));
            }
        }
        index.product_categories.push(category_closure(data, &index.categories, product));
        index.shared_ids.push(SharedIds::of(product));
    }
    index.list_prices = index_price_lists(data, &index.variants)?;
    Ok(index)
}

fn duplicate(field: String, id: &str) -> CatalogError {
    CatalogError::DuplicateId { field, id: id.to_owned() }
}

fn unknown(field: String, kind: &'static str, id: &str) -> CatalogError {
    CatalogError::UnknownReference { field, kind, id: id.to_owned() }
}

fn require_id(id: &str, field: &str) -> Result<(), CatalogError> {
    if id.trim().is_empty() {
        Err(invalid(field, "must not be empty"))
    } else {
        Ok(())
    }
}

fn index_categories(data: &CatalogData) -> Result<FxHashMap<String, u32>, CatalogError> {
    let mut ids = FxHashMap::default();
    for (c, category) in data.categories.iter().enumerate() {
        require_id(&category.id, &format!("categories[{c}].id"))?;
        if ids.insert(category.id.clone(), c as u32).is_some() {
            return Err(duplicate(format!("categories[{c}].id"), &category.id));
        }
    }
    for (c, category) in data.categories.iter().enumerate() {
        let mut seen = HashSet::new();
        let mut parent = category.parent_id.as_deref();
        seen.insert(category.id.as_str());
        while let Some(id) = parent {
            let Some(&at) = ids.get(id) else {
                return Err(unknown(format!("categories[{c}].parent_id"), "category", id));
            };
            if !seen.insert(id) {
                return Err(invalid(
                    format!("categories[{c}].parent_id"),
                    format!("category {:?} is its own ancestor", category.id),
                ));
            }
            parent = data.categories[at as usize].parent_id.as_deref();
        }
    }
    Ok(ids)
}

fn category_closure(data: &CatalogData, ids: &FxHashMap<String, u32>, product: &Product) -> Vec<u32> {
    let mut closure: Vec<u32> = Vec::new();
    for id in &product.category_ids {
        let mut next = ids.get(id.as_str()).copied();
        while let Some(at) = next {
            if !closure.contains(&at) {
                closure.push(at);
            }
            next = data.categories[at as usize].parent_id.as_deref().and_then(|parent| ids.get(parent).copied());
        }
    }
    closure.sort_unstable();
    closure
}

fn validate_product(product: &Product, field: &str, categories: &FxHashMap<String, u32>) -> Result<(), CatalogError> {
    if product.name.trim().is_empty() {
        return Err(invalid(format!("{field}.name"), "must not be empty"));
    }
    if product.variants.is_empty() {
        return Err(invalid(format!("{field}.variants"), "a product needs at least one variant"));
    }
    for (c, id) in product.category_ids.iter().enumerate() {
        if !categories.contains_key(id) {
            return Err(unknown(format!("{field}.category_ids[{c}]"), "category", id));
        }
    }
    validate_options(product, field)?;
    super::configurable::validate_rules(product, field)?;
    let mut combinations = HashSet::new();
    for (v, variant) in product.variants.iter().enumerate() {
        let vfield = format!("{field}.variants[{v}]");
        require_id(&variant.id, &format!("{vfield}.id"))?;
        validate_variant_options(product, variant, &vfield)?;
        validate_oversell(variant, &vfield)?;
        if !product.options.is_empty() && !combinations.insert(&variant.options) {
            return Err(invalid(
                format!("{vfield}.options"),
                "another variant of this product has the same option values",
            ));
        }
        validate_prices(
            variant.prices.iter().map(|p| (p.currency, p.amount, p.min_quantity)),
            &format!("{vfield}.prices"),
        )?;
    }
    Ok(())
}

fn validate_options(product: &Product, field: &str) -> Result<(), CatalogError> {
    let mut names = HashSet::new();
    for (o, option) in product.options.iter().enumerate() {
        if option.name.trim().is_empty() {
            return Err(invalid(format!("{field}.options[{o}].name"), "must not be empty"));
        }
        if !names.insert(option.name.as_str()) {
            return Err(duplicate(format!("{field}.options[{o}].name"), &option.name));
        }
        if option.values.is_empty() {
            return Err(invalid(format!("{field}.options[{o}].values"), "an option needs at least one value"));
        }
        let mut values = HashSet::new();
        for (i, value) in option.values.iter().enumerate() {
            if !values.insert(value.as_str()) {
                return Err(duplicate(format!("{field}.options[{o}].values[{i}]"), value));
            }
        }
    }
    Ok(())
}

/// A pre-order needs its release date; a backorder limit needs a backorder or pre-order.
fn validate_oversell(variant: &super::Variant, field: &str) -> Result<(), CatalogError> {
    if variant.preorder && variant.expected_on.is_none() {
        return Err(invalid(format!("{field}.expected_on"), "a pre-order needs its expected release date"));
    }
    if variant.backorder_limit.is_some() && variant.oversell().is_none() {
        return Err(invalid(format!("{field}.backorder_limit"), "only a backorder or pre-order has a limit"));
    }
    Ok(())
}

fn validate_variant_options(product: &Product, variant: &super::Variant, field: &str) -> Result<(), CatalogError> {
    for (name, value) in &variant.options {
        let Some(option) = product.options.iter().find(|o| &o.name == name) else {
            return Err(unknown(format!("{field}.options.{name}"), "option", name));
        };
        if !option.values.contains(value) {
            return Err(unknown(format!("{field}.options.{name}"), "option value", value));
        }
    }
    if let Some(missing) = product.options.iter().find(|o| !variant.options.contains_key(&o.name)) {
        return Err(invalid(format!("{field}.options"), format!("no value for option {:?}", missing.name)));
    }
    Ok(())
}

/// Checks amounts (not negative, no finer than the minor unit), tiers (`min_quantity` >= 1, unique per
/// currency) and that every currency has a plain price from one unit.
fn validate_prices(prices: impl Iterator<Item = (Currency, Decimal, u32)>, field: &str) -> Result<(), CatalogError> {
    let mut tiers = BTreeSet::new();
    let mut currencies = BTreeSet::new();
    for (i, (currency, amount, min_quantity)) in prices.enumerate() {
        let amount_field = format!("{field}[{i}].amount");
        if amount.is_sign_negative() && !amount.is_zero() {
            return Err(invalid(amount_field, format!("{amount} must not be negative")));
        }
        currency.to_minor(amount, &amount_field)?;
        if min_quantity == 0 {
            return Err(invalid(format!("{field}[{i}].min_quantity"), "must be at least 1"));
        }
        if !tiers.insert((currency, min_quantity)) {
            return Err(invalid(
                format!("{field}[{i}].min_quantity"),
                format!("a {currency} price from {min_quantity} units is already given"),
            ));
        }
        currencies.insert(currency);
    }
    for currency in currencies {
        if !tiers.contains(&(currency, 1)) {
            return Err(invalid(field, format!("no {currency} price from 1 unit (min_quantity 1)")));
        }
    }
    Ok(())
}

fn index_price_lists(
    data: &CatalogData,
    variants: &FxHashMap<String, VariantRef>,
) -> Result<FxHashMap<String, Vec<ListPrice>>, CatalogError> {
    let mut ids = HashSet::new();
    let mut prices: FxHashMap<String, Vec<ListPrice>> = FxHashMap::default();
    for (l, list) in data.price_lists.iter().enumerate() {
        let field = format!("price_lists[{l}]");
        require_id(&list.id, &format!("{field}.id"))?;
        if !ids.insert(list.id.as_str()) {
            return Err(duplicate(format!("{field}.id"), &list.id));
        }
        if let (Some(start), Some(end)) = (list.starts_at, list.ends_at) {
            if start >= end {
                return Err(invalid(format!("{field}.ends_at"), "must be after starts_at"));
            }
        }
        let mut tiers = BTreeSet::new();
        for (e, entry) in list.prices.iter().enumerate() {
            let efield = format!("{field}.prices[{e}]");
            if !variants.contains_key(&entry.variant_id) {
                return Err(unknown(format!("{efield}.variant_id"), "variant", &entry.variant_id));
            }
            if entry.amount.is_sign_negative() && !entry.amount.is_zero() {
                return Err(invalid(format!("{efield}.amount"), format!("{} must not be negative", entry.amount)));
            }
            let minor = list.currency.to_minor(entry.amount, &format!("{efield}.amount"))?;
            if entry.min_quantity == 0 {
                return Err(invalid(format!("{efield}.min_quantity"), "must be at least 1"));
            }
            if !tiers.insert((entry.variant_id.as_str(), entry.min_quantity)) {
                return Err(invalid(
                    format!("{efield}.min_quantity"),
                    format!("variant {:?} already has a price from {} units", entry.variant_id, entry.min_quantity),
                ));
            }
            prices.entry(entry.variant_id.clone()).or_default().push(ListPrice {
                list: l as u32,
                min_quantity: entry.min_quantity,
                minor,
            });
        }
    }
    // Resolution reads each list's tiers in ascending order.
    for list_prices in prices.values_mut() {
        list_prices.sort_by_key(|p| (p.list, p.min_quantity));
    }
    Ok(prices)
}
