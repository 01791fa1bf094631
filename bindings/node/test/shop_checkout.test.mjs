// Checkout, orders and payments through the Shop: contact then delivery then the order with its
// number and payment reference, refusals with stable codes, a price change since the quote, order
// moves and an illegal one, a bank transfer waiting on its reference, and payments through a gateway
// written in JavaScript (async authorize, sync capture, refund; a repeated key gives the first result;
// a throw leaves the outcome unknown; a lost capture answer settles once; a missing operation; the
// built-in magic cards), gift wrap and the pickup point kept on the order.
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { test } from 'node:test'

import { CATALOG, SETTINGS, rejection, sofia, teaShop } from '../fixtures/shop_plugins.mjs'

const { TestGateway, testCards } = createRequire(import.meta.url)('../index.js')

const CONTACT = { email: 'Ana@Example.COM', phone: '+359 888 123 456' }
const ADDRESS = { ...sofia('Ana Petrova'), country: 'bg' }

/** A gateway written in JavaScript that records its calls; `authorize` is async, `capture` sync. */
class RecordingGateway {
  name = 'recording'
  calls = []
  next = 0

  async authorize(request) {
    this.calls.push(['authorize', request])
    await new Promise((resolve) => setTimeout(resolve, 5))
    this.next += 1
    return { status: 'authorized', gateway_reference: `rec_${this.next}`, amount: request.amount }
  }

  capture(request) {
    this.calls.push(['capture', request])
    return { status: 'captured', gateway_reference: request.gateway_reference, amount: request.amount }
  }

  async refund(request) {
    this.calls.push(['refund', request])
    return { status: 'refunded', gateway_reference: `ref_${request.idempotency_key}`, amount: request.amount }
  }
}

/** The tea shop with `gateway`, a cart of 2 teas and a checkout at its last step (`payment` method). */
async function readyToPlace({ gateway = new RecordingGateway(), payment = 'card', settings = SETTINGS } = {}) {
  const { shop } = await teaShop({ gateway })
  if (settings !== SETTINGS) await shop.admin.configure(settings)
  const cart = await shop.carts.create('EUR', null)
  await shop.carts.addLine(cart.id, 'tea-100g', 2)
  const session = await shop.checkout.start(cart.id, CONTACT.email, CONTACT.phone)
  await shop.checkout.setDelivery(session.id, { address: ADDRESS, shipping_method_id: 'post', payment_method: payment })
  return { shop, gateway, cart, session }
}

/** A placed order (paid by `payment`) on the tea shop with `gateway`. */
async function placed(options) {
  const context = await readyToPlace(options)
  const { shop, session } = context
  const order = await shop.checkout.placeOrder(session.id, await shop.checkout.quote(session.id))
  return { ...context, order }
}

test('checkout runs contact first, then delivery, and places an order with number and reference', async () => {
  const { shop } = await teaShop()
  const cart = await shop.carts.create('EUR', null)
  await shop.carts.addLine(cart.id, 'tea-100g', 2)
  const session = await shop.checkout.start(cart.id, CONTACT.email, CONTACT.phone)
  assert.deepEqual([session.step, session.cart_id, session.contact.email, session.delivery], ['contact_recorded', cart.id, 'Ana@example.com', null])
  const ready = await shop.checkout.setDelivery(session.id, { address: ADDRESS, shipping_method_id: 'post', payment_method: 'card' })
  assert.deepEqual([ready.step, ready.delivery.address.country], ['ready_to_place', 'BG'])
  const confirmed = await shop.checkout.quote(session.id)
  const order = await shop.checkout.placeOrder(session.id, confirmed)
  const after = await shop.checkout.get(session.id)
  assert.deepEqual([after.step, after.order_id], ['placed', order.id])
  assert.match(order.number, /^VT-2026-\d{6}$/)
  assert.match(order.payment_reference, /^RF\d\d/)
  assert.equal(order.state, 'pending_payment')
  assert.equal(order.total, `${confirmed.totals.grand_total} EUR`)
  assert.equal(order.placed_at, shop.now())
})

test('checkout refusals carry stable codes', async () => {
  const { shop } = await teaShop()
  const empty = await shop.carts.create('EUR', null)
  assert.equal((await rejection(shop.checkout.start(empty.id, CONTACT.email))).code, 'empty_cart')
  const cart = await shop.carts.create('EUR', null)
  await shop.carts.addLine(cart.id, 'tea-100g', 1)
  const error = await rejection(shop.checkout.start(cart.id, 'not-an-email'))
  assert.deepEqual([error.code, error.domain], ['invalid_field', 'checkout'])
  const session = await shop.checkout.start(cart.id, CONTACT.email)
  const early = await rejection(shop.checkout.placeOrder(session.id, await shop.checkout.quote(session.id)))
  assert.equal(early.code, 'wrong_step')
})

test('a price change since the quote is refused with the lines and the price now', async () => {
  const { shop, session } = await readyToPlace()
  const confirmed = await shop.checkout.quote(session.id)
  const dearer = structuredClone(CATALOG)
  dearer.products[0].variants[0].prices = [{ currency: 'EUR', amount: '99.00' }]
  await shop.catalog.publish(dearer)
  const error = await rejection(shop.checkout.placeOrder(session.id, confirmed))
  assert.deepEqual([error.code, error.domain], ['prices_changed', 'checkout'])
  assert.equal((await shop.checkout.get(session.id)).step, 'ready_to_place')
  const current = await shop.checkout.quote(session.id)
  assert.equal(current.lines[0].unit_price, '99.00')
  const order = await shop.checkout.placeOrder(session.id, current)
  assert.equal(order.total, `${current.totals.grand_total} EUR`)
})

test('order moves are recorded; an illegal one is refused', async () => {
  const { shop, order } = await placed()
  const staff = { kind: 'staff', id: 'ana' }
  const cancelled = await shop.orders.cancel(order.id, staff, 'customer asked')
  assert.equal(cancelled.state, 'cancelled')
  const last = cancelled.history.at(-1)
  assert.deepEqual(last, { at: shop.now(), actor: staff, from: 'pending_payment', to: 'cancelled', note: 'customer asked' })
  const error = await rejection(shop.orders.cancel(order.id, staff, 'twice'))
  assert.deepEqual([error.code, error.domain], ['illegal_transition', 'order'])
  assert.equal((await shop.orders.get(order.id)).state, 'cancelled')
})

test('a bank-transfer order waits for the transfer quoting its payment reference', async () => {
  const { shop, order } = await placed({ payment: 'bank_transfer' })
  assert.equal(order.state, 'awaiting_transfer')
  const transfer = await shop.payments.bankTransfer(order.id)
  assert.equal(transfer.reference, order.payment_reference)
  assert.equal(transfer.amount, order.total)
})

test('full checkout paid through a JavaScript gateway (async authorize, sync capture, refund)', async () => {
  const { shop, gateway, order } = await placed()
  const authorized = await shop.payments.authorize(order.id, 'tok_visa', 'auth-1')
  assert.deepEqual([authorized.state, authorized.gateway_reference, authorized.amount], ['authorized', 'rec_1', order.total])
  const captured = await shop.payments.capture(authorized.id, order.total, 'cap-1')
  assert.deepEqual([captured.state, captured.captured], ['captured', order.total])
  assert.equal((await shop.orders.get(order.id)).state, 'paid')
  const refunded = await shop.payments.refund(authorized.id, '1.00 EUR', 'goodwill', 'ref-1', { kind: 'staff', id: 'mila' })
  assert.deepEqual([refunded.refunds[0].state, refunded.state], ['succeeded', 'partially_refunded'])
  assert.deepEqual(gateway.calls.map(([method]) => method), ['authorize', 'capture', 'refund'])
  const [, request] = gateway.calls[0]
  assert.deepEqual([request.idempotency_key, request.order_reference, request.token, request.amount], ['auth-1', order.number, 'tok_visa', order.total])
})

test('a repeat with the same idempotency key gives the first result without calling again', async () => {
  const { shop, gateway, order } = await placed()
  const first = await shop.payments.authorize(order.id, 'tok', 'auth-1')
  const again = await shop.payments.authorize(order.id, 'tok', 'auth-1')
  assert.deepEqual([again.id, again.gateway_reference], [first.id, 'rec_1'])
  assert.equal(gateway.calls.filter(([m]) => m === 'authorize').length, 1)
  const other = await rejection(shop.payments.authorize(order.id, 'another-card', 'auth-1'))
  assert.deepEqual([other.code, other.domain], ['key_reused', 'payment'])
  assert.equal((await shop.payments.capture(first.id, '1.00 EUR', 'cap-1')).state, 'partially_captured')
  const repeated = await shop.payments.capture(first.id, '1.00 EUR', 'cap-1')
  assert.deepEqual([repeated.state, repeated.captured], ['partially_captured', '1.00 EUR'])
  assert.equal(gateway.calls.filter(([m]) => m === 'capture').length, 1)
})

test('a throwing or rejecting JavaScript gateway leaves the outcome unknown, not a failed payment', async () => {
  for (const gateway of [
    { name: 'throws', authorize() { throw new Error('connection reset') } },
    { name: 'rejects', authorize: async () => Promise.reject(new TypeError('bad gateway')) },
    { name: 'garbage', purchase: () => 42, authorize: () => ({ nonsense: true }) },
  ]) {
    const { shop, order } = await placed({ gateway })
    const error = await rejection(shop.payments.authorize(order.id, 'tok', 'auth-1'))
    assert.equal(error.code, 'unavailable', gateway.name)
    assert.equal(error.outcomeUnknown, true, gateway.name)
    const [payment] = await shop.payments.ofOrder(order.id)
    assert.deepEqual([payment.state, payment.last_error], ['pending', null], gateway.name)
  }
})

test('a capture whose answer is lost settles once when its key is repeated', async () => {
  const captured = new Map()
  const gateway = {
    name: 'loses-first-answer',
    authorize: (r) => ({ status: 'authorized', gateway_reference: 'gw-1', amount: r.amount }),
    capture(r) {
      const first = !captured.has(r.idempotency_key)
      if (first) captured.set(r.idempotency_key, { status: 'captured', gateway_reference: r.gateway_reference, amount: r.amount })
      if (first) throw new Error('connection reset after the capture')
      return captured.get(r.idempotency_key)
    },
  }
  const { shop, order } = await placed({ gateway })
  const payment = await shop.payments.authorize(order.id, 'tok', 'auth-1')
  const lost = await rejection(shop.payments.capture(payment.id, payment.amount, 'cap-1'))
  assert.equal(lost.code, 'unavailable')
  assert.equal((await shop.payments.get(payment.id)).state, 'authorized')
  const settled = await shop.payments.capture(payment.id, payment.amount, 'cap-1')
  assert.deepEqual([settled.state, settled.captured], ['captured', payment.amount])
  assert.equal(captured.size, 1, 'one capture at the provider')
})

test('an operation the JavaScript gateway lacks is a rejection with a stable code', async () => {
  const { shop, order } = await placed({ gateway: { capture: (r) => r } })
  const error = await rejection(shop.payments.authorize(order.id, 'tok', 'auth-1'))
  assert.equal(error.code, 'unsupported')
})

test('the built-in test gateway honours its magic cards', async () => {
  const cards = testCards()
  const paid = await placed({ gateway: new TestGateway() })
  const payment = await paid.shop.payments.pay(paid.order.id, cards.success, 'buy-1')
  assert.equal(payment.state, 'captured')
  const declined = await placed({ gateway: new TestGateway() })
  const failed = await declined.shop.payments.pay(declined.order.id, cards.declined, 'buy-2')
  assert.deepEqual([failed.state, failed.last_error], ['failed', 'card_declined'])
  const over = await rejection(paid.shop.payments.capture(payment.id, '1000.00 EUR', 'cap-x'))
  assert.equal(over.code, 'illegal_transition')
})

test('gift wrap is charged from the packaging options; the pickup point picked is kept on the order', async () => {
  const packaging = [{ kind: 'gift_wrap', name: 'Gift wrap', price: '3.50 EUR' }]
  const { shop } = await teaShop()
  const cart = await shop.carts.create('EUR', null)
  await shop.carts.addLine(cart.id, 'tea-100g', 2)
  await shop.carts.giftWrap(cart.id, 'For Ana')
  const session = await shop.checkout.start(cart.id, CONTACT.email)
  const delivery = { address: ADDRESS, shipping_method_id: 'post', payment_method: 'card', pickup_point_id: ' locker-17 ', courier_service: 'economy' }
  await shop.checkout.setDelivery(session.id, delivery)
  assert.equal((await rejection(shop.checkout.quote(session.id))).code, 'packaging_unavailable')
  await shop.admin.configure({ ...SETTINGS, pricing: { ...SETTINGS.pricing, packaging } })
  // BG 20 % included: teas 9.00, post 4.90, wrap 3.50.
  const priced = await shop.checkout.quote(session.id)
  assert.deepEqual(priced.packaging.map((p) => [p.kind, p.charge, p.tax_rate, p.total]), [['gift_wrap', '3.50', '0.20', '3.50']])
  assert.deepEqual([priced.totals.packaging_total, priced.totals.grand_total], ['3.50', '17.40'])
  const order = await shop.checkout.placeOrder(session.id, priced)
  assert.deepEqual([order.delivery.pickup_point_id, order.delivery.courier_service, order.total], ['locker-17', 'economy', '17.40 EUR'])
})
