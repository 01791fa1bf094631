// The shop's store opened by URL: the same checks on SQLite (a temporary file and `sqlite::memory:`)
// and on PostgreSQL when VITRINA_POSTGRES_URL is set (scripts/test-all.sh sets it; skipped otherwise).
// Catalogs are published as numbered versions, carts are kept, placing an order stores the order and
// its stock reservation at once or nothing, a promotion past its limit fails the placement quoted
// before the limit was reached, payments, shipments and support cases are kept, shipped stock leaves
// the shelf, the outbox retries with the settings' policy, and a SQLite file keeps everything for the
// next open.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'

import { OPENING, Parcelo, SETTINGS, STAFF, Shop, VitrinaError, rejection, sofia } from '../fixtures/shop_plugins.mjs'

const { TestGateway, testCards } = createRequire(import.meta.url)('../index.js')

const dir = mkdtempSync(join(tmpdir(), 'vitrina-node-store-'))
after(() => rmSync(dir, { recursive: true, force: true }))

const BACKENDS = [
  ['sqlite file', `sqlite:${join(dir, 'shop.db')}`],
  ['sqlite memory', 'sqlite::memory:'],
  ['postgres', process.env.VITRINA_POSTGRES_URL],
]


/**
 * A shop over `url` whose ids are fresh for this run (a PostgreSQL database kept between runs never
 * collides): a lamp at 30.00 EUR with `stock` units, the tea shop's settings (post at 4.90 EUR by the
 * JavaScript courier) and a customer.
 */
async function lampShop(url, { stock = 5, promotions = SETTINGS.pricing.promotions, mailer = null, outbox } = {}) {
  const run = randomUUID().slice(0, 8)
  const lamp = `lamp-${run}`
  const catalog = {
    products: [{ id: `p-${run}`, name: 'Lamp', variants: [{ id: lamp, prices: [{ currency: 'EUR', amount: '30.00' }], stock }] }],
  }
  const shop = await Shop.open(url, { gateways: { card: new TestGateway() }, couriers: [new Parcelo()], mailer, clockAt: OPENING })
  await shop.admin.configure({ ...SETTINGS, pricing: { ...SETTINGS.pricing, promotions }, outbox })
  const version = await shop.catalog.import(catalog)
  const customer = await shop.customers.register({ email: `ana-${run}@example.com`, name: 'Ana Petrova', locale: 'en' })
  return { shop, run, lamp, catalog, version, customer: customer.id }
}

/** A cart of `quantity` lamps taken to the last checkout step; `coupon` applied when given. */
async function readyCheckout({ shop, lamp, customer }, quantity, coupon = null) {
  const cart = await shop.carts.create('EUR', customer)
  await shop.carts.addLine(cart.id, lamp, quantity)
  if (coupon) await shop.carts.applyCoupon(cart.id, coupon)
  const session = await shop.checkout.start(cart.id, 'ana@example.com')
  await shop.checkout.setDelivery(session.id, { address: sofia('Ana Petrova'), shipping_method_id: 'post', payment_method: 'card' })
  return session
}

/** Places an order of `quantity` lamps. */
async function newOrder(context, quantity, coupon = null) {
  const session = await readyCheckout(context, quantity, coupon)
  return context.shop.checkout.placeOrder(session.id, await context.shop.checkout.quote(session.id))
}

test('a bad URL rejects naming the url', async () => {
  for (const url of ['mysql://shop', 'sqlite:', 'shop.db']) {
    const error = await rejection(Shop.open(url))
    assert.ok(error instanceof VitrinaError, `${url}: ${error}`)
    assert.equal(error.code, 'invalid')
    assert.equal(error.field, 'url')
    assert.equal(error.domain, 'store')
  }
})

test('a count must be a whole number', async () => {
  const context = await lampShop('sqlite::memory:')
  const cart = await context.shop.carts.create('EUR', null)
  const error = await rejection(context.shop.carts.addLine(cart.id, context.lamp, 1.5))
  assert.equal(error.code, 'invalid')
  assert.equal(error.field, 'quantity')
})

for (const [name, url] of BACKENDS) {
  describe(`store on ${name}`, { skip: url ? false : 'VITRINA_POSTGRES_URL is not set' }, () => {
    test('catalogs are published as numbered versions', async () => {
      const context = await lampShop(url)
      const published = await context.shop.catalog.current()
      assert.equal(published.version, context.version)
      assert.deepEqual(published.value.products.map((p) => [p.id, p.variants[0].id]), [[`p-${context.run}`, context.lamp]])
      const next = await context.shop.catalog.publish({ ...context.catalog, categories: [{ id: 'lamps', name: 'Lamps' }] })
      assert.equal(next, context.version + 1)
      const current = await context.shop.catalog.current()
      assert.equal(current.version, next)
      assert.deepEqual(current.value.categories.map((c) => c.id), ['lamps'])
    })

    test('carts are kept and read back as they were saved', async () => {
      const { shop, lamp, customer } = await lampShop(url)
      const cart = await shop.carts.create('EUR', customer)
      const filled = await shop.carts.addLine(cart.id, lamp, 2)
      assert.deepEqual(await shop.carts.get(cart.id), filled)
      await shop.carts.setQuantity(cart.id, filled.lines[0].id, 3)
      assert.equal((await shop.carts.get(cart.id)).lines[0].quantity, 3)
      assert.equal((await rejection(shop.carts.get(randomUUID()))).code, 'not_found')
    })

    test('an order is placed with its stock reservation, then found by id, number and customer; placed once', async () => {
      const context = await lampShop(url)
      const { shop, lamp, customer } = context
      const session = await readyCheckout(context, 2)
      const order = await shop.checkout.placeOrder(session.id, await shop.checkout.quote(session.id))
      assert.equal((await shop.checkout.get(session.id)).step, 'placed')
      assert.deepEqual(await shop.catalog.stock(lamp), { on_hand: 5, reserved: 2 })

      const byId = await shop.orders.get(order.id)
      assert.equal(byId.number, order.number)
      assert.equal(byId.total, '64.90 EUR')
      assert.equal((await shop.orders.byNumber(order.number)).id, order.id)
      assert.equal((await rejection(shop.orders.byNumber('VT-1999-000001'))).code, 'not_found')
      assert.deepEqual((await shop.orders.ofCustomer(customer)).map((o) => o.id), [order.id])
      const pending = await shop.orders.list({ state: 'pending_payment', limit: 500 })
      assert.ok(pending.some((o) => o.id === order.id))

      const again = await shop.checkout.placeOrder(session.id, await shop.checkout.quote(session.id))
      assert.equal(again.id, order.id, 'placing the session again gives the order placed, and stores nothing twice')
      assert.deepEqual((await shop.orders.ofCustomer(customer)).map((o) => o.id), [order.id])
      assert.deepEqual(await shop.catalog.stock(lamp), { on_hand: 5, reserved: 2 })

      await shop.orders.cancel(order.id, { kind: 'staff', id: 'kim' }, 'out of lamps')
      assert.equal((await shop.orders.get(order.id)).state, 'cancelled')
      assert.deepEqual(await shop.catalog.stock(lamp), { on_hand: 5, reserved: 0 })
    })

    test('a placement short of stock writes nothing', async () => {
      const context = await lampShop(url)
      const { shop, lamp, customer } = context
      const session = await readyCheckout(context, 2)
      await shop.catalog.setStock(lamp, 1)
      const short = await rejection(shop.checkout.placeOrder(session.id, await shop.checkout.quote(session.id)))
      assert.equal(short.code, 'insufficient_stock')
      assert.deepEqual(await shop.orders.ofCustomer(customer), [])
      assert.deepEqual(await shop.catalog.stock(lamp), { on_hand: 1, reserved: 0 })
    })

    test('a promotion use past its limit fails the whole placement', async () => {
      const [welcome] = SETTINGS.pricing.promotions
      const limited = { ...welcome, conditions: { per_customer_limit: 1 } }
      const context = await lampShop(url, { stock: 10, promotions: [limited] })
      const { shop, lamp, customer } = context
      const second = await readyCheckout(context, 1, 'WELCOME10')
      const quote = await shop.checkout.quote(second.id)
      const first = await newOrder(context, 1, 'WELCOME10')
      const refused = await rejection(shop.checkout.placeOrder(second.id, quote))
      assert.equal(refused.code, 'prices_changed', refused.message)
      const requoted = await shop.checkout.quote(second.id)
      assert.deepEqual([requoted.promotions, requoted.rejected_coupons.map((c) => c.code)], [[], ['WELCOME10']])
      assert.deepEqual((await shop.orders.ofCustomer(customer)).map((o) => o.id), [first.id])
      assert.deepEqual(await shop.catalog.stock(lamp), { on_hand: 10, reserved: 1 })
    })

    test('payments and shipments are kept, and shipped stock leaves the shelf', async () => {
      const context = await lampShop(url, { stock: 4 })
      const { shop, lamp } = context
      const order = await newOrder(context, 3)
      const payment = await shop.payments.pay(order.id, testCards().success, `buy-${context.run}`)
      assert.equal(payment.state, 'captured')
      const payments = await shop.payments.ofOrder(order.id)
      assert.deepEqual(payments.map((p) => [p.id, p.amount]), [[payment.id, '94.90 EUR']])
      assert.equal((await shop.payments.get(payment.id)).state, 'captured')
      const shipment = await shop.shipping.ship(order.id, STAFF)
      assert.deepEqual(await shop.catalog.stock(lamp), { on_hand: 1, reserved: 0 })
      const shipments = await shop.shipping.shipmentsOf(order.id)
      assert.deepEqual(shipments.map((s) => [s.id, s.state]), [[shipment.id, 'label_created']])
      assert.equal((await shop.shipping.get(shipment.id)).id, shipment.id)
      assert.equal(await shop.catalog.stock(`untracked-${context.run}`), null)
    })
  })
}

test('support cases are kept and found by customer', async () => {
  const { shop, customer } = await lampShop('sqlite::memory:')
  const opened = await shop.support.openCase({
    customer_id: customer,
    opened_by: { kind: 'customer', id: customer },
    channel: 'web_form',
    subject: 'Mug arrived broken',
    description: 'The handle came off in the box.',
    priority: 'high',
    category: 'complaint',
    order_id: null,
    order_line_ids: [],
  })
  await shop.support.transition(opened.id, 'open', { kind: 'agent', id: 'kim' })
  const mine = await shop.support.casesOfCustomer(customer)
  assert.deepEqual(mine.map((c) => [c.id, c.state]), [[opened.id, 'open']])
  assert.equal((await shop.support.get(opened.id)).subject, 'Mug arrived broken')
})

test('the outbox in the store retries with the policy given, then gives up', async () => {
  let attempts = 0
  const mailer = {
    name: 'flaky',
    send() {
      attempts += 1
      throw new Error('421 try again later')
    },
  }
  const outbox = { base_delay: 'PT10S', max_delay: 'PT6H', max_attempts: 2, lease: 'PT5M', batch_size: 100 }
  const context = await lampShop('sqlite::memory:', { mailer, outbox })
  await newOrder(context, 1)
  const run = async (at) => {
    const due = await context.shop.runDue(at)
    return [due.emails_sent, due.emails_retrying, due.emails_dead, attempts]
  }
  assert.deepEqual(await run(OPENING), [0, 1, 0, 1], 'the confirmation fails once and waits')
  assert.deepEqual(await run('2026-04-14T07:00:09Z'), [0, 0, 0, 1], 'not due again before the 10 s back-off')
  assert.deepEqual(await run('2026-04-14T07:00:10Z'), [0, 0, 1, 2], 'the second and last attempt fails for good')
})

test('a SQLite file keeps everything for the next open', async () => {
  const url = `sqlite:${join(dir, 'reopened.db')}`
  const first = await lampShop(url, { stock: 2 })
  const order = await newOrder(first, 1)
  const second = await Shop.open(url, { gateways: { card: new TestGateway() }, couriers: [new Parcelo()], clockAt: OPENING })
  assert.equal((await second.catalog.current()).version, 1)
  assert.equal((await second.orders.byNumber(order.number)).id, order.id)
  const next = await newOrder({ ...first, shop: second }, 1)
  assert.equal(next.number, order.number.replace(/\d+$/, (n) => String(Number(n) + 1).padStart(n.length, '0')))
})
