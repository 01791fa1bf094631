//! The return state machine: the happy path's history, refused moves changing nothing, payload
//! checks, and random step sequences against the documented table.

use proptest::prelude::*;

use crate::event::Actor;
use crate::order::fixtures::{MUG_LINE, TEE_LINE};
use crate::returns::fixtures::*;
use crate::returns::{
    ItemCondition::{Damaged as Broken, Unused},
    ReturnReason::*,
    ReturnState::*,
    *,
};

fn tee_and_mugs() -> Rma {
    let lines = vec![asked(TEE_LINE, 1, ChangedMind, Unused), asked(MUG_LINE, 2, Damaged, Broken)];
    requested(&delivered_order(), &[], lines)
}

#[test]
fn the_happy_path_is_recorded_with_time_actor_and_notes() {
    let mut rma = tee_and_mugs();
    assert_eq!(rma.state(), Requested);
    rma.approve(&[], staff(), after(2 * DAY)).unwrap();
    rma.await_parcel(Some("RT123".into()), Actor::System, after(2 * DAY)).unwrap();
    rma.receive(Receipt::complete(rma.lines(), Some("RT123".into())), staff(), after(4 * DAY)).unwrap();
    rma.inspect(inspection(&rma, Unused), staff(), after(5 * DAY)).unwrap();
    rma.refund(&[], &payments(&[(crate::order::PaymentMethod::Card, 4450)]), staff(), after(5 * DAY)).unwrap();
    rma.close(Some("done".into()), Actor::System, after(6 * DAY)).unwrap();
    let moves: Vec<_> = rma.history().iter().map(|t| (t.from, t.to)).collect();
    let expected = vec![
        (Requested, Approved),
        (Approved, AwaitingParcel),
        (AwaitingParcel, Received),
        (Received, Inspected),
        (Inspected, Refunded),
        (Refunded, Closed),
    ];
    assert_eq!(moves, expected);
    let parcel = &rma.history()[1];
    assert_eq!((&parcel.actor, parcel.at, parcel.note.as_deref()), (&Actor::System, after(2 * DAY), Some("RT123")));
    assert_eq!(rma.history()[2].actor, staff());
    assert_eq!(rma.tracking_number(), Some("RT123"));
    assert_eq!(rma.receipt().unwrap().units(MUG_LINE), 2);
}

#[test]
fn a_refused_move_is_a_typed_error_and_changes_nothing() {
    let mut rma = tee_and_mugs();
    let before = rma.clone();
    let err = rma.receive(Receipt::complete(rma.lines(), None), staff(), after(2 * DAY)).unwrap_err();
    assert_eq!(err, ReturnError::IllegalTransition { return_id: rma.id().into(), from: Requested, to: Received });
    assert_eq!(rma, before);
    let err = rma.reject("  ", staff(), after(2 * DAY)).unwrap_err();
    assert!(err.to_string().starts_with("reason:"), "{err}");
    let err = rma.approve(&[], staff(), after(0)).unwrap_err();
    assert!(matches!(err, ReturnError::OutOfOrder { .. }), "{err}");
    assert_eq!(rma, before);
    rma.reject("photos show heavy use", staff(), after(2 * DAY)).unwrap();
    assert_eq!(rma.rejection_reason(), Some("photos show heavy use"));
    assert_eq!(rma.history()[0].note.as_deref(), Some("photos show heavy use"));
}

#[test]
fn receipts_and_inspections_must_fit_the_return() {
    let mut rma = tee_and_mugs();
    rma.approve(&[], staff(), after(2 * DAY)).unwrap();
    let too_many = Receipt {
        lines: vec![ReceivedLine { line_id: MUG_LINE.into(), quantity: 3 }],
        tracking_number: None,
        note: None,
    };
    let err = rma.receive(too_many, staff(), after(3 * DAY)).unwrap_err();
    assert!(err.to_string().starts_with("receipt.lines[line-mug].quantity"), "{err}");
    let one_mug = Receipt {
        lines: vec![ReceivedLine { line_id: MUG_LINE.into(), quantity: 1 }],
        tracking_number: None,
        note: None,
    };
    rma.receive(one_mug, staff(), after(3 * DAY)).unwrap();
    let all = inspection(&rma, Broken);
    let err = rma.inspect(all, staff(), after(3 * DAY)).unwrap_err();
    assert!(err.to_string().contains("inspection.lines[line-tee]: not received"), "{err}");
    let mug_only = Inspection {
        lines: vec![InspectedLine { line_id: MUG_LINE.into(), condition: Broken, note: None }],
        note: None,
    };
    rma.inspect(mug_only, staff(), after(3 * DAY)).unwrap();
    assert_eq!((rma.accepted_units(MUG_LINE), rma.accepted_units(TEE_LINE)), (1, 0));
}

/// The documented table, written out independently of `ReturnState::can_move_to`.
fn documented(from: ReturnState, to: ReturnState) -> bool {
    const TABLE: &[(ReturnState, &[ReturnState])] = &[
        (Requested, &[Approved, Rejected, Closed]),
        (Approved, &[AwaitingParcel, Received, Closed]),
        (AwaitingParcel, &[Received, Closed]),
        (Received, &[Inspected]),
        (Inspected, &[Refunded, Exchanged, Credited, Rejected]),
        (Rejected, &[Closed]),
        (Refunded, &[Closed]),
        (Exchanged, &[Closed]),
        (Credited, &[Closed]),
    ];
    TABLE.iter().any(|(f, tos)| *f == from && tos.contains(&to))
}

/// One step of every kind, with payloads valid for the fixture return.
fn every_step() -> Vec<ReturnStep> {
    let done = through_inspection(tee_and_mugs(), Unused);
    let settlement = done.settlement(&[]).unwrap();
    let replacements = vec![Replacement { replaces_line_id: TEE_LINE.into(), variant_id: "tee".into(), quantity: 1 }];
    let grant = StoreCreditGrant { customer_id: "c1".into(), amount: settlement.total, reason: "r".into() };
    vec![
        ReturnStep::Approve { incentive: None },
        ReturnStep::Reject { reason: "no".into() },
        ReturnStep::AwaitParcel { tracking_number: None },
        ReturnStep::Receive { receipt: done.receipt().unwrap().clone() },
        ReturnStep::Inspect { inspection: done.inspection().unwrap().clone() },
        ReturnStep::Settle { outcome: ReturnOutcome::Refund { settlement: settlement.clone(), payments: vec![] } },
        ReturnStep::Settle { outcome: ReturnOutcome::Exchange { replacements } },
        ReturnStep::Settle { outcome: ReturnOutcome::StoreCredit { settlement, grant } },
        ReturnStep::Close { note: None },
    ]
}

proptest! {
    #[test]
    fn random_steps_follow_the_table_and_every_accepted_one_is_recorded(
        picks in proptest::collection::vec(0usize..9, 0..30),
    ) {
        let steps = every_step();
        let mut rma = tee_and_mugs();
        for (n, pick) in picks.into_iter().enumerate() {
            let (before, step) = (rma.clone(), steps[pick].clone());
            let to = step.target();
            let expected = documented(before.state(), to);
            match rma.apply(step, staff(), after(DAY + n as i64)) {
                Ok(state) => {
                    prop_assert!(expected, "{:?} -> {to:?} accepted", before.state());
                    prop_assert_eq!(state, to);
                    prop_assert_eq!(rma.history().len(), before.history().len() + 1);
                    prop_assert_eq!(rma.history().last().map(|t| (t.from, t.to)), Some((before.state(), to)));
                }
                Err(_) => {
                    prop_assert!(!expected, "{:?} -> {to:?} refused", before.state());
                    prop_assert_eq!(&rma, &before);
                }
            }
        }
    }
}
