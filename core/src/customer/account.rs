//! The `Customer` account aggregate: contact details, addresses, groups, consent and staff notes.
//! Every change validates first, so a refused change leaves the account as it was.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::address::{Address, AddressInput};
use super::consent::{ConsentAction, ConsentChannel, ConsentEvent, ConsentHistory, ConsentSource};
use super::email::Email;
use super::error::CustomerError;
use super::group::{normalize_group, VIP_GROUP};
use super::locale::Locale;
use super::note::{agent_order, CustomerNote};
use super::phone::Phone;
use crate::id::new_id;

/// Longest customer name accepted, in characters.
const MAX_NAME: usize = 200;

/// What is needed to register a customer: unchecked text, validated by [`Customer::register`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NewCustomer {
    /// E-mail address.
    pub email: String,
    /// Full name.
    pub name: String,
    /// Phone in international form, if given.
    #[serde(default)]
    pub phone: Option<String>,
    /// Preferred locale, e.g. `bg-BG`.
    pub locale: String,
}

/// A customer account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Customer {
    id: String,
    email: Email,
    name: String,
    phone: Option<Phone>,
    locale: Locale,
    created_at: Timestamp,
    addresses: Vec<Address>,
    groups: Vec<String>,
    consent: ConsentHistory,
    notes: Vec<CustomerNote>,
    /// When the customer's personal data was erased, if it was.
    #[serde(default)]
    erased_at: Option<Timestamp>,
}

impl Customer {
    /// Validates `new` and opens an account with no addresses, groups, consent or notes.
    pub fn register(new: NewCustomer, at: Timestamp) -> Result<Customer, CustomerError> {
        Ok(Customer {
            id: new_id(at),
            email: Email::parse(&new.email, "email")?,
            name: valid_name(&new.name)?,
            phone: new.phone.as_deref().map(|p| Phone::parse(p, "phone")).transpose()?,
            locale: Locale::parse(&new.locale, "locale")?,
            created_at: at,
            addresses: Vec::new(),
            groups: Vec::new(),
            consent: ConsentHistory::default(),
            notes: Vec::new(),
            erased_at: None,
        })
    }

    /// Takes the person out of the account (their erasure, GDPR article 17): the e-mail becomes
    /// the erased address, the name reads as erased, the phone, addresses, groups and staff notes
    /// go, and marketing consent still given is withdrawn at `at` (source `erasure`). The consent
    /// history stays: it is the proof of consent the law asks the shop to keep.
    pub fn erase(&mut self, at: Timestamp) -> Result<(), CustomerError> {
        self.email = Email::parse(&crate::erasure::erased_email(&self.id), "email")?;
        self.name = crate::erasure::ERASED.to_owned();
        self.phone = None;
        self.addresses.clear();
        self.groups.clear();
        self.notes.clear();
        for channel in [ConsentChannel::Email, ConsentChannel::Sms] {
            if self.consent.latest(channel).is_some_and(|last| last.action == ConsentAction::Granted) {
                let source = ConsentSource::Erasure;
                let at = at.max(self.consent.latest(channel).map_or(at, |last| last.at));
                self.consent.record(ConsentEvent { channel, action: ConsentAction::Withdrawn, source, at })?;
            }
        }
        self.erased_at = Some(at);
        Ok(())
    }

    /// When the customer's personal data was erased, if it was.
    pub fn erased_at(&self) -> Option<Timestamp> {
        self.erased_at
    }

    /// Changes the e-mail address.
    pub fn change_email(&mut self, email: &str) -> Result<(), CustomerError> {
        self.email = Email::parse(email, "email")?;
        Ok(())
    }

    /// Changes the name.
    pub fn rename(&mut self, name: &str) -> Result<(), CustomerError> {
        self.name = valid_name(name)?;
        Ok(())
    }

    /// Sets or clears the phone number.
    pub fn set_phone(&mut self, phone: Option<&str>) -> Result<(), CustomerError> {
        self.phone = phone.map(|p| Phone::parse(p, "phone")).transpose()?;
        Ok(())
    }

    /// Changes the preferred locale.
    pub fn set_locale(&mut self, locale: &str) -> Result<(), CustomerError> {
        self.locale = Locale::parse(locale, "locale")?;
        Ok(())
    }

    /// Adds an address; if it is flagged default shipping or billing, the flag moves to it.
    /// Returns the new address id.
    pub fn add_address(&mut self, input: AddressInput, at: Timestamp) -> Result<String, CustomerError> {
        let address = Address::from_input(new_id(at), input)?;
        let id = address.id.clone();
        self.addresses.push(address);
        self.keep_defaults_unique(&id);
        Ok(id)
    }

    /// Replaces the address `address_id` with `input`, keeping its id; default flags move as on add.
    pub fn update_address(&mut self, address_id: &str, input: AddressInput) -> Result<(), CustomerError> {
        let index = self.address_index(address_id)?;
        self.addresses[index] = Address::from_input(address_id.to_owned(), input)?;
        self.keep_defaults_unique(address_id);
        Ok(())
    }

    /// Removes the address `address_id` and returns it; a removed default leaves no default.
    pub fn remove_address(&mut self, address_id: &str) -> Result<Address, CustomerError> {
        let index = self.address_index(address_id)?;
        Ok(self.addresses.remove(index))
    }

    /// The address `address_id`, if any.
    pub fn address(&self, address_id: &str) -> Option<&Address> {
        self.addresses.iter().find(|a| a.id == address_id)
    }

    /// The default shipping address, if one is set.
    pub fn default_shipping_address(&self) -> Option<&Address> {
        self.addresses.iter().find(|a| a.default_shipping)
    }

    /// The default billing address, if one is set.
    pub fn default_billing_address(&self) -> Option<&Address> {
        self.addresses.iter().find(|a| a.default_billing)
    }

    /// Adds the customer to `group` (normalised to lower case); returns whether it was new.
    pub fn add_group(&mut self, group: &str) -> Result<bool, CustomerError> {
        let group = normalize_group(group)?;
        if self.groups.contains(&group) {
            return Ok(false);
        }
        self.groups.push(group);
        self.groups.sort();
        Ok(true)
    }

    /// Removes the customer from `group`; returns whether they were in it.
    pub fn remove_group(&mut self, group: &str) -> bool {
        let before = self.groups.len();
        let group = group.trim().to_ascii_lowercase();
        self.groups.retain(|g| *g != group);
        self.groups.len() != before
    }

    /// Whether the customer is in `group` (case-insensitive).
    pub fn in_group(&self, group: &str) -> bool {
        self.groups.iter().any(|g| g.eq_ignore_ascii_case(group.trim()))
    }

    /// Whether the customer is in the `vip` group.
    pub fn is_vip(&self) -> bool {
        self.in_group(VIP_GROUP)
    }

    /// Records that the customer agreed to marketing on `channel`.
    pub fn grant_consent(
        &mut self,
        channel: ConsentChannel,
        source: ConsentSource,
        at: Timestamp,
    ) -> Result<(), CustomerError> {
        self.consent.record(ConsentEvent { channel, action: ConsentAction::Granted, source, at })
    }

    /// Records that the customer withdrew marketing consent on `channel`; the grant stays in the history.
    pub fn withdraw_consent(
        &mut self,
        channel: ConsentChannel,
        source: ConsentSource,
        at: Timestamp,
    ) -> Result<(), CustomerError> {
        self.consent.record(ConsentEvent { channel, action: ConsentAction::Withdrawn, source, at })
    }

    /// Whether the customer currently consents to marketing on `channel`.
    pub fn has_consent(&self, channel: ConsentChannel) -> bool {
        self.consent.has_consent(channel)
    }

    /// Adds a staff note; returns its id.
    pub fn add_note(&mut self, author_id: &str, body: &str, at: Timestamp) -> Result<String, CustomerError> {
        let note = CustomerNote::new(new_id(at), author_id, body, at)?;
        let id = note.id.clone();
        self.notes.push(note);
        Ok(id)
    }

    /// Pins or unpins the note `note_id`.
    pub fn set_note_pinned(&mut self, note_id: &str, pinned: bool) -> Result<(), CustomerError> {
        let note = self
            .notes
            .iter_mut()
            .find(|n| n.id == note_id)
            .ok_or_else(|| CustomerError::NoteNotFound { note_id: note_id.to_owned() })?;
        note.pinned = pinned;
        Ok(())
    }

    /// Notes as an agent sees them beside a case: pinned first, then newest first.
    pub fn notes_for_agent(&self) -> Vec<&CustomerNote> {
        agent_order(&self.notes)
    }

    /// The account's UUIDv7 id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The e-mail address.
    pub fn email(&self) -> &Email {
        &self.email
    }

    /// The name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The phone number, if any.
    pub fn phone(&self) -> Option<&Phone> {
        self.phone.as_ref()
    }

    /// The preferred locale.
    pub fn locale(&self) -> &Locale {
        &self.locale
    }

    /// When the account was opened.
    pub fn created_at(&self) -> Timestamp {
        self.created_at
    }

    /// All addresses, in the order they were added.
    pub fn addresses(&self) -> &[Address] {
        &self.addresses
    }

    /// The groups, sorted; pass them as the pricing context's `customer_groups`.
    pub fn groups(&self) -> &[String] {
        &self.groups
    }

    /// The full consent history.
    pub fn consent(&self) -> &ConsentHistory {
        &self.consent
    }

    /// All notes, in the order they were written.
    pub fn notes(&self) -> &[CustomerNote] {
        &self.notes
    }

    fn address_index(&self, address_id: &str) -> Result<usize, CustomerError> {
        self.addresses
            .iter()
            .position(|a| a.id == address_id)
            .ok_or_else(|| CustomerError::AddressNotFound { address_id: address_id.to_owned() })
    }

    /// Clears the default flags of every other address where `address_id` holds them.
    fn keep_defaults_unique(&mut self, address_id: &str) {
        let Some(chosen) = self.address(address_id).cloned() else { return };
        for other in self.addresses.iter_mut().filter(|a| a.id != address_id) {
            other.default_shipping &= !chosen.default_shipping;
            other.default_billing &= !chosen.default_billing;
        }
    }
}

fn valid_name(name: &str) -> Result<String, CustomerError> {
    let trimmed = name.trim();
    if trimmed.is_empty() || trimmed.chars().count() > MAX_NAME || trimmed.chars().any(char::is_control) {
        return Err(CustomerError::invalid("name", "must be 1 to 200 characters without control characters"));
    }
    Ok(trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::super::address::tests::sofia;
    use super::*;

    fn ts(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn new_customer() -> NewCustomer {
        NewCustomer {
            email: "Ana@Example.com".into(),
            name: " Ana Petrova ".into(),
            phone: Some("+359 888 123 456".into()),
            locale: "bg-BG".into(),
        }
    }

    fn ana() -> Customer {
        Customer::register(new_customer(), ts("2025-01-01T00:00:00Z")).unwrap()
    }

    #[test]
    fn register_validates_and_normalises() {
        let customer = ana();
        assert_eq!(customer.email().as_str(), "Ana@example.com");
        assert_eq!(customer.name(), "Ana Petrova");
        assert_eq!(customer.phone().unwrap().as_str(), "+359888123456");
        assert_eq!(customer.locale().as_str(), "bg-BG");
        assert_eq!(customer.created_at(), ts("2025-01-01T00:00:00Z"));
        assert_eq!(uuid::Uuid::parse_str(customer.id()).unwrap().get_version_num(), 7);
        assert!(customer.addresses().is_empty() && customer.groups().is_empty() && customer.notes().is_empty());
    }

    #[test]
    fn register_names_the_bad_field() {
        let at = ts("2025-01-01T00:00:00Z");
        let cases = [
            (NewCustomer { email: "ana".into(), ..new_customer() }, "email"),
            (NewCustomer { name: "  ".into(), ..new_customer() }, "name"),
            (NewCustomer { phone: Some("123".into()), ..new_customer() }, "phone"),
            (NewCustomer { locale: "bulgarian".into(), ..new_customer() }, "locale"),
        ];
        for (new, field) in cases {
            match Customer::register(new, at).unwrap_err() {
                CustomerError::InvalidField { field: got, .. } => assert_eq!(got, field),
                other => panic!("unexpected {other:?}"),
            }
        }
    }

    #[test]
    fn contact_details_change_only_when_valid() {
        let mut customer = ana();
        customer.change_email("ana@NEW.bg").unwrap();
        customer.rename("Ana P.").unwrap();
        customer.set_phone(None).unwrap();
        customer.set_locale("en").unwrap();
        assert_eq!(
            (customer.email().as_str(), customer.name(), customer.phone(), customer.locale().as_str()),
            ("ana@new.bg", "Ana P.", None, "en")
        );
        let before = customer.clone();
        assert!(customer.change_email("ana@@new.bg").is_err());
        assert!(customer.rename("").is_err());
        assert!(customer.rename(&"x".repeat(201)).is_err());
        assert!(customer.set_phone(Some("555")).is_err());
        assert!(customer.set_locale("x").is_err());
        assert_eq!(customer, before);
        customer.set_phone(Some("+12025550123")).unwrap();
        assert_eq!(customer.phone().unwrap().as_str(), "+12025550123");
    }

    #[test]
    fn addresses_are_added_updated_and_removed() {
        let mut customer = ana();
        let id = customer.add_address(sofia(), ts("2025-01-02T00:00:00Z")).unwrap();
        assert_eq!(customer.address(&id).unwrap().city, "Sofia");
        customer
            .update_address(&id, AddressInput { city: "Plovdiv".into(), postal_code: "4000".into(), ..sofia() })
            .unwrap();
        assert_eq!(customer.address(&id).unwrap().city, "Plovdiv");
        assert_eq!(customer.address(&id).unwrap().id, id);
        let removed = customer.remove_address(&id).unwrap();
        assert_eq!(removed.postal_code, "4000");
        assert!(customer.addresses().is_empty());
    }

    #[test]
    fn unknown_address_ids_are_typed_errors() {
        let mut customer = ana();
        let missing = CustomerError::AddressNotFound { address_id: "nope".into() };
        assert_eq!(customer.update_address("nope", sofia()).unwrap_err(), missing);
        assert_eq!(customer.remove_address("nope").unwrap_err(), missing);
        assert!(customer.address("nope").is_none());
    }

    #[test]
    fn invalid_address_leaves_the_account_unchanged() {
        let mut customer = ana();
        let id = customer.add_address(sofia(), ts("2025-01-02T00:00:00Z")).unwrap();
        let before = customer.clone();
        assert!(customer
            .add_address(AddressInput { country: "XX".into(), ..sofia() }, ts("2025-01-03T00:00:00Z"))
            .is_err());
        assert!(customer.update_address(&id, AddressInput { city: "".into(), ..sofia() }).is_err());
        assert_eq!(customer, before);
    }

    #[test]
    fn default_flags_move_to_the_latest_address_flagged() {
        let mut customer = ana();
        let at = ts("2025-01-02T00:00:00Z");
        let both = AddressInput { default_shipping: true, default_billing: true, ..sofia() };
        let first = customer.add_address(both, at).unwrap();
        let second = customer.add_address(AddressInput { default_shipping: true, ..sofia() }, at).unwrap();
        assert_eq!(customer.default_shipping_address().unwrap().id, second);
        assert_eq!(customer.default_billing_address().unwrap().id, first);
        customer.update_address(&first, AddressInput { default_shipping: true, ..sofia() }).unwrap();
        assert_eq!(customer.default_shipping_address().unwrap().id, first);
        assert!(customer.default_billing_address().is_none());
        assert!(!customer.address(&second).unwrap().default_shipping);
        customer.remove_address(&first).unwrap();
        assert!(customer.default_shipping_address().is_none());
    }

    #[test]
    fn groups_are_normalised_unique_and_drive_vip() {
        let mut customer = ana();
        assert!(!customer.is_vip());
        assert!(customer.add_group(" VIP ").unwrap());
        assert!(!customer.add_group("vip").unwrap());
        assert!(customer.add_group("b2b").unwrap());
        assert_eq!(customer.groups(), ["b2b", "vip"]);
        assert!(customer.is_vip());
        assert!(customer.in_group("B2B"));
        assert!(customer.add_group("gold club").is_err());
        assert!(customer.remove_group("Vip"));
        assert!(!customer.remove_group("vip"));
        assert!(!customer.is_vip());
    }

    #[test]
    fn consent_is_granted_withdrawn_and_kept_as_history() {
        let mut customer = ana();
        assert!(!customer.has_consent(ConsentChannel::Email));
        customer.grant_consent(ConsentChannel::Email, ConsentSource::Checkout, ts("2025-01-01T00:00:00Z")).unwrap();
        assert!(customer.has_consent(ConsentChannel::Email));
        assert!(!customer.has_consent(ConsentChannel::Sms));
        customer.withdraw_consent(ConsentChannel::Email, ConsentSource::Support, ts("2025-02-01T00:00:00Z")).unwrap();
        assert!(!customer.has_consent(ConsentChannel::Email));
        assert_eq!(customer.consent().events().len(), 2);
        let late = customer.grant_consent(ConsentChannel::Email, ConsentSource::Import, ts("2025-01-15T00:00:00Z"));
        assert!(matches!(late, Err(CustomerError::ConsentOutOfOrder { .. })));
        assert_eq!(customer.consent().events().len(), 2);
    }

    #[test]
    fn notes_are_added_pinned_and_ordered_for_agents() {
        let mut customer = ana();
        let first = customer.add_note("agent-1", "Prefers phone calls", ts("2025-01-01T00:00:00Z")).unwrap();
        let second = customer.add_note("agent-2", "Asked about invoices", ts("2025-02-01T00:00:00Z")).unwrap();
        let ids = |c: &Customer| c.notes_for_agent().iter().map(|n| n.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&customer), vec![second.clone(), first.clone()]);
        customer.set_note_pinned(&first, true).unwrap();
        assert_eq!(ids(&customer), vec![first.clone(), second]);
        customer.set_note_pinned(&first, false).unwrap();
        assert!(!customer.notes()[0].pinned);
        assert_eq!(
            customer.set_note_pinned("nope", true).unwrap_err(),
            CustomerError::NoteNotFound { note_id: "nope".into() }
        );
        assert!(customer.add_note("agent-1", " ", ts("2025-03-01T00:00:00Z")).is_err());
        assert_eq!(customer.notes().len(), 2);
    }

    #[test]
    fn customer_round_trips_as_json() {
        let mut customer = ana();
        customer.add_address(sofia(), ts("2025-01-02T00:00:00Z")).unwrap();
        customer.add_group("vip").unwrap();
        customer.grant_consent(ConsentChannel::Sms, ConsentSource::Account, ts("2025-01-02T00:00:00Z")).unwrap();
        customer.add_note("agent-1", "VIP since 2020", ts("2025-01-02T00:00:00Z")).unwrap();
        let json = serde_json::to_string(&customer).unwrap();
        assert_eq!(serde_json::from_str::<Customer>(&json).unwrap(), customer);
    }
}
