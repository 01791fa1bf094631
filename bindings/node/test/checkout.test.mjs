// Checkout, orders and payments through the binding: the two-step checkout, the price lock
// (`VITRINA_PRICES_CHANGED` with the changed lines and the cart priced now), the order's state machine
// (`VITRINA_ILLEGAL_TRANSITION`), and payments as Promises through the built-in test gateway or a
// gateway written in JavaScript (sync or async methods; a throw or rejection is a failed result).
import assert from 'node:assert/strict'
import { beforeEach, test } from 'node:test'

import { NOW, shopContext, shopData, shopRules, thrown, vitrina } from '../fixtures/shop.mjs'

const CONTACT = { email: 'Ana@Example.COM', phone: '+359 888 123 456' }
const DELIVERY = {
  address: { recipient: 'Ana Petrova', line1: 'Vitosha 1', city: 'Sofia', postal_code: '1000', country: 'bg' },
  shipping_method_id: 'post',
  payment_method: 'card',
}

let catalog
let pricer
let cart
beforeEach(() => {
  catalog = new vitrina.Catalog(shopData())
  pricer = new vitrina.Pricer(catalog, shopRules())
  cart = new vitrina.Cart('EUR', 'cust-1')
  cart.addLine(catalog, 'mug-v', 2)
})

/** Checks out `cart` and places the order as priced now. */
function placeOrder(number = 'VT-2026-000123', payment_method = 'card') {
  const session = vitrina.CheckoutSession.start(cart, CONTACT, NOW)
  session.setDelivery({ ...DELIVERY, payment_method }, NOW)
  const confirmed = pricer.price(cart, shopContext())
  return session.placeOrder(pricer, cart, shopContext(), confirmed, number, NOW)
}

/** A gateway written in JavaScript that records its calls; `authorize` is async, `capture` sync. */
class RecordingGateway {
  constructor() {
    this.name = 'recording'
    this.calls = []
    this.next = 0
  }
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
  void(request) {
    this.calls.push(['void', request])
    return Promise.resolve({ status: 'voided', gateway_reference: request.gateway_reference, amount: request.amount })
  }
}

test('checkout runs contact first, then delivery, and places an order with number and reference', () => {
  const session = vitrina.CheckoutSession.start(cart, CONTACT, NOW)
  assert.equal(session.step, 'contact_recorded')
  assert.equal(session.cartId, cart.id)
  assert.equal(session.contact.email, 'Ana@example.com')
  assert.equal(session.delivery, null)
  session.setDelivery(DELIVERY, NOW)
  assert.equal(session.step, 'ready_to_place')
  assert.equal(session.delivery.address.country, 'BG')
  const confirmed = pricer.price(cart, shopContext())
  const order = session.placeOrder(pricer, cart, shopContext(), confirmed, 'vt-2026-000123', NOW)
  assert.equal(session.step, 'placed')
  assert.equal(session.orderId, order.id)
  assert.equal(order.number, 'VT-2026-000123')
  assert.match(order.paymentReference, /^RF\d\d/)
  assert.equal(order.state, 'pending_payment')
  assert.equal(order.total, `${confirmed.totals.grand_total} EUR`)
  assert.equal(order.placedAt, '2026-11-23T12:00:00Z')
  assert.equal(vitrina.Order.fromJSON(order.toJSON()).number, order.number)
  assert.equal(vitrina.CheckoutSession.fromJSON(JSON.stringify(session)).step, 'placed')
})

test('checkout refusals carry stable codes', () => {
  const empty = new vitrina.Cart('EUR')
  assert.equal(thrown(() => vitrina.CheckoutSession.start(empty, CONTACT)).code, 'VITRINA_EMPTY_CART')
  const error = thrown(() => vitrina.CheckoutSession.start(cart, { email: 'not-an-email' }))
  assert.equal(error.code, 'VITRINA_INVALID_FIELD')
  assert.equal(error.domain, 'checkout')
  const session = vitrina.CheckoutSession.start(cart, CONTACT)
  const confirmed = pricer.price(cart, shopContext())
  const early = thrown(() => session.placeOrder(pricer, cart, shopContext(), confirmed, 'VT-2026-000001'))
  assert.equal(early.code, 'VITRINA_WRONG_STEP')
})

test('a price change since confirmation throws VITRINA_PRICES_CHANGED with the lines and the cart now', () => {
  const session = vitrina.CheckoutSession.start(cart, CONTACT, NOW)
  session.setDelivery(DELIVERY, NOW)
  const confirmed = pricer.price(cart, shopContext())
  const data = shopData()
  for (const product of data.products) {
    for (const variant of product.variants) {
      if (variant.id === 'mug-v') variant.prices = [{ currency: 'EUR', amount: '99.00' }]
    }
  }
  const dearer = new vitrina.Pricer(new vitrina.Catalog(data), shopRules())
  const error = thrown(() => session.placeOrder(dearer, cart, shopContext(), confirmed, 'VT-2026-000124', NOW))
  assert.ok(error instanceof Error)
  assert.equal(error.code, 'VITRINA_PRICES_CHANGED')
  assert.equal(error.domain, 'checkout')
  assert.equal(error.changed.length, 1)
  assert.equal(error.changed[0].variant_id, 'mug-v')
  assert.equal(error.changed[0].current_unit_price, '99.00')
  assert.equal(error.confirmedTotal, confirmed.totals.grand_total)
  assert.equal(error.currentTotal, error.current.totals.grand_total)
  assert.equal(session.step, 'ready_to_place')
  // Once the shopper confirms the new prices, placing with them succeeds.
  const order = session.placeOrder(dearer, cart, shopContext(), error.current, 'VT-2026-000124', NOW)
  assert.equal(order.total, `${error.currentTotal} EUR`)
})

test('order transitions are recorded with ISO times; an illegal one throws VITRINA_ILLEGAL_TRANSITION', () => {
  const order = placeOrder()
  assert.equal(order.canTransition('paid'), true)
  assert.equal(order.canTransition('delivered'), false)
  order.transition('cancelled', { kind: 'staff', id: 'ana' }, 'customer asked', '2026-11-23T13:00:00Z')
  assert.equal(order.state, 'cancelled')
  const last = order.history.at(-1)
  assert.deepEqual(last, {
    at: '2026-11-23T13:00:00Z',
    actor: { kind: 'staff', id: 'ana' },
    from: 'pending_payment',
    to: 'cancelled',
    note: 'customer asked',
  })
  assert.ok(!Number.isNaN(Date.parse(last.at)))
  const error = thrown(() => order.transition('paid'))
  assert.equal(error.code, 'VITRINA_ILLEGAL_TRANSITION')
  assert.equal(error.domain, 'order')
  assert.equal(order.state, 'cancelled')
  assert.equal(thrown(() => order.transition('teleported')).code, 'VITRINA_INVALID_INPUT')
})

test('a bank-transfer order waits for the transfer quoting its payment reference', () => {
  const order = placeOrder('VT-2026-000200', 'bank_transfer')
  assert.equal(order.state, 'awaiting_transfer')
  assert.match(order.paymentReferenceFormatted, /^RF\d\d( \w{1,4})+$/)
  assert.ok(order.history.at(-1).note.endsWith(order.paymentReferenceFormatted))
})

test('full checkout paid through a JavaScript gateway (async authorize, sync capture, refund)', async () => {
  const order = placeOrder()
  const gateway = new RecordingGateway()
  const processor = new vitrina.PaymentProcessor(gateway)
  const payment = vitrina.Payment.forOrder(order, NOW)
  assert.equal(payment.amount, order.total)
  const pending = processor.authorize(payment, 'tok_visa', 'auth-1', NOW)
  assert.ok(pending instanceof Promise)
  assert.equal(await pending, 'authorized')
  assert.equal(payment.gatewayReference, 'rec_1')
  assert.equal(await processor.capture(payment, payment.amount.split(' ')[0], 'cap-1', NOW), 'captured')
  assert.equal(payment.captured, order.total)
  order.transition('paid', { kind: 'gateway', name: 'recording' }, null, NOW)
  assert.equal(order.state, 'paid')
  assert.equal(await processor.refund(payment, '1.00', 'ref-1', 'goodwill'), 'succeeded')
  assert.equal(payment.refunds[0].state, 'succeeded')
  assert.deepEqual(
    gateway.calls.map(([method]) => method),
    ['authorize', 'capture', 'refund'],
  )
  const [, request] = gateway.calls[0]
  assert.equal(request.idempotency_key, 'auth-1')
  assert.equal(request.order_reference, order.paymentReference)
  assert.equal(request.token, 'tok_visa')
  assert.equal(request.amount, order.total)
  assert.equal(payment.toJSON().state, 'partially_refunded')
})

test('a repeat with the same idempotency key gives the first result without calling again', async () => {
  const order = placeOrder()
  const gateway = new RecordingGateway()
  const processor = new vitrina.PaymentProcessor(gateway)
  const payment = vitrina.Payment.forOrder(order, NOW)
  assert.equal(await processor.authorize(payment, 'tok', 'auth-1', NOW), 'authorized')
  assert.equal(await processor.authorize(payment, 'tok', 'auth-1', NOW), 'authorized')
  // A fresh payment object with the same key reaches the idempotency ledger: the first result again.
  const again = vitrina.Payment.forOrder(order, NOW)
  assert.equal(await processor.authorize(again, 'tok', 'auth-1', NOW), 'authorized')
  assert.equal(again.gatewayReference, 'rec_1')
  assert.equal(gateway.calls.filter(([m]) => m === 'authorize').length, 1)
  // The same key with other parameters is refused.
  const other = vitrina.Payment.forOrder(order, NOW)
  await assert.rejects(processor.authorize(other, 'another-card', 'auth-1', NOW), (error) => {
    assert.equal(error.code, 'VITRINA_IDEMPOTENCY_KEY_REUSED')
    assert.equal(error.domain, 'payment')
    return true
  })
  assert.equal(await processor.capture(payment, '1.00', 'cap-1'), 'partially_captured')
  assert.equal(await processor.capture(payment, '1.00', 'cap-1'), 'partially_captured')
  assert.equal(payment.captured.split(' ')[0], '1.00')
  assert.equal(gateway.calls.filter(([m]) => m === 'capture').length, 1)
  assert.ok(processor.recordedKeys >= 2)
})

test('a throwing or rejecting JavaScript gateway leaves the outcome unknown, not a failed payment', async () => {
  for (const gateway of [
    { name: 'throws', authorize() { throw new Error('connection reset') } },
    { name: 'rejects', authorize: async () => Promise.reject(new TypeError('bad gateway')) },
    { name: 'garbage', purchase: () => 42, authorize: () => ({ nonsense: true }) },
  ]) {
    const processor = new vitrina.PaymentProcessor(gateway)
    const payment = vitrina.Payment.forOrder(placeOrder(), NOW)
    await assert.rejects(processor.authorize(payment, 'tok', 'auth-1', NOW), (error) => {
      assert.equal(error.code, 'VITRINA_GATEWAY_UNAVAILABLE', gateway.name)
      return true
    })
    assert.equal(payment.state, 'pending', gateway.name)
    assert.equal(payment.lastError, null, gateway.name)
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
  const processor = new vitrina.PaymentProcessor(gateway)
  const order = placeOrder()
  const payment = vitrina.Payment.forOrder(order, NOW)
  await processor.authorize(payment, 'tok', 'auth-1', NOW)
  const total = payment.amount.split(' ')[0]
  await assert.rejects(processor.capture(payment, total, 'cap-1'), (error) => error.code === 'VITRINA_GATEWAY_UNAVAILABLE')
  assert.equal(payment.state, 'authorized')
  assert.equal(await processor.capture(payment, total, 'cap-1'), 'captured')
  assert.equal(payment.captured, payment.amount)
  assert.equal(captured.size, 1, 'one capture at the provider')
})

test('an operation the JavaScript gateway lacks is a rejected promise with a stable code', async () => {
  const processor = new vitrina.PaymentProcessor({ capture: (r) => r })
  const payment = vitrina.Payment.forOrder(placeOrder(), NOW)
  await assert.rejects(processor.authorize(payment, 'tok', 'auth-1', NOW), (error) => {
    assert.ok(error instanceof Error)
    assert.equal(error.code, 'VITRINA_GATEWAY_UNSUPPORTED')
    return true
  })
})

test('the built-in test gateway honours its magic cards', async () => {
  const cards = vitrina.testCards()
  const processor = new vitrina.PaymentProcessor(new vitrina.TestGateway())
  const paid = vitrina.Payment.forOrder(placeOrder(), NOW)
  assert.equal(await processor.purchase(paid, cards.success, 'buy-1', NOW), 'captured')
  const declined = vitrina.Payment.forOrder(placeOrder('VT-2026-000124'), NOW)
  assert.equal(await processor.purchase(declined, cards.declined, 'buy-2', NOW), 'failed')
  assert.equal(declined.lastError, 'card_declined')
  await assert.rejects(processor.capture(paid, '1000.00', 'cap-x'), (error) => {
    assert.equal(error.code, 'VITRINA_ILLEGAL_TRANSITION')
    return true
  })
})

test('gift wrap is charged from the packaging options; the pickup point picked is kept on the order', () => {
  const wrapping = new vitrina.Pricer(catalog, {
    ...shopRules(),
    packaging: [{ kind: 'gift_wrap', name: 'Gift wrap', price: '3.50 EUR' }],
  })
  cart.setGiftWrap(true, 'For Ana')
  // DE 20 % on everything, prices without tax: mugs 17.00 + 3.40, post 4.90 + 0.98, wrap 3.50 + 0.70.
  const priced = wrapping.price(cart, shopContext())
  assert.deepEqual(priced.packaging, [
    { kind: 'gift_wrap', name: 'Gift wrap', charge: '3.50', tax_rate: '0.20', tax: '0.70', total: '4.20' },
  ])
  assert.equal(priced.totals.packaging_total, '3.50')
  assert.equal(priced.totals.grand_total, '30.48')
  assert.equal(thrown(() => pricer.price(cart, shopContext())).code, 'VITRINA_PACKAGING_UNAVAILABLE')

  const session = vitrina.CheckoutSession.start(cart, CONTACT, NOW)
  session.setDelivery({ ...DELIVERY, pickup_point_id: ' locker-17 ', courier_service: 'economy' }, NOW)
  const order = session.placeOrder(wrapping, cart, shopContext(), priced, 'VT-2026-000200', NOW)
  assert.equal(order.delivery.pickup_point_id, 'locker-17')
  assert.equal(order.delivery.courier_service, 'economy')
  assert.equal(order.total, '30.48 EUR')
})
