//! Locale-aware formatting of money and dates for e-mails, from exact minor units (never floats).
//!
//! | language | money                                   | date               | date and time               |
//! |----------|-----------------------------------------|--------------------|-----------------------------|
//! | `en`     | `€1,234.50`, `$5.00`, `BGN 1,234.50`    | `March 28, 2025`   | `March 28, 2025, 2:30 PM`   |
//! | `ru`     | `1 234,50 ₽`, `1 234,50 €`              | `28 марта 2025 г.` | `28 марта 2025 г., 14:30`   |
//! | `bg`     | `1 234,50 лв.`, `1 234,50 €`            | `28 март 2025 г.`  | `28 март 2025 г., 14:30 ч.` |
//! | `zh`     | `¥1,234.50`, `€1,234.50`, `US$5.00`     | `2025年3月28日`    | `2025年3月28日 14:30`       |
//!
//! Russian and Bulgarian group thousands and separate the currency with a no-break space (U+00A0),
//! so an amount never wraps. A currency without a symbol in the language is shown by its ISO code.
//! Any other language formats as English.

use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::money::Money;

/// No-break space: groups digits and separates a trailing currency symbol in ru / bg.
const NBSP: char = '\u{a0}';

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// Russian month names in the genitive, as a date needs them (`28 марта`).
const RU_MONTHS: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const BG_MONTHS: [&str; 12] = [
    "януари",
    "февруари",
    "март",
    "април",
    "май",
    "юни",
    "юли",
    "август",
    "септември",
    "октомври",
    "ноември",
    "декември",
];

/// The languages e-mails are formatted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// English.
    En,
    /// Russian.
    Ru,
    /// Bulgarian.
    Bg,
    /// Chinese.
    Zh,
}

impl Language {
    /// The language of a locale tag (`bg-BG` -> Bulgarian); any other language formats as English.
    pub fn from_locale(tag: &str) -> Language {
        let language = tag.trim().split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match language.as_str() {
            "ru" => Language::Ru,
            "bg" => Language::Bg,
            "zh" => Language::Zh,
            _ => Language::En,
        }
    }

    /// (thousands separator, decimal separator).
    fn separators(self) -> (char, char) {
        match self {
            Language::En | Language::Zh => (',', '.'),
            Language::Ru | Language::Bg => (NBSP, ','),
        }
    }
}

/// `money` as a customer in `language` expects to read it (see the module table).
pub fn format_money(money: &Money, language: Language) -> String {
    let (group, decimal) = language.separators();
    let number = format_number(money.minor().unsigned_abs(), money.currency().minor_units() as usize, group, decimal);
    let sign = if money.is_negative() { "-" } else { "" };
    let code = money.currency().code();
    let symbol = symbol(language, code);
    match language {
        Language::En | Language::Zh => match symbol {
            Some(symbol) => format!("{sign}{symbol}{number}"),
            None => format!("{sign}{code}{NBSP}{number}"),
        },
        Language::Ru | Language::Bg => format!("{sign}{number}{NBSP}{}", symbol.unwrap_or(code)),
    }
}

/// `123450` minor units at scale 2 -> `1,234.50` (with the given separators).
fn format_number(minor: u64, scale: usize, group: char, decimal: char) -> String {
    let digits = format!("{minor:0>width$}", width = scale + 1);
    let (whole, fraction) = digits.split_at(digits.len() - scale);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            out.push(group);
        }
        out.push(digit);
    }
    if scale > 0 {
        out.push(decimal);
        out.push_str(fraction);
    }
    out
}

fn symbol(language: Language, code: &str) -> Option<&'static str> {
    use Language::{Bg, Ru, Zh};
    Some(match (language, code) {
        (_, "EUR") => "€",
        (_, "GBP") => "£",
        (Zh, "CNY") => "¥",
        (_, "CNY") => "CN¥",
        (Zh, "USD") => "US$",
        (_, "USD") => "$",
        (Zh, "JPY") => "JP¥",
        (_, "JPY") => "¥",
        (Ru | Bg, "RUB") => "₽",
        (Bg, "BGN") => "лв.",
        _ => return None,
    })
}

/// The calendar date of `at` in `zone`, written for `language` (see the module table).
pub fn format_date(at: Timestamp, zone: &TimeZone, language: Language) -> String {
    let date = at.to_zoned(zone.clone()).date();
    let (year, month, day) = (date.year(), usize::from(date.month().unsigned_abs()), date.day());
    match language {
        Language::En => format!("{} {day}, {year}", EN_MONTHS[month - 1]),
        Language::Ru => format!("{day} {} {year} г.", RU_MONTHS[month - 1]),
        Language::Bg => format!("{day} {} {year} г.", BG_MONTHS[month - 1]),
        Language::Zh => format!("{year}年{month}月{day}日"),
    }
}

/// The date and wall-clock time of `at` in `zone`, written for `language` (see the module table).
pub fn format_datetime(at: Timestamp, zone: &TimeZone, language: Language) -> String {
    let time = at.to_zoned(zone.clone()).time();
    let (hour, minute) = (time.hour(), time.minute());
    let date = format_date(at, zone, language);
    match language {
        Language::En => {
            let (twelve, half) = match hour {
                0 => (12, "AM"),
                1..=11 => (hour, "AM"),
                12 => (12, "PM"),
                _ => (hour - 12, "PM"),
            };
            format!("{date}, {twelve}:{minute:02} {half}")
        }
        Language::Ru => format!("{date}, {hour:02}:{minute:02}"),
        Language::Bg => format!("{date}, {hour:02}:{minute:02} ч."),
        Language::Zh => format!("{date} {hour:02}:{minute:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    fn money(text: &str) -> Money {
        Money::parse(text, "amount").unwrap()
    }

    fn all(text: &str) -> [String; 4] {
        [Language::En, Language::Ru, Language::Bg, Language::Zh].map(|l| format_money(&money(text), l))
    }

    #[test]
    fn money_follows_each_locale() {
        assert_eq!(all("1234.50 EUR"), ["€1,234.50", "1\u{a0}234,50\u{a0}€", "1\u{a0}234,50\u{a0}€", "€1,234.50"]);
        assert_eq!(format_money(&money("1234.50 RUB"), Language::Ru), "1\u{a0}234,50\u{a0}₽");
        assert_eq!(format_money(&money("1234.50 BGN"), Language::Bg), "1\u{a0}234,50\u{a0}лв.");
        assert_eq!(format_money(&money("1234.50 CNY"), Language::Zh), "¥1,234.50");
        assert_eq!(format_money(&money("1234.50 CNY"), Language::En), "CN¥1,234.50");
        assert_eq!(format_money(&money("5 USD"), Language::Zh), "US$5.00");
        assert_eq!(format_money(&money("1234.50 BGN"), Language::En), "BGN\u{a0}1,234.50");
        assert_eq!(format_money(&money("99 RUB"), Language::En), "RUB\u{a0}99.00");
    }

    #[test]
    fn minor_units_signs_and_grouping_are_exact() {
        assert_eq!(format_money(&Money::from_minor(123_456_789, Currency::JPY), Language::En), "¥123,456,789");
        assert_eq!(format_money(&Money::from_minor(1_234_567, Currency::KWD), Language::En), "KWD\u{a0}1,234.567");
        assert_eq!(format_money(&money("0.05 EUR"), Language::En), "€0.05");
        assert_eq!(format_money(&money("-1234.50 EUR"), Language::En), "-€1,234.50");
        assert_eq!(format_money(&money("-999.99 RUB"), Language::Ru), "-999,99\u{a0}₽");
        assert_eq!(format_money(&money("100000 EUR"), Language::Bg), "100\u{a0}000,00\u{a0}€");
    }

    #[test]
    fn dates_follow_each_locale_in_the_given_zone() {
        // 22:30 UTC on the 28th is already the 29th in Sofia (UTC+2 in March before DST).
        let at: Timestamp = "2025-03-28T22:30:00Z".parse().unwrap();
        let sofia = TimeZone::get("Europe/Sofia").unwrap();
        let dates = [Language::En, Language::Ru, Language::Bg, Language::Zh].map(|l| format_date(at, &sofia, l));
        assert_eq!(dates, ["March 29, 2025", "29 марта 2025 г.", "29 март 2025 г.", "2025年3月29日"]);
        assert_eq!(format_date(at, &TimeZone::UTC, Language::En), "March 28, 2025");
        assert_eq!(format_datetime(at, &sofia, Language::En), "March 29, 2025, 12:30 AM");
        assert_eq!(format_datetime(at, &TimeZone::UTC, Language::En), "March 28, 2025, 10:30 PM");
        assert_eq!(format_datetime(at, &sofia, Language::Ru), "29 марта 2025 г., 00:30");
        assert_eq!(format_datetime(at, &sofia, Language::Bg), "29 март 2025 г., 00:30 ч.");
        let shanghai = TimeZone::get("Asia/Shanghai").unwrap();
        assert_eq!(format_datetime(at, &shanghai, Language::Zh), "2025年3月29日 06:30");
    }

    #[test]
    fn locale_tags_map_to_languages() {
        assert_eq!(Language::from_locale("bg-BG"), Language::Bg);
        assert_eq!(Language::from_locale("ru_RU"), Language::Ru);
        assert_eq!(Language::from_locale("zh-Hans-CN"), Language::Zh);
        assert_eq!(Language::from_locale("EN"), Language::En);
        assert_eq!(Language::from_locale("de"), Language::En);
    }
}
