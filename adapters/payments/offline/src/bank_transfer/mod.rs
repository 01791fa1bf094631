//! Bank transfer now lives in `vitrina-core` (`vitrina_core::payment`), where the Shop stores a
//! transfer per order and matches bank statements; re-exported here for existing users.

use vitrina_core::order::Order;
use vitrina_core::order::PaymentMethod;

pub use vitrina_core::payment::{
    credit_overpayment, match_reference, BankTransfer, BankTransferError, BankTransferState, OpenReference,
    ReceiptOutcome, RecordedReceipt, ReferenceMatch, StatementLine, TransferReceipt,
};

use crate::OfflinePaymentError;

/// Refuses `order` unless it is paid by `expected`.
pub(crate) fn check_method(order: &Order, expected: PaymentMethod) -> Result<(), OfflinePaymentError> {
    let method = order.delivery().payment_method;
    if method == expected {
        Ok(())
    } else {
        Err(OfflinePaymentError::WrongMethod { order_id: order.id().to_owned(), method, expected })
    }
}
