//! The minijinja environment one rendering runs in: strict undefined values, a fuel budget, HTML
//! escaping for `.html` parts only, and the locale's `money`, `date`, `datetime` filters and `plural`.

use std::str::FromStr;
use std::sync::Arc;

use jiff::tz::TimeZone;
use jiff::Timestamp;
use minijinja::syntax::SyntaxConfig;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior};

use super::format::{format_date, format_datetime, format_money, Language};
use super::plural::Plurals;
use super::template::RENDER_FUEL;
use crate::money::Money;

/// How one rendering formats: the language, the time zone for dates and the plural messages.
pub(crate) struct RenderLocale {
    pub(crate) language: Language,
    pub(crate) zone: TimeZone,
    pub(crate) plurals: Arc<Plurals>,
}

/// The environment without locale: strict, fuelled, block tags eat their own line (`trim_blocks`
/// and `lstrip_blocks`), HTML escaping for `.html` parts only. Enough to check a template's syntax.
pub(crate) fn base_environment<'source>() -> Environment<'source> {
    let mut env = Environment::new();
    env.set_fuel(Some(RENDER_FUEL));
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let syntax = SyntaxConfig::builder().trim_blocks(true).lstrip_blocks(true).build();
    env.set_syntax(syntax.expect("the default delimiters are valid"));
    env.set_auto_escape_callback(|name| if name.ends_with(".html") { AutoEscape::Html } else { AutoEscape::None });
    env
}

/// A fresh environment for one rendering in `locale`.
pub(crate) fn environment<'source>(locale: RenderLocale) -> Environment<'source> {
    let mut env = base_environment();
    let RenderLocale { language, zone, plurals } = locale;
    env.add_filter("money", move |value: String| money(&value, language));
    let date_zone = zone.clone();
    env.add_filter("date", move |value: String| Ok(format_date(timestamp(&value)?, &date_zone, language)));
    env.add_filter("datetime", move |value: String| Ok(format_datetime(timestamp(&value)?, &zone, language)));
    env.add_function("plural", move |id: String, count: i64| {
        plurals.format(&id, count).map_err(|detail| Error::new(ErrorKind::InvalidOperation, detail))
    });
    env
}

fn money(value: &str, language: Language) -> Result<String, Error> {
    let money = Money::parse(value, "money").map_err(|err| invalid(format!("money expects \"12.30 EUR\": {err}")))?;
    Ok(format_money(&money, language))
}

fn timestamp(value: &str) -> Result<Timestamp, Error> {
    Timestamp::from_str(value).map_err(|err| invalid(format!("date expects a UTC timestamp, got {value:?}: {err}")))
}

fn invalid(detail: String) -> Error {
    Error::new(ErrorKind::InvalidOperation, detail)
}
