//! Plural forms through Fluent (`fluent-bundle`): per-language messages selected by CLDR plural
//! category, so Russian gets `1 товар / 2 товара / 5 товаров`. Templates call `plural("items", n)`.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

use super::error::TemplateError;

/// One language's plural messages, built-in first and shop overrides on top.
pub(crate) struct Plurals {
    bundle: FluentBundle<FluentResource>,
}

impl Plurals {
    /// Builds the messages for `locale` from Fluent sources, later sources overriding earlier ones.
    pub(crate) fn new(locale: &str, sources: &[&str]) -> Result<Plurals, TemplateError> {
        let language = locale.parse().map_err(|_| invalid(locale, "not a language tag"))?;
        let mut bundle = FluentBundle::new_concurrent(vec![language]);
        bundle.set_use_isolating(false);
        for source in sources {
            bundle.add_resource_overriding(parse(locale, source)?);
        }
        Ok(Plurals { bundle })
    }

    /// The message `id` with `$count` = `count`, e.g. `5 товаров`.
    pub(crate) fn format(&self, id: &str, count: i64) -> Result<String, String> {
        let pattern = self
            .bundle
            .get_message(id)
            .and_then(|message| message.value())
            .ok_or_else(|| format!("unknown plural message {id:?}"))?;
        let mut args = FluentArgs::new();
        args.set("count", count);
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, Some(&args), &mut errors);
        match errors.first() {
            None => Ok(text.into_owned()),
            Some(error) => Err(format!("plural message {id:?}: {error}")),
        }
    }
}

/// Checks that `source` is valid Fluent.
fn parse(locale: &str, source: &str) -> Result<FluentResource, TemplateError> {
    FluentResource::try_new(source.to_owned()).map_err(|(_, errors)| {
        let detail = errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
        invalid(locale, &detail)
    })
}

fn invalid(locale: &str, detail: &str) -> TemplateError {
    TemplateError::InvalidPlurals { locale: locale.to_owned(), detail: detail.to_owned() }
}
