//! JSON Schemas of money's wire forms (behind the `schema` feature): `Money` is the string
//! `"12.30 EUR"` (format `money`), `Currency` its ISO 4217 code (format `currency`).

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

use super::{Currency, Money};

impl JsonSchema for Money {
    fn schema_name() -> Cow<'static, str> {
        "Money".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "money",
            "pattern": "^-?[0-9]+(\\.[0-9]+)? [A-Z]{3}$",
            "description": "An exact amount and its ISO 4217 currency, as `\"12.30 EUR\"`.",
        })
    }
}

impl JsonSchema for Currency {
    fn schema_name() -> Cow<'static, str> {
        "Currency".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "currency",
            "pattern": "^[A-Z]{3}$",
            "description": "An ISO 4217 currency code, as `\"EUR\"`.",
        })
    }
}
