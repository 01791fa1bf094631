//! The approval rules checked when a return is requested: the order was delivered and the window
//! is open, each line exists, is asked once, fits what was delivered minus what other returns
//! claim, and its declared condition is accepted for its reason.

use jiff::Timestamp;

use super::{NewReturn, RequestedLine, ReturnError, ReturnLine, ReturnPolicy, Rma};
use crate::money::Money;
use crate::order::{Order, OrderState};
use crate::pricing::PricedLine;

/// When `order` was delivered: its last move to `delivered`, if any.
pub fn delivered_at(order: &Order) -> Option<Timestamp> {
    order.history().iter().rev().find(|t| t.to == OrderState::Delivered).map(|t| t.at)
}

/// Checks that `order` can be returned from at `at` under `policy`.
pub(super) fn check_order(order: &Order, policy: &ReturnPolicy, at: Timestamp) -> Result<(), ReturnError> {
    let not_delivered = || ReturnError::NotDelivered { order_id: order.id().to_owned(), state: order.state() };
    if !matches!(order.state(), OrderState::Delivered | OrderState::Completed) {
        return Err(not_delivered());
    }
    let delivered_at = delivered_at(order).ok_or_else(not_delivered)?;
    let deadline = policy.deadline(delivered_at);
    if at > deadline {
        return Err(ReturnError::WindowClosed { order_id: order.id().to_owned(), delivered_at, deadline });
    }
    Ok(())
}

/// The return's lines, checked against `order` and the `others` returns of the same order.
pub(super) fn return_lines(
    new: &NewReturn,
    order: &Order,
    others: &[Rma],
    policy: &ReturnPolicy,
) -> Result<Vec<ReturnLine>, ReturnError> {
    if new.lines.is_empty() {
        return Err(ReturnError::invalid("lines", "at least one line must be returned"));
    }
    new.lines
        .iter()
        .enumerate()
        .map(|(index, asked)| {
            if new.lines[..index].iter().any(|l| l.line_id == asked.line_id) {
                return Err(ReturnError::invalid(format!("lines[{}]", asked.line_id), "listed twice"));
            }
            return_line(asked, order, others, policy)
        })
        .collect()
}

fn return_line(
    asked: &RequestedLine,
    order: &Order,
    others: &[Rma],
    policy: &ReturnPolicy,
) -> Result<ReturnLine, ReturnError> {
    let priced = order.priced().lines.iter().find(|l| *l.line_id == *asked.line_id);
    let priced = priced.ok_or_else(|| ReturnError::invalid(format!("lines[{}]", asked.line_id), "not on the order"))?;
    check_quantity(asked, priced.quantity, claimed(others, order.id(), &asked.line_id))?;
    if !policy.accepts(asked.reason, asked.condition) {
        let (reason, condition) = (asked.reason, asked.condition);
        return Err(ReturnError::ConditionNotAccepted { line_id: asked.line_id.clone(), reason, condition });
    }
    snapshot(asked, priced, order)
}

/// Units of `line_id` of order `order_id` claimed by `others`.
fn claimed(others: &[Rma], order_id: &str, line_id: &str) -> u32 {
    others.iter().filter(|r| r.order_id() == order_id).map(|r| r.units_claimed(line_id)).sum()
}

fn check_quantity(asked: &RequestedLine, delivered: u32, returned: u32) -> Result<(), ReturnError> {
    let (line_id, requested) = (asked.line_id.clone(), asked.quantity);
    if requested == 0 {
        return Err(ReturnError::invalid(format!("lines[{line_id}].quantity"), "must be at least 1"));
    }
    if requested > delivered {
        return Err(ReturnError::QuantityExceedsDelivered { line_id, requested, delivered });
    }
    if returned + requested > delivered {
        return Err(ReturnError::AlreadyReturned { line_id, returned, delivered, requested });
    }
    Ok(())
}

fn snapshot(asked: &RequestedLine, priced: &PricedLine, order: &Order) -> Result<ReturnLine, ReturnError> {
    let field = format!("lines[{}].total", asked.line_id);
    Ok(ReturnLine {
        line_id: asked.line_id.clone(),
        variant_id: priced.variant_id.to_string(),
        product_id: priced.product_id.to_string(),
        quantity: asked.quantity,
        reason: asked.reason,
        condition: asked.condition,
        photos: asked.photos.clone(),
        note: asked.note.clone(),
        ordered_quantity: priced.quantity,
        line_total: Money::checked(priced.total, order.priced().currency, &field)?,
    })
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;

    use super::super::fixtures::{after, asked, delivered, delivered_order, new_return, requested, DAY};
    use super::super::{
        ItemCondition::{Damaged as Broken, Opened, Unused},
        ReturnReason::*,
        *,
    };
    use crate::event::Actor;
    use crate::order::fixtures::{at, placed, MUG_LINE, TEE_LINE};
    use crate::order::PaymentMethod;
    use crate::order::{Order, OrderState};

    fn request_at(order: &Order, policy: &ReturnPolicy, when: Timestamp) -> Result<Rma, ReturnError> {
        Rma::request(new_return(vec![asked(TEE_LINE, 1, ChangedMind, Unused)]), order, &[], policy, when)
    }

    #[test]
    fn the_window_runs_from_delivery_to_the_last_second_inclusive() {
        let (order, policy) = (delivered_order(), ReturnPolicy::default());
        assert_eq!(delivered_at(&order), Some(delivered()));
        assert_eq!(policy.deadline(delivered()), after(14 * DAY));
        assert!(request_at(&order, &policy, after(0)).is_ok());
        assert!(request_at(&order, &policy, after(3 * DAY)).is_ok());
        assert!(request_at(&order, &policy, after(14 * DAY)).is_ok(), "the boundary is inside");
        let err = request_at(&order, &policy, after(14 * DAY + 1)).unwrap_err();
        let expected = ReturnError::WindowClosed {
            order_id: order.id().to_owned(),
            delivered_at: delivered(),
            deadline: after(14 * DAY),
        };
        assert_eq!(err, expected);
        let generous = ReturnPolicy { window_days: 30, ..ReturnPolicy::default() };
        assert!(request_at(&order, &generous, after(14 * DAY + 1)).is_ok());
        assert!(request_at(&order, &generous, after(30 * DAY + 1)).is_err());
    }

    #[test]
    fn only_delivered_or_completed_orders_can_be_returned() {
        let order = placed(PaymentMethod::Card);
        let err = request_at(&order, &ReturnPolicy::default(), at(10)).unwrap_err();
        assert!(matches!(err, ReturnError::NotDelivered { state: OrderState::PendingPayment, .. }), "{err}");
        let mut completed = delivered_order();
        completed.transition(OrderState::Completed, Actor::System, after(DAY), None).unwrap();
        assert!(request_at(&completed, &ReturnPolicy::default(), after(2 * DAY)).is_ok());
    }

    #[test]
    fn quantities_are_between_one_and_what_was_delivered() {
        let (order, policy) = (delivered_order(), ReturnPolicy::default());
        let try_lines = |lines| Rma::request(new_return(lines), &order, &[], &policy, after(DAY));
        let err = try_lines(vec![asked(MUG_LINE, 3, ChangedMind, Unused)]).unwrap_err();
        let expected =
            ReturnError::QuantityExceedsDelivered { line_id: MUG_LINE.to_owned(), requested: 3, delivered: 2 };
        assert_eq!(err, expected);
        let err = try_lines(vec![asked(MUG_LINE, 0, ChangedMind, Unused)]).unwrap_err();
        assert!(err.to_string().starts_with("lines[line-mug].quantity"), "{err}");
        let err = try_lines(vec![asked("line-nope", 1, ChangedMind, Unused)]).unwrap_err();
        assert!(err.to_string().contains("not on the order"), "{err}");
        let twice = vec![asked(MUG_LINE, 1, ChangedMind, Unused), asked(MUG_LINE, 1, Damaged, Broken)];
        assert!(try_lines(twice).unwrap_err().to_string().contains("listed twice"));
        assert!(try_lines(vec![]).is_err());
        let rma = try_lines(vec![asked(MUG_LINE, 2, ChangedMind, Unused)]).unwrap();
        assert_eq!((rma.lines()[0].quantity, rma.lines()[0].ordered_quantity), (2, 2));
    }

    #[test]
    fn units_claimed_by_other_returns_cannot_be_returned_again() {
        let order = delivered_order();
        let first = requested(&order, &[], vec![asked(MUG_LINE, 1, ChangedMind, Unused)]);
        let second = requested(&order, std::slice::from_ref(&first), vec![asked(MUG_LINE, 1, ChangedMind, Unused)]);
        let others = [first.clone(), second];
        let again = Rma::request(
            new_return(vec![asked(MUG_LINE, 1, ChangedMind, Unused)]),
            &order,
            &others,
            &ReturnPolicy::default(),
            after(DAY),
        );
        let expected =
            ReturnError::AlreadyReturned { line_id: MUG_LINE.to_owned(), returned: 2, delivered: 2, requested: 1 };
        assert_eq!(again.unwrap_err(), expected);
        let tee = requested(&order, &others, vec![asked(TEE_LINE, 1, ChangedMind, Unused)]);
        assert_eq!(tee.lines()[0].line_id, TEE_LINE, "other lines stay returnable");
    }

    #[test]
    fn a_rejected_or_withdrawn_return_frees_its_units() {
        let order = delivered_order();
        let mut first = requested(&order, &[], vec![asked(MUG_LINE, 2, ChangedMind, Unused)]);
        assert_eq!(first.units_claimed(MUG_LINE), 2);
        first.reject("no receipt", Actor::System, after(DAY)).unwrap();
        assert_eq!(first.units_claimed(MUG_LINE), 0);
        let second = requested(&order, &[first], vec![asked(MUG_LINE, 2, ChangedMind, Unused)]);
        assert_eq!(second.units_claimed(MUG_LINE), 2);
    }

    #[test]
    fn each_reason_accepts_its_own_conditions() {
        let (order, policy) = (delivered_order(), ReturnPolicy::default());
        let try_line = |reason, condition| {
            Rma::request(new_return(vec![asked(TEE_LINE, 1, reason, condition)]), &order, &[], &policy, after(DAY))
        };
        let err = try_line(ChangedMind, Opened).unwrap_err();
        let expected =
            ReturnError::ConditionNotAccepted { line_id: TEE_LINE.to_owned(), reason: ChangedMind, condition: Opened };
        assert_eq!(err, expected);
        assert!(try_line(WrongItem, Broken).is_err());
        assert!(try_line(WrongItem, Opened).is_ok());
        assert!(try_line(Damaged, Broken).is_ok());
    }
}
