//! Gift-card codes: 15 random symbols and a check symbol from Crockford's base-32 alphabet (digits and
//! letters without I, L, O and U, so nothing reads two ways), printed in groups of four
//! (`7KQ2-M9XD-4HTB-W3RF`). Typing is forgiving: case, blanks and dashes are ignored and `O`, `I`, `L`
//! read as `0`, `1`, `1`; the check symbol (Luhn mod 32) catches any single mistyped symbol and most
//! swaps of neighbours.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::StoredValueError;

/// The 32 symbols, each worth its index.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Random symbols in a code (15 x 5 = 75 bits).
const RANDOM_SYMBOLS: usize = 15;
/// Symbols per printed group.
const GROUP: usize = 4;

/// A gift card's code, held in its compact form (16 symbols, no dashes).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
pub struct GiftCardCode(String);

impl GiftCardCode {
    /// A fresh code from the system's random source.
    pub fn generate() -> Result<GiftCardCode, StoredValueError> {
        let mut bytes = [0u8; RANDOM_SYMBOLS];
        getrandom::fill(&mut bytes).map_err(|e| StoredValueError::RandomnessUnavailable { reason: e.to_string() })?;
        Ok(GiftCardCode::from_random_bytes(&bytes))
    }

    /// The code whose random symbols are taken from `bytes` (five bits each, one byte per symbol),
    /// followed by its check symbol.
    fn from_random_bytes(bytes: &[u8; RANDOM_SYMBOLS]) -> GiftCardCode {
        let values: Vec<u32> = bytes.iter().map(|b| u32::from(b & 0x1F)).collect();
        GiftCardCode(values.iter().chain([check_value(&values)].iter()).map(|&v| symbol(v)).collect())
    }

    /// Parses a code as printed or typed, validating its check symbol.
    pub fn parse(text: &str) -> Result<GiftCardCode, StoredValueError> {
        let invalid =
            |reason: &str| StoredValueError::InvalidCode { value: text.to_owned(), reason: reason.to_owned() };
        let values = text
            .chars()
            .filter(|c| !matches!(c, ' ' | '-'))
            .map(value)
            .collect::<Option<Vec<u32>>>()
            .ok_or_else(|| invalid("only digits and the letters A-Z except U are allowed"))?;
        if values.len() != RANDOM_SYMBOLS + 1 {
            return Err(invalid("must have 16 symbols"));
        }
        let (body, check) = values.split_at(RANDOM_SYMBOLS);
        if check_value(body) != check[0] {
            return Err(invalid("check symbol does not match: mistyped?"));
        }
        Ok(GiftCardCode(values.into_iter().map(symbol).collect()))
    }

    /// The compact form (`7KQ2M9XD4HTBW3RF`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The printed form, in groups of four (`7KQ2-M9XD-4HTB-W3RF`).
    pub fn formatted(&self) -> String {
        let groups: Vec<&str> = (0..self.0.len()).step_by(GROUP).map(|i| &self.0[i..i + GROUP]).collect();
        groups.join("-")
    }

    /// All but the last group hidden (`****-****-****-W3RF`), for receipts, events and staff.
    pub fn masked(&self) -> String {
        format!("****-****-****-{}", &self.0[self.0.len() - GROUP..])
    }
}

fn symbol(value: u32) -> char {
    char::from(ALPHABET[value as usize])
}

/// The value of a typed symbol, reading `O` as 0 and `I`, `L` as 1; `None` for anything else.
fn value(c: char) -> Option<u32> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    ALPHABET.iter().position(|&s| char::from(s) == c).map(|i| i as u32)
}

/// Luhn mod 32: double every other value from the right, add the base-32 digits, complete to 32.
fn check_value(values: &[u32]) -> u32 {
    let sum: u32 = values
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &v)| {
            let v = if i % 2 == 0 { v * 2 } else { v };
            v / 32 + v % 32
        })
        .sum();
    (32 - sum % 32) % 32
}

impl fmt::Display for GiftCardCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.formatted())
    }
}

impl TryFrom<String> for GiftCardCode {
    type Error = StoredValueError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        GiftCardCode::parse(&text)
    }
}

impl From<GiftCardCode> for String {
    fn from(code: GiftCardCode) -> Self {
        code.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> GiftCardCode {
        GiftCardCode::from_random_bytes(&[7, 20, 23, 2, 21, 9, 29, 13, 4, 17, 26, 11, 28, 3, 24])
    }

    #[test]
    fn generated_codes_are_16_unambiguous_symbols_that_validate() {
        for _ in 0..50 {
            let code = GiftCardCode::generate().unwrap();
            assert_eq!(code.as_str().len(), 16);
            assert!(code.as_str().chars().all(|c| !"ILOU".contains(c)), "{code}");
            assert_eq!(GiftCardCode::parse(&code.formatted()).unwrap(), code);
        }
        assert_ne!(GiftCardCode::generate().unwrap(), GiftCardCode::generate().unwrap());
    }

    #[test]
    fn printed_form_is_grouped_and_typing_is_forgiving() {
        let code = sample();
        let printed = code.formatted();
        assert_eq!(printed.len(), 19);
        assert_eq!(printed.matches('-').count(), 3);
        assert_eq!(GiftCardCode::parse(&printed.to_lowercase().replace('-', " ")).unwrap(), code);
        let with_oh = code.as_str().replace('0', "O").replace('1', "l");
        assert_eq!(GiftCardCode::parse(&with_oh).unwrap(), code);
        assert_eq!(code.masked(), format!("****-****-****-{}", &code.as_str()[12..]));
    }

    #[test]
    fn every_single_mistyped_symbol_is_caught() {
        let code = sample();
        let original: Vec<char> = code.as_str().chars().collect();
        for at in 0..original.len() {
            for &replacement in ALPHABET.iter().map(|b| char::from(*b)).collect::<Vec<_>>().iter() {
                if replacement == original[at] {
                    continue;
                }
                let mut typo = original.clone();
                typo[at] = replacement;
                let typo: String = typo.into_iter().collect();
                assert!(GiftCardCode::parse(&typo).is_err(), "{typo} passed");
            }
        }
    }

    #[test]
    fn malformed_codes_are_refused_and_serde_validates() {
        for bad in ["", "ABC", "7KQ2-M9XD-4HTB-W3R", "UUUU-UUUU-UUUU-UUUU", "7KQ2-M9XD-4HTB-W3RF-0"] {
            assert!(matches!(GiftCardCode::parse(bad), Err(StoredValueError::InvalidCode { .. })), "{bad}");
        }
        let json = serde_json::to_string(&sample()).unwrap();
        assert_eq!(serde_json::from_str::<GiftCardCode>(&json).unwrap(), sample());
        assert!(serde_json::from_str::<GiftCardCode>("\"0000000000000001\"").is_err());
    }
}
