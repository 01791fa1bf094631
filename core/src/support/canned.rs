//! Canned replies: a library of reusable answers with per-locale variants, rendered by minijinja
//! with strict placeholders (`{{ customer_name }}`), plain-text output and a bounded work budget.
//!
//! Templates are edited by shop staff at runtime, so rendering is kept cheap and predictable: only
//! `if`/`elif`/`else` blocks are allowed (no loops, macros, includes or `set`), every name a template
//! uses must be a given placeholder value (so global functions such as `range` are unknown
//! placeholders), and a template is at most [`MAX_TEMPLATE_CHARS`] long.

use std::collections::{BTreeMap, BTreeSet};

use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Longest template accepted, in characters; together with the tag rules this bounds rendering work.
pub const MAX_TEMPLATE_CHARS: usize = 10_000;

/// Block tags a canned reply may use.
const ALLOWED_TAGS: [&str; 4] = ["if", "elif", "else", "endif"];

/// Why a canned reply could not be stored or rendered.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CannedError {
    /// A field of the reply is missing or malformed.
    #[error("{field}: {reason}")]
    InvalidField {
        /// The offending field, e.g. `title` or `variants[de]`.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A reply with this id is already in the library.
    #[error("canned reply {reply_id} already exists")]
    DuplicateReply {
        /// The id.
        reply_id: String,
    },
    /// No reply with this id in the library.
    #[error("canned reply {reply_id} not found")]
    ReplyNotFound {
        /// The id asked for.
        reply_id: String,
    },
    /// The reply has no variant for its own default locale.
    #[error("canned reply {reply_id} has no variant for its default locale {locale}")]
    MissingDefaultVariant {
        /// The reply.
        reply_id: String,
        /// Its default locale.
        locale: String,
    },
    /// A variant uses a block tag canned replies may not use (loops, macros, includes, `set`).
    #[error("canned reply {reply_id} [{locale}]: the {{% {tag} %}} tag is not allowed; use only if/elif/else")]
    DisallowedTag {
        /// The reply.
        reply_id: String,
        /// The variant's locale.
        locale: String,
        /// The tag found.
        tag: String,
    },
    /// A variant is not a valid template.
    #[error("canned reply {reply_id} [{locale}]: {detail}")]
    Syntax {
        /// The reply.
        reply_id: String,
        /// The variant's locale.
        locale: String,
        /// minijinja's description, with the line.
        detail: String,
    },
    /// The template uses a placeholder for which no value was given.
    #[error("canned reply {reply_id}: unknown placeholder {placeholder:?}")]
    UnknownPlaceholder {
        /// The reply.
        reply_id: String,
        /// The placeholder, e.g. `order_number` or `order.number`.
        placeholder: String,
    },
    /// Rendering failed for another reason (e.g. a filter given a wrong argument).
    #[error("canned reply {reply_id}: {detail}")]
    Render {
        /// The reply.
        reply_id: String,
        /// minijinja's description.
        detail: String,
    },
}

/// A reusable answer with one template per locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CannedReply {
    /// A stable id chosen by the shop, e.g. `where-is-my-order`.
    pub id: String,
    /// What agents see in the picker.
    pub title: String,
    /// Grouping in the picker, e.g. `delivery` or `returns`.
    pub category: String,
    /// The locale used when the customer's locale (and its language) has no variant.
    pub default_locale: String,
    /// Template per locale tag (`en`, `bg`, `de-AT`).
    pub variants: BTreeMap<String, String>,
}

/// A reply rendered for one customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RenderedReply {
    /// The reply rendered.
    pub reply_id: String,
    /// The variant's locale that was used (after fallback).
    pub locale: String,
    /// The plain text.
    pub body: String,
}

impl CannedReply {
    /// The variant for `locale`: the exact tag, else its language (`de-AT` -> `de`), else the
    /// default locale. Tags compare case-insensitively with `_` read as `-`. Returns (locale, template).
    pub fn variant_for(&self, locale: &str) -> Option<(&str, &str)> {
        let wanted = normalize_locale(locale);
        let language = wanted.split('-').next().unwrap_or_default().to_owned();
        [wanted, language, normalize_locale(&self.default_locale)]
            .iter()
            .find_map(|tag| self.variants.iter().find(|(key, _)| normalize_locale(key) == *tag))
            .map(|(key, template)| (key.as_str(), template.as_str()))
    }

    /// The placeholders the variant for `locale` uses, sorted (for an editor's hint list).
    pub fn placeholders(&self, locale: &str) -> Result<Vec<String>, CannedError> {
        let (used, source) = self.variant_for(locale).ok_or_else(|| self.missing_default())?;
        let env = environment();
        let template = env.template_from_named_str(&self.id, source).map_err(|e| self.syntax(used, &e))?;
        Ok(template.undeclared_variables(true).into_iter().collect::<BTreeSet<_>>().into_iter().collect())
    }

    /// Checks id, title, category, the default variant and every template.
    pub fn validate(&self) -> Result<(), CannedError> {
        required("id", &self.id)?;
        required("title", &self.title)?;
        required("category", &self.category)?;
        if !self.variants.contains_key(&self.default_locale) {
            return Err(self.missing_default());
        }
        self.variants.iter().try_for_each(|(locale, source)| self.check_variant(locale, source))
    }

    /// Renders the variant for `locale` with `values`; every placeholder must have a value.
    pub fn render(&self, locale: &str, values: &BTreeMap<String, String>) -> Result<RenderedReply, CannedError> {
        let (used, source) = self.variant_for(locale).ok_or_else(|| self.missing_default())?;
        let env = environment();
        let template = env.template_from_named_str(&self.id, source).map_err(|e| self.syntax(used, &e))?;
        let mut unknown: Vec<String> =
            template.undeclared_variables(true).into_iter().filter(|name| !values.contains_key(name)).collect();
        unknown.sort();
        if let Some(placeholder) = unknown.into_iter().next() {
            return Err(CannedError::UnknownPlaceholder { reply_id: self.id.clone(), placeholder });
        }
        let body = template
            .render(Value::from_pairs(values.iter().map(|(k, v)| (k.as_str(), v.as_str()))))
            .map_err(|e| CannedError::Render { reply_id: self.id.clone(), detail: describe(&e) })?;
        Ok(RenderedReply { reply_id: self.id.clone(), locale: used.to_owned(), body })
    }

    fn check_variant(&self, locale: &str, source: &str) -> Result<(), CannedError> {
        if source.chars().count() > MAX_TEMPLATE_CHARS {
            let reason = format!("must be at most {MAX_TEMPLATE_CHARS} characters");
            return Err(CannedError::InvalidField { field: format!("variants[{locale}]"), reason });
        }
        if let Some(tag) = block_tags(source).find(|tag| !ALLOWED_TAGS.contains(tag)) {
            let (reply_id, locale, tag) = (self.id.clone(), locale.to_owned(), tag.to_owned());
            return Err(CannedError::DisallowedTag { reply_id, locale, tag });
        }
        environment().template_from_named_str(&self.id, source).map(drop).map_err(|e| self.syntax(locale, &e))
    }

    fn missing_default(&self) -> CannedError {
        CannedError::MissingDefaultVariant { reply_id: self.id.clone(), locale: self.default_locale.clone() }
    }

    fn syntax(&self, locale: &str, error: &minijinja::Error) -> CannedError {
        CannedError::Syntax { reply_id: self.id.clone(), locale: locale.to_owned(), detail: describe(error) }
    }
}

/// The shop's canned replies, kept valid: every reply in it passed [`CannedReply::validate`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CannedLibrary {
    replies: Vec<CannedReply>,
}

impl CannedLibrary {
    /// Adds a reply after validating it; ids are unique.
    pub fn add(&mut self, reply: CannedReply) -> Result<(), CannedError> {
        if self.get(&reply.id).is_some() {
            return Err(CannedError::DuplicateReply { reply_id: reply.id });
        }
        reply.validate()?;
        self.replies.push(reply);
        Ok(())
    }

    /// Checks a library read as a whole (from stored or submitted settings): every reply valid, no
    /// id twice.
    pub fn validate(&self) -> Result<(), CannedError> {
        for (index, reply) in self.replies.iter().enumerate() {
            if self.replies[..index].iter().any(|earlier| earlier.id == reply.id) {
                return Err(CannedError::DuplicateReply { reply_id: reply.id.clone() });
            }
            reply.validate()?;
        }
        Ok(())
    }

    /// Replaces the reply with the same id after validating the new version.
    pub fn update(&mut self, reply: CannedReply) -> Result<(), CannedError> {
        let index = self.index(&reply.id)?;
        reply.validate()?;
        self.replies[index] = reply;
        Ok(())
    }

    /// Removes the reply `reply_id` and returns it.
    pub fn remove(&mut self, reply_id: &str) -> Result<CannedReply, CannedError> {
        let index = self.index(reply_id)?;
        Ok(self.replies.remove(index))
    }

    /// The reply `reply_id`, if any.
    pub fn get(&self, reply_id: &str) -> Option<&CannedReply> {
        self.replies.iter().find(|r| r.id == reply_id)
    }

    /// All replies, in the order they were added.
    pub fn replies(&self) -> &[CannedReply] {
        &self.replies
    }

    /// The replies of `category`, sorted by title.
    pub fn in_category(&self, category: &str) -> Vec<&CannedReply> {
        let mut found: Vec<&CannedReply> = self.replies.iter().filter(|r| r.category == category).collect();
        found.sort_by(|a, b| a.title.cmp(&b.title));
        found
    }

    /// Renders the reply `reply_id` for a customer's `locale` with `values` for its placeholders.
    pub fn render(
        &self,
        reply_id: &str,
        locale: &str,
        values: &BTreeMap<String, String>,
    ) -> Result<RenderedReply, CannedError> {
        self.get(reply_id)
            .ok_or_else(|| CannedError::ReplyNotFound { reply_id: reply_id.to_owned() })?
            .render(locale, values)
    }

    fn index(&self, reply_id: &str) -> Result<usize, CannedError> {
        self.replies
            .iter()
            .position(|r| r.id == reply_id)
            .ok_or_else(|| CannedError::ReplyNotFound { reply_id: reply_id.to_owned() })
    }
}

/// A plain-text environment: strict undefined values and no auto-escaping.
/// Instructions one rendering may execute: far above any reply an agent writes, low enough that a
/// runaway template stops at once.
const RENDER_FUEL: u64 = 20_000;

fn environment<'source>() -> Environment<'source> {
    let mut env = Environment::new();
    env.set_fuel(Some(RENDER_FUEL));
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env
}

/// The names of the block tags in `source` (`{% if x %}` -> `if`, `{%- endif -%}` -> `endif`).
fn block_tags(source: &str) -> impl Iterator<Item = &str> {
    source.split("{%").skip(1).map(|rest| {
        let rest = rest.trim_start_matches(['-', '+', '~']).trim_start();
        let end = rest.find(|c: char| !c.is_ascii_alphanumeric() && c != '_').unwrap_or(rest.len());
        &rest[..end]
    })
}

fn normalize_locale(locale: &str) -> String {
    locale.trim().replace('_', "-").to_ascii_lowercase()
}

fn required(field: &str, text: &str) -> Result<(), CannedError> {
    if text.trim().is_empty() {
        return Err(CannedError::InvalidField { field: field.to_owned(), reason: "must not be empty".to_owned() });
    }
    Ok(())
}

fn describe(error: &minijinja::Error) -> String {
    let detail = error.detail().map_or_else(|| error.kind().to_string(), str::to_owned);
    match error.line() {
        Some(line) => format!("{detail} (line {line})"),
        None => detail,
    }
}

crate::error_code!(CannedError, "support", {
    CannedError::InvalidField { field, .. } => "invalid_field" @ &**field,
    CannedError::DuplicateReply { .. } => "duplicate_reply",
    CannedError::ReplyNotFound { .. } => "reply_not_found",
    CannedError::MissingDefaultVariant { .. } => "missing_default_variant",
    CannedError::DisallowedTag { .. } => "disallowed_tag",
    CannedError::Syntax { .. } => "syntax",
    CannedError::UnknownPlaceholder { .. } => "unknown_placeholder" @ "values",
    CannedError::Render { .. } => "render",
});

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(id: &str, variants: &[(&str, &str)]) -> CannedReply {
        CannedReply {
            id: id.into(),
            title: "Where is my order".into(),
            category: "delivery".into(),
            default_locale: "en".into(),
            variants: variants.iter().map(|(l, t)| (l.to_string(), t.to_string())).collect(),
        }
    }

    fn where_is_my_order() -> CannedReply {
        reply(
            "where-is-my-order",
            &[
                ("en", "Hello {{ customer_name }}, order {{ order_number }} is on its way: {{ tracking_link }}"),
                ("bg", "Здравейте, {{ customer_name }}! Поръчка {{ order_number }} пътува: {{ tracking_link }}"),
                ("de-AT", "Servus {{ customer_name }}, Bestellung {{ order_number }}: {{ tracking_link }}"),
            ],
        )
    }

    fn values() -> BTreeMap<String, String> {
        [("customer_name", "Ana"), ("order_number", "1042"), ("tracking_link", "https://t.example/1042?a=1&b=2")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    }

    fn library() -> CannedLibrary {
        let mut library = CannedLibrary::default();
        library.add(where_is_my_order()).unwrap();
        library
    }

    #[test]
    fn renders_placeholders_in_the_customers_locale() {
        let rendered = library().render("where-is-my-order", "bg", &values()).unwrap();
        assert_eq!(rendered.locale, "bg");
        assert_eq!(rendered.body, "Здравейте, Ana! Поръчка 1042 пътува: https://t.example/1042?a=1&b=2");
    }

    #[test]
    fn locale_falls_back_to_the_language_then_the_default() {
        let library = library();
        assert_eq!(library.render("where-is-my-order", "de_at", &values()).unwrap().locale, "de-AT");
        assert_eq!(library.render("where-is-my-order", "bg-BG", &values()).unwrap().locale, "bg");
        let fallback = library.render("where-is-my-order", "zh-CN", &values()).unwrap();
        assert_eq!(fallback.locale, "en");
        assert!(fallback.body.starts_with("Hello Ana"));
    }

    #[test]
    fn unknown_placeholder_is_a_typed_error_naming_it() {
        let mut partial = values();
        partial.remove("tracking_link");
        let err = library().render("where-is-my-order", "en", &partial).unwrap_err();
        let expected = CannedError::UnknownPlaceholder {
            reply_id: "where-is-my-order".into(),
            placeholder: "tracking_link".into(),
        };
        assert_eq!(err, expected);
    }

    #[test]
    fn attribute_lookups_on_flat_values_are_unknown_placeholders() {
        let nested = reply("r", &[("en", "Order {{ order.number }}")]);
        let mut values = values();
        values.insert("order".into(), "1042".into());
        let err = nested.render("en", &values).unwrap_err();
        assert_eq!(crate::error::ErrorCode::field(&err), Some("values"), "the values lack it");
        assert!(matches!(err, CannedError::UnknownPlaceholder { placeholder, .. } if placeholder == "order.number"));
    }

    #[test]
    fn undefined_lookups_fail_strictly_instead_of_rendering_empty() {
        let subscript = reply("r", &[("en", "Hi {{ customer_name['first'] }}")]);
        let err = subscript.render("en", &values()).unwrap_err();
        assert!(matches!(&err, CannedError::Render { reply_id, .. } if reply_id == "r"), "{err}");
    }

    #[test]
    fn html_is_not_escaped_in_plain_text() {
        let html_named = reply("welcome.html", &[("en", "Hi {{ customer_name }}")]);
        let mut values = BTreeMap::new();
        values.insert("customer_name".to_owned(), "<Ana & Bo>".to_owned());
        assert_eq!(html_named.render("en", &values).unwrap().body, "Hi <Ana & Bo>");
    }

    #[test]
    fn conditions_and_filters_work() {
        let conditional = reply(
            "r",
            &[("en", "{% if tracking_link %}Track: {{ tracking_link }}{% else %}No tracking yet{% endif %}, {{ customer_name|upper }}")],
        );
        let mut values = values();
        assert_eq!(conditional.render("en", &values).unwrap().body, "Track: https://t.example/1042?a=1&b=2, ANA");
        values.insert("tracking_link".into(), String::new());
        assert_eq!(conditional.render("en", &values).unwrap().body, "No tracking yet, ANA");
    }

    #[test]
    fn render_errors_other_than_placeholders_are_typed() {
        let bad_filter = reply("r", &[("en", "{{ customer_name|truncate('x') }}")]);
        assert!(matches!(bad_filter.render("en", &values()), Err(CannedError::Render { .. })));
    }

    #[test]
    fn loops_and_other_block_tags_are_refused() {
        for (source, tag) in [
            ("{% for c in customer_name %}{{ c }}{% endfor %}", "for"),
            ("{%- set x = 1 -%}", "set"),
            ("{% macro m() %}{% endmacro %}", "macro"),
            ("{% include 'other' %}", "include"),
        ] {
            let err = reply("r", &[("en", source)]).validate().unwrap_err();
            assert!(
                matches!(&err, CannedError::DisallowedTag { tag: t, locale, .. } if t == tag && locale == "en"),
                "{err}"
            );
        }
        assert!(reply("r", &[("en", "{%- if a -%}x{%+ elif b %}y{% else %}z{% endif %}")]).validate().is_ok());
    }

    #[test]
    fn global_functions_are_unknown_placeholders() {
        let ranged = reply("r", &[("en", "{{ range(100000)|join }}")]);
        let err = ranged.render("en", &values()).unwrap_err();
        assert!(matches!(err, CannedError::UnknownPlaceholder { placeholder, .. } if placeholder == "range"));
    }

    #[test]
    fn templates_are_length_limited() {
        let long = "x".repeat(MAX_TEMPLATE_CHARS + 1);
        let err = reply("r", &[("en", &long)]).validate().unwrap_err();
        assert!(matches!(err, CannedError::InvalidField { field, .. } if field == "variants[en]"));
        assert!(reply("r", &[("en", &"x".repeat(MAX_TEMPLATE_CHARS))]).validate().is_ok());
    }

    #[test]
    fn syntax_errors_name_reply_and_locale() {
        let err = reply("r", &[("en", "ok"), ("bg", "{{ customer_name ")]).validate().unwrap_err();
        assert!(
            matches!(&err, CannedError::Syntax { reply_id, locale, .. } if reply_id == "r" && locale == "bg"),
            "{err}"
        );
        assert!(err.to_string().contains("line 1"), "{err}");
    }

    #[test]
    fn replies_need_id_title_category_and_a_default_variant() {
        let field = |r: CannedReply| match r.validate().unwrap_err() {
            CannedError::InvalidField { field, .. } => field,
            other => panic!("unexpected {other:?}"),
        };
        assert_eq!(field(CannedReply { id: " ".into(), ..where_is_my_order() }), "id");
        assert_eq!(field(CannedReply { title: "".into(), ..where_is_my_order() }), "title");
        assert_eq!(field(CannedReply { category: "".into(), ..where_is_my_order() }), "category");
        let no_default = CannedReply { default_locale: "ru".into(), ..where_is_my_order() };
        let expected = CannedError::MissingDefaultVariant { reply_id: "where-is-my-order".into(), locale: "ru".into() };
        assert_eq!(no_default.validate().unwrap_err(), expected);
        assert_eq!(no_default.render("ru", &values()).unwrap_err(), expected);
    }

    #[test]
    fn placeholders_are_listed_for_editors() {
        let names = where_is_my_order().placeholders("en").unwrap();
        assert_eq!(names, vec!["customer_name", "order_number", "tracking_link"]);
        let broken = reply("r", &[("en", "{{ x")]);
        assert!(matches!(broken.placeholders("en"), Err(CannedError::Syntax { .. })));
    }

    #[test]
    fn library_adds_updates_removes_and_lists_by_category() {
        let mut library = library();
        assert_eq!(
            library.add(where_is_my_order()).unwrap_err(),
            CannedError::DuplicateReply { reply_id: "where-is-my-order".into() }
        );
        let refund = CannedReply {
            id: "refund-issued".into(),
            title: "A refund issued".into(),
            category: "delivery".into(),
            ..reply("x", &[("en", "Refunded, {{ customer_name }}.")])
        };
        library.add(refund).unwrap();
        let titles: Vec<&str> = library.in_category("delivery").iter().map(|r| r.title.as_str()).collect();
        assert_eq!(titles, vec!["A refund issued", "Where is my order"]);
        assert!(library.in_category("returns").is_empty());
        let edited = reply("refund-issued", &[("en", "Your refund is on its way, {{ customer_name }}.")]);
        library.update(edited).unwrap();
        assert!(library.render("refund-issued", "en", &values()).unwrap().body.starts_with("Your refund"));
        assert_eq!(library.remove("refund-issued").unwrap().id, "refund-issued");
        assert_eq!(library.replies().len(), 1);
    }

    #[test]
    fn library_refuses_invalid_or_unknown_replies_without_changing() {
        let mut library = library();
        let before = library.clone();
        assert!(matches!(
            library.add(reply("new", &[("en", "{% for x in y %}")])),
            Err(CannedError::DisallowedTag { .. })
        ));
        let broken = reply("where-is-my-order", &[("en", "{{ oops")]);
        assert!(matches!(library.update(broken), Err(CannedError::Syntax { .. })));
        let missing = CannedError::ReplyNotFound { reply_id: "nope".into() };
        assert_eq!(library.update(reply("nope", &[("en", "x")])).unwrap_err(), missing);
        assert_eq!(library.remove("nope").unwrap_err(), missing);
        assert_eq!(library.render("nope", "en", &values()).unwrap_err(), missing);
        assert_eq!(library, before);
    }

    #[test]
    fn library_round_trips_as_json() {
        let library = library();
        let json = serde_json::to_string(&library).unwrap();
        assert_eq!(serde_json::from_str::<CannedLibrary>(&json).unwrap(), library);
    }

    #[test]
    fn rendering_stops_when_the_fuel_runs_out() {
        let runaway = "{{ name }}".repeat(RENDER_FUEL as usize);
        let err = environment().render_str(&runaway, minijinja::context! { name => "x" }).unwrap_err();
        assert_eq!(err.kind(), minijinja::ErrorKind::OutOfFuel);
        assert!(environment().render_str("{{ name }}", minijinja::context! { name => "x" }).is_ok());
    }
}
