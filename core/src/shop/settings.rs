//! The back-office configuration of a shop as one versioned document: how it presents itself,
//! its pricing rules, policies for payments, stock, support and returns, and its e-mail templates.

use std::collections::BTreeMap;

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use crate::delivery::Address;
use crate::notify::{MarketingPolicy, OutboxPolicy, ShopProfile, ShopSettings, TemplateStore};
use crate::pricing::PricingRules;
use crate::returns::ReturnPolicy;
use crate::store::{Field, Record};
use crate::support::{
    BusinessCalendar, CannedLibrary, CasePolicy, CsatPolicy, EscalationPolicy, OpeningInterval, SlaPolicy,
    SupportError, WeeklyHours,
};

/// The id of the one settings document.
pub const SETTINGS_ID: &str = "shop";

/// When an order that waits for the shopper's money (a bank transfer) is reminded and cancelled,
/// counted from the moment it was placed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UnpaidPolicy {
    /// Friendly reminders, ascending.
    pub reminders_after: Vec<SignedDuration>,
    /// The final notice, after the last reminder.
    pub final_notice_after: SignedDuration,
    /// Cancellation (its stock goes back on the shelf), after the final notice.
    pub cancel_after: SignedDuration,
}

impl Default for UnpaidPolicy {
    /// Reminders after 3 and 6 days, the final notice after 9, cancellation after 14.
    fn default() -> Self {
        let days = |n: i64| SignedDuration::from_hours(24 * n);
        UnpaidPolicy { reminders_after: vec![days(3), days(6)], final_notice_after: days(9), cancel_after: days(14) }
    }
}

/// Everything a shop owner configures, stored as one document whose version grows with each change.
/// Only the profile is required: every policy left out of a document takes its default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Settings {
    /// Name, links, sender, bank details for transfers.
    pub profile: ShopProfile,
    /// Default locale and time zone of the e-mails and the reports.
    #[serde(default)]
    pub locale: ShopSettings,
    /// Promotions, tax, shipping methods, packaging and rounding.
    #[serde(default)]
    pub pricing: PricingRules,
    /// The sales channel priced for (`web`, `app`, `pos`), if the price lists and promotions use one.
    #[serde(default)]
    pub channel: Option<String>,
    /// The region priced for before the shopper gives an address (`BG`).
    #[serde(default)]
    pub default_region: Option<String>,
    /// Prefix of order numbers (`VT` gives `VT-2026-000001`).
    #[serde(default = "default_order_prefix")]
    pub order_prefix: String,
    /// How long stock stays held for a placed order that is neither paid nor shipped.
    #[serde(default = "default_reservation_hold")]
    pub reservation_hold: SignedDuration,
    /// A variant with this many units or fewer free to sell is on the low-stock work list.
    #[serde(default = "default_low_stock_at")]
    pub low_stock_at: u64,
    /// Reminders and cancellation of unpaid orders.
    #[serde(default)]
    pub unpaid: UnpaidPolicy,
    /// A checkout idle this long after the contact step gets one follow-up e-mail.
    #[serde(default = "default_abandoned_after")]
    pub abandoned_after: SignedDuration,
    /// Where parcels are sent from.
    #[serde(default)]
    pub warehouse: Option<Address>,
    /// The courier used when the shopper's delivery choice names none, by registered name.
    #[serde(default)]
    pub default_courier: Option<String>,
    /// Couriers by shipping method id (`same-day` -> `own-fleet`).
    #[serde(default)]
    pub courier_for_method: BTreeMap<String, String>,
    /// Packaging weight added to every parcel, in grams.
    #[serde(default = "default_parcel_tare_grams")]
    pub parcel_tare_grams: u32,
    /// Where a customer follows a parcel: `{tracking}` is replaced by its tracking number.
    #[serde(default)]
    pub tracking_url: Option<String>,
    /// Staff names shown to customers, by staff id.
    #[serde(default)]
    pub staff: BTreeMap<String, String>,
    /// Support case rules (auto-close, reopen windows).
    #[serde(default)]
    pub cases: CasePolicy,
    /// Satisfaction surveys.
    #[serde(default)]
    pub csat: CsatPolicy,
    /// Canned replies of the support desk.
    #[serde(default)]
    pub canned_replies: CannedLibrary,
    /// First-response and resolution targets of support cases, per priority.
    #[serde(default)]
    pub sla: SlaPolicy,
    /// What `run_due` does when a case's SLA target breaks; `None`: the warning e-mail only.
    #[serde(default)]
    pub sla_escalation: Option<EscalationPolicy>,
    /// The agents of each support queue (team), by queue name, in the order they take turns.
    #[serde(default)]
    pub support_teams: BTreeMap<String, Vec<String>>,
    /// The feedback forms whose submissions open cases, by form id.
    #[serde(default)]
    pub feedback_forms: BTreeMap<String, crate::support::FeedbackForm>,
    /// Support's opening hours the SLA is counted in; `None`: around the clock, in UTC.
    #[serde(default)]
    pub business_calendar: Option<BusinessCalendar>,
    /// Return windows and rules.
    #[serde(default)]
    pub returns: ReturnPolicy,
    /// Marketing mail rules (segment, frequency cap).
    #[serde(default)]
    pub marketing: MarketingPolicy,
    /// Outbox retries.
    #[serde(default)]
    pub outbox: OutboxPolicy,
    /// The e-mail templates (defaults in four languages, overridable per shop).
    #[serde(default)]
    pub templates: TemplateStore,
}

impl Settings {
    /// Settings for `profile`, with every policy at its default.
    pub fn new(profile: ShopProfile) -> Settings {
        Settings {
            profile,
            locale: ShopSettings::default(),
            pricing: PricingRules::default(),
            channel: None,
            default_region: None,
            order_prefix: default_order_prefix(),
            reservation_hold: default_reservation_hold(),
            low_stock_at: default_low_stock_at(),
            unpaid: UnpaidPolicy::default(),
            abandoned_after: default_abandoned_after(),
            warehouse: None,
            default_courier: None,
            courier_for_method: BTreeMap::new(),
            parcel_tare_grams: default_parcel_tare_grams(),
            tracking_url: None,
            staff: BTreeMap::new(),
            cases: CasePolicy::default(),
            csat: CsatPolicy::default(),
            canned_replies: CannedLibrary::default(),
            sla: SlaPolicy::default(),
            sla_escalation: None,
            support_teams: BTreeMap::new(),
            feedback_forms: BTreeMap::new(),
            business_calendar: None,
            returns: ReturnPolicy::default(),
            marketing: MarketingPolicy::default(),
            outbox: OutboxPolicy::default(),
            templates: TemplateStore::new(),
        }
    }
}

impl Settings {
    /// The shop's time zone ([`ShopSettings::time_zone`]); an unknown zone is `invalid` naming
    /// `settings.locale.time_zone`.
    pub fn time_zone(&self) -> Result<jiff::tz::TimeZone, super::ShopError> {
        jiff::tz::TimeZone::get(&self.locale.time_zone)
            .map_err(|e| super::ShopError::invalid("settings.locale.time_zone", e.to_string()))
    }

    /// The calendar SLA targets are counted in: [`Settings::business_calendar`], or every hour of
    /// every day in UTC when none is set.
    pub fn support_calendar(&self) -> Result<BusinessCalendar, SupportError> {
        if let Some(calendar) = &self.business_calendar {
            return Ok(calendar.clone());
        }
        let all_day = vec![OpeningInterval::new(jiff::civil::Time::midnight(), jiff::civil::Time::midnight())];
        let weekly = WeeklyHours {
            monday: all_day.clone(),
            tuesday: all_day.clone(),
            wednesday: all_day.clone(),
            thursday: all_day.clone(),
            friday: all_day.clone(),
            saturday: all_day.clone(),
            sunday: all_day,
        };
        BusinessCalendar::new("UTC", weekly, Vec::new())
    }
}

/// Three units or fewer free to sell is low stock unless the shop says otherwise.
fn default_low_stock_at() -> u64 {
    3
}

fn default_order_prefix() -> String {
    "VT".to_owned()
}

fn default_reservation_hold() -> SignedDuration {
    SignedDuration::from_hours(48)
}

fn default_abandoned_after() -> SignedDuration {
    SignedDuration::from_hours(2)
}

fn default_parcel_tare_grams() -> u32 {
    150
}

/// One revision of the settings, kept when it was written: the history of the configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SettingsRevision {
    /// The version this revision has (1 for the first settings).
    pub version: u64,
    /// When it was written.
    pub saved_at: Timestamp,
    /// The settings as they were written.
    pub settings: Settings,
}

impl SettingsRevision {
    /// The revision's document id: its version, zero-padded so ids sort as versions do.
    pub(crate) fn id_of(version: u64) -> String {
        format!("{SETTINGS_ID}:{version:020}")
    }
}

/// A revision as stored: one document per version, found by the settings it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct RevisionDocument {
    pub(crate) id: String,
    pub(crate) revision: SettingsRevision,
}

impl Record for RevisionDocument {
    const KIND: &'static str = "settings revision";
    const TABLE: &'static str = "settings_revisions";
    fn record_id(&self) -> &str {
        &self.id
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        vec![("settings_id", Field::Text(Some(SETTINGS_ID.to_owned())))]
    }
}

/// The settings as stored: one document under [`SETTINGS_ID`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct SettingsDocument {
    pub(crate) id: String,
    pub(crate) settings: Settings,
}

impl Record for SettingsDocument {
    const KIND: &'static str = "settings";
    const TABLE: &'static str = "settings";
    fn record_id(&self) -> &str {
        &self.id
    }
    fn fields(&self) -> Vec<(&'static str, Field)> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;

    use super::*;
    use crate::notify::ShopInfo;
    use crate::support::{
        CaseActor as Actor, CaseCategory as Category, Channel, NewCase, Priority, SlaStatus, SupportCase,
    };

    fn settings() -> Settings {
        Settings::new(ShopProfile {
            shop_id: "demo".into(),
            info: ShopInfo {
                name: "Demo".into(),
                url: "https://shop.example.com".into(),
                support_email: "help@shop.example.com".into(),
            },
            sender: "Demo <orders@shop.example.com>".into(),
            bank: None,
            transfer_window: SignedDuration::from_hours(24),
        })
    }

    #[test]
    fn a_document_with_only_the_profile_is_the_default_settings() {
        let profile = serde_json::to_value(&settings().profile).unwrap();
        let loaded: Settings = serde_json::from_value(serde_json::json!({ "profile": profile })).unwrap();
        assert_eq!(loaded, settings());
        assert_eq!((loaded.order_prefix.as_str(), loaded.parcel_tare_grams), ("VT", 150));
    }

    #[test]
    fn settings_stored_before_the_sla_fields_load_with_their_defaults() {
        let mut json = serde_json::to_value(settings()).unwrap();
        let object = json.as_object_mut().unwrap();
        object.remove("sla");
        object.remove("business_calendar");
        let loaded: Settings = serde_json::from_value(json).unwrap();
        assert_eq!(loaded.sla, SlaPolicy::default());
        assert_eq!(loaded.business_calendar, None);
    }

    #[test]
    fn without_a_calendar_the_sla_counts_every_hour() {
        let opened: Timestamp = "2026-11-28T22:00:00Z".parse().unwrap(); // a Saturday night
        let new = NewCase {
            customer_id: "c1".into(),
            opened_by: Actor::Customer { id: "c1".into() },
            channel: Channel::Email,
            subject: "Late parcel".into(),
            description: "Where is it?".into(),
            priority: Priority::Normal,
            category: Category::DeliveryProblem,
            order_id: None,
            order_line_ids: Vec::new(),
        };
        let case = SupportCase::open(new, opened).unwrap();
        let settings = settings();
        let calendar = settings.support_calendar().unwrap();
        let report = settings.sla.evaluate(&case, &calendar, opened + SignedDuration::from_hours(7)).unwrap();
        assert_eq!(report.first_response.due_at, Some(opened + SignedDuration::from_hours(8)));
        assert_eq!(report.first_response.status, SlaStatus::Warning, "less than a quarter of 8 hours left");
        assert_eq!(report.next_due_at(), report.first_response.due_at);
    }
}
