// The adapters that ship with Vitrina, configured from JavaScript: Econt Express and Stripe, each
// built from one object and plugged into a shop, a bad configuration refused naming the field, and a
// Stripe webhook signed here as Stripe signs it verified by the shop.
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { createRequire } from 'node:module'
import { test } from 'node:test'

const require = createRequire(import.meta.url)
const { EcontCourier, StripeGateway } = require('../index.js')
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
