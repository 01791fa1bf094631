//! The conformance suite every Vitrina store adapter runs (CRUD, optimistic conflicts, idempotency,
//! outbox, promotion limits, stock reservations, the last-units race, after-sales repositories,
//! wallets and gift cards, listing queries and promotion uses inside `place_order_tx`, the Shop's
//! payment use cases), and fixtures to drive it.
//!
//! An adapter instantiates the suite with [`store_suite!`], giving an async expression that opens
//! a fresh, empty store as `Option<Arc<dyn Store>>` (`None` skips, e.g. without a database URL).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod contracts;
mod crud;
pub mod fixtures;
mod ledger;
mod queries;
pub mod shop;
mod shop_aftersales;
mod shop_desk;
mod shop_fulfil;
mod shop_inbound;
mod shop_inventory;
mod shop_payments;
mod shop_reports;
mod shop_webhooks;
mod stock;
mod unit_of_work;

pub use contracts::{shop_calls_the_gateway_once_for_racing_duplicates, shop_cancels_a_label_at_the_courier_once};
pub use crud::{catalog_snapshots, crud_round_trips, optimistic_conflicts, order_sequences};
pub use ledger::{idempotency_repeat_and_mismatch, outbox_enqueue_claim_sent, promotion_usage_limits};
pub use queries::{
    after_sales_round_trips, list_orders_newest_first, listing_queries, placement_takes_promotion_use,
    stored_value_accounts,
};
pub use shop::{
    shop_edits_products_one_at_a_time, shop_follows_up_abandoned_checkouts,
    shop_keeps_settings_history_and_lists_low_stock, shop_placement_is_all_or_nothing, shop_places_an_order,
    shop_reminds_and_cancels_unpaid_orders,
};
pub use shop_aftersales::{
    shop_erases_a_customer, shop_escalates_a_breached_sla_once, shop_exports_everything_about_a_customer,
    shop_keeps_consent_history, shop_knowledge_articles_are_stored, shop_marketing_respects_consent_and_cap,
    shop_registers_customers_once, shop_reminds_then_solves_a_silent_case, shop_reports_new_and_returning_customers,
    shop_reviews_by_verified_buyers, shop_sla_runs_in_business_time_through_weekend_holiday_and_dst,
    shop_support_case_round_trip, shop_support_team_takes_turns, shop_warns_of_sla_once, shop_wish_list_round_trip,
};
pub use shop_desk::{
    shop_knowledge_base_keeps_its_tree_views_and_votes, shop_knowledge_base_keeps_the_search_index_in_step,
    shop_lists_the_outbox_and_requeues_a_dead_message, shop_support_desk_works_a_case,
};
pub use shop_fulfil::{
    shop_cancels_and_ships_again, shop_delivers_with_own_drivers, shop_does_not_restock_damaged_returns,
    shop_quotes_delivery_options, shop_refunds_a_return, shop_refunds_a_return_to_the_gift_card,
    shop_sells_untracked_variants, shop_ships_after_a_lapsed_hold_or_cancels_the_label, shop_ships_an_order,
    shop_tracks_an_order_to_delivery,
};
pub use shop_inbound::{
    shop_opens_cases_from_feedback_forms, shop_posts_chat_messages, shop_threads_inbound_email_into_cases,
};
pub use shop_inventory::{
    shop_alerts_low_stock_once_per_crossing, shop_emails_shoppers_when_a_variant_is_back,
    shop_handles_a_hold_lapsing_while_its_order_is_paid, shop_moves_stock_between_locations_with_a_ledger,
    shop_restock_racing_a_sale_loses_no_unit, shop_sells_beyond_stock_as_backorders_allow,
    shop_sells_the_last_units_over_three_locations_once, stock_check_finds_a_corrupted_level,
};
pub use shop_payments::{
    shop_captures_in_parts_and_refunds, shop_card_calls_wait_for_each_other, shop_lost_capture_answer_settles_once,
    shop_matches_bank_statement_lines, shop_pays_by_card_after_a_decline, shop_pays_with_gift_card_and_card,
    shop_pays_with_store_credit, shop_purchase_and_its_webhook_race, shop_settles_cash_on_delivery,
    shop_sync_expires_a_call_that_never_arrived,
};
pub use shop_reports::{
    shop_counts_customer_segments, shop_reports_sales_by_period_product_and_currency,
    shop_reports_the_funnel_and_promotion_effect,
};
pub use shop_webhooks::shop_applies_payment_webhooks_once;
pub use stock::{last_units_race, placement_is_all_or_nothing, stock_reservation_lifecycle};
pub use unit_of_work::{unit_of_work_is_all_or_nothing, unit_of_work_writes_everything_once};

/// One `#[tokio::test]` per suite function, each on a store opened by `$open`
/// (an async expression of type `Option<Arc<dyn Store>>`).
#[macro_export]
macro_rules! store_suite {
    ($open:expr) => {
        $crate::store_suite!(@each $open;
            crud_round_trips, catalog_snapshots, optimistic_conflicts, order_sequences,
            idempotency_repeat_and_mismatch, outbox_enqueue_claim_sent, promotion_usage_limits,
            stock_reservation_lifecycle, placement_is_all_or_nothing, last_units_race,
            after_sales_round_trips, list_orders_newest_first, placement_takes_promotion_use, listing_queries,
            stored_value_accounts, shop_places_an_order, shop_placement_is_all_or_nothing,
            shop_reminds_and_cancels_unpaid_orders, shop_follows_up_abandoned_checkouts,
            unit_of_work_writes_everything_once, unit_of_work_is_all_or_nothing, shop_ships_an_order,
            shop_tracks_an_order_to_delivery, shop_refunds_a_return, shop_does_not_restock_damaged_returns,
            shop_refunds_a_return_to_the_gift_card, shop_keeps_settings_history_and_lists_low_stock,
            shop_sells_untracked_variants, shop_edits_products_one_at_a_time,
            shop_cancels_and_ships_again, shop_quotes_delivery_options,
            shop_ships_after_a_lapsed_hold_or_cancels_the_label, shop_delivers_with_own_drivers,
            shop_pays_by_card_after_a_decline, shop_captures_in_parts_and_refunds, shop_matches_bank_statement_lines,
            shop_settles_cash_on_delivery, shop_pays_with_store_credit, shop_pays_with_gift_card_and_card, shop_card_calls_wait_for_each_other, shop_sync_expires_a_call_that_never_arrived, shop_lost_capture_answer_settles_once,
            shop_applies_payment_webhooks_once, shop_purchase_and_its_webhook_race,
            shop_calls_the_gateway_once_for_racing_duplicates, shop_cancels_a_label_at_the_courier_once,
            shop_reports_sales_by_period_product_and_currency, shop_reports_the_funnel_and_promotion_effect,
            shop_counts_customer_segments,
            shop_registers_customers_once, shop_keeps_consent_history, shop_wish_list_round_trip,
            shop_support_case_round_trip, shop_support_team_takes_turns, shop_warns_of_sla_once, shop_escalates_a_breached_sla_once,
            shop_sla_runs_in_business_time_through_weekend_holiday_and_dst, shop_erases_a_customer, shop_reminds_then_solves_a_silent_case, shop_reviews_by_verified_buyers,
            shop_marketing_respects_consent_and_cap, shop_exports_everything_about_a_customer, shop_knowledge_articles_are_stored,
            shop_reports_new_and_returning_customers, shop_threads_inbound_email_into_cases, shop_posts_chat_messages,
            shop_opens_cases_from_feedback_forms,
            shop_moves_stock_between_locations_with_a_ledger, shop_sells_the_last_units_over_three_locations_once,
            shop_handles_a_hold_lapsing_while_its_order_is_paid, shop_restock_racing_a_sale_loses_no_unit,
            shop_alerts_low_stock_once_per_crossing, shop_sells_beyond_stock_as_backorders_allow,
            shop_emails_shoppers_when_a_variant_is_back, shop_support_desk_works_a_case,
            shop_knowledge_base_keeps_its_tree_views_and_votes, shop_lists_the_outbox_and_requeues_a_dead_message,
            shop_knowledge_base_keeps_the_search_index_in_step);
    };
    (@each $open:expr; $($name:ident),*) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn $name() {
                if let Some(store) = $open.await {
                    $crate::$name(store).await;
                }
            }
        )*
    };
}
