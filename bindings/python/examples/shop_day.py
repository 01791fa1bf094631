"""A whole day of a small shop on the embedded SQLite store, run through ``vitrina.Shop`` alone, on a
hand-set clock: the same day as the Rust ``examples/shop_day.rs``, printing the same report byte for
byte (the bindings' test diffs the two).

Morning: the settings, the catalog and its stock, customers. Shoppers then buy with every payment
method (a card declined then accepted, a bank transfer matched from the afternoon statement after a
reminder, cash on delivery, store credit, a gift card topped up by card), one abandons checkout,
parcels go out with the shop's own drivers and the test courier, a support case is answered with a
canned reply and rated, another waits past its SLA, a return is refunded. Evening: the due work and
the end-of-day report, which the store computes.

``python examples/shop_day.py [path/to/shop.db]`` (default ``target/shop_day.db``, recreated each run).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import vitrina
from vitrina.shop import (
    Actor,
    ActorShopper,
    ActorStaff,
    ActorSystem,
    Address,
    CaseActorAgent,
    CaseActorCustomer,
    CaseCategory,
    CatalogData,
    Channel,
    ConsentChannel,
    ConsentSource,
    Count,
    DeliveryDetails,
    InspectedLine,
    Inspection,
    ItemCondition,
    Money,
    NewCase,
    NewCustomer,
    Order,
    PaymentMethod,
    Period,
    Priority,
    RequestedLine,
    ReturnReason,
    Settings,
    Shop,
    SlaTarget,
    Tally,
    TransferReceipt,
)

DATA = Path(__file__).resolve().parents[3] / "examples" / "data"
SOFIA = timezone(timedelta(hours=3))
"""Sofia's time on the day (summer time, UTC+3)."""
EUR = "EUR"


def eur(cents: int) -> Money:
    return Money(Decimal(cents).scaleb(-2), EUR)


def staff(staff_id: str) -> Actor:
    return ActorStaff(id=staff_id)


def debug(text: str) -> str:
    """``text`` quoted as Rust's ``{:?}`` writes it."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def formatted(reference: str) -> str:
    """A payment reference in groups of four, as printed on an invoice."""
    return " ".join(reference[i : i + 4] for i in range(0, len(reference), 4))


class MemoryMailer:
    """A mailer that keeps the messages it is given."""

    def __init__(self) -> None:
        self.sent: list[vitrina.EmailMessage] = []

    def send(self, message: vitrina.EmailMessage) -> None:
        self.sent.append(message)


@dataclass
class Day:
    """The shop, its date and the couriers whose own clocks follow the shop's."""

    shop: Shop
    path: str
    """Where the store is; the report's charts and CSV files go beside it."""
    today: date
    fleet: vitrina.OwnFleetCourier
    carrier: vitrina.TestCourier
    mailer: MemoryMailer

    def moment(self, hour: int, minute: int, day: date | None = None) -> datetime:
        return datetime.combine(day or self.today, time(hour, minute), SOFIA).astimezone(timezone.utc)

    def at(self, hour: int, minute: int, what: str) -> datetime:
        """Sets the clock to ``hh:mm`` Sofia time and says what happens."""
        now = self.moment(hour, minute)
        self.carrier.advance(now - self.carrier.now)
        self.shop.set_time(now)
        print(f"\n{hour:02}:{minute:02}  {what}")
        return now

    def driver(self, order: Order, update: str, cash_collected: Money | None = None) -> None:
        """A driver of the shop's own fleet reports on the parcel of ``order``; the shop takes it in."""
        shipment = self.shop.shipping.shipments_of(order.id)[-1]
        report: dict[str, object] = {
            "tracking_number": shipment.tracking_number,
            "driver_id": "driver-7",
            "update": update,
            "at": self.shop.now(),
        }
        if cash_collected is not None:
            report["cash_collected"] = cash_collected
        self.fleet.driver_update(report)
        self.shop.shipping.refresh_shipment(shipment.id)


@dataclass
class Purchase:
    """One purchase: who, what, how it is delivered and paid."""

    customer: str
    items: Sequence[tuple[str, int]]
    pay: PaymentMethod
    method: str
    slot: str | None
    coupon: str | None = None
    gift_message: str | None = None


People = dict[str, tuple[str, Address]]


def checkout(shop: Shop, people: People, buy: Purchase) -> Order:
    """Cart, both checkout steps, the price confirmed and the order placed: every step one command."""
    customer_id, address = people[buy.customer]
    customer = shop.customers.get(customer_id)
    cart = shop.carts.create(EUR, customer_id=customer_id)
    for variant, quantity in buy.items:
        shop.carts.add_line(cart.id, variant, quantity)
    if buy.coupon is not None:
        shop.carts.apply_coupon(cart.id, buy.coupon)
    if buy.gift_message is not None:
        shop.carts.gift_wrap(cart.id, message=buy.gift_message)
    session = shop.checkout.start(cart.id, customer.email)
    delivery = DeliveryDetails(address=address, shipping_method_id=buy.method, payment_method=buy.pay, slot_id=buy.slot)
    shop.checkout.set_delivery(session.id, delivery)
    confirmed = shop.checkout.quote(session.id)
    order = shop.checkout.place_order(session.id, confirmed)
    discounts = [f"{p.name} -{p.amount:f}" for p in confirmed.promotions]
    shown = f" [{'; '.join(discounts)}]" if discounts else ""
    print(f"  {order.number} placed by {customer.name}: {order.total} ({buy.pay.value}){shown}")
    return order


# ---------------------------------------------------------------------------------------------
# The shop's data: catalog, settings, couriers.
# ---------------------------------------------------------------------------------------------


def read(name: str) -> object:
    return json.loads((DATA / name).read_text(encoding="utf-8"), parse_float=Decimal)


def sofia(street: str, recipient: str) -> Address:
    return Address(recipient=recipient, line1=street, city="Sofia", postal_code="1000", country="BG")


def own_fleet(day: date) -> vitrina.OwnFleetCourier:
    """The shop's own drivers: Sofia, three slots today."""

    def slot(slot_id: str, start: int, end: int) -> dict[str, object]:
        window = {
            "start": datetime.combine(day, time(start), SOFIA),
            "end": datetime.combine(day, time(end), SOFIA),
        }
        return {"id": slot_id, "window": window, "capacity": 8}

    zone = {"id": "sofia", "name": "Sofia", "countries": ["BG"], "postal_prefixes": ["1"]}
    return vitrina.OwnFleetCourier(
        {
            "shop_name": "Vitrina Demo",
            "zones": [{"zone": zone, "price": eur(390)}],
            "slots": [slot("midday", 11, 14), slot("afternoon", 14, 18), slot("evening", 18, 21)],
            "max_weight_grams": 20_000,
            "slots_offered": 3,
            "tracking_prefix": "OF",
        }
    )


# ---------------------------------------------------------------------------------------------
# The day.
# ---------------------------------------------------------------------------------------------


def open_day(day: date) -> Day:
    path = sys.argv[1] if len(sys.argv) > 1 else "target/shop_day.db"
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    for suffix in ["", "-wal", "-shm"]:
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    print(f"store: {path} (SQLite, recreated)")
    opening = datetime.combine(day, time(7, 0), SOFIA).astimezone(timezone.utc)
    fleet, carrier, mailer = own_fleet(day), vitrina.TestCourier(opening), MemoryMailer()
    shop = Shop.open(
        f"sqlite:{path}",
        gateways={"card": vitrina.TestGateway("whsec_shop_day")},
        couriers=[fleet, carrier],
        mailer=mailer,
        clock_at=opening,
    )
    return Day(shop, path, day, fleet, carrier, mailer)


def morning(day: Day) -> People:
    """07:00: settings, catalog and stock, customers (Ana is a VIP who agreed to marketing e-mail)."""
    day.at(7, 0, "catalog import, settings, customers")
    shop = day.shop
    data = CatalogData.from_json(read("shop_day_catalog.json"))
    version = shop.catalog.import_(data)
    shop.admin.configure(Settings.from_json(read("shop_day_settings.json")))
    promotions = len(shop.settings().pricing.promotions)
    print(f"  catalog v{version}: {len(data.products)} products, {len(data.price_lists)} price lists; {promotions} promotions")
    people = [
        ("ana", "Ana Petrova", "ana@example.bg", "bg", sofia("ul. Vitosha 1", "Ana Petrova")),
        ("boris", "Boris Ivanov", "boris@example.bg", "en", sofia("bul. Bulgaria 12", "Boris Ivanov")),
        ("chen", "Chen Wei", "chen.wei@example.com", "zh", sofia("ul. Rakovski 7", "Chen Wei")),
        (
            "dora",
            "Dora Georgieva",
            "dora@example.bg",
            "bg",
            replace(sofia("ul. Glavna 3", "Dora Georgieva"), city="Plovdiv", postal_code="4000"),
        ),
        ("elena", "Elena Smirnova", "elena@example.ru", "ru", sofia("ul. Shipka 20", "Elena Smirnova")),
    ]
    registered: People = {}
    for key, name, email, locale, address in people:
        customer = shop.customers.register(NewCustomer(email=email, name=name, locale=locale))
        registered[key] = (customer.id, address)
    ana = registered["ana"][0]
    shop.customers.make_vip(ana)
    shop.customers.grant_consent(ana, ConsentChannel.EMAIL, ConsentSource.ACCOUNT)
    print(f"  {len(registered)} customers registered (1 VIP with e-mail marketing consent)")
    return registered


def products_in_category(shop: Shop, category_id: str) -> list[str]:
    """The names of the products listed in ``category_id`` or any of its sub-categories."""
    catalog = shop.catalog.current().value
    parents = {c.id: c.parent_id for c in catalog.categories}

    def closure(category: str | None) -> set[str]:
        found: set[str] = set()
        while category is not None and category not in found:
            found.add(category)
            category = parents.get(category)
        return found

    return [p.name for p in catalog.products if any(category_id in closure(c) for c in p.category_ids)]


def main() -> None:
    day = open_day(date(2026, 4, 14))
    people = morning(day)
    shop = day.shop

    day.at(9, 5, "the shop opens: guests browse, Ana pays by card")
    print(f"  browsing Food: {', '.join(products_in_category(shop, 'food'))}")
    for variant, quantity in [("candle", 2), ("tote", 1)]:
        guest = shop.carts.create(EUR)
        shop.carts.add_line(guest.id, variant, quantity)
    items = [("tee-m", 1), ("honey", 2), ("linden-tea", 1)]
    ana = checkout(shop, people, Purchase("ana", items, PaymentMethod.CARD, "same-day", "midday"))
    for attempt, card in enumerate([vitrina.TEST_CARD_DECLINED, vitrina.TEST_CARD_SUCCESS]):
        payment = shop.payments.pay(ana.id, card, f"{ana.number}:card:{attempt}")
        print(f"    card ...{card[12:]}: payment {payment.state.value}")

    day.at(9, 40, "a bank transfer")
    items = [("teapot", 1), ("mountain-tea-250g", 2)]
    boris = checkout(shop, people, Purchase("boris", items, PaymentMethod.BANK_TRANSFER, "same-day", None))
    transfer = shop.payments.bank_transfer(boris.id)
    print(f"    pay {boris.total} to reference {formatted(transfer.reference)}")

    day.at(10, 15, "cash on delivery, and a checkout left half-way")
    items = [("mug-white", 2), ("mountain-tea-100g", 1), ("honey", 1)]
    chen = checkout(shop, people, Purchase("chen", items, PaymentMethod.CASH_ON_DELIVERY, "same-day", "afternoon"))
    filip = shop.carts.create(EUR)
    shop.carts.add_line(filip.id, "blanket", 1)
    shop.checkout.start(filip.id, "filip@example.bg")
    print("  Filip enters his e-mail for a wool blanket and leaves the checkout")

    day.at(10, 50, "store credit")
    dora_id = people["dora"][0]
    shop.wallets.deposit(dora_id, eur(5_000), "goodwill: late parcel in March", "credit:dora:march", staff("mila"))
    dora = checkout(shop, people, Purchase("dora", [("apron", 1), ("candle", 1)], PaymentMethod.WALLET, "courier", None))
    shop.wallets.pay_with_wallet(dora.id, f"{dora.number}:wallet")
    print(f"    store credit left: {shop.wallets.balance(dora_id, EUR)}")

    day.at(11, 20, "a gift card and a card, with a coupon and gift wrap")
    gift = shop.wallets.issue_gift_card(eur(2_000), "gift:elena:mum", ActorSystem())
    items = [("board", 1), ("rose-jam", 2)]
    present = Purchase(
        "elena",
        items,
        PaymentMethod.GIFT_CARD,
        "same-day",
        "afternoon",
        coupon="WELCOME10",
        gift_message="For Mum, with love from Elena",
    )
    elena = checkout(shop, people, present)
    shop.wallets.pay_with_gift_card(elena.id, gift.code, f"{elena.number}:gift-card")
    rest = shop.payments.pay(elena.id, vitrina.TEST_CARD_SUCCESS, f"{elena.number}:card")
    print(f"    gift card took {eur(2_000)}, card {rest.captured}")

    day.at(11, 45, "packing")
    for order in [ana, dora, chen, elena]:
        parcel = shop.shipping.ship(order.id, staff("packer"))
        print(f"  {order.number} packed: parcel {parcel.tracking_number or '-'} with {parcel.courier}")
    day.at(12, 0, "the midday driver leaves; Ana's parcel is delivered at 12:50")
    day.driver(ana, "picked_up")
    day.at(12, 50, "delivered")
    day.driver(ana, "out_for_delivery")
    day.driver(ana, "delivered")

    day.at(13, 30, "support chat")

    def case(customer: str, order: Order, subject: str, text: str, priority: Priority = Priority.NORMAL) -> NewCase:
        return NewCase(
            customer_id=customer,
            opened_by=CaseActorCustomer(id=customer),
            channel=Channel.CHAT,
            subject=subject,
            description=text,
            priority=priority,
            category=CaseCategory.DELIVERY_PROBLEM,
            order_id=order.id,
            order_line_ids=[],
        )

    boris_id = people["boris"][0]
    shop.support.open_case(case(boris_id, boris, "Did my transfer arrive?", "I paid this morning.", Priority.HIGH))
    print("  Boris asks whether his transfer arrived (high priority: an answer due within 4 hours)")

    day.at(14, 5, "the test courier picks up; the afternoon driver leaves")
    picked = shop.shipping.refresh_tracking(shop.now())
    print(f"  tracking: {len(picked.updates)} parcel(s) moved")
    day.driver(chen, "picked_up")
    day.driver(elena, "picked_up")

    due = shop.run_due(day.at(15, 0, "due work: unpaid transfers, abandoned checkouts, the outbox"))
    reminded = "[" + ", ".join(debug(number) for number, _ in due.reminders) + "]"
    print(f"  reminded: {reminded}; followed up: {len(due.follow_ups)} checkout(s); e-mails sent: {due.emails_sent}")

    day.at(15, 40, "afternoon deliveries: Chen pays the driver in cash")
    cash = chen.total
    day.driver(chen, "out_for_delivery")
    shop.payments.record_cash_collected(chen.id, cash, "own-fleet/driver-7", f"{chen.number}:cash")
    day.driver(chen, "delivered", cash_collected=cash)
    day.driver(elena, "out_for_delivery")
    day.driver(elena, "delivered")
    print(f"  {chen.number}: driver collected {cash}, order {shop.orders.get(chen.id).state.value}")

    day.at(16, 30, "a delivery question answered with a canned reply")
    shop.shipping.refresh_tracking(shop.now())
    question = shop.support.open_case(case(dora_id, dora, "When does my parcel arrive?", "Can I pick it up in Plovdiv?"))
    parcel = shop.shipping.shipments_of(dora.id)[-1]
    values = {"name": "Dora", "parcel": parcel.tracking_number or "-", "order": dora.number}
    shop.support.reply_with_canned(question.id, "mila", "where-is-my-parcel", values, locale="en")
    solved = shop.support.solve(question.id, CaseActorAgent(id="mila"))
    if solved.survey is None:
        raise RuntimeError("no survey")
    answer = shop.support.answer_survey(solved.survey.id, 5, comment="Fast and friendly")
    score = answer.response.score if answer.response is not None else 0
    print(f"  case {solved.case.state.value}, CSAT {score}/5")

    day.at(17, 45, "the bank statement arrives")
    written = formatted(transfer.reference).lower()
    line = TransferReceipt(
        bank_transaction_id="DEMO-2026-04-14-0017",
        received_on=day.today,
        bank="Demo Bank",
        amount=boris.total,
        payer_name="BORIS IVANOV",
        reference_as_written=written,
    )
    shop.payments.record_statement([line])
    print(f"  transfer quoting {debug(written)}: order {shop.orders.get(boris.id).state.value}")

    day.at(18, 30, "a return: Ana's linen tee is too small")
    tee = next(line.id for line in ana.cart.lines if line.variant_id == "tee-m")
    asked = RequestedLine(
        line_id=tee,
        quantity=1,
        reason=ReturnReason.CHANGED_MIND,
        condition=ItemCondition.UNUSED,
        photos=[],
        note="too small",
    )
    rma = shop.returns.request(ana.id, [asked], ActorShopper(customer_id=people["ana"][0]))
    shop.returns.approve(rma.id, staff("mila"))
    shop.returns.await_parcel(rma.id, ActorSystem())
    shop.returns.receive(rma.id, staff("packer"))
    inspection = Inspection(lines=[InspectedLine(line_id=tee, condition=ItemCondition.UNUSED)])
    shop.returns.inspect(rma.id, inspection, staff("packer"))
    shop.returns.refund(rma.id, staff("mila"), f"{rma.id}:refund")
    closed = shop.returns.close(rma.id, ActorSystem())
    print(f"  return {closed.state.value}; order {shop.orders.get(ana.id).state.value}")

    evening = shop.run_due(day.at(20, 0, "evening: follow-ups and the outbox"))
    print(f"  followed up: {len(evening.follow_ups)} checkout(s); e-mails sent: {evening.emails_sent}")
    for case_id, target in evening.sla_escalations:
        escalated = shop.support.get(case_id)
        queue = escalated.assignment.queue or "none"
        print(
            f'  SLA {label(target)} breached on "{escalated.subject}": escalated to {queue}, '
            f"priority {escalated.priority.value}"
        )
    print(f"  memory mailer holds {len(day.mailer.sent)} messages")
    report(day)
    week_later(day)


def label(target: SlaTarget) -> str:
    """The target's name in a sentence (``first response``)."""
    return target.value.replace("_", " ")


def week_later(day: Day) -> None:
    """Eight days later: the case solved at 16:30 that nobody reopened within the policy's 7 days is
    closed by the due work, with no one touching it."""
    later = day.today + timedelta(days=8)
    now = day.moment(9, 0, later)
    day.shop.set_time(now)
    print(f"\n{later.isoformat()} 09:00  a week later")
    due = day.shop.run_due(now)
    for case_id in due.cases_closed:
        case = day.shop.support.get(case_id)
        print(f'  case "{case.subject}" {case.state.value}: solved, not reopened within 7 days')


def counts(items: Sequence[Count | Tally]) -> str:
    return ", ".join(f"{c.key} {c.count}" for c in items)


def report(day: Day) -> None:
    """The end-of-day report: the store computes the figures, and writes charts and CSV files beside it."""
    shop, today = day.shop, day.today
    sales = shop.reports.sales_on(today)
    print("\n== end of day report (computed by SQLite) ==")
    print(f"orders by state: {counts(sales.by_state)}")
    print(f"orders by payment method: {counts(sales.by_payment_method)}")
    tomorrow = today + timedelta(days=1)
    for f in shop.reports.sales_report(today, tomorrow, Period.DAY).overall:
        print(
            f"{f.currency}: {f.orders} orders ({f.cancelled} cancelled), {f.items} items; subtotal {f.subtotal}, "
            f"discounts {f.discounts}, shipping {f.shipping}, packaging {f.packaging}, tax {f.tax}"
        )
        print(f"  charged {f.total}, refunded {f.refunds}, net {f.net}, collected {f.collected}, average order {f.average_order}")
    products = shop.reports.products(today, tomorrow, EUR, 3)
    best = [f"{p.name} ({p.units} sold, {p.revenue})" for p in products.top]
    print(f"best sellers: {'; '.join(best)}")
    print(
        f"products listed {products.listed}, sold {products.sold} ({products.sell_through_percent:f} %), "
        f"units returned {products.returned_units} ({products.return_rate_percent:f} % of sold)"
    )
    funnel = shop.reports.funnel(today, tomorrow)
    print(
        f"funnel: {funnel.carts_created} carts, {funnel.checkouts_started} checkouts, {funnel.orders_placed} orders, "
        f"{funnel.orders_paid} paid in full; {funnel.followed_up} checkout(s) followed up, {funnel.recovered} recovered"
    )
    for effect in funnel.promotions:
        print(f"  {effect.name}: {effect.orders} order(s), {effect.discount} off, {effect.revenue} charged")
    after = shop.reports.after_sales(today, tomorrow)
    print(
        f"after-sales: returns ({counts(after.returns_by_reason)}); cases opened ({counts(after.cases_opened)}), "
        f"solved {after.cases_solved}; first response {after.first_response.compliance_percent:f} % on time; "
        f"CSAT {after.csat_average:f} ({counts(after.csat_scores)})"
    )
    customers = shop.reports.customers(today, tomorrow)
    print(
        f"customers: {customers.first_orders} first order(s), {customers.repeat_orders} repeat, "
        f"{customers.guest_orders} guest"
    )
    for c in customers.figures:
        print(
            f"  {c.currency}: {c.customers} customer(s), {c.new_customers} new, repeat rate {c.repeat_rate_percent:f} %, "
            f"lifetime value {c.lifetime_value}, VIP {c.vip_customers} ({c.vip_spent_percent:f} % of spend)"
        )
    write_charts(day, tomorrow)
    for variant in ["honey", "tee-m"]:
        level = shop.catalog.stock(variant)
        if level is None:
            raise RuntimeError(f"{variant} is untracked")
        print(f"stock {variant}: {level.on_hand} on hand, {level.reserved} reserved")
    print(f"open support cases: {len(shop.support.open_cases_by_sla())}")
    work = shop.orders.work_list()
    print(
        f"work list: {len(work.to_ship)} to ship, {len(work.transfer_overdue)} transfers overdue, "
        f"{len(work.cash_not_settled)} cash not settled"
    )


def write_charts(day: Day, tomorrow: date) -> None:
    """The week up to today as an SVG chart of sales per day, the day's orders by payment method and
    its funnel, and every report as CSV, written beside the store."""
    reports, today = day.shop.reports, day.today
    week_ago = today - timedelta(days=6)
    # The store's path with the extension `reports`, printed as given (as Rust's `Path::display`).
    shown = os.path.splitext(day.path)[0] + ".reports"
    folder = Path(shown)
    folder.mkdir(parents=True, exist_ok=True)
    files = [
        ("sales_per_day.svg", reports.sales_chart(week_ago, tomorrow, Period.DAY, EUR)),
        ("payment_methods.svg", reports.payment_methods_chart(today, tomorrow, EUR)),
        ("funnel.svg", reports.funnel_chart(today, tomorrow)),
        ("sales.csv", reports.sales_csv(week_ago, tomorrow, Period.DAY)),
        ("products.csv", reports.products_csv(today, tomorrow, EUR)),
        ("funnel.csv", reports.funnel_csv(today, tomorrow)),
        ("customers.csv", reports.customers_csv(today, tomorrow)),
        ("after_sales.csv", reports.after_sales_csv(today, tomorrow)),
    ]
    for name, content in files:
        (folder / name).write_text(content, encoding="utf-8", newline="")
    print(f"charts and CSV files in {shown}: {', '.join(name for name, _ in files)}")


if __name__ == "__main__":
    main()
