// The adapters that ship with Vitrina, configured from JavaScript: Econt Express, built from one
// object, plugged into a shop among its couriers, a bad configuration refused naming the field.
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { test } from 'node:test'

const require = createRequire(import.meta.url)
const { EcontCourier } = require('../index.js')
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
