//! `TemplateStore`: e-mail templates (subject, text, optional HTML) per shop and per locale, editable
//! at runtime over built-in defaults, rendered by minijinja with strict variables and a fuel budget.
//!
//! A template is looked up for the exact locale, then its language (`bg-BG` -> `bg`), then the shop's
//! default locale, then `en`; at each step the shop's own template wins over the built-in one.
//! Money, dates and plurals are formatted for the locale of the template found.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::tz::TimeZone;
use minijinja::value::Serde;
use minijinja::{ErrorKind, Value};
use serde::{Deserialize, Serialize};

use super::data::LifecycleEmail;
use super::defaults::{builtin, builtin_plurals, BUILTIN_LOCALES};
use super::environment::{base_environment, environment, RenderLocale};
use super::error::{TemplateError, TemplatePart};
use super::format::Language;
use super::kind::EmailKind;
use super::plural::Plurals;
use super::sample::sample_context;
use crate::customer::Locale;

/// Instructions one part of one rendering may execute: ample for any order e-mail, small enough
/// that a runaway loop in a shop-edited template stops at once.
pub const RENDER_FUEL: u64 = 50_000;
/// Longest template part accepted, in characters.
const MAX_PART_CHARS: usize = 100_000;

/// One template: minijinja sources for the subject, the text body and optionally the HTML body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EmailTemplate {
    /// Subject; rendered to one line (line breaks and runs of spaces become one space).
    pub subject: String,
    /// Plain-text body.
    pub text: String,
    /// HTML body (values are HTML-escaped), if the e-mail has one.
    #[serde(default)]
    pub html: Option<String>,
}

/// A rendered e-mail, ready to go into an [`EmailMessage`](super::EmailMessage).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RenderedEmail {
    /// The template rendered.
    pub template_id: String,
    /// The locale of the template used, after fallback.
    pub locale: String,
    /// One-line subject.
    pub subject: String,
    /// Plain-text body.
    pub text: String,
    /// HTML body, if the template has one.
    pub html: Option<String>,
}

/// A shop's defaults for its e-mails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ShopSettings {
    /// The locale used when the customer's has no template (`en` unless set).
    pub default_locale: String,
    /// IANA time zone previews show dates in (`UTC` unless set).
    pub time_zone: String,
}

impl Default for ShopSettings {
    fn default() -> Self {
        ShopSettings { default_locale: "en".to_owned(), time_zone: "UTC".to_owned() }
    }
}

/// What to render: which template of which shop, for which locale and time zone, with which values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RenderRequest {
    /// The shop.
    pub shop_id: String,
    /// The template id (a built-in such as `shipped`, or the shop's own such as `newsletter`).
    pub template_id: String,
    /// The customer's locale tag.
    pub locale: String,
    /// IANA time zone dates are shown in, e.g. `Europe/Sofia`.
    pub time_zone: String,
    /// The values, a JSON object; every variable the template uses must be there.
    pub context: serde_json::Value,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
struct ShopTemplates {
    settings: ShopSettings,
    /// template id -> locale -> template.
    templates: BTreeMap<String, BTreeMap<String, EmailTemplate>>,
    /// locale -> Fluent messages overriding the built-in plurals.
    plurals: BTreeMap<String, String>,
}

/// Every shop's templates; shops without their own use the built-in ones.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TemplateStore {
    shops: BTreeMap<String, ShopTemplates>,
}

impl TemplateStore {
    /// A store with only the built-in templates.
    pub fn new() -> TemplateStore {
        TemplateStore::default()
    }

    /// Sets a shop's default locale and time zone, after checking both.
    pub fn configure_shop(&mut self, shop_id: &str, settings: ShopSettings) -> Result<(), TemplateError> {
        let shop_id = valid_id("shop_id", shop_id)?;
        let default_locale = normalize_locale(&settings.default_locale, "default_locale")?;
        zone(&settings.time_zone)?;
        self.shops.entry(shop_id).or_default().settings = ShopSettings { default_locale, ..settings };
        Ok(())
    }

    /// The shop's settings (the defaults for a shop never configured).
    pub fn settings(&self, shop_id: &str) -> ShopSettings {
        self.shops.get(shop_id).map(|shop| shop.settings.clone()).unwrap_or_default()
    }

    /// Stores (or replaces) the shop's template `template_id` for `locale`, after checking its syntax.
    pub fn set_template(
        &mut self,
        shop_id: &str,
        template_id: &str,
        locale: &str,
        template: EmailTemplate,
    ) -> Result<(), TemplateError> {
        let shop_id = valid_id("shop_id", shop_id)?;
        let template_id = valid_id("template_id", template_id)?;
        let locale = normalize_locale(locale, "locale")?;
        check_syntax(&template_id, &locale, &template)?;
        let shop = self.shops.entry(shop_id).or_default();
        shop.templates.entry(template_id).or_default().insert(locale, template);
        Ok(())
    }

    /// Removes the shop's own template, so the built-in one (if any) applies again; returns it.
    pub fn remove_template(&mut self, shop_id: &str, template_id: &str, locale: &str) -> Option<EmailTemplate> {
        let locale = normalize_locale(locale, "locale").ok()?;
        self.shops.get_mut(shop_id)?.templates.get_mut(template_id)?.remove(&locale)
    }

    /// Sets the shop's plural messages for `locale` (Fluent syntax, e.g. `parcels = { $count -> .. }`);
    /// they add to and override the built-in `items` and `days`.
    pub fn set_plurals(&mut self, shop_id: &str, locale: &str, fluent: &str) -> Result<(), TemplateError> {
        let shop_id = valid_id("shop_id", shop_id)?;
        let locale = normalize_locale(locale, "locale")?;
        Plurals::new(&locale, &[fluent])?;
        self.shops.entry(shop_id).or_default().plurals.insert(locale, fluent.to_owned());
        Ok(())
    }

    /// The template ids the shop can render: the built-in ones and its own, sorted.
    pub fn template_ids(&self, shop_id: &str) -> Vec<String> {
        let builtin = EmailKind::ALL.iter().map(|kind| kind.template_id().to_owned());
        let own = self.shops.get(shop_id).into_iter().flat_map(|shop| shop.templates.keys().cloned());
        let mut ids: Vec<String> = builtin.chain(own).collect();
        ids.sort();
        ids.dedup();
        ids
    }

    /// The template that renders `template_id` for `locale` after fallback, with its locale.
    pub fn resolve(
        &self,
        shop_id: &str,
        template_id: &str,
        locale: &str,
    ) -> Result<(String, EmailTemplate), TemplateError> {
        let shop = self.shops.get(shop_id);
        let default_locale = shop.map_or("en", |s| s.settings.default_locale.as_str());
        let own = shop.and_then(|s| s.templates.get(template_id));
        let kind = EmailKind::from_template_id(template_id);
        fallback_chain(&normalize_locale(locale, "locale")?, default_locale)
            .into_iter()
            .find_map(|candidate| {
                let found = own.and_then(|t| t.get(&candidate).cloned());
                found.or_else(|| kind.and_then(|k| builtin(k, &candidate))).map(|t| (candidate, t))
            })
            .ok_or_else(|| TemplateError::UnknownTemplate { template_id: template_id.to_owned() })
    }

    /// Renders a template with the request's values.
    pub fn render(&self, request: &RenderRequest) -> Result<RenderedEmail, TemplateError> {
        if !request.context.is_object() {
            return Err(invalid("context", "must be a JSON object"));
        }
        let (locale, template) = self.resolve(&request.shop_id, &request.template_id, &request.locale)?;
        let render_locale = RenderLocale {
            language: Language::from_locale(&locale),
            zone: zone(&request.time_zone)?,
            plurals: Arc::new(self.plurals(&request.shop_id, &locale)?),
        };
        let parts = Parts { template_id: &request.template_id, locale: &locale };
        parts.render(&template, render_locale, &Value::from(Serde(&request.context)))
    }

    /// Renders the lifecycle e-mail `email` (its kind picks the template) for `locale` in `time_zone`.
    pub fn render_lifecycle(
        &self,
        shop_id: &str,
        locale: &str,
        time_zone: &str,
        email: &LifecycleEmail,
    ) -> Result<RenderedEmail, TemplateError> {
        let context = serde_json::to_value(email).map_err(|err| invalid("email", &err.to_string()))?;
        self.render(&RenderRequest {
            shop_id: shop_id.to_owned(),
            template_id: email.data.kind().template_id().to_owned(),
            locale: locale.to_owned(),
            time_zone: time_zone.to_owned(),
            context,
        })
    }

    /// Renders `template_id` for `locale` with built-in sample data (see [`sample_context`]) in the
    /// shop's time zone: what an editor shows next to the template being edited.
    pub fn preview(&self, shop_id: &str, template_id: &str, locale: &str) -> Result<RenderedEmail, TemplateError> {
        self.render(&RenderRequest {
            shop_id: shop_id.to_owned(),
            template_id: template_id.to_owned(),
            locale: locale.to_owned(),
            time_zone: self.settings(shop_id).time_zone,
            context: sample_context(template_id),
        })
    }

    /// The plural messages for a template in `locale`: built-in for its language, then the shop's
    /// for the language, then the shop's for the exact locale.
    fn plurals(&self, shop_id: &str, locale: &str) -> Result<Plurals, TemplateError> {
        let language = language_of(locale);
        let own = self.shops.get(shop_id).map(|shop| &shop.plurals);
        let mut sources = vec![builtin_plurals(language)];
        let tags = if language == locale { vec![language] } else { vec![language, locale] };
        sources.extend(tags.into_iter().filter_map(|tag| own.and_then(|p| p.get(tag)).map(String::as_str)));
        Plurals::new(locale, &sources)
    }
}

/// The template and locale that errors name.
struct Parts<'a> {
    template_id: &'a str,
    locale: &'a str,
}

impl Parts<'_> {
    fn render(
        &self,
        template: &EmailTemplate,
        locale: RenderLocale,
        context: &Value,
    ) -> Result<RenderedEmail, TemplateError> {
        let env = environment(locale);
        let part = |part: TemplatePart, source: &str| {
            let name = format!("{}.{}", self.template_id, extension(part));
            let compiled = env.template_from_named_str(&name, source).map_err(|e| self.error(part, &e))?;
            compiled.render(context).map_err(|e| self.error(part, &e))
        };
        let subject = part(TemplatePart::Subject, &template.subject)?;
        Ok(RenderedEmail {
            template_id: self.template_id.to_owned(),
            locale: self.locale.to_owned(),
            subject: subject.split_whitespace().collect::<Vec<_>>().join(" "),
            text: part(TemplatePart::Text, &template.text)?,
            html: template.html.as_deref().map(|html| part(TemplatePart::Html, html)).transpose()?,
        })
    }

    fn error(&self, part: TemplatePart, error: &minijinja::Error) -> TemplateError {
        let (template_id, locale, detail) = (self.template_id.to_owned(), self.locale.to_owned(), describe(error));
        match error.kind() {
            ErrorKind::SyntaxError => TemplateError::Syntax { template_id, locale, part, detail },
            ErrorKind::UndefinedError => TemplateError::Undefined { template_id, locale, part, detail },
            ErrorKind::OutOfFuel => TemplateError::OutOfFuel { template_id, locale, part },
            _ => TemplateError::Render { template_id, locale, part, detail },
        }
    }
}

fn extension(part: TemplatePart) -> &'static str {
    match part {
        TemplatePart::Subject => "subject",
        TemplatePart::Text => "txt",
        TemplatePart::Html => "html",
    }
}

/// Compiles every part without rendering, so a broken template is never stored.
fn check_syntax(template_id: &str, locale: &str, template: &EmailTemplate) -> Result<(), TemplateError> {
    let parts = [
        (TemplatePart::Subject, Some(&template.subject)),
        (TemplatePart::Text, Some(&template.text)),
        (TemplatePart::Html, template.html.as_ref()),
    ];
    let env = base_environment();
    let checker = Parts { template_id, locale };
    for (part, source) in parts.into_iter().filter_map(|(part, source)| source.map(|s| (part, s))) {
        if source.chars().count() > MAX_PART_CHARS {
            return Err(invalid(&part.to_string(), &format!("must be at most {MAX_PART_CHARS} characters")));
        }
        env.template_from_str(source).map_err(|e| checker.error(part, &e))?;
    }
    if template.subject.trim().is_empty() {
        return Err(invalid("subject", "must not be empty"));
    }
    Ok(())
}

/// Exact locale, its language, the shop's default, `en`; without repeats.
fn fallback_chain(locale: &str, default_locale: &str) -> Vec<String> {
    let mut chain: Vec<String> = Vec::with_capacity(4);
    for candidate in [locale, language_of(locale), default_locale, language_of(default_locale), BUILTIN_LOCALES[0]] {
        if !chain.iter().any(|c| c == candidate) {
            chain.push(candidate.to_owned());
        }
    }
    chain
}

fn language_of(locale: &str) -> &str {
    locale.split('-').next().unwrap_or(locale)
}

fn normalize_locale(locale: &str, field: &str) -> Result<String, TemplateError> {
    Locale::parse(locale, field)
        .map(|l| l.as_str().to_ascii_lowercase())
        .map_err(|err| invalid(field, &err.to_string()))
}

fn valid_id(field: &str, id: &str) -> Result<String, TemplateError> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
    if !ok {
        return Err(invalid(field, "must be 1 to 64 characters of a-z, 0-9, _ or -"));
    }
    Ok(id.to_owned())
}

fn zone(name: &str) -> Result<TimeZone, TemplateError> {
    TimeZone::get(name).map_err(|err| invalid("time_zone", &format!("{name:?}: {err}")))
}

fn invalid(field: &str, reason: &str) -> TemplateError {
    TemplateError::InvalidField { field: field.to_owned(), reason: reason.to_owned() }
}

fn describe(error: &minijinja::Error) -> String {
    let detail = error.detail().map_or_else(|| error.kind().to_string(), str::to_owned);
    match error.line() {
        Some(line) => format!("{detail} (line {line})"),
        None => detail,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::data::{EmailData, Shipped};
    use super::super::sample::sample_email;
    use super::*;

    fn store() -> TemplateStore {
        let mut store = TemplateStore::new();
        let settings = ShopSettings { default_locale: "en".into(), time_zone: "Europe/Sofia".into() };
        store.configure_shop("demo", settings).unwrap();
        store
    }

    fn simple(text: &str) -> EmailTemplate {
        EmailTemplate { subject: "Hi".into(), text: text.into(), html: None }
    }

    fn render_text(store: &TemplateStore, locale: &str, context: serde_json::Value) -> Result<String, TemplateError> {
        let request = RenderRequest {
            shop_id: "demo".into(),
            template_id: "custom".into(),
            locale: locale.into(),
            time_zone: "Europe/Sofia".into(),
            context,
        };
        store.render(&request).map(|rendered| rendered.text)
    }

    #[test]
    fn every_builtin_template_previews_in_every_locale() {
        let store = store();
        for locale in BUILTIN_LOCALES {
            for kind in EmailKind::ALL {
                let rendered = store.preview("demo", kind.template_id(), locale).unwrap();
                assert_eq!(rendered.locale, locale);
                assert!(!rendered.subject.contains('\n') && !rendered.subject.contains("{{"), "{kind} {locale}");
                assert!(!rendered.text.contains("{{") && !rendered.text.contains("{%"), "{kind} {locale}");
                assert!(rendered.text.contains("Vitrina Demo"), "{kind} {locale}");
            }
        }
    }

    #[test]
    fn order_confirmation_has_payment_instructions_formatted_per_locale() {
        let store = store();
        let en = store.preview("demo", "order_confirmation", "en").unwrap();
        assert_eq!(en.subject, "Order 1042 confirmed – Vitrina Demo");
        for expected in [
            "6 items, €1,234.50 in total",
            "- Stoneware mug × 2: €25.80",
            "by April 4, 2025, 11:59 PM:",
            "IBAN:        BG80 BNBG 9661 1020 3456 78",
            "Reference:   VT-1042-7",
        ] {
            assert!(en.text.contains(expected), "{expected:?} in\n{}", en.text);
        }
        let html = en.html.unwrap();
        assert!(html.contains("<strong>VT-1042-7</strong>") && html.contains("€1,234.50"), "{html}");
        let ru = store.preview("demo", "order_confirmation", "ru-RU").unwrap();
        assert_eq!(ru.locale, "ru");
        assert!(ru.text.contains("6 товаров на сумму 1\u{a0}234,50\u{a0}€"), "{}", ru.text);
        assert!(ru.text.contains("до 4 апреля 2025 г., 23:59"), "{}", ru.text);
        let bg = store.preview("demo", "order_confirmation", "bg").unwrap();
        assert!(bg.text.contains("6 артикула на обща стойност 1\u{a0}234,50\u{a0}€"), "{}", bg.text);
        assert!(bg.text.contains("до 4 април 2025 г., 23:59 ч."), "{}", bg.text);
        let zh = store.preview("demo", "order_confirmation", "zh-CN").unwrap();
        assert!(zh.text.contains("共 6 件商品，合计 €1,234.50"), "{}", zh.text);
        assert!(zh.text.contains("请在 2025年4月4日 23:59 前"), "{}", zh.text);
    }

    #[test]
    fn without_payment_instructions_the_bank_block_is_left_out() {
        let mut email = sample_email(EmailKind::OrderConfirmation);
        if let EmailData::OrderConfirmation(order) = &mut email.data {
            order.payment = None;
        }
        let rendered = store().render_lifecycle("demo", "en", "UTC", &email).unwrap();
        assert!(!rendered.text.contains("IBAN"), "{}", rendered.text);
        assert!(rendered.text.contains("€1,189.35\n\nYour order: https://"), "{}", rendered.text);
    }

    #[test]
    fn plurals_follow_each_language() {
        let mut store = store();
        let template = simple(r#"{% for n in counts %}{{ plural("items", n) }}|{% endfor %}"#);
        for locale in BUILTIN_LOCALES {
            store.set_template("demo", "custom", locale, template.clone()).unwrap();
        }
        let counts = json!({ "counts": [1, 2, 5, 11, 21, 22] });
        let text = |locale: &str| render_text(&store, locale, counts.clone()).unwrap();
        assert_eq!(text("ru"), "1 товар|2 товара|5 товаров|11 товаров|21 товар|22 товара|");
        assert_eq!(text("en"), "1 item|2 items|5 items|11 items|21 items|22 items|");
        assert_eq!(text("bg"), "1 артикул|2 артикула|5 артикула|11 артикула|21 артикула|22 артикула|");
        assert_eq!(text("zh"), "1 件商品|2 件商品|5 件商品|11 件商品|21 件商品|22 件商品|");
        let days = simple(r#"{{ plural("days", 1) }}, {{ plural("days", 3) }}, {{ plural("days", 7) }}"#);
        store.set_template("demo", "custom", "ru", days).unwrap();
        assert_eq!(render_text(&store, "ru", json!({})).unwrap(), "1 день, 3 дня, 7 дней");
    }

    #[test]
    fn shops_add_their_own_plural_messages() {
        let mut store = store();
        let parcels = "parcels = { $count ->\n    [one] { $count } посылка\n    [few] { $count } посылки\n   *[many] { $count } посылок\n}\n";
        store.set_plurals("demo", "ru", parcels).unwrap();
        store
            .set_template("demo", "custom", "ru", simple(r#"{{ plural("parcels", 3) }}, {{ plural("items", 5) }}"#))
            .unwrap();
        assert_eq!(render_text(&store, "ru", json!({})).unwrap(), "3 посылки, 5 товаров");
        let broken = store.set_plurals("demo", "ru", "parcels = { $count ->").unwrap_err();
        assert!(matches!(broken, TemplateError::InvalidPlurals { locale, .. } if locale == "ru"));
        store.set_template("demo", "custom", "en", simple(r#"{{ plural("parcels", 3) }}"#)).unwrap();
        let unknown = render_text(&store, "en", json!({})).unwrap_err();
        assert!(matches!(&unknown, TemplateError::Render { detail, .. } if detail.contains("parcels")), "{unknown}");
    }

    #[test]
    fn undefined_variables_are_errors_not_blanks() {
        let mut store = store();
        store.set_template("demo", "custom", "en", simple("Hello {{ customer_name }} from {{ shop.phone }}")).unwrap();
        let missing_attribute = render_text(&store, "en", json!({ "customer_name": "Ana", "shop": {} })).unwrap_err();
        assert!(matches!(missing_attribute, TemplateError::Undefined { part: TemplatePart::Text, .. }));
        let missing_variable = render_text(&store, "en", json!({ "shop": { "phone": "1" } })).unwrap_err();
        assert!(matches!(&missing_variable, TemplateError::Undefined { template_id, locale, .. }
            if template_id == "custom" && locale == "en"));
        let mut email = serde_json::to_value(sample_email(EmailKind::Shipped)).unwrap();
        email.as_object_mut().unwrap().remove("tracking_url");
        let request = RenderRequest {
            shop_id: "demo".into(),
            template_id: "shipped".into(),
            locale: "bg".into(),
            time_zone: "UTC".into(),
            context: email,
        };
        assert!(matches!(store.render(&request), Err(TemplateError::Undefined { .. })));
    }

    #[test]
    fn runaway_templates_run_out_of_fuel() {
        let mut store = store();
        let runaway = simple("{% for a in range(1000) %}{% for b in range(1000) %}x{% endfor %}{% endfor %}");
        store.set_template("demo", "custom", "en", runaway).unwrap();
        let err = render_text(&store, "en", json!({})).unwrap_err();
        assert_eq!(
            err,
            TemplateError::OutOfFuel { template_id: "custom".into(), locale: "en".into(), part: TemplatePart::Text }
        );
        store.set_template("demo", "custom", "en", simple("{% for a in range(100) %}x{% endfor %}")).unwrap();
        assert_eq!(render_text(&store, "en", json!({})).unwrap().len(), 100);
    }

    #[test]
    fn filters_format_money_and_dates_for_the_template_locale() {
        let mut store = store();
        let template = simple("{{ total|money }} / {{ at|date }} / {{ at|datetime }}");
        store.set_template("demo", "custom", "ru", template.clone()).unwrap();
        store.set_template("demo", "custom", "en", template).unwrap();
        let context = json!({ "total": "1234.50 RUB", "at": "2025-12-31T22:30:00Z" });
        assert_eq!(
            render_text(&store, "ru", context.clone()).unwrap(),
            "1\u{a0}234,50\u{a0}₽ / 1 января 2026 г. / 1 января 2026 г., 00:30"
        );
        assert_eq!(
            render_text(&store, "en", context).unwrap(),
            "RUB\u{a0}1,234.50 / January 1, 2026 / January 1, 2026, 12:30 AM"
        );
        let bad_money = render_text(&store, "en", json!({ "total": "12.345 EUR", "at": "2025-01-01T00:00:00Z" }));
        assert!(matches!(bad_money, Err(TemplateError::Render { .. })));
        let bad_date = render_text(&store, "en", json!({ "total": "1 EUR", "at": "yesterday" }));
        assert!(matches!(bad_date, Err(TemplateError::Render { .. })));
    }

    #[test]
    fn locale_falls_back_to_language_then_shop_default_then_english() {
        let mut store = store();
        assert_eq!(store.preview("demo", "shipped", "bg-BG").unwrap().locale, "bg");
        assert_eq!(store.preview("demo", "shipped", "de-AT").unwrap().locale, "en");
        let settings = ShopSettings { default_locale: "ru".into(), time_zone: "UTC".into() };
        store.configure_shop("demo", settings).unwrap();
        assert_eq!(store.preview("demo", "shipped", "de").unwrap().locale, "ru");
        let own =
            EmailTemplate {
                subject: "Посылката е тръгнала".into(), text: "{{ tracking_url }}".into(), html: None
            };
        store.set_template("demo", "shipped", "bg-BG", own.clone()).unwrap();
        let rendered = store.preview("demo", "shipped", "bg_bg").unwrap();
        assert_eq!((rendered.locale.as_str(), rendered.subject.as_str()), ("bg-bg", "Посылката е тръгнала"));
        assert_eq!(store.preview("demo", "shipped", "bg").unwrap().subject, "Поръчка 1042 е на път");
        assert_eq!(store.remove_template("demo", "shipped", "bg-BG"), Some(own));
        assert_eq!(store.preview("demo", "shipped", "bg-BG").unwrap().locale, "bg");
        assert!(store.preview("other-shop", "shipped", "zh").unwrap().text.contains("运单号"));
    }

    #[test]
    fn html_parts_escape_values_and_text_parts_do_not() {
        let mut store = store();
        let template = EmailTemplate {
            subject: "Hi {{ name }}".into(),
            text: "Hi {{ name }}".into(),
            html: Some("<p>Hi {{ name }}</p>".into()),
        };
        store.set_template("demo", "custom", "en", template).unwrap();
        let request = RenderRequest {
            shop_id: "demo".into(),
            template_id: "custom".into(),
            locale: "en".into(),
            time_zone: "UTC".into(),
            context: json!({ "name": "<Ana & Bo>\r\nBcc: x@evil.com" }),
        };
        let rendered = store.render(&request).unwrap();
        assert_eq!(rendered.subject, "Hi <Ana & Bo> Bcc: x@evil.com");
        assert_eq!(rendered.text, "Hi <Ana & Bo>\r\nBcc: x@evil.com");
        assert_eq!(rendered.html.unwrap(), "<p>Hi &lt;Ana &amp; Bo&gt;\r\nBcc: x@evil.com</p>");
    }

    #[test]
    fn broken_or_invalid_templates_are_never_stored() {
        let mut store = store();
        let before = store.clone();
        let broken = EmailTemplate { subject: "ok".into(), text: "ok".into(), html: Some("{% if x %}".into()) };
        let err = store.set_template("demo", "custom", "en", broken).unwrap_err();
        assert!(
            matches!(&err, TemplateError::Syntax { part: TemplatePart::Html, locale, .. } if locale == "en"),
            "{err}"
        );
        assert!(matches!(
            store.set_template("demo", "Bad Id", "en", simple("x")),
            Err(TemplateError::InvalidField { .. })
        ));
        assert!(matches!(
            store.set_template("demo", "custom", "english", simple("x")),
            Err(TemplateError::InvalidField { .. })
        ));
        let blank = EmailTemplate { subject: " ".into(), ..simple("x") };
        assert!(matches!(store.set_template("demo", "custom", "en", blank), Err(TemplateError::InvalidField { .. })));
        let huge = simple(&"x".repeat(MAX_PART_CHARS + 1));
        assert!(matches!(store.set_template("demo", "custom", "en", huge), Err(TemplateError::InvalidField { .. })));
        assert_eq!(store, before);
    }

    #[test]
    fn bad_requests_are_typed_errors() {
        let mut store = store();
        assert_eq!(
            store.preview("demo", "newsletter", "en").unwrap_err(),
            TemplateError::UnknownTemplate { template_id: "newsletter".into() }
        );
        store.set_template("demo", "newsletter", "en", simple("{{ customer_name }}: {{ unsubscribe_url }}")).unwrap();
        assert!(store.preview("demo", "newsletter", "ru").unwrap().text.starts_with("Ana Petrova: https://"));
        assert!(store.template_ids("demo").contains(&"newsletter".to_owned()));
        assert_eq!(store.template_ids("other").len(), EmailKind::ALL.len());
        let bad_zone = ShopSettings { default_locale: "en".into(), time_zone: "Mars/Olympus".into() };
        assert!(
            matches!(store.configure_shop("demo", bad_zone), Err(TemplateError::InvalidField { field, .. }) if field == "time_zone")
        );
        assert!(
            matches!(render_text(&store, "en", json!([1])), Err(TemplateError::InvalidField { field, .. }) if field == "context")
        );
        let json = serde_json::to_string(&store).unwrap();
        assert_eq!(serde_json::from_str::<TemplateStore>(&json).unwrap(), store);
    }

    #[test]
    fn lifecycle_data_renders_optional_fields_only_when_present() {
        let mut email = sample_email(EmailKind::Shipped);
        email.data = EmailData::Shipped(Shipped { estimated_delivery: None, ..shipped(&email.data) });
        let rendered = store().render_lifecycle("demo", "en", "UTC", &email).unwrap();
        assert!(rendered.text.contains("order 1042 is with Speedy.\n"), "{}", rendered.text);
        let full = store().render_lifecycle("demo", "en", "UTC", &sample_email(EmailKind::Shipped)).unwrap();
        assert!(full.text.contains("should arrive on April 3, 2025"), "{}", full.text);
        // minijinja's HTML escaping also escapes `/`; browsers decode it in attributes.
        let html = full.html.unwrap();
        assert!(html.contains(r#"<a href="https:&#x2f;&#x2f;track.example.com&#x2f;SP123456789BG">"#), "{html}");
    }

    fn shipped(data: &EmailData) -> Shipped {
        match data {
            EmailData::Shipped(shipped) => shipped.clone(),
            other => panic!("not shipped: {other:?}"),
        }
    }
}
