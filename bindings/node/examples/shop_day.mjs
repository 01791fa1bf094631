// A whole day of a small shop on the embedded SQLite store, run through the typed `vitrina/shop` layer
// alone on a clock set by hand: the same day as `examples/shop_day.rs`, printing the same report.
//
// Morning: the settings, the catalog and its stock, customers. Shoppers then buy with every payment
// method (a card declined then accepted, a bank transfer matched from the afternoon statement after a
// reminder, cash on delivery, store credit, a gift card topped up by card), one abandons checkout,
// parcels go out with the shop's own drivers and the test courier, a support case is answered with a
// canned reply and rated, another waits past its SLA, a return is refunded. Evening: the due work and
// the end-of-day report, which the store computes. A week later the solved case is closed.
//
// `node examples/shop_day.mjs [path/to/shop.db]` (default `target/shop_day.db`, recreated each run);
// its output is byte for byte that of `cargo run --example shop_day -- <the same path>`.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

import { OwnFleetCourier, TestCourier, TestGateway, testCards } from '../index.js'
import { Shop } from '../shop.js'

/**
 * @typedef {import('../shop.js').Actor} Actor
 * @typedef {import('../shop.js').Address} Address
 * @typedef {import('../shop.js').Order} Order
 * @typedef {import('../shop.js').PaymentMethod} PaymentMethod
 * @typedef {import('../shop.js').NewCase} NewCase
 * @typedef {{count: number, key: string}} Count
 * @typedef {import('../index.js').EmailMessageData} EmailMessage
 */

const DAY = '2026-04-14'
/** Sofia's offset from UTC on that day (summer time), as on the week after. */
const SOFIA = '+03:00'
const REPOSITORY = new URL('../../../', import.meta.url)

/** @param {string} id @returns {Actor} */
const staff = (id) => ({ kind: 'staff', id })

/** `cents` euro cents as money text (`"50.00 EUR"`), exact. */
function eur(/** @type {number} */ cents) {
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')} EUR`
}

/** `date` moved by `days` (calendar dates, `"2026-04-14"`). */
function addDays(/** @type {string} */ date, /** @type {number} */ days) {
  const moved = new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000)
  return moved.toISOString().slice(0, 10)
}

/** The instant `hh:mm` Sofia time on `date`, RFC 3339 in UTC. */
function sofiaTime(/** @type {string} */ date, /** @type {number} */ hour, /** @type {number} */ minute) {
  const local = `${date}T${two(hour)}:${two(minute)}:00${SOFIA}`
  return new Date(local).toISOString().replace('.000Z', 'Z')
}

const two = (/** @type {number} */ n) => String(n).padStart(2, '0')

/** A mailer that keeps every message it is given. */
class MemoryMailer {
  name = 'memory'
  /** @type {EmailMessage[]} */
  sent = []

  /** @param {EmailMessage} message */
  send(message) {
    this.sent.push(message)
    return { message_id: message.message_id, detail: 'kept' }
  }
}

/** The shop, its clock and the couriers whose own clocks follow it. */
class Day {
  /**
   * @param {Shop} shop
   * @param {string} path where the store is; the report's charts and CSV files go beside it
   * @param {OwnFleetCourier} fleet
   * @param {TestCourier} carrier
   * @param {MemoryMailer} mailer
   */
  constructor(shop, path, fleet, carrier, mailer) {
    this.shop = shop
    this.path = path
    this.date = DAY
    this.fleet = fleet
    this.carrier = carrier
    this.mailer = mailer
  }

  /** Sets the clock to `hh:mm` Sofia time and says what happens. */
  at(/** @type {number} */ hour, /** @type {number} */ minute, /** @type {string} */ what) {
    const now = sofiaTime(this.date, hour, minute)
    this.carrier.advance((Date.parse(now) - Date.parse(this.carrier.now())) / 1000)
    this.shop.setTime(now)
    console.log(`\n${two(hour)}:${two(minute)}  ${what}`)
    return now
  }

  /**
   * A driver of the shop's own fleet reports on the parcel of `order`, and the shop takes it in.
   * @param {Order} order
   * @param {'picked_up' | 'out_for_delivery' | 'delivered'} update
   * @param {string | null} [cash] the cash collected, on a cash-on-delivery parcel
   */
  async driver(order, update, cash = null) {
    const shipment = (await this.shop.shipping.shipmentsOf(order.id)).pop()
    if (shipment === undefined) throw new Error('no parcel')
    const number = shipment.tracking_number
    if (number == null) throw new Error('no tracking number')
    const report = { tracking_number: number, driver_id: 'driver-7', update, cash_collected: cash, at: this.shop.now() }
    await this.fleet.driverUpdate(report)
    await this.shop.shipping.refreshShipment(shipment.id)
  }
}

/**
 * One purchase: who, what, how it is delivered and paid.
 * @typedef {object} Purchase
 * @property {string} customer
 * @property {Array<[string, number]>} items
 * @property {string | null} [coupon]
 * @property {string} method
 * @property {string | null} slot
 * @property {PaymentMethod} pay
 * @property {string | null} [giftMessage]
 */

/**
 * Cart, both checkout steps, the price confirmed and the order placed: every step one command.
 * @param {Shop} shop
 * @param {Map<string, [string, Address]>} people
 * @param {Purchase} buy
 */
async function checkout(shop, people, buy) {
  const [customerId, address] = known(people, buy.customer)
  const customer = await shop.customers.get(customerId)
  const cart = await shop.carts.create('EUR', customerId)
  for (const [variant, quantity] of buy.items) {
    await shop.carts.addLine(cart.id, variant, quantity)
  }
  if (buy.coupon != null) {
    await shop.carts.applyCoupon(cart.id, buy.coupon)
  }
  if (buy.giftMessage != null) {
    await shop.carts.giftWrap(cart.id, buy.giftMessage)
  }
  const session = await shop.checkout.start(cart.id, customer.email, null)
  const delivery = { address, shipping_method_id: buy.method, payment_method: buy.pay, slot_id: buy.slot ?? null }
  await shop.checkout.setDelivery(session.id, delivery)
  const confirmed = await shop.checkout.quote(session.id)
  const order = await shop.checkout.placeOrder(session.id, confirmed)
  const discounts = confirmed.promotions.map((p) => `${p.name} -${p.amount}`)
  const shown = discounts.length === 0 ? '' : ` [${discounts.join('; ')}]`
  console.log(`  ${order.number} placed by ${customer.name}: ${order.total} (${buy.pay})${shown}`)
  return order
}

/**
 * The entry of `key` in `map`; a missing one is an error.
 * @template T
 * @param {Map<string, T>} map
 * @param {string} key
 * @returns {T}
 */
function known(map, key) {
  const value = map.get(key)
  if (value === undefined) throw new Error(`no such entry: ${key}`)
  return value
}

/** The repository's data file `name` (under `examples/data/`), parsed. */
function data(/** @type {string} */ name) {
  return JSON.parse(readFileSync(new URL(`examples/data/${name}`, REPOSITORY), 'utf8'))
}

/** A Sofia address. */
function sofia(/** @type {string} */ street, /** @type {string} */ recipient) {
  /** @type {Address} */
  const address = { recipient, line1: street, line2: null, city: 'Sofia', postal_code: '1000', region: null, country: 'BG' }
  return address
}

/** The shop's own drivers: Sofia, three slots today. */
function ownFleet() {
  const slot = (/** @type {string} */ id, /** @type {number} */ from, /** @type {number} */ to) => ({
    id,
    window: { start: sofiaTime(DAY, from, 0), end: sofiaTime(DAY, to, 0) },
    capacity: 8,
  })
  return new OwnFleetCourier({
    shop_name: 'Vitrina Demo',
    zones: [{ zone: { id: 'sofia', name: 'Sofia', countries: ['BG'], postal_prefixes: ['1'] }, price: eur(390) }],
    slots: [slot('midday', 11, 14), slot('afternoon', 14, 18), slot('evening', 18, 21)],
    max_weight_grams: 20_000,
    slots_offered: 3,
    tracking_prefix: 'OF',
  })
}

/** The store recreated at the path given (default `target/shop_day.db`), the shop over it at 07:00. */
async function open() {
  const path = process.argv[2] ?? 'target/shop_day.db'
  if (dirname(path) !== '.') mkdirSync(dirname(path), { recursive: true })
  for (const suffix of ['', '-wal', '-shm']) {
    rmSync(`${path}${suffix}`, { force: true })
  }
  console.log(`store: ${path} (SQLite, recreated)`)
  const opening = sofiaTime(DAY, 7, 0)
  const [fleet, carrier, mailer] = [ownFleet(), new TestCourier(opening), new MemoryMailer()]
  const plugins = {
    gateways: { card: new TestGateway('whsec_shop_day') },
    couriers: [fleet, carrier],
    mailer,
    clockAt: opening,
  }
  const shop = await Shop.open(`sqlite:${path}`, plugins)
  return new Day(shop, path, fleet, carrier, mailer)
}

/**
 * 07:00: settings, catalog and stock, customers (Ana is a VIP who agreed to marketing e-mail).
 * @param {Day} day
 * @returns {Promise<Map<string, [string, Address]>>}
 */
async function morning(day) {
  day.at(7, 0, 'catalog import, settings, customers')
  const shop = day.shop
  const catalog = data('shop_day_catalog.json')
  const version = await shop.catalog.import(catalog)
  await shop.admin.configure(data('shop_day_settings.json'))
  const promotions = (await shop.settings()).pricing.promotions.length
  const [products, priceLists] = [catalog.products.length, catalog.price_lists.length]
  console.log(`  catalog v${version}: ${products} products, ${priceLists} price lists; ${promotions} promotions`)
  /** @type {Array<[string, string, string, string, Address]>} */
  const people = [
    ['ana', 'Ana Petrova', 'ana@example.bg', 'bg', sofia('ul. Vitosha 1', 'Ana Petrova')],
    ['boris', 'Boris Ivanov', 'boris@example.bg', 'en', sofia('bul. Bulgaria 12', 'Boris Ivanov')],
    ['chen', 'Chen Wei', 'chen.wei@example.com', 'zh', sofia('ul. Rakovski 7', 'Chen Wei')],
    ['dora', 'Dora Georgieva', 'dora@example.bg', 'bg', { ...sofia('ul. Glavna 3', 'Dora Georgieva'), city: 'Plovdiv', postal_code: '4000' }],
    ['elena', 'Elena Smirnova', 'elena@example.ru', 'ru', sofia('ul. Shipka 20', 'Elena Smirnova')],
  ]
  /** @type {Map<string, [string, Address]>} */
  const registered = new Map()
  for (const [key, name, email, locale, address] of people) {
    const customer = await shop.customers.register({ email, name, phone: null, locale })
    registered.set(key, [customer.id, address])
  }
  const ana = known(registered, 'ana')[0]
  await shop.customers.makeVip(ana)
  await shop.customers.grantConsent(ana, 'email', 'account')
  console.log(`  ${registered.size} customers registered (1 VIP with e-mail marketing consent)`)
  return registered
}

/** The names of the products in `category` or any category under it, in catalog order. */
async function productsIn(/** @type {Shop} */ shop, /** @type {string} */ category) {
  const catalog = (await shop.catalog.current()).value
  const parents = new Map(catalog.categories.map((c) => [c.id, c.parent_id ?? null]))
  /** @param {string | null | undefined} id */
  const within = (id) => {
    for (let at = id; at != null; at = parents.get(at)) {
      if (at === category) return true
    }
    return false
  }
  return catalog.products.filter((p) => (p.category_ids ?? []).some(within)).map((p) => p.name)
}

/**
 * The support case a customer opens on `order` in the chat.
 * @param {string} customer
 * @param {Order} order
 * @param {string} subject
 * @param {string} text
 * @returns {NewCase}
 */
function chatCase(customer, order, subject, text) {
  return {
    customer_id: customer,
    opened_by: { kind: 'customer', id: customer },
    channel: 'chat',
    subject,
    description: text,
    priority: 'normal',
    category: 'delivery_problem',
    order_id: order.id,
    order_line_ids: [],
  }
}

/** The day from 09:05 to 20:00, then the report and a week later. */
async function main() {
  const day = await open()
  const people = await morning(day)
  const shop = day.shop
  const id = (/** @type {string} */ key) => known(people, key)[0]
  /**
   * @param {string} customer @param {Array<[string, number]>} items @param {PaymentMethod} pay
   * @param {string} method @param {string | null} slot @returns {Purchase}
   */
  const buy = (customer, items, pay, method, slot) => ({ customer, items, pay, method, slot })
  const cards = testCards()

  day.at(9, 5, 'the shop opens: guests browse, Ana pays by card')
  console.log(`  browsing Food: ${(await productsIn(shop, 'food')).join(', ')}`)
  for (const [variant, quantity] of /** @type {Array<[string, number]>} */ ([['candle', 2], ['tote', 1]])) {
    const guest = await shop.carts.create('EUR', null)
    await shop.carts.addLine(guest.id, variant, quantity)
  }
  const ana = await checkout(shop, people, buy('ana', [['tee-m', 1], ['honey', 2], ['linden-tea', 1]], 'card', 'same-day', 'midday'))
  for (const [attempt, card] of [cards.declined, cards.success].entries()) {
    const payment = await shop.payments.pay(ana.id, card, `${ana.number}:card:${attempt}`)
    console.log(`    card ...${card.slice(12)}: payment ${payment.state}`)
  }

  day.at(9, 40, 'a bank transfer')
  const boris = await checkout(shop, people, buy('boris', [['teapot', 1], ['mountain-tea-250g', 2]], 'bank_transfer', 'same-day', null))
  const transfer = await shop.payments.bankTransfer(boris.id)
  const reference = (transfer.reference.match(/.{1,4}/g) ?? []).join(' ')
  console.log(`    pay ${boris.total} to reference ${reference}`)

  day.at(10, 15, 'cash on delivery, and a checkout left half-way')
  const chenItems = /** @type {Array<[string, number]>} */ ([['mug-white', 2], ['mountain-tea-100g', 1], ['honey', 1]])
  const chen = await checkout(shop, people, buy('chen', chenItems, 'cash_on_delivery', 'same-day', 'afternoon'))
  const filip = await shop.carts.create('EUR', null)
  await shop.carts.addLine(filip.id, 'blanket', 1)
  await shop.checkout.start(filip.id, 'filip@example.bg', null)
  console.log('  Filip enters his e-mail for a wool blanket and leaves the checkout')

  day.at(10, 50, 'store credit')
  const doraId = id('dora')
  await shop.wallets.deposit(doraId, eur(5_000), 'goodwill: late parcel in March', 'credit:dora:march', staff('mila'))
  const dora = await checkout(shop, people, buy('dora', [['apron', 1], ['candle', 1]], 'wallet', 'courier', null))
  await shop.wallets.payWithWallet(dora.id, `${dora.number}:wallet`)
  console.log(`    store credit left: ${await shop.wallets.balance(doraId, 'EUR')}`)

  day.at(11, 20, 'a gift card and a card, with a coupon and gift wrap')
  const giftCard = await shop.wallets.issueGiftCard(eur(2_000), null, 'gift:elena:mum', { kind: 'system' })
  const present = {
    ...buy('elena', [['board', 1], ['rose-jam', 2]], 'gift_card', 'same-day', 'afternoon'),
    coupon: 'WELCOME10',
    giftMessage: 'For Mum, with love from Elena',
  }
  const elena = await checkout(shop, people, present)
  await shop.wallets.payWithGiftCard(elena.id, giftCard.code, `${elena.number}:gift-card`)
  const rest = await shop.payments.pay(elena.id, cards.success, `${elena.number}:card`)
  console.log(`    gift card took ${eur(2_000)}, card ${rest.captured}`)

  day.at(11, 45, 'packing')
  for (const order of [ana, dora, chen, elena]) {
    const parcel = await shop.shipping.ship(order.id, staff('packer'))
    console.log(`  ${order.number} packed: parcel ${parcel.tracking_number ?? '-'} with ${parcel.courier}`)
  }
  day.at(12, 0, "the midday driver leaves; Ana's parcel is delivered at 12:50")
  await day.driver(ana, 'picked_up')
  day.at(12, 50, 'delivered')
  await day.driver(ana, 'out_for_delivery')
  await day.driver(ana, 'delivered')

  day.at(13, 30, 'support chat')
  await shop.support.openCase({ ...chatCase(id('boris'), boris, 'Did my transfer arrive?', 'I paid this morning.'), priority: 'high' })
  console.log('  Boris asks whether his transfer arrived (high priority: an answer due within 4 hours)')

  day.at(14, 5, 'the test courier picks up; the afternoon driver leaves')
  const picked = await shop.shipping.refreshTracking(shop.now())
  console.log(`  tracking: ${picked.updates.length} parcel(s) moved`)
  await day.driver(chen, 'picked_up')
  await day.driver(elena, 'picked_up')

  const due = await shop.runDue(day.at(15, 0, 'due work: unpaid transfers, abandoned checkouts, the outbox'))
  const reminded = due.reminders.map(([number]) => JSON.stringify(number))
  console.log(`  reminded: [${reminded.join(', ')}]; followed up: ${due.follow_ups.length} checkout(s); e-mails sent: ${due.emails_sent}`)

  day.at(15, 40, 'afternoon deliveries: Chen pays the driver in cash')
  const cash = chen.total
  await day.driver(chen, 'out_for_delivery')
  await shop.payments.recordCashCollected(chen.id, cash, 'own-fleet/driver-7', `${chen.number}:cash`)
  await day.driver(chen, 'delivered', cash)
  await day.driver(elena, 'out_for_delivery')
  await day.driver(elena, 'delivered')
  console.log(`  ${chen.number}: driver collected ${cash}, order ${(await shop.orders.get(chen.id)).state}`)

  day.at(16, 30, 'a delivery question answered with a canned reply')
  await shop.shipping.refreshTracking(shop.now())
  const question = await shop.support.openCase(chatCase(doraId, dora, 'When does my parcel arrive?', 'Can I pick it up in Plovdiv?'))
  const parcel = (await shop.shipping.shipmentsOf(dora.id)).pop()
  if (parcel === undefined) throw new Error('no parcel')
  const values = { name: 'Dora', parcel: parcel.tracking_number ?? '-', order: dora.number }
  await shop.support.replyWithCanned(question.id, 'mila', 'where-is-my-parcel', 'en', values)
  const solved = await shop.support.solve(question.id, { kind: 'agent', id: 'mila' })
  if (solved.survey == null) throw new Error('no survey')
  const answer = await shop.support.answerSurvey(solved.survey.id, 5, 'Fast and friendly')
  console.log(`  case ${solved.case.state}, CSAT ${answer.response?.score ?? 0}/5`)

  day.at(17, 45, 'the bank statement arrives')
  const written = reference.toLowerCase()
  const line = {
    bank_transaction_id: 'DEMO-2026-04-14-0017',
    received_on: day.date,
    bank: 'Demo Bank',
    amount: boris.total,
    payer_name: 'BORIS IVANOV',
    reference_as_written: written,
  }
  await shop.payments.recordStatement([line])
  console.log(`  transfer quoting ${JSON.stringify(written)}: order ${(await shop.orders.get(boris.id)).state}`)

  day.at(18, 30, "a return: Ana's linen tee is too small")
  const tee = ana.cart.lines.find((l) => l.variant_id === 'tee-m')
  if (tee === undefined) throw new Error('no tee')
  const asked = { line_id: tee.id, quantity: 1, reason: /** @type {const} */ ('changed_mind'), condition: /** @type {const} */ ('unused'), photos: [], note: 'too small' }
  const rma = await shop.returns.request(ana.id, [asked], { kind: 'shopper', customer_id: id('ana') }, null)
  await shop.returns.approve(rma.id, staff('mila'))
  await shop.returns.awaitParcel(rma.id, null, { kind: 'system' })
  await shop.returns.receive(rma.id, null, staff('packer'))
  const inspection = { lines: [{ line_id: tee.id, condition: /** @type {const} */ ('unused'), note: null }], note: null }
  await shop.returns.inspect(rma.id, inspection, staff('packer'))
  await shop.returns.refund(rma.id, staff('mila'), `${rma.id}:refund`)
  const closed = await shop.returns.close(rma.id, null, { kind: 'system' })
  console.log(`  return ${closed.state}; order ${(await shop.orders.get(ana.id)).state}`)

  const evening = await shop.runDue(day.at(20, 0, 'evening: follow-ups and the outbox'))
  console.log(`  followed up: ${evening.follow_ups.length} checkout(s); e-mails sent: ${evening.emails_sent}`)
  for (const [caseId, target] of evening.sla_escalations ?? []) {
    const escalated = await shop.support.get(caseId)
    const queue = escalated.assignment.queue ?? 'none'
    const label = target.replaceAll('_', ' ')
    console.log(`  SLA ${label} breached on "${escalated.subject}": escalated to ${queue}, priority ${escalated.priority}`)
  }
  console.log(`  memory mailer holds ${day.mailer.sent.length} messages`)
  await report(day)
  await weekLater(day)
}

/** Eight days later: the case solved at 16:30 that nobody reopened within 7 days is closed by the due work. */
async function weekLater(/** @type {Day} */ day) {
  const later = addDays(day.date, 8)
  const now = sofiaTime(later, 9, 0)
  day.shop.setTime(now)
  console.log(`\n${later} 09:00  a week later`)
  const due = await day.shop.runDue(now)
  for (const caseId of due.cases_closed) {
    const closed = await day.shop.support.get(caseId)
    console.log(`  case "${closed.subject}" ${closed.state}: solved, not reopened within 7 days`)
  }
}

/** `key count` pairs, comma separated. */
const list = (/** @type {Count[]} */ counts) => counts.map((c) => `${c.key} ${c.count}`).join(', ')

/**
 * The end-of-day report: the store computes the figures and writes charts and CSV files beside it.
 * @param {Day} day
 */
async function report(day) {
  const shop = day.shop
  const sales = await shop.reports.salesOn(day.date)
  console.log('\n== end of day report (computed by SQLite) ==')
  console.log(`orders by state: ${list(sales.by_state)}`)
  console.log(`orders by payment method: ${list(sales.by_payment_method)}`)
  const tomorrow = addDays(day.date, 1)
  const rollup = await shop.reports.salesReport(day.date, tomorrow, 'day')
  for (const f of rollup.overall) {
    console.log(
      `${f.currency}: ${f.orders} orders (${f.cancelled} cancelled), ${f.items} items; subtotal ${f.subtotal}, ` +
        `discounts ${f.discounts}, shipping ${f.shipping}, packaging ${f.packaging}, tax ${f.tax}`,
    )
    console.log(`  charged ${f.total}, refunded ${f.refunds}, net ${f.net}, collected ${f.collected}, average order ${f.average_order}`)
  }
  const products = await shop.reports.products(day.date, tomorrow, 'EUR', 3)
  const best = products.top.map((p) => `${p.name} (${p.units} sold, ${p.revenue})`)
  console.log(`best sellers: ${best.join('; ')}`)
  console.log(
    `products listed ${products.listed}, sold ${products.sold} (${products.sell_through_percent} %), ` +
      `units returned ${products.returned_units} (${products.return_rate_percent} % of sold)`,
  )
  const funnel = await shop.reports.funnel(day.date, tomorrow)
  console.log(
    `funnel: ${funnel.carts_created} carts, ${funnel.checkouts_started} checkouts, ${funnel.orders_placed} orders, ` +
      `${funnel.orders_paid} paid in full; ${funnel.followed_up} checkout(s) followed up, ${funnel.recovered} recovered`,
  )
  for (const effect of funnel.promotions) {
    console.log(`  ${effect.name}: ${effect.orders} order(s), ${effect.discount} off, ${effect.revenue} charged`)
  }
  const after = await shop.reports.afterSales(day.date, tomorrow)
  console.log(
    `after-sales: returns (${list(after.returns_by_reason)}); cases opened (${list(after.cases_opened)}), ` +
      `solved ${after.cases_solved}; first response ${after.first_response.compliance_percent} % on time; ` +
      `CSAT ${after.csat_average} (${list(after.csat_scores)})`,
  )
  const customers = await shop.reports.customers(day.date, tomorrow)
  console.log(`customers: ${customers.first_orders} first order(s), ${customers.repeat_orders} repeat, ${customers.guest_orders} guest`)
  for (const f of customers.figures) {
    console.log(
      `  ${f.currency}: ${f.customers} customer(s), ${f.new_customers} new, repeat rate ${f.repeat_rate_percent} %, ` +
        `lifetime value ${f.lifetime_value}, VIP ${f.vip_customers} (${f.vip_spent_percent} % of spend)`,
    )
  }
  await writeCharts(day, tomorrow)
  for (const variant of ['honey', 'tee-m']) {
    const level = await shop.catalog.stock(variant)
    if (level == null) throw new Error('untracked')
    console.log(`stock ${variant}: ${level.on_hand} on hand, ${level.reserved} reserved`)
  }
  console.log(`open support cases: ${(await shop.support.openCasesBySla()).length}`)
  const work = await shop.orders.workList()
  console.log(
    `work list: ${work.to_ship.length} to ship, ${work.transfer_overdue.length} transfers overdue, ` +
      `${work.cash_not_settled.length} cash not settled`,
  )
}

/** `path` with its extension replaced by `extension` (as Rust's `Path::with_extension`). */
function withExtension(/** @type {string} */ path, /** @type {string} */ extension) {
  const slash = path.lastIndexOf('/')
  const dot = path.lastIndexOf('.')
  const stem = dot > slash + 1 ? path.slice(0, dot) : path
  return `${stem}.${extension}`
}

/**
 * The week up to today as an SVG chart of sales per day, the day's orders by payment method and its
 * funnel, and every report as CSV, written beside the store.
 * @param {Day} day
 * @param {string} tomorrow
 */
async function writeCharts(day, tomorrow) {
  const reports = day.shop.reports
  const weekAgo = addDays(day.date, -6)
  const folder = withExtension(day.path, 'reports')
  mkdirSync(folder, { recursive: true })
  /** @type {Array<[string, string]>} */
  const files = [
    ['sales_per_day.svg', await reports.salesChart(weekAgo, tomorrow, 'day', 'EUR')],
    ['payment_methods.svg', await reports.paymentMethodsChart(day.date, tomorrow, 'EUR')],
    ['funnel.svg', await reports.funnelChart(day.date, tomorrow)],
    ['sales.csv', await reports.salesCsv(weekAgo, tomorrow, 'day')],
    ['products.csv', await reports.productsCsv(day.date, tomorrow, 'EUR')],
    ['funnel.csv', await reports.funnelCsv(day.date, tomorrow)],
    ['customers.csv', await reports.customersCsv(day.date, tomorrow)],
    ['after_sales.csv', await reports.afterSalesCsv(day.date, tomorrow)],
  ]
  for (const [name, content] of files) {
    writeFileSync(`${folder}/${name}`, content)
  }
  console.log(`charts and CSV files in ${folder}: ${files.map(([name]) => name).join(', ')}`)
}

await main()
