//! A bank transfer as the shop's bank reports it: when and where it arrived, how much, from whom, and
//! the reference exactly as the payer wrote it.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::BankTransferError;
use crate::money::Money;

/// One incoming transfer: a line of the bank statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TransferReceipt {
    /// The bank's id of the transaction; a receipt is recorded once per id.
    pub bank_transaction_id: String,
    /// The day the money arrived.
    pub received_on: Date,
    /// The bank that reported it.
    pub bank: String,
    /// The amount credited.
    pub amount: Money,
    /// The payer's name as on the statement.
    pub payer_name: String,
    /// The payment reference as the payer typed it (spaces, case and typos included).
    pub reference_as_written: String,
}

impl TransferReceipt {
    /// Checks the fields: id, bank and payer present, amount positive.
    pub fn validate(&self) -> Result<(), BankTransferError> {
        required("bank_transaction_id", &self.bank_transaction_id)?;
        required("bank", &self.bank)?;
        required("payer_name", &self.payer_name)?;
        if self.amount.minor() <= 0 {
            let reason = format!("{} must be positive", self.amount);
            return Err(BankTransferError::InvalidField { field: "amount", reason });
        }
        Ok(())
    }
}

fn required(field: &'static str, value: &str) -> Result<(), BankTransferError> {
    if value.trim().is_empty() {
        Err(BankTransferError::InvalidField { field, reason: "is required".into() })
    } else {
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A receipt from `DSK Bank` on 2026-03-02 for `amount`, quoting `reference`.
    pub(crate) fn receipt(id: &str, amount: Money, reference: &str) -> TransferReceipt {
        TransferReceipt {
            bank_transaction_id: id.to_owned(),
            received_on: jiff::civil::date(2026, 3, 2),
            bank: "DSK Bank".to_owned(),
            amount,
            payer_name: "Ana Petrova".to_owned(),
            reference_as_written: reference.to_owned(),
        }
    }

    use crate::test_util::eur;

    #[test]
    fn blank_fields_and_non_positive_amounts_are_refused_by_name() {
        assert!(receipt("t1", eur(100), "RF00").validate().is_ok());
        let cases = [
            ("bank_transaction_id", TransferReceipt { bank_transaction_id: " ".into(), ..receipt("t", eur(1), "x") }),
            ("bank", TransferReceipt { bank: "".into(), ..receipt("t", eur(1), "x") }),
            ("payer_name", TransferReceipt { payer_name: "".into(), ..receipt("t", eur(1), "x") }),
            ("amount", receipt("t", eur(0), "x")),
        ];
        for (name, bad) in cases {
            let err = bad.validate().unwrap_err();
            assert!(matches!(err, BankTransferError::InvalidField { field, .. } if field == name), "{name}");
        }
    }
}
