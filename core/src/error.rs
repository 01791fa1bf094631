//! Error codes: the one trait every public error enum of the core implements, giving each failure a
//! stable snake_case `code`, the input `field` it concerns and its `domain`, the same in every binding.
//!
//! An enum implements it through [`error_code!`](crate::error_code): one arm per variant, with no
//! wildcard, so a new variant without a code does not compile. A variant that only wraps another
//! error of the core (`Money(MoneyError)`) reports that error's code, field and domain. The list of
//! every `(domain, code)` is `core/error_codes.txt`, checked by `core/tests/error_codes.rs`.

/// A stable, language-independent description of an error.
pub trait ErrorCode {
    /// The stable snake_case code of this failure (`no_price`, `slot_full`); never changes once
    /// published, whatever the message says.
    fn code(&self) -> &'static str;

    /// The input field the failure concerns (`lines[0].quantity`), if any.
    fn field(&self) -> Option<&str>;

    /// The part of the core the failure comes from (`pricing`, `cart`, `payment`).
    fn domain(&self) -> &'static str;

    /// The domain of the enum's own variants (a wrapped error reports its own domain).
    fn own_domain() -> &'static str
    where
        Self: Sized;

    /// Every code the enum's own variants report (wrapped errors list theirs), in declaration order.
    fn codes() -> &'static [&'static str]
    where
        Self: Sized;
}

/// Implements [`ErrorCode`] for an error enum: `error_code!(Enum, "domain", { Pattern => "code" [@ field
/// expression], ... } [, wraps { Pattern(inner) => inner, ... }])`. Every variant must have an arm.
#[macro_export]
macro_rules! error_code {
    ($ty:ty, $domain:literal, { $($pat:pat => $code:literal $(@ $field:expr)?),* $(,)? }
        $(, wraps { $($wpat:pat => $inner:ident),* $(,)? })? $(,)?) => {
        impl $crate::error::ErrorCode for $ty {
            #[allow(unused_variables)]
            fn code(&self) -> &'static str {
                match self {
                    $($pat => $code,)*
                    $($($wpat => $crate::error::ErrorCode::code($inner),)*)?
                }
            }

            #[allow(unused_variables)]
            fn field(&self) -> Option<&str> {
                match self {
                    $($pat => $crate::error_code!(@field $($field)?),)*
                    $($($wpat => $crate::error::ErrorCode::field($inner),)*)?
                }
            }

            #[allow(unused_variables, unreachable_patterns)]
            fn domain(&self) -> &'static str {
                match self {
                    $($($wpat => $crate::error::ErrorCode::domain($inner),)*)?
                    _ => $domain,
                }
            }

            fn own_domain() -> &'static str {
                $domain
            }

            fn codes() -> &'static [&'static str] {
                &[$($code),*]
            }
        }
    };
    (@field) => {
        None
    };
    (@field $field:expr) => {
        Some($field)
    };
}
