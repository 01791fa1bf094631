// Shipping through the Shop: a paid order ships its lines once through a courier written in
// JavaScript (its label, the services it quotes, tracking that moves the shipment and the order, the
// timeline, cancellation at the courier, an illegal move refused), nothing ships before the order is
// paid, a courier that throws or rejects is a courier error that stores nothing, cash on delivery is
// collected to the cent by the shop's own drivers, and delivery options follow the address.
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { test } from 'node:test'

import { DAY, OPENING, SETTINGS, STAFF, rejection, sofia, teaShop } from '../fixtures/shop_plugins.mjs'

const { OwnFleetCourier, TestGateway, testCards } = createRequire(import.meta.url)('../index.js')

const event = (at, status, raw_code, description) => ({ at, status, raw_code, description })

/** A courier in JavaScript: async labels and tracking, a synchronous cancel; it records its calls. */
class Parcelo {
  name = 'parcelo'
  calls = []
  issued = 0

  constructor(events = {}) {
    this.events = events
  }

  async rates(request) {
    this.calls.push(['rates', request.to.country])
    const window = (hours) => ({ start: `${DAY}T${hours}:00:00Z`, end: `${DAY}T${hours + 2}:00:00Z` })
    return {
      options: [
        { service: 'express', name: 'Express', price: '9.90 EUR', estimated_delivery: window(12) },
        { service: 'economy', name: 'Economy', price: '3.90 EUR', estimated_delivery: window(16) },
      ],
      warnings: [],
    }
  }

  async createShipment(request) {
    this.calls.push(['createShipment', request.order_number, request.to.city])
    await new Promise((resolve) => setTimeout(resolve, 2))
    this.issued += 1
    return {
      tracking_number: `PX${this.issued}`,
      label: { content_type: 'application/pdf', bytes: Buffer.from('%PDF-label') },
      warnings: [{ code: 'remote_area', message: 'a surcharge applies' }],
    }
  }

  cancelShipment(trackingNumber) {
    this.calls.push(['cancelShipment', trackingNumber])
  }

  async track(numbers) {
    this.calls.push(['track', ...numbers])
    const shipments = numbers.filter((n) => this.events[n]).map((n) => ({ tracking_number: n, events: this.events[n] }))
    return { shipments, warnings: [] }
  }
}

/** An order of 2 teas and a honey jar on the tea shop with `courier`, paid by card unless `pay` is false. */
async function order(courier, { pay = true, payment = 'card' } = {}) {
  const { shop } = await teaShop({ courier, gateway: new TestGateway() })
  const cart = await shop.carts.create('EUR', null)
  await shop.carts.addLine(cart.id, 'tea-100g', 2)
  await shop.carts.addLine(cart.id, 'honey-jar', 1)
  const session = await shop.checkout.start(cart.id, 'ana@example.com')
  await shop.checkout.setDelivery(session.id, { address: sofia('Ana'), shipping_method_id: 'post', payment_method: payment })
  const placed = await shop.checkout.placeOrder(session.id, await shop.checkout.quote(session.id))
  if (pay) await shop.payments.pay(placed.id, testCards().success, 'pay-1')
  return { shop, order: placed, cart }
}

test('a paid order ships its lines once, labelled by the JavaScript courier', async () => {
  const courier = new Parcelo()
  const { shop, order: placed } = await order(courier)
  const shipment = await shop.shipping.ship(placed.id, STAFF)
  assert.equal(shipment.order_id, placed.id)
  assert.deepEqual(shipment.lines.map((l) => [l.variant_id, l.quantity]), [['tea-100g', 2], ['honey-jar', 1]])
  assert.deepEqual([shipment.courier, shipment.tracking_number, shipment.state], ['parcelo', 'PX1', 'label_created'])
  assert.deepEqual(shipment.label, { content_type: 'application/pdf', bytes: [...Buffer.from('%PDF-label')] })
  assert.deepEqual(courier.calls.at(-1), ['createShipment', placed.number, 'Sofia'])
  const again = await shop.shipping.ship(placed.id, STAFF)
  assert.equal(again.id, shipment.id, 'shipping again ships nothing more than was ordered')
  assert.equal((await shop.shipping.shipmentsOf(placed.id)).length, 1)
  assert.equal(courier.calls.filter(([call]) => call === 'createShipment').length, 1)
})

test('nothing ships before the order is paid', async () => {
  const { shop, order: placed } = await order(new Parcelo(), { pay: false })
  const error = await rejection(shop.shipping.ship(placed.id, STAFF))
  assert.equal(error.domain, 'shipping', error.message)
  assert.deepEqual(await shop.shipping.shipmentsOf(placed.id), [])
})

test('tracking moves the shipment and the order; an in-transit parcel cannot be cancelled', async () => {
  const courier = new Parcelo({
    PX1: [
      event(`${DAY}T12:00:00Z`, 'delivered', 'DL', 'Delivered'),
      event(`${DAY}T08:00:00Z`, 'picked_up', 'PU', 'Collected'),
      event(`${DAY}T09:00:00Z`, 'in_transit', 'TR', 'Left the depot'),
    ],
  })
  const { shop, order: placed, cart } = await order(courier)
  const options = await shop.shipping.deliveryOptions(cart.id, sofia('Ana'))
  const post = options.find((o) => o.courier === 'parcelo')
  assert.deepEqual(post.services.map((s) => [s.service, s.price]), [['economy', '3.90 EUR'], ['express', '9.90 EUR']])
  const shipment = await shop.shipping.ship(placed.id, STAFF)
  shop.setTime(`${DAY}T13:00:00Z`)
  const round = await shop.shipping.refreshTracking(shop.now())
  assert.deepEqual(courier.calls.at(-1), ['track', 'PX1'])
  const moves = ['picked_up', 'in_transit', 'delivered']
  assert.deepEqual(round.updates.map((u) => [u.shipment_id, u.shipment_moves]), [[shipment.id, moves]])
  const delivered = await shop.shipping.get(shipment.id)
  assert.deepEqual(delivered.tracking.map((e) => e.raw_code), ['PU', 'TR', 'DL'])
  assert.deepEqual(delivered.history.map((h) => h.to), ['label_created', ...moves])
  assert.equal((await shop.orders.get(placed.id)).state, 'delivered')
  const timeline = (await shop.orders.timeline(placed.id)).map((e) => e.milestone)
  assert.deepEqual(timeline.slice(0, 2), ['order_placed', 'payment_received'])
  assert.ok(timeline.includes('in_transit') && timeline.includes('delivered'), timeline.join())
  const illegal = await rejection(shop.shipping.cancelShipment(shipment.id, STAFF, 'lost in the depot'))
  assert.equal(illegal.code, 'illegal_transition')
})

test('cancelling a labelled shipment cancels it at the courier', async () => {
  const courier = new Parcelo()
  const { shop, order: placed } = await order(courier)
  const shipment = await shop.shipping.ship(placed.id, STAFF)
  const cancelled = await shop.shipping.cancelShipment(shipment.id, STAFF, 'customer changed their mind')
  assert.equal(cancelled.state, 'cancelled')
  assert.deepEqual(courier.calls.at(-1), ['cancelShipment', 'PX1'])
})

test('a courier that throws or rejects is a courier error, and nothing is stored', async () => {
  const broken = [
    { name: 'parcelo', createShipment() { throw new Error('label printer on fire') }, rates() {}, track() {} },
    { name: 'parcelo', createShipment: async () => Promise.reject(new TypeError('bad gateway')), rates() {}, track() {} },
    { name: 'parcelo', createShipment: async () => ({ tracking: 42 }), rates() {}, track() {} },
  ]
  for (const courier of broken) {
    const { shop, order: placed } = await order(courier)
    const error = await rejection(shop.shipping.ship(placed.id, STAFF))
    assert.equal(error.domain, 'shipping', error.message)
    assert.match(error.message, /courier parcelo failed in createShipment/)
    assert.deepEqual(await shop.shipping.shipmentsOf(placed.id), [])
  }
  const quiet = { name: 'parcelo', rates: async () => { throw new Error('timeout') }, createShipment() {}, track() {} }
  const { shop, cart } = await order(quiet)
  const [post] = await shop.shipping.deliveryOptions(cart.id, sofia('Ana'))
  assert.deepEqual(post.services, [], 'a courier that cannot quote offers no services')
})

const FLEET = {
  shop_name: 'Tea House',
  zones: [{ zone: { id: 'sofia', name: 'Sofia', countries: ['BG'], postal_prefixes: ['1'] }, price: '3.90 EUR' }],
  slots: [{ id: 'midday', window: { start: `${DAY}T08:00:00Z`, end: `${DAY}T11:00:00Z` }, capacity: 8 }],
}

test('cash on delivery is collected to the cent, as money text', async () => {
  const fleet = new OwnFleetCourier(FLEET)
  const { shop } = await teaShop({ courier: fleet })
  await shop.admin.configure({ ...SETTINGS, courier_for_method: { post: 'own-fleet' } })
  const cart = await shop.carts.create('EUR', null)
  await shop.carts.addLine(cart.id, 'tea-100g', 1)
  const session = await shop.checkout.start(cart.id, 'ana@example.com')
  const delivery = { address: sofia('Ana'), shipping_method_id: 'post', payment_method: 'cash_on_delivery', slot_id: 'midday' }
  await shop.checkout.setDelivery(session.id, delivery)
  const placed = await shop.checkout.placeOrder(session.id, await shop.checkout.quote(session.id))
  const shipment = await shop.shipping.ship(placed.id, STAFF)
  assert.equal(shipment.cash_on_delivery, placed.total)
  const report = (update, extra = {}) => ({ tracking_number: shipment.tracking_number, driver_id: 'd', update, at: OPENING, ...extra })
  await fleet.driverUpdate(report('picked_up'))
  await fleet.driverUpdate(report('out_for_delivery'))
  const number = await rejection(fleet.driverUpdate(report('delivered', { cash_collected: 12.5 })))
  assert.deepEqual([number.code, number.field], ['invalid', 'report.cash_collected'])
  const short = await rejection(fleet.driverUpdate(report('delivered', { cash_collected: '1.00 EUR' })))
  assert.equal(short.domain, 'shipping', short.message)
  await fleet.driverUpdate(report('delivered', { cash_collected: placed.total }))
  await shop.shipping.refreshShipment(shipment.id)
  const delivered = await shop.shipping.get(shipment.id)
  assert.equal(delivered.state, 'delivered')
  assert.equal(delivered.cash_collection.amount, placed.total)
})

test('delivery options follow the zones the address is in', async () => {
  const fleet = new OwnFleetCourier(FLEET)
  const { shop } = await teaShop({ courier: fleet })
  await shop.admin.configure({ ...SETTINGS, courier_for_method: { post: 'own-fleet' } })
  const cart = await shop.carts.create('EUR', null)
  await shop.carts.addLine(cart.id, 'tea-100g', 1)
  const [sofiaPost] = await shop.shipping.deliveryOptions(cart.id, sofia('Ana'))
  assert.deepEqual(sofiaPost.services.map((s) => s.service), ['slot:midday'])
  const plovdiv = await shop.shipping.deliveryOptions(cart.id, { ...sofia('Ana'), city: 'Plovdiv', postal_code: '4000' })
  assert.deepEqual(plovdiv[0].services, [], 'the drivers do not go outside Sofia')
})
