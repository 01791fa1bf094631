// Stores opened by URL: the same repository suite on SQLite (a temporary file and `sqlite::memory:`)
// and on PostgreSQL when VITRINA_POSTGRES_URL is set (scripts/test-all.sh sets it; skipped otherwise).
// Versions are visible, a stale write rejects with VITRINA_CONFLICT, and placing an order stores the
// order, its payment and its stock reservation at once or nothing.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'

import { NOW, vitrina } from '../fixtures/shop.mjs'

const dir = mkdtempSync(join(tmpdir(), 'vitrina-node-store-'))
after(() => rmSync(dir, { recursive: true, force: true }))

const BACKENDS = [
  ['sqlite file', `sqlite:${join(dir, 'shop.db')}`],
  ['sqlite memory', 'sqlite::memory:'],
  ['postgres', process.env.VITRINA_POSTGRES_URL],
]

const CONTACT = { email: 'ana@example.com' }
const DELIVERY = {
  address: { recipient: 'Ana Petrova', line1: 'Vitosha 1', city: 'Sofia', postal_code: '1000', country: 'BG' },
  shipping_method_id: 'post',
  payment_method: 'card',
}

/** A shop whose ids are fresh for this run, so a PostgreSQL database kept between runs never collides. */
function runShop() {
  const run = randomUUID().slice(0, 8)
  const lamp = `lamp-${run}`
  const catalog = new vitrina.Catalog({
    products: [{ id: `p-${run}`, name: 'Lamp', variants: [{ id: lamp, prices: [{ currency: 'EUR', amount: '30.00' }] }] }],
  })
  const pricer = new vitrina.Pricer(catalog, {
    shipping_methods: [{ id: 'post', name: 'Post', currency: 'EUR', rate: { type: 'flat', amount: '4.90' } }],
  })
  return { run, lamp, catalog, pricer, customer: `cust-${run}` }
}

const context = () => ({ currency: 'EUR', now: NOW, region: 'BG', shipping_method_id: 'post' })

/** Checks out a cart of `quantity` lamps and builds the order under the store's next number. */
async function newOrder(store, shop, quantity) {
  const cart = new vitrina.Cart('EUR', shop.customer)
  cart.addLine(shop.catalog, shop.lamp, quantity)
  const session = vitrina.CheckoutSession.start(cart, CONTACT, NOW)
  session.setDelivery(DELIVERY, NOW)
  const sequence = await store.nextOrderSequence(2026)
  const number = `VT-2026-${String(sequence).padStart(6, '0')}`
  const order = session.placeOrder(shop.pricer, cart, context(), shop.pricer.price(cart, context()), number, NOW)
  return { cart, session, order }
}

async function rejection(promise) {
  try {
    await promise
  } catch (e) {
    return e
  }
  throw new Error('expected a rejection, the promise resolved')
}

test('a bad URL rejects naming the url', async () => {
  for (const url of ['mysql://shop', 'sqlite:', 'shop.db']) {
    const error = await rejection(vitrina.Store.open(url))
    assert.ok(error instanceof Error)
    assert.equal(error.code, 'VITRINA_INVALID_INPUT')
    assert.equal(error.field, 'url')
    assert.equal(error.domain, 'store')
  }
})

test('a version must be a whole number', async () => {
  const store = await vitrina.Store.open('sqlite::memory:')
  const error = await rejection((async () => store.saveCart(new vitrina.Cart('EUR'), 1.5))())
  assert.ok(error instanceof RangeError)
  assert.equal(error.code, 'VITRINA_INVALID_COUNT')
  assert.equal(error.field, 'version')
})

for (const [name, url] of BACKENDS) {
  describe(`store on ${name}`, { skip: url ? false : 'VITRINA_POSTGRES_URL is not set' }, () => {
    test('catalogs are published as versioned snapshots', async () => {
      const store = await vitrina.Store.open(url)
      const shop = runShop()
      const current = await store.currentCatalog()
      const base = current ? current.version : 0
      const version = await store.publishCatalog(shop.catalog, base)
      assert.equal(version, base + 1)
      const published = await store.currentCatalog()
      assert.equal(published.version, version)
      assert.ok(published.value instanceof vitrina.Catalog)
      assert.deepEqual(published.value.toJSON(), shop.catalog.toJSON())
      assert.deepEqual((await store.catalogSnapshot(version)).toJSON(), shop.catalog.toJSON())
      assert.equal(await store.catalogSnapshot(version + 1000), null)
      const stale = await rejection(store.publishCatalog(shop.catalog, base))
      assert.equal(stale.code, 'VITRINA_CONFLICT')
      assert.equal(stale.field, 'version')
      assert.match(stale.message, /version/)
    })

    test('carts are saved with versions and a stale write changes nothing', async () => {
      const store = await vitrina.Store.open(url)
      const shop = runShop()
      const cart = new vitrina.Cart('EUR', shop.customer)
      cart.addLine(shop.catalog, shop.lamp, 2)
      assert.equal(await store.getCart(cart.id), null)
      assert.equal(await store.saveCart(cart, 0), 1)
      const loaded = await store.getCart(cart.id)
      assert.equal(loaded.version, 1)
      assert.ok(loaded.value instanceof vitrina.Cart)
      assert.deepEqual(loaded.value.toJSON(), cart.toJSON())

      loaded.value.updateQuantity(shop.catalog, loaded.value.lines[0].id, 3)
      assert.equal(await store.saveCart(loaded.value, loaded.version), 2)
      const stale = await rejection(store.saveCart(cart, 1))
      assert.equal(stale.code, 'VITRINA_CONFLICT')
      assert.equal((await store.getCart(cart.id)).value.lines[0].quantity, 3)

      const recent = await store.cartsUpdatedSince('2000-01-01T00:00:00Z', 1000)
      assert.ok(recent.some((c) => c.value.id === cart.id && c.version === 2))
      assert.equal((await rejection(store.deleteCart(cart.id, 1))).code, 'VITRINA_CONFLICT')
      await store.deleteCart(cart.id, 2)
      assert.equal(await store.getCart(cart.id), null)
    })

    test('an order is placed with its payment and stock reservation, then found by id, number and customer', async () => {
      const store = await vitrina.Store.open(url)
      const shop = runShop()
      await store.setStock(shop.lamp, 5)
      const { session, order } = await newOrder(store, shop, 2)
      assert.equal(await store.saveCheckoutSession(session, 0), 1)
      assert.equal((await store.getCheckoutSession(session.id)).value.step, 'placed')

      const payment = vitrina.Payment.forOrder(order, NOW)
      await store.placeOrder(order, '2026-11-25T12:00:00Z', payment)
      assert.deepEqual(await store.stockLevel(shop.lamp), { on_hand: 5, reserved: 2, available: 3 })

      const byId = await store.getOrder(order.id)
      assert.equal(byId.version, 1)
      assert.ok(byId.value instanceof vitrina.Order)
      assert.equal(byId.value.number, order.number)
      assert.equal(byId.value.total, '64.90 EUR')
      assert.equal((await store.findOrderByNumber(order.number)).value.id, order.id)
      assert.equal(await store.findOrderByNumber('VT-1999-000001'), null)
      const mine = await store.ordersOfCustomer(shop.customer)
      assert.deepEqual(mine.map((o) => o.value.id), [order.id])
      const pending = await store.listOrders({ state: 'pending_payment', limit: 500 })
      assert.ok(pending.some((o) => o.value.id === order.id))

      const payments = await store.paymentsOfOrder(order.id)
      assert.equal(payments.length, 1)
      assert.ok(payments[0].value instanceof vitrina.Payment)
      assert.equal(payments[0].value.amount, '64.90 EUR')
      assert.equal((await store.getPayment(payment.id)).value.id, payment.id)

      const again = await rejection(store.placeOrder(order, '2026-11-25T12:00:00Z'))
      assert.equal(again.code, 'VITRINA_CONFLICT')
      assert.deepEqual(await store.stockLevel(shop.lamp), { on_hand: 5, reserved: 2, available: 3 })

      const stored = byId.value
      stored.transition('cancelled', { kind: 'staff', id: 'kim' }, 'out of lamps', NOW)
      assert.equal(await store.saveOrder(stored, byId.version), 2)
      const stale = await rejection(store.saveOrder(order, 1))
      assert.equal(stale.code, 'VITRINA_CONFLICT')
      assert.equal((await store.getOrder(order.id)).value.state, 'cancelled')
      assert.equal(await store.releaseStock(order.id), true)
      assert.deepEqual(await store.stockLevel(shop.lamp), { on_hand: 5, reserved: 0, available: 5 })
    })

    test('a placement short of stock writes nothing', async () => {
      const store = await vitrina.Store.open(url)
      const shop = runShop()
      await store.setStock(shop.lamp, 1)
      const { order } = await newOrder(store, shop, 2)
      const short = await rejection(store.placeOrder(order, '2026-11-25T12:00:00Z', vitrina.Payment.forOrder(order, NOW)))
      assert.equal(short.code, 'VITRINA_INSUFFICIENT_STOCK')
      assert.equal(short.domain, 'store')
      assert.equal(await store.getOrder(order.id), null)
      assert.deepEqual(await store.paymentsOfOrder(order.id), [])
      assert.deepEqual(await store.stockLevel(shop.lamp), { on_hand: 1, reserved: 0, available: 1 })
    })

    test('a promotion use past its limit fails the whole placement', async () => {
      const store = await vitrina.Store.open(url)
      const shop = runShop()
      const promotion = `promo-${shop.run}`
      const use = [{ promotion_id: promotion, customer_id: shop.customer, limit: 1 }]
      await store.setStock(shop.lamp, 10)
      const first = await newOrder(store, shop, 1)
      await store.placeOrder(first.order, '2026-11-25T12:00:00Z', null, use)
      const second = await newOrder(store, shop, 1)
      const limited = await rejection(store.placeOrder(second.order, '2026-11-25T12:00:00Z', null, use))
      assert.equal(limited.code, 'VITRINA_PROMOTION_LIMIT_REACHED')
      assert.equal(await store.getOrder(second.order.id), null)
      assert.deepEqual(await store.stockLevel(shop.lamp), { on_hand: 10, reserved: 1, available: 9 })
    })

    test('payments are saved with versions and committed stock leaves the shelf', async () => {
      const store = await vitrina.Store.open(url)
      const shop = runShop()
      await store.setStock(shop.lamp, 4)
      const { order } = await newOrder(store, shop, 3)
      await store.placeOrder(order, '2026-11-25T12:00:00Z')
      const payment = vitrina.Payment.forOrder(order, NOW)
      assert.equal(await store.savePayment(payment, 0), 1)
      const processor = new vitrina.PaymentProcessor(new vitrina.TestGateway())
      assert.equal(await processor.purchase(payment, vitrina.testCards().success, `buy-${shop.run}`, NOW), 'captured')
      assert.equal(await store.savePayment(payment, 1), 2)
      assert.equal((await store.getPayment(payment.id)).value.state, 'captured')
      await store.commitStock(order.id)
      assert.deepEqual(await store.stockLevel(shop.lamp), { on_hand: 1, reserved: 0, available: 1 })
      assert.equal(await store.stockLevel(`untracked-${shop.run}`), null)
    })
  })
}

test('a SQLite file keeps everything for the next open', async () => {
  const url = `sqlite:${join(dir, 'reopened.db')}`
  const shop = runShop()
  const first = await vitrina.Store.open(url)
  await first.publishCatalog(shop.catalog, 0)
  await first.setStock(shop.lamp, 1)
  const { order } = await newOrder(first, shop, 1)
  await first.placeOrder(order, '2026-11-25T12:00:00Z')
  const second = await vitrina.Store.open(url)
  assert.equal((await second.currentCatalog()).version, 1)
  assert.equal((await second.findOrderByNumber(order.number)).value.id, order.id)
  assert.equal(await second.nextOrderSequence(2026), 2)
})
