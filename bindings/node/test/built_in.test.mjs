// The adapters that ship with Vitrina, configured from JavaScript: Econt Express, Stripe, the shop's own
// drivers and the test courier, each built from one object and plugged into a shop, a bad
// configuration refused naming the field, a Stripe webhook signed here as Stripe signs it verified by
// the shop, and a parcel carried by the own fleet from the drivers' reports.
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { createRequire } from 'node:module'
import { test } from 'node:test'

import { SETTINGS } from '../fixtures/shop_plugins.mjs'

const require = createRequire(import.meta.url)
const { EcontCourier, OwnFleetCourier, StripeGateway, TestCourier, TestGateway } = require('../index.js')
const { Shop } = require('../shop.js')

const CONFIG = {
  username: 'shop',
  password: 's3cret-pass',
  sender: { name: 'Chaena', phones: ['+359888000000'] },
  base_url: 'http://127.0.0.1:9/services/',
  timeout_seconds: 2,
}

test('Econt is configured from one object and opens with a shop', async () => {
  const econt = new EcontCourier(CONFIG)
  assert.equal(econt.name, 'econt')
  const shop = await Shop.open('sqlite::memory:', { couriers: [econt] })
  assert.ok(shop)
})

test('a bad Econt configuration names the field and keeps the password to itself', () => {
  assert.throws(
    () => new EcontCourier({ ...CONFIG, sender: { name: 5 } }),
    (e) => e.code === 'invalid' && e.field === 'config.sender.name' && !String(e.message).includes('s3cret'),
  )
  assert.throws(
    () => new EcontCourier({ username: 'shop', sender: { name: 'Chaena' } }),
    (e) => e.code === 'invalid' && e.field === 'config',
  )
})

/** The `Stripe-Signature` header Stripe sends: HMAC-SHA256 of `${timestamp}.${body}`. */
function stripeSignature(body, secret, at) {
  const timestamp = Math.floor(Date.parse(at) / 1000)
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

test('a Stripe webhook is verified by the shop, a tampered one refused', async () => {
  const at = '2026-04-14T09:00:00Z'
  const stripe = new StripeGateway({ api_key: 'sk_test_s3cret', webhook_secrets: ['whsec_js'], base_url: CONFIG.base_url })
  assert.equal(stripe.name, 'stripe')
  const shop = await Shop.open('sqlite::memory:', { gateways: { card: stripe }, clockAt: at })
  const body = JSON.stringify({ id: 'evt_js_1', object: 'event', type: 'customer.created', data: { object: { id: 'cus_1' } } })
  const headers = { 'stripe-signature': stripeSignature(body, 'whsec_js', at) }
  const receipt = await shop.payments.receiveWebhook('stripe', { headers, body, received_at: at })
  assert.deepEqual([receipt.event_id, receipt.outcome, receipt.payment ?? null], ['evt_js_1', 'ignored', null])
  await assert.rejects(
    shop.payments.receiveWebhook('stripe', { headers, body: body.replace('cus_1', 'cus_2'), received_at: at }),
    (e) => e.code === 'signature_mismatch' && e.domain === 'payment',
  )
  assert.throws(
    () => new StripeGateway({ api_key: ' ' }),
    (e) => e.field === 'config.api_key' && !String(e.message).includes('s3cret'),
  )
})

const FLEET = {
  shop_name: 'Chaena',
  zones: [{ zone: { id: 'sofia', name: 'Sofia', countries: ['BG'], postal_prefixes: ['1'] }, price: '3.90 EUR' }],
  slots: [{ id: 'midday', window: { start: '2026-04-14T08:00:00Z', end: '2026-04-14T11:00:00Z' }, capacity: 8 }],
}

test('the own fleet is configured from one object; a bad one names the field', () => {
  assert.equal(new OwnFleetCourier(FLEET).name, 'own-fleet')
  const zone = { zone: FLEET.zones[0].zone, price: '3.90' }
  assert.throws(
    () => new OwnFleetCourier({ ...FLEET, zones: [zone] }),
    (e) => e.code === 'invalid' && e.field === 'config.zones[0].price',
  )
  assert.throws(
    () => new OwnFleetCourier({ ...FLEET, zones: [{ ...FLEET.zones[0], zone: { id: 'z', name: 'Z', countries: [] } }] }),
    (e) => e.field === 'config.zones[0].zone',
  )
})

test('a driver report on an unknown parcel or of an unknown kind rejects with its code', async () => {
  const fleet = new OwnFleetCourier(FLEET)
  const report = { tracking_number: 'OF404', driver_id: 'd', update: 'picked_up', at: '2026-04-14T09:00:00Z' }
  await assert.rejects(fleet.driverUpdate(report), (e) => e.domain === 'shipping' && typeof e.code === 'string')
  await assert.rejects(fleet.driverUpdate({ ...report, update: 'flew' }), (e) => e.code === 'invalid' && e.field === 'report.update')
  await assert.rejects(fleet.driverUpdate({ ...report, update: 'failed' }), (e) => e.field === 'report.reason')
})

test('the test courier keeps its own clock', () => {
  const courier = new TestCourier('2026-04-14T07:00:00Z')
  assert.equal(courier.name, 'test')
  courier.advance(90 * 60)
  courier.advance('PT30M')
  assert.equal(courier.now(), '2026-04-14T09:00:00Z')
  assert.throws(() => new TestCourier('today'), (e) => e.code === 'invalid' && e.field === 'now')
})

test('a parcel of the own fleet is delivered from the drivers\' reports, with the test courier beside it', async () => {
  const at = '2026-04-14T07:00:00Z'
  const fleet = new OwnFleetCourier(FLEET)
  const couriers = [fleet, new TestCourier(at)]
  const shop = await Shop.open('sqlite::memory:', { gateways: { card: new TestGateway('whsec_js') }, couriers, clockAt: at })
  await shop.admin.configure({ ...SETTINGS, courier_for_method: { post: 'own-fleet' } })
  await shop.catalog.import({ products: [{ id: 'tea', name: 'Tea', variants: [{ id: 'tea-100g', prices: [{ currency: 'EUR', amount: '4.50' }], stock: 9, weight_grams: 100 }] }] })
  const cart = await shop.carts.create('EUR', null)
  await shop.carts.addLine(cart.id, 'tea-100g', 2)
  const session = await shop.checkout.start(cart.id, 'ana@example.bg', null)
  const address = { recipient: 'Ana', line1: 'ul. Vitosha 1', city: 'Sofia', postal_code: '1000', country: 'BG' }
  await shop.checkout.setDelivery(session.id, { address, shipping_method_id: 'post', payment_method: 'card', slot_id: 'midday' })
  const order = await shop.checkout.placeOrder(session.id, await shop.checkout.quote(session.id))
  await shop.payments.pay(order.id, '4242424242424242', 'pay-1')
  const parcel = await shop.shipping.ship(order.id, { kind: 'staff', id: 'packer' })
  assert.equal(parcel.courier, 'own-fleet')
  for (const update of ['picked_up', 'out_for_delivery', 'delivered']) {
    const event = await fleet.driverUpdate({ tracking_number: parcel.tracking_number, driver_id: 'driver-7', update, at: shop.now() })
    assert.equal(event.status, update)
    await shop.shipping.refreshShipment(parcel.id)
  }
  assert.equal((await shop.shipping.get(parcel.id)).state, 'delivered')
  assert.equal((await shop.orders.get(order.id)).state, 'delivered')
})
