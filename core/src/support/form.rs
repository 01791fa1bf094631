//! Feedback forms a shop configures (fields, required ones, choice lists) and their submissions,
//! validated field by field and turned into a new case of the form's category.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::case::{CaseCategory, Priority};
use super::error::SupportError;

/// Longest value a one-line field takes, in characters.
const MAX_LINE: usize = 200;
/// Longest value a multi-line field takes, in characters.
const MAX_TEXT: usize = 10_000;

/// What a field takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    /// One line of text.
    Line,
    /// Several lines of text.
    Text,
    /// An e-mail address.
    Email,
    /// One of a list of options.
    Choice {
        /// The options, as shown and stored.
        options: Vec<String>,
    },
}

/// One field of a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FormField {
    /// Its name in submissions (`order_number`).
    pub name: String,
    /// Its label in the case text (`Order number`).
    pub label: String,
    /// What it takes.
    pub kind: FieldKind,
    /// Whether it must be filled in.
    #[serde(default)]
    pub required: bool,
}

/// A feedback form whose submissions open cases of its category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FeedbackForm {
    /// The title; the subject of the cases it opens.
    pub title: String,
    /// The category of those cases.
    pub category: CaseCategory,
    /// Their priority.
    #[serde(default = "normal")]
    pub priority: Priority,
    /// The fields, in the order the case text lists them.
    pub fields: Vec<FormField>,
}

fn normal() -> Priority {
    Priority::Normal
}

impl FeedbackForm {
    /// Checks the form: a title, at least one field, names unique and of `a-z0-9_`, labels given,
    /// choice lists not empty. Errors name the field under `prefix` (`feedback_forms.contact`).
    pub fn validate(&self, prefix: &str) -> Result<(), SupportError> {
        if self.title.trim().is_empty() {
            return Err(SupportError::invalid(format!("{prefix}.title"), "must not be empty"));
        }
        if self.fields.is_empty() {
            return Err(SupportError::invalid(format!("{prefix}.fields"), "a form needs at least one field"));
        }
        for (index, field) in self.fields.iter().enumerate() {
            let at = format!("{prefix}.fields[{index}]");
            let well_formed = !field.name.is_empty()
                && field.name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !well_formed {
                return Err(SupportError::invalid(format!("{at}.name"), "must be a-z, 0-9 and _"));
            }
            if self.fields[..index].iter().any(|other| other.name == field.name) {
                return Err(SupportError::invalid(format!("{at}.name"), format!("{} is used twice", field.name)));
            }
            if field.label.trim().is_empty() {
                return Err(SupportError::invalid(format!("{at}.label"), "must not be empty"));
            }
            if matches!(&field.kind, FieldKind::Choice { options } if options.iter().all(|o| o.trim().is_empty())) {
                return Err(SupportError::invalid(format!("{at}.kind.options"), "a choice needs options"));
            }
        }
        Ok(())
    }

    /// The case text of a submission: `Label: value` per filled-in field, in the form's order.
    /// A required field left empty, a value too long, not an e-mail address, not one of the
    /// choices, or a name the form does not have is an error on `values.<name>`; nothing filled in
    /// at all is an error on `values`.
    pub fn case_text(&self, values: &BTreeMap<String, String>) -> Result<String, SupportError> {
        if let Some(unknown) = values.keys().find(|name| self.fields.iter().all(|f| f.name != **name)) {
            return Err(SupportError::invalid(format!("values.{unknown}"), "the form has no such field"));
        }
        let mut lines = Vec::new();
        for field in &self.fields {
            let value = values.get(&field.name).map(|v| v.trim()).unwrap_or_default();
            check_value(field, value)?;
            if !value.is_empty() {
                lines.push(format!("{}: {value}", field.label.trim()));
            }
        }
        match lines.is_empty() {
            true => Err(SupportError::invalid("values", "fill in at least one field")),
            false => Ok(lines.join("\n")),
        }
    }
}

fn check_value(field: &FormField, value: &str) -> Result<(), SupportError> {
    let invalid = |reason: &str| Err(SupportError::invalid(format!("values.{}", field.name), reason));
    if value.is_empty() {
        return if field.required { invalid("is required") } else { Ok(()) };
    }
    let limit = if field.kind == FieldKind::Text { MAX_TEXT } else { MAX_LINE };
    if value.chars().count() > limit {
        return invalid(&format!("must be at most {limit} characters"));
    }
    match &field.kind {
        FieldKind::Line | FieldKind::Email if value.contains(['\r', '\n']) => invalid("must be one line"),
        FieldKind::Email if !is_address(value) => invalid("must be an e-mail address"),
        FieldKind::Choice { options } if !options.iter().any(|o| o == value) => invalid("must be one of the choices"),
        _ => Ok(()),
    }
}

fn is_address(value: &str) -> bool {
    let parts = value.rsplit_once('@');
    parts.is_some_and(|(local, domain)| {
        !local.is_empty() && domain.contains('.') && !value.contains(char::is_whitespace) && !local.contains('@')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> FeedbackForm {
        let field = |name: &str, label: &str, kind: FieldKind, required: bool| FormField {
            name: name.into(),
            label: label.into(),
            kind,
            required,
        };
        FeedbackForm {
            title: "Product feedback".into(),
            category: CaseCategory::Complaint,
            priority: Priority::Normal,
            fields: vec![
                field("topic", "Topic", FieldKind::Choice { options: vec!["Quality".into(), "Size".into()] }, true),
                field("reply_to", "Reply to", FieldKind::Email, false),
                field("message", "Message", FieldKind::Text, true),
            ],
        }
    }

    fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn field_of(error: SupportError) -> String {
        match error {
            SupportError::InvalidInput { field, .. } => field,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_valid_submission_lists_the_filled_in_fields_in_order() {
        let text = form().case_text(&values(&[("message", "Handle broke.\nTwice."), ("topic", "Quality")])).unwrap();
        assert_eq!(text, "Topic: Quality\nMessage: Handle broke.\nTwice.");
    }

    #[test]
    fn each_bad_value_names_its_field() {
        let bad = [
            (vec![("topic", "Quality")], "values.message"),
            (vec![("topic", "Colour"), ("message", "x")], "values.topic"),
            (vec![("topic", "Size"), ("message", "x"), ("reply_to", "not-an-address")], "values.reply_to"),
            (vec![("topic", "Size"), ("message", "x"), ("shoe", "42")], "values.shoe"),
        ];
        for (pairs, expected) in bad {
            assert_eq!(field_of(form().case_text(&values(&pairs)).unwrap_err()), expected);
        }
        let long = "x".repeat(MAX_LINE + 1);
        let err = form().case_text(&values(&[("topic", "Size"), ("message", "x"), ("reply_to", &long)])).unwrap_err();
        assert_eq!(field_of(err), "values.reply_to");
        let optional = FeedbackForm { fields: vec![form().fields[1].clone()], ..form() };
        assert_eq!(field_of(optional.case_text(&BTreeMap::new()).unwrap_err()), "values");
    }

    #[test]
    fn a_malformed_form_names_its_field() {
        assert!(form().validate("feedback_forms.product").is_ok());
        let mut twice = form();
        twice.fields[1].name = "topic".into();
        assert_eq!(field_of(twice.validate("f").unwrap_err()), "f.fields[1].name");
        let mut no_options = form();
        no_options.fields[0].kind = FieldKind::Choice { options: vec![] };
        assert_eq!(field_of(no_options.validate("f").unwrap_err()), "f.fields[0].kind.options");
        let mut bad_name = form();
        bad_name.fields[2].name = "Message".into();
        assert_eq!(field_of(bad_name.validate("f").unwrap_err()), "f.fields[2].name");
        let empty = FeedbackForm { fields: vec![], ..form() };
        assert_eq!(field_of(empty.validate("f").unwrap_err()), "f.fields");
    }
}
