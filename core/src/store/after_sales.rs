//! After-sales repositories: shipments and returns (by id and by order), satisfaction survey
//! requests (by id and by subject), each with optimistic versions like every aggregate.

use async_trait::async_trait;

use super::{StoreError, Versioned};
use crate::returns::Rma;
use crate::shipping::Shipment;
use crate::support::{SurveyRequest, SurveySubject};

/// Shipments of orders.
#[async_trait]
pub trait ShipmentRepository: Send + Sync {
    /// The shipment `id`, if any.
    async fn get_shipment(&self, id: &str) -> Result<Option<Versioned<Shipment>>, StoreError>;

    /// The shipments of `order_id`, oldest first.
    async fn shipments_of_order(&self, order_id: &str) -> Result<Vec<Versioned<Shipment>>, StoreError>;

    /// Saves `shipment` read at `version` (0: new); returns the new version.
    async fn save_shipment(&self, shipment: &Shipment, version: u64) -> Result<u64, StoreError>;
}

/// Returns (RMAs).
#[async_trait]
pub trait ReturnRepository: Send + Sync {
    /// The return `id`, if any.
    async fn get_return(&self, id: &str) -> Result<Option<Versioned<Rma>>, StoreError>;

    /// The returns of `order_id`, oldest first.
    async fn returns_of_order(&self, order_id: &str) -> Result<Vec<Versioned<Rma>>, StoreError>;

    /// Saves `rma` read at `version` (0: new); returns the new version.
    async fn save_return(&self, rma: &Rma, version: u64) -> Result<u64, StoreError>;
}

/// Satisfaction survey requests.
#[async_trait]
pub trait SurveyRequestRepository: Send + Sync {
    /// The survey request `id`, if any.
    async fn get_survey_request(&self, id: &str) -> Result<Option<Versioned<SurveyRequest>>, StoreError>;

    /// The survey requests about `subject` (a case or an order), oldest first.
    async fn survey_requests_of_subject(
        &self,
        subject: &SurveySubject,
    ) -> Result<Vec<Versioned<SurveyRequest>>, StoreError>;

    /// Saves `survey` read at `version` (0: new); returns the new version.
    async fn save_survey_request(&self, survey: &SurveyRequest, version: u64) -> Result<u64, StoreError>;
}

/// The indexed key of a survey subject: `case:<id>` or `order:<id>`.
pub fn subject_key(subject: &SurveySubject) -> String {
    match subject {
        SurveySubject::Case { case_id } => format!("case:{case_id}"),
        SurveySubject::Order { order_id } => format!("order:{order_id}"),
    }
}
