// Shipping through the binding: shipments planned from an order (state machine, over-shipment and
// cash-on-delivery checks), a courier written in JavaScript plugged into the core's Courier trait
// (labels, rates, tracking, cancellation; a throw or rejection is VITRINA_COURIER_UNAVAILABLE and
// leaves the shipment as it was), the order following its shipments, the timeline, zones and methods.
import assert from 'node:assert/strict'
import { beforeEach, test } from 'node:test'

import { NOW, shopContext, shopData, shopRules, thrown, vitrina } from '../fixtures/shop.mjs'

const WAREHOUSE = { recipient: 'Shop', line1: 'Depot 3', city: 'Berlin', postal_code: '10115', country: 'DE' }
const ADDRESS = { recipient: 'Ana Petrova', line1: 'Vitosha 1', city: 'Sofia', postal_code: '1000', country: 'BG' }
const STAFF = { kind: 'staff', id: 'kim' }
const PARCEL = { weight_grams: 900 }

let catalog
let pricer
beforeEach(() => {
  catalog = new vitrina.Catalog(shopData())
  pricer = new vitrina.Pricer(catalog, shopRules())
})

/** An order of 3 mugs and 1 tee (M), paid by `paymentMethod`, moved on to `processing`. */
function processingOrder(paymentMethod = 'card') {
  const cart = new vitrina.Cart('EUR', 'cust-1')
  cart.addLine(catalog, 'mug-v', 3)
  cart.addLine(catalog, 'tee-m', 1)
  const session = vitrina.CheckoutSession.start(cart, { email: 'ana@example.com' }, NOW)
  session.setDelivery({ address: ADDRESS, shipping_method_id: 'post', payment_method: paymentMethod }, NOW)
  const order = session.placeOrder(pricer, cart, shopContext(), pricer.price(cart, shopContext()), 'VT-2026-000777', NOW)
  if (paymentMethod !== 'cash_on_delivery') order.transition('paid', { kind: 'gateway', name: 'psp' }, null, NOW)
  if (order.state !== 'processing') order.transition('processing', STAFF, null, '2026-11-23T13:00:00Z')
  const [mug, tee] = order.priced.lines.map((line) => line.line_id)
  return { order, mug, tee }
}

/** A courier in JavaScript: async labels and tracking, a synchronous cancel; it records its calls. */
class Parcelo {
  constructor(events = {}) {
    this.name = 'parcelo'
    this.calls = []
    this.events = events
    this.issued = 0
  }
  async rates(request) {
    this.calls.push(['rates', request.to.country])
    const window = (days) => ({ start: `2026-11-2${4 + days}T08:00:00Z`, end: `2026-11-2${4 + days}T18:00:00Z` })
    return {
      options: [
        { service: 'express', name: 'Express', price: '9.90 EUR', estimated_delivery: window(0) },
        { service: 'economy', name: 'Economy', price: '3.90 EUR', estimated_delivery: window(3) },
      ],
      warnings: [],
    }
  }
  async createShipment(request) {
    this.calls.push(['createShipment', request.order_number, request.service, request.to.city])
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
    return {
      shipments: numbers.filter((n) => this.events[n]).map((n) => ({ tracking_number: n, events: this.events[n] })),
      warnings: [],
    }
  }
}

const event = (at, status, raw_code, description) => ({ at, status, raw_code, description })

async function rejection(promise) {
  try {
    await promise
  } catch (e) {
    return e
  }
  throw new Error('expected a rejection, the promise resolved')
}

test('a shipment is planned from order lines and refuses more than was ordered', () => {
  const { order, mug, tee } = processingOrder()
  const first = vitrina.Shipment.plan(order, [], { courier: 'parcelo', lines: [{ line_id: mug, quantity: 2 }] }, STAFF, NOW)
  assert.equal(first.state, 'pending')
  assert.equal(first.orderId, order.id)
  assert.deepEqual(first.lines, [{ line_id: mug, variant_id: 'mug-v', quantity: 2 }])

  const over = thrown(() => vitrina.Shipment.plan(order, [first], { courier: 'parcelo', lines: [{ line_id: mug, quantity: 2 }] }))
  assert.equal(over.code, 'VITRINA_OVER_SHIPMENT')
  assert.equal(over.field, 'lines[0].quantity')
  assert.equal(over.domain, 'shipping')
  const unknown = thrown(() => vitrina.Shipment.plan(order, [], { courier: 'parcelo', lines: [{ line_id: 'nope', quantity: 1 }] }))
  assert.equal(unknown.code, 'VITRINA_UNKNOWN_LINE')
  assert.equal(unknown.field, 'lines[0].line_id')
  const blank = thrown(() => vitrina.Shipment.plan(order, [], { courier: ' ', lines: [{ line_id: tee, quantity: 1 }] }))
  assert.equal(blank.code, 'VITRINA_INVALID_FIELD')
  assert.equal(blank.field, 'courier')

  const fulfilment = vitrina.lineFulfilmentOf(order, [first])
  assert.deepEqual(fulfilment.map((l) => [l.variant_id, l.ordered, l.allocated]), [['mug-v', 3, 2], ['tee-m', 1, 0]])
})

test('nothing ships before the order is processing', () => {
  const cart = new vitrina.Cart('EUR')
  cart.addLine(catalog, 'mug-v', 1)
  const session = vitrina.CheckoutSession.start(cart, { email: 'ana@example.com' }, NOW)
  session.setDelivery({ address: ADDRESS, shipping_method_id: 'post', payment_method: 'card' }, NOW)
  const order = session.placeOrder(pricer, cart, shopContext(), pricer.price(cart, shopContext()), 'VT-2026-000778', NOW)
  const line = order.priced.lines[0].line_id
  const error = thrown(() => vitrina.Shipment.plan(order, [], { courier: 'parcelo', lines: [{ line_id: line, quantity: 1 }] }))
  assert.equal(error.code, 'VITRINA_NOT_FULFILLABLE')
  assert.equal(error.field, 'order')
})

test('the shipment state machine records every move and refuses an illegal one', () => {
  const { order, mug } = processingOrder()
  const shipment = vitrina.Shipment.plan(order, [], { courier: 'own-fleet', lines: [{ line_id: mug, quantity: 3 }] })
  assert.equal(shipment.canTransition('delivered'), false)
  const illegal = thrown(() => shipment.transition('delivered', STAFF))
  assert.equal(illegal.code, 'VITRINA_ILLEGAL_TRANSITION')
  assert.equal(illegal.field, 'to')
  assert.equal(shipment.state, 'pending')
  const bad = thrown(() => shipment.transition('teleported'))
  assert.equal(bad.code, 'VITRINA_INVALID_INPUT')
  shipment.transition('label_created', STAFF, 'packed by hand', '2026-11-23T14:00:00Z')
  shipment.transition('in_transit', { kind: 'courier', name: 'own-fleet' }, null, '2026-11-23T15:00:00Z')
  shipment.deliver(null, { kind: 'courier', name: 'own-fleet' }, 'at the door', '2026-11-24T10:00:00Z')
  assert.deepEqual(shipment.history.map((h) => [h.from, h.to, h.at]), [
    ['pending', 'label_created', '2026-11-23T14:00:00Z'],
    ['label_created', 'in_transit', '2026-11-23T15:00:00Z'],
    ['in_transit', 'delivered', '2026-11-24T10:00:00Z'],
  ])
  const copy = vitrina.Shipment.fromJSON(JSON.stringify(shipment))
  assert.equal(copy.state, 'delivered')
  assert.deepEqual(copy.toJSON(), shipment.toJSON())
})

test('cash on delivery must be collected to the cent, as a decimal string', () => {
  const { order, mug, tee } = processingOrder('cash_on_delivery')
  const due = order.total
  const shipment = vitrina.Shipment.plan(order, [], {
    courier: 'own-fleet',
    lines: [{ line_id: mug, quantity: 3 }, { line_id: tee, quantity: 1 }],
    cash_on_delivery: due,
  })
  assert.equal(shipment.cashOnDelivery, due)
  shipment.transition('label_created')
  shipment.transition('in_transit')
  const number = thrown(() => shipment.deliver(12.5))
  assert.ok(number instanceof TypeError)
  assert.equal(number.code, 'VITRINA_INVALID_AMOUNT_TYPE')
  assert.equal(number.field, 'collected')
  const short = thrown(() => shipment.deliver('1.00'))
  assert.equal(short.code, 'VITRINA_CASH_ON_DELIVERY_MISMATCH')
  assert.equal(short.field, 'collected')
  assert.equal(shipment.state, 'in_transit')
  shipment.deliver(due.split(' ')[0], { kind: 'courier', name: 'own-fleet' })
  assert.equal(shipment.state, 'delivered')
  assert.equal(vitrina.cashCollectedFor(order, [shipment]), due)
})

test('a JavaScript courier books labels, quotes rates and moves shipments by tracking', async () => {
  const { order, mug, tee } = processingOrder()
  const courier = new Parcelo({
    PX1: [
      event('2026-11-24T09:00:00Z', 'delivered', 'DL', 'Delivered'),
      event('2026-11-23T16:00:00Z', 'picked_up', 'PU', 'Collected'),
      event('2026-11-23T20:00:00Z', 'in_transit', 'TR', 'Left the depot'),
    ],
    PX2: [event('2026-11-24T08:00:00Z', 'in_transit', 'TR', 'Sorted in Sofia')],
  })
  const service = new vitrina.ShippingService(courier)
  assert.equal(service.courierName, 'parcelo')
  assert.equal(service.capabilities.cancel, true)

  const quote = await service.rates({ parcel: PARCEL, from: WAREHOUSE, to: ADDRESS, ready_at: NOW })
  assert.deepEqual(quote.options.map((o) => [o.service, o.price]), [['economy', '3.90 EUR'], ['express', '9.90 EUR']])

  const first = vitrina.Shipment.plan(order, [], { courier: 'parcelo', service: 'express', lines: [{ line_id: mug, quantity: 3 }] })
  const second = vitrina.Shipment.plan(order, [first], { courier: 'parcelo', lines: [{ line_id: tee, quantity: 1 }] })
  const warnings = await service.createLabel(order, first, { parcel: PARCEL, from: WAREHOUSE, service: 'standard' }, NOW)
  assert.deepEqual(warnings, [{ code: 'remote_area', message: 'a surcharge applies' }])
  await service.createLabel(order, second, { parcel: PARCEL, from: WAREHOUSE, service: 'standard' }, NOW)
  assert.deepEqual([first.trackingNumber, first.state, second.trackingNumber], ['PX1', 'label_created', 'PX2'])
  assert.deepEqual(first.toJSON().label, { content_type: 'application/pdf', bytes: [...Buffer.from('%PDF-label')] })
  assert.deepEqual(courier.calls[1], ['createShipment', 'VT-2026-000777', 'express', 'Sofia'])
  assert.deepEqual(first.history[0].actor, { kind: 'courier', name: 'parcelo' })

  const refresh = await service.refreshTracking([first, second, first])
  assert.deepEqual(courier.calls.at(-1), ['track', 'PX1', 'PX2'])
  assert.deepEqual(refresh.shipments.map((s) => [s.shipment_id, s.sync.moves]), [
    [first.id, ['picked_up', 'in_transit', 'delivered']],
    [second.id, ['in_transit']],
  ])
  assert.equal(first.state, 'delivered')
  assert.deepEqual(first.tracking.map((e) => e.raw_code), ['PU', 'TR', 'DL'])

  assert.deepEqual(vitrina.syncOrderWithShipments(order, [first, second], null, '2026-11-24T09:30:00Z'), ['shipped'])
  assert.equal(order.state, 'shipped')
  const timeline = vitrina.orderTimelineOf(order, [first, second]).map((e) => e.milestone)
  assert.deepEqual(timeline.slice(0, 2), ['order_placed', 'payment_received'])
  assert.ok(timeline.includes('in_transit') && timeline.includes('delivered'))

  await service.cancel(second, STAFF, 'lost in the depot').then(
    () => assert.fail('an in-transit shipment cannot be cancelled'),
    (error) => assert.equal(error.code, 'VITRINA_ILLEGAL_TRANSITION'),
  )
})

test('cancelling a labelled shipment cancels it at the courier', async () => {
  const { order, tee } = processingOrder()
  const courier = new Parcelo()
  const service = new vitrina.ShippingService(courier)
  const shipment = vitrina.Shipment.plan(order, [], { courier: 'parcelo', lines: [{ line_id: tee, quantity: 1 }] })
  await service.createLabel(order, shipment, { parcel: PARCEL, from: WAREHOUSE, service: 'standard' })
  assert.deepEqual(await service.cancel(shipment, STAFF, 'customer changed their mind'), [])
  assert.equal(shipment.state, 'cancelled')
  assert.deepEqual(courier.calls.at(-1), ['cancelShipment', 'PX1'])
})

test('a courier that throws or rejects is a courier error, not a crash', async () => {
  const { order, tee } = processingOrder()
  const broken = [
    { name: 'throws', createShipment() { throw new Error('label printer on fire') }, rates() {}, track() {} },
    { name: 'rejects', createShipment: async () => Promise.reject(new TypeError('bad gateway')), rates() {}, track() {} },
    { name: 'wrong', createShipment: async () => ({ tracking: 42 }), rates() {}, track() {} },
  ]
  for (const courier of broken) {
    const service = new vitrina.ShippingService(courier)
    const shipment = vitrina.Shipment.plan(order, [], { courier: courier.name, lines: [{ line_id: tee, quantity: 1 }] })
    const error = await rejection(service.createLabel(order, shipment, { parcel: PARCEL, from: WAREHOUSE, service: 's' }))
    assert.ok(error instanceof Error)
    assert.equal(error.code, 'VITRINA_COURIER_UNAVAILABLE')
    assert.equal(error.domain, 'shipping')
    assert.match(error.message, new RegExp(`courier ${courier.name} failed in createShipment`))
    assert.equal(shipment.state, 'pending')
    assert.equal(shipment.trackingNumber, null)
  }
  const quiet = new vitrina.ShippingService({ name: 'quiet', rates: async () => { throw new Error('timeout') } })
  const rates = await rejection(quiet.rates({ parcel: PARCEL, from: WAREHOUSE, to: ADDRESS, ready_at: NOW }))
  assert.equal(rates.code, 'VITRINA_COURIER_UNAVAILABLE')
  assert.equal(rates.domain, 'courier')
  const missing = await rejection(quiet.validateAddress(ADDRESS))
  assert.equal(missing.code, 'VITRINA_COURIER_UNSUPPORTED')
  const weightless = await rejection((async () => quiet.rates({ parcel: { weight_grams: 0 }, from: WAREHOUSE, to: ADDRESS, ready_at: NOW }))())
  assert.equal(weightless.code, 'VITRINA_COURIER_INVALID_REQUEST')
})

test('zones and delivery methods pick what serves an address', () => {
  const zones = [
    { id: 'sofia', name: 'Sofia', countries: ['BG'], postal_prefixes: ['1'] },
    { id: 'eu', name: 'EU', countries: ['BG', 'DE', 'RO'] },
  ]
  const methods = [
    { id: 'van', name: 'Own van', kind: { type: 'own_courier', courier: 'own-fleet' }, zone_ids: ['sofia'], shipping_method_id: 'post', cash_on_delivery: true },
    { id: 'parcelo', name: 'Parcelo', kind: { type: 'carrier', courier: 'parcelo', service: 'standard' }, zone_ids: ['eu'], shipping_method_id: 'post' },
  ]
  assert.equal(vitrina.zoneForAddress(zones, ADDRESS).id, 'sofia')
  assert.equal(vitrina.zoneForAddress(zones, { ...ADDRESS, postal_code: '9000' }).id, 'eu')
  assert.equal(vitrina.zoneForAddress(zones, { ...ADDRESS, country: 'US' }), null)
  assert.deepEqual(vitrina.deliveryMethodsFor(methods, zones, ADDRESS).map((m) => m.id), ['van'])
  assert.deepEqual(vitrina.deliveryMethodsFor(methods, zones, WAREHOUSE).map((m) => m.id), ['parcelo'])
  const bad = thrown(() => vitrina.zoneForAddress([{ id: 'x', name: 'X', countries: [] }], ADDRESS))
  assert.equal(bad.code, 'VITRINA_INVALID_FIELD')
  assert.equal(bad.field, 'zone.countries')
})
