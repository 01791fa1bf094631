//! Vitrina's built-in templates: every lifecycle e-mail in English, Russian, Bulgarian and Chinese,
//! plus each language's plural messages. A shop's own templates take precedence over these.

mod bg;
mod en;
mod ru;
mod zh;

use super::kind::EmailKind;
use super::template::EmailTemplate;

/// The locales every built-in template exists in; `en` is the last fallback.
pub const BUILTIN_LOCALES: [&str; 4] = ["en", "ru", "bg", "zh"];

/// One built-in template.
pub(crate) struct Builtin {
    pub(crate) kind: EmailKind,
    pub(crate) subject: &'static str,
    pub(crate) text: &'static str,
    pub(crate) html: Option<&'static str>,
}

/// The built-in template of `kind` in `locale` (a bare language: `en`, `ru`, `bg`, `zh`).
pub(crate) fn builtin(kind: EmailKind, locale: &str) -> Option<EmailTemplate> {
    let templates: &[Builtin] = match locale {
        "en" => &en::TEMPLATES,
        "ru" => &ru::TEMPLATES,
        "bg" => &bg::TEMPLATES,
        "zh" => &zh::TEMPLATES,
        _ => return None,
    };
    templates.iter().find(|b| b.kind == kind).map(|b| EmailTemplate {
        subject: b.subject.to_owned(),
        text: b.text.to_owned(),
        html: b.html.map(str::to_owned),
    })
}

/// The built-in plural messages (Fluent) of `language`; languages without them get English's.
pub(crate) fn builtin_plurals(language: &str) -> &'static str {
    match language {
        "ru" => ru::PLURALS,
        "bg" => bg::PLURALS,
        "zh" => zh::PLURALS,
        _ => en::PLURALS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_template_in_every_builtin_locale() {
        for locale in BUILTIN_LOCALES {
            for kind in EmailKind::ALL {
                let template = builtin(kind, locale).unwrap_or_else(|| panic!("{kind} [{locale}]"));
                assert!(!template.subject.is_empty() && !template.text.is_empty());
            }
        }
        assert!(builtin(EmailKind::Shipped, "de").is_none());
    }
}
