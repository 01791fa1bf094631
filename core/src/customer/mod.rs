//! Customer accounts: validated contact details, addresses, groups (VIP, B2B), marketing consent
//! history, support notes, and a purchase-history summary. Pure: time is always an argument.

mod account;
mod address;
mod consent;
mod country;
mod email;
mod error;
mod group;
mod locale;
mod note;
mod phone;
mod purchase;

pub use account::{Customer, NewCustomer};
pub use address::{Address, AddressInput};
pub use consent::{ConsentAction, ConsentChannel, ConsentEvent, ConsentHistory, ConsentSource};
pub use country::Country;
pub use email::Email;
pub use error::CustomerError;
pub use group::{B2B_GROUP, VIP_GROUP};
pub use locale::Locale;
pub use note::CustomerNote;
pub use phone::Phone;
pub use purchase::{PurchaseRecord, PurchaseSummary, UNCOUNTED_STATUSES};
