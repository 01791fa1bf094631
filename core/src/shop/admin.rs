//! Back-office configuration: the shop's settings document, replaced whole or changed in part,
//! each change a new version kept as a revision (a change on a stale version is retried on the fresh
//! one), and previews of the e-mails the settings' templates make.

use std::sync::Arc;

use crate::notify::{sample_context, RenderRequest, RenderedEmail};
use crate::pricing::{Pricer, PricingRules};
use crate::promotion::Promotion;
use crate::store::{find, load, Changes, StoreError};

use super::settings::{RevisionDocument, SettingsDocument, SettingsRevision};
use super::{Settings, Shop, ShopError, SETTINGS_ID};

/// How many times a settings change that raced another is tried.
const ATTEMPTS: u32 = 5;
/// The most revisions listed.
const REVISIONS_LIMIT: u32 = 10_000;

/// The back office. Get it from [`Shop::admin`].
#[derive(Debug, Clone, Copy)]
pub struct Admin<'a> {
    pub(super) shop: &'a Shop,
}

impl Admin<'_> {
    /// Stores `settings` as the shop's configuration (the first, or replacing the current one);
    /// returns the new version. Pricing rules are checked against the published catalog first.
    pub async fn configure(&self, settings: Settings) -> Result<u64, ShopError> {
        self.write(|_| Ok(settings.clone())).await
    }

    /// The current settings.
    pub async fn settings(&self) -> Result<Arc<Settings>, ShopError> {
        self.shop.settings().await
    }

    /// Changes the settings with `change`; returns the new version.
    pub async fn update(&self, change: impl Fn(&mut Settings) -> Result<(), ShopError>) -> Result<u64, ShopError> {
        self.write(|current| {
            let mut settings = current.ok_or(ShopError::NotSetUp { what: "settings" })?;
            change(&mut settings)?;
            Ok(settings)
        })
        .await
    }

    /// Writes what `next` makes of the stored settings (`None`: none yet), again on a race.
    async fn write(&self, next: impl Fn(Option<Settings>) -> Result<Settings, ShopError>) -> Result<u64, ShopError> {
        let store = self.shop.store();
        let mut attempt = 1;
        loop {
            let stored = load::<SettingsDocument>(store.as_ref(), SETTINGS_ID).await?;
            let version = stored.as_ref().map_or(0, |s| s.version);
            let settings = next(stored.map(|s| s.value.settings))?;
            self.check(&settings).await?;
            let mut changes = Changes::new();
            let revision = SettingsRevision { version: version + 1, saved_at: self.shop.now(), settings };
            let id = SettingsRevision::id_of(revision.version);
            changes
                .save(&SettingsDocument { id: SETTINGS_ID.to_owned(), settings: revision.settings.clone() }, version)?;
            changes.save(&RevisionDocument { id, revision }, 0)?;
            match store.commit(&changes).await {
                Err(StoreError::Conflict { .. }) if attempt < ATTEMPTS => attempt += 1,
                outcome => return outcome.map(|()| version + 1).map_err(ShopError::from),
            }
        }
    }

    /// Every revision of the settings written since the history was kept, oldest first.
    pub async fn revisions(&self) -> Result<Vec<SettingsRevision>, ShopError> {
        let store = self.shop.store().as_ref();
        let found = find::<RevisionDocument>(store, "settings_id", SETTINGS_ID, REVISIONS_LIMIT).await?;
        Ok(found.into_iter().map(|d| d.value.revision).collect())
    }

    /// Revision `version` of the settings.
    pub async fn revision(&self, version: u64) -> Result<SettingsRevision, ShopError> {
        let id = SettingsRevision::id_of(version);
        let found = load::<RevisionDocument>(self.shop.store().as_ref(), &id).await?;
        found.map(|d| d.value.revision).ok_or_else(|| ShopError::not_found("settings revision", &version.to_string()))
    }

    /// Makes revision `version` the current settings again, as a new version (checked like any
    /// change); returns the new version.
    pub async fn restore(&self, version: u64) -> Result<u64, ShopError> {
        let revision = self.revision(version).await?;
        self.configure(revision.settings).await
    }

    /// Renders e-mail template `template_id` (`order_confirmation`, see
    /// [`EmailKind`](crate::notify::EmailKind)) in `locale` with the shop's own templates, name and
    /// links and time zone, the rest filled with sample data: what a customer would get, before any
    /// order exists.
    pub async fn preview_email(&self, template_id: &str, locale: &str) -> Result<RenderedEmail, ShopError> {
        let settings = self.shop.settings().await?;
        let shop_id = &settings.profile.shop_id;
        let mut context = sample_context(template_id);
        if let Some(fields) = context.as_object_mut() {
            let info = serde_json::to_value(&settings.profile.info)
                .map_err(|e| ShopError::invalid("profile", e.to_string()))?;
            fields.insert("shop".to_owned(), info);
        }
        let request = RenderRequest {
            shop_id: shop_id.clone(),
            template_id: template_id.to_owned(),
            locale: locale.to_owned(),
            time_zone: settings.templates.settings(shop_id).time_zone,
            context,
        };
        settings.templates.render(&request).map_err(|e| ShopError::Notify(e.into()))
    }

    /// Replaces the pricing rules (promotions, tax, shipping methods, packaging, rounding).
    pub async fn set_pricing_rules(&self, rules: PricingRules) -> Result<u64, ShopError> {
        self.update(|settings| {
            settings.pricing = rules.clone();
            Ok(())
        })
        .await
    }

    /// Adds `promotion`, or replaces the promotion with its id.
    pub async fn upsert_promotion(&self, promotion: Promotion) -> Result<u64, ShopError> {
        self.update(|settings| {
            let promotions = &mut settings.pricing.promotions;
            match promotions.iter_mut().find(|p| p.id == promotion.id) {
                Some(existing) => *existing = promotion.clone(),
                None => promotions.push(promotion.clone()),
            }
            Ok(())
        })
        .await
    }

    /// Checks the settings: the time zone exists, the sender is one mailbox on one line, canned
    /// replies, support teams and feedback forms are well formed and the pricing rules fit the
    /// published catalog.
    async fn check(&self, settings: &Settings) -> Result<(), ShopError> {
        jiff::tz::TimeZone::get(&settings.locale.time_zone)
            .map_err(|e| ShopError::invalid("locale.time_zone", e.to_string()))?;
        crate::notify::EmailAddress::parse(&settings.profile.sender, "profile.sender")
            .map_err(|e| ShopError::invalid("profile.sender", e.to_string()))?;
        settings.canned_replies.validate()?;
        settings.sla.validate()?;
        if let Some(escalation) = &settings.sla_escalation {
            escalation.validate()?;
            for (index, address) in escalation.notify.iter().enumerate() {
                crate::notify::EmailAddress::parse(address, "address")
                    .map_err(|e| ShopError::invalid(&format!("sla_escalation.notify[{index}]"), e.to_string()))?;
            }
        }
        check_teams(&settings.support_teams)?;
        for (form_id, form) in &settings.feedback_forms {
            form.validate(&format!("feedback_forms.{form_id}"))?;
        }
        if let Some(catalog) = self.shop.store().current_catalog().await? {
            Pricer::new(catalog.value, settings.pricing.clone())?;
        }
        Ok(())
    }
}

/// Each support team has agents, none blank and none twice.
fn check_teams(teams: &std::collections::BTreeMap<String, Vec<String>>) -> Result<(), ShopError> {
    for (queue, agents) in teams {
        let field = format!("support_teams.{queue}");
        if queue.trim().is_empty() {
            return Err(ShopError::invalid("support_teams", "a team needs a name"));
        }
        if agents.is_empty() {
            return Err(ShopError::invalid(&field, "a team needs at least one agent"));
        }
        for (index, agent) in agents.iter().enumerate() {
            if agent.trim().is_empty() {
                return Err(ShopError::invalid(&format!("{field}[{index}]"), "is blank"));
            }
            if agents[..index].contains(agent) {
                return Err(ShopError::invalid(&format!("{field}[{index}]"), format!("{agent} is listed twice")));
            }
        }
    }
    Ok(())
}
