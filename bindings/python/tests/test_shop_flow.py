"""A shop day on SQLite through the generated `Shop` API with plug-ins written in Python: settings
and catalog, a card declined then taken, a parcel shipped and delivered, a return refunded, a
review answered, a wish list, consent, store credit, a gift card, a bank transfer matched from the
statement, a support case rated, the due work and the day's sales figures."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from shop_world import AsyncPyCard, Outbox, PyPost, catalog, eur, open_shop, place, settings, START

from vitrina.shop import (
    ActionPercentOff,
    ActorShopper,
    ActorStaff,
    ActorSystem,
    CaseActorAgent,
    CaseActorCustomer,
    CaseCategory,
    CaseState,
    Channel,
    ConsentAction,
    ConsentChannel,
    ConsentSource,
    Count,
    Customer,
    GatewayErrorCode,
    InspectedLine,
    Inspection,
    ItemCondition,
    LedgerEntryKindDeposit,
    Money,
    NewCase,
    NewCustomer,
    NewReview,
    OrderState,
    PaymentMethod,
    PaymentState,
    Priority,
    ReferenceMatchExact,
    RequestedLine,
    ReturnReason,
    ReturnState,
    ReviewState,
    ShipmentState,
    Shop,
    StockLevel,
    TransferReceipt,
)


def register(shop: Shop, name: str, email: str) -> Customer:
    return shop.customers.register(NewCustomer(email=email, name=name, locale="en"))


def test_a_shop_day_through_the_generated_api(tmp_path: Path) -> None:
    shop, plugins = open_shop(f"sqlite:{tmp_path}/shop.db")

    # Settings and catalog, read back in their typed form.
    stored = shop.settings()
    assert stored.profile.shop_id == "tea-house" and stored.profile.transfer_window == timedelta(days=3)
    assert stored.pricing.promotions[0].action == ActionPercentOff(percent=Decimal("10"))
    assert stored.warehouse == settings().warehouse and stored.default_courier == "py-post"
    assert len(shop.admin.revisions()) == 1
    assert shop.catalog.stock("green-100g") == StockLevel(on_hand=20, reserved=0)
    assert [p.name for p in shop.catalog.current().value.products] == ["Green tea", "Teapot"]

    # Customers, one of them agreeing to marketing e-mail.
    ana = register(shop, "Ana Petrova", "ana@example.bg")
    ana = shop.customers.grant_consent(ana.id, ConsentChannel.EMAIL, ConsentSource.ACCOUNT)
    (consent,) = ana.consent.events
    assert (consent.action, consent.channel, consent.at) == (ConsentAction.GRANTED, ConsentChannel.EMAIL, START)
    assert shop.customers.by_email("ana@example.bg").id == ana.id

    # A cart with a coupon through the two-step checkout: 2 x 4.50 + 30.00, 10 % off, 4.90 shipping.
    order, confirmed = place(shop, ana, [("green-100g", 2), ("teapot-white", 1)], PaymentMethod.CARD, "WELCOME10")
    totals = confirmed.totals
    assert (totals.subtotal, totals.discount_total, totals.shipping_total) == (
        Decimal("39.00"),
        Decimal("3.90"),
        Decimal("4.90"),
    )
    assert totals.grand_total == Decimal("40.00") and order.total == Money(Decimal("40.00"), "EUR")
    assert order.state == OrderState.PENDING_PAYMENT and order.number.startswith("VT")
    assert [p.promotion_id for p in confirmed.promotions] == ["welcome10"]

    # The card: declined first (a result, not an error), then taken by the Python gateway.
    declined = shop.payments.pay(order.id, "tok_declined", f"{order.number}:card:1")
    assert (declined.state, declined.last_error) == (PaymentState.FAILED, GatewayErrorCode.CARD_DECLINED)
    paid = shop.payments.pay(order.id, "tok_ok", f"{order.number}:card:2")
    assert (paid.state, paid.captured) == (PaymentState.CAPTURED, eur("40.00"))
    assert [(c[0], c[1]) for c in plugins.card.calls] == [("captured", "tok_declined"), ("captured", "tok_ok")]
    assert shop.orders.get(order.id).state == OrderState.PAID

    # Shipped with the Python courier, then delivered as its tracking says.
    parcel = shop.shipping.ship(order.id, ActorStaff(id="packer"))
    assert (parcel.state, parcel.courier, parcel.tracking_number) == (ShipmentState.LABEL_CREATED, "py-post", "PP0001")
    assert parcel.label is not None and bytes(parcel.label.bytes) == b"label PP0001"
    assert plugins.post.labelled == [f"{order.number} standard Sofia"]
    shop.advance(timedelta(hours=3))
    for hours_ago, status in [(2, "picked_up"), (1, "out_for_delivery"), (0, "delivered")]:
        plugins.post.scan("PP0001", shop.now() - timedelta(hours=hours_ago), status)
    update = shop.shipping.refresh_shipment(parcel.id)
    assert update is not None and update.shipment_moves[-1] == ShipmentState.DELIVERED
    assert shop.orders.get(order.id).state == OrderState.DELIVERED
    assert shop.shipping.get(parcel.id).state == ShipmentState.DELIVERED

    # The teapot comes back: requested, approved, received, inspected, refunded to the card, closed.
    teapot = next(line for line in order.cart.lines if line.variant_id == "teapot-white")
    asked = RequestedLine(
        line_id=teapot.id, quantity=1, reason=ReturnReason.CHANGED_MIND, condition=ItemCondition.UNUSED
    )
    rma = shop.returns.request(order.id, [asked], ActorShopper(customer_id=ana.id), note="too big")
    assert rma.state == ReturnState.REQUESTED and rma.lines[0].line_total == eur("27.00")
    staff = ActorStaff(id="mila")
    shop.returns.approve(rma.id, staff)
    shop.returns.await_parcel(rma.id, ActorSystem(), tracking_number="RET-1")
    shop.returns.receive(rma.id, ActorStaff(id="packer"))
    inspection = Inspection(lines=[InspectedLine(line_id=teapot.id, condition=ItemCondition.UNUSED)])
    assert shop.returns.inspect(rma.id, inspection, ActorStaff(id="packer")).state == ReturnState.INSPECTED
    assert shop.returns.refund(rma.id, staff, f"{rma.id}:refund").state == ReturnState.REFUNDED
    assert shop.returns.close(rma.id, ActorSystem()).state == ReturnState.CLOSED
    (card_payment,) = [p for p in shop.payments.of_order(order.id) if p.state != PaymentState.FAILED]
    assert card_payment.refunded == eur("27.00") and card_payment.state == PaymentState.PARTIALLY_REFUNDED
    assert plugins.card.calls[-1][0] == "refund" and plugins.card.calls[-1][2] == Decimal("27.00")

    # A review, moderated and answered by the shop.
    review = shop.reviews.submit(NewReview(customer_id=ana.id, product_id="green-tea", rating=5, text="Fresh and grassy"))
    assert review.state == ReviewState.PENDING
    shop.reviews.approve(review.id, "mila")
    answered = shop.reviews.reply(review.id, "mila", "Thank you, Ana!")
    assert answered.reply is not None and answered.reply.body == "Thank you, Ana!"
    reviews = shop.reviews.of_product("green-tea")
    assert (reviews.summary.count, reviews.summary.average) == (1, Decimal("5"))

    # A wish list.
    wishes = shop.customers.create_wish_list(ana.id, "Birthday")
    shop.customers.add_to_wish_list(wishes.id, "teapot-white", note="the white one")
    (listed,) = shop.customers.wish_lists(ana.id)
    assert listed.name == "Birthday" and [(i.variant_id, i.note) for i in listed.items] == [
        ("teapot-white", "the white one")
    ]

    # Store credit: a goodwill deposit pays Dora's order.
    dora = register(shop, "Dora Georgieva", "dora@example.bg")
    credit = shop.wallets.deposit(dora.id, eur("50.00"), "goodwill", "credit:dora", staff)
    assert credit.balance_after == eur("50.00") and isinstance(credit.kind, LedgerEntryKindDeposit)
    dora_order, _ = place(shop, dora, [("green-100g", 1)], PaymentMethod.WALLET)
    assert dora_order.total == eur("9.40")
    from_wallet = shop.wallets.pay_with_wallet(dora_order.id, f"{dora_order.number}:wallet")
    assert from_wallet.captured == eur("9.40")
    assert shop.wallets.balance(dora.id, "EUR") == eur("40.60")

    # A gift card pays Elena's order.
    gift = shop.wallets.issue_gift_card(eur("20.00"), "gift:elena", ActorSystem())
    elena = register(shop, "Elena Smirnova", "elena@example.ru")
    elena_order, _ = place(shop, elena, [("green-100g", 2)], PaymentMethod.GIFT_CARD)
    by_gift = shop.wallets.pay_with_gift_card(elena_order.id, gift.code, f"{elena_order.number}:gift")
    assert by_gift.captured == eur("13.90") and shop.orders.get(elena_order.id).state == OrderState.PAID
    assert shop.wallets.gift_card(gift.code).ledger.balance == eur("6.10")

    # A bank transfer, matched from the afternoon's statement by its reference.
    boris = register(shop, "Boris Ivanov", "boris@example.bg")
    boris_order, _ = place(shop, boris, [("teapot-white", 1)], PaymentMethod.BANK_TRANSFER)
    transfer = shop.payments.bank_transfer(boris_order.id)
    assert transfer.amount == eur("34.90") == boris_order.total
    line = TransferReceipt(
        bank_transaction_id="STMT-0017",
        received_on=date(2026, 4, 14),
        bank="Demo Bank",
        amount=boris_order.total,
        payer_name="BORIS IVANOV",
        reference_as_written=transfer.reference,
    )
    (recorded,) = shop.payments.record_statement([line])
    assert isinstance(recorded.line.matched, ReferenceMatchExact) and not recorded.already_recorded
    assert shop.orders.get(boris_order.id).state == OrderState.PAID

    # A support case: a reply, solved, and its satisfaction survey answered.
    case = shop.support.open_case(
        NewCase(
            customer_id=boris.id,
            opened_by=CaseActorCustomer(id=boris.id),
            channel=Channel.CHAT,
            subject="Did my transfer arrive?",
            description="I paid this morning.",
            priority=Priority.NORMAL,
            category=CaseCategory.QUESTION,
            order_id=boris_order.id,
            order_line_ids=[],
        )
    )
    replied = shop.support.reply(case.id, CaseActorAgent(id="mila"), "It did: your order is paid.")
    assert [m.body for m in replied.messages][-1] == "It did: your order is paid."
    solved = shop.support.solve(case.id, CaseActorAgent(id="mila"))
    assert solved.case.state == CaseState.SOLVED and solved.survey is not None
    rated = shop.support.answer_survey(solved.survey.id, 5, comment="Quick")
    assert rated.response is not None and (rated.response.score, rated.response.comment) == (5, "Quick")

    # The due work sends the queued e-mails through the Python mailer.
    due = shop.run_due(shop.now())
    assert due.emails_sent == len(plugins.outbox.sent) > 0
    assert any(order.number in message.subject for message in plugins.outbox.sent)

    # The day's figures, computed by the store.
    sales = shop.reports.sales_on(date(2026, 4, 14))
    (euros,) = sales.currencies
    assert (euros.currency, euros.orders) == ("EUR", 4)
    assert euros.gross == eur("98.20")  # 40.00 + 9.40 + 13.90 + 34.90
    assert Count(key="bank_transfer", count=1) in sales.by_payment_method


def test_the_async_twins_run_on_the_callers_event_loop() -> None:
    async def day() -> None:
        card = AsyncPyCard()
        shop = await Shop.open_async(
            "sqlite::memory:", gateways={PaymentMethod.CARD: card}, couriers=[PyPost()], mailer=Outbox(), clock_at=START
        )
        assert await shop.admin.configure_async(settings()) >= 1
        await shop.catalog.import_async(catalog())
        ana = await shop.customers.register_async(NewCustomer(email="ana@example.bg", name="Ana", locale="en"))
        cart = await shop.carts.create_async("EUR", customer_id=ana.id)
        cart = await shop.carts.add_line_async(cart.id, "green-100g", 3)
        priced = await shop.carts.price_async(cart.id, shipping_method_id="courier")
        assert priced.totals.grand_total == Decimal("18.40")
        order, _ = await asyncio.to_thread(place, shop, ana, [("teapot-white", 1)], PaymentMethod.CARD)
        payment = await shop.payments.pay_async(order.id, "tok_ok", "async:1")
        assert payment.state == PaymentState.CAPTURED
        assert card.loops == [asyncio.get_running_loop()]

    asyncio.run(day())
