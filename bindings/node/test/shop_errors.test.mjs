// Failures of the generated Shop as the Rust core gives them: the core's own snake_case `code`, the
// `field` and `domain`, raised as the error class of the domain (a missing or mistyped argument, an
// unknown cart, a refused quantity, a bad plug-in, the system clock set by hand).
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { OPENING, Shop, VitrinaError, generated, rejection, teaShop } from '../fixtures/shop_plugins.mjs'

const { CartError, ShopError } = generated

/** `error` is a `Class` (a VitrinaError) with `code`, `field` and `domain`. */
function assertFailure(error, Class, code, field) {
  assert.ok(error instanceof Class, `${error.name} (${error.code}: ${error.message}) is no ${Class.name}`)
  assert.ok(error instanceof VitrinaError)
  assert.deepEqual([error.code, error.field], [code, field])
  assert.equal(generated.errorClasses[error.domain], Class, `the class of the ${error.domain} domain`)
  assert.deepEqual([error.outcomeUnknown, error.conflict], [false, false])
  assert.equal(typeof error.cause?.message, 'string', 'the native error is kept as the cause')
}

test('a missing or mistyped argument is invalid, naming the argument', async () => {
  const { shop } = await teaShop()
  const cart = await shop.carts.create('EUR')
  assertFailure(await rejection(shop.carts.addLine(cart.id, 'tea-100g')), ShopError, 'invalid', 'quantity')
  assertFailure(await rejection(shop.carts.addLine(cart.id, 'tea-100g', 'two')), ShopError, 'invalid', 'quantity')
  const extra = await rejection(shop.call('carts.get', { cart_id: cart.id, colour: 'red' }))
  assertFailure(extra, ShopError, 'invalid', extra.field)
  assert.match(extra.message, /colour/)
  assertFailure(await rejection(shop.call('carts.fly', {})), ShopError, 'not_found', null)
})

test('the native shop rejects with the same code, field and domain, as a plain Error', async () => {
  const { shop } = await teaShop()
  const malformed = await rejection(shop.native.call('carts.get', '{cart_id:'))
  assert.ok(malformed instanceof Error && !(malformed instanceof VitrinaError))
  assert.deepEqual([malformed.code, malformed.field, malformed.domain], ['invalid', 'args', 'shop'])
  assert.deepEqual([malformed.outcomeUnknown, malformed.conflict], [false, false])
})

test('an unknown cart is not found; a quantity of 0 is refused by the cart', async () => {
  const { shop } = await teaShop()
  assertFailure(await rejection(shop.carts.get('no-such-cart')), ShopError, 'not_found', null)
  const cart = await shop.carts.create('EUR')
  assertFailure(await rejection(shop.carts.addLine(cart.id, 'tea-100g', 0)), CartError, 'zero_quantity', 'quantity')
  const unknownVariant = await rejection(shop.carts.addLine(cart.id, 'no-such-tea', 1))
  assertFailure(unknownVariant, CartError, 'unknown_variant', 'variant_id')
})

test('a plug-in under no payment method, a bad start time and the system clock set by hand are refused', async () => {
  const badMethod = await rejection(Shop.open('sqlite::memory:', { gateways: { bitcoin: {} } }))
  assertFailure(badMethod, ShopError, 'invalid', 'plugins.gateways.bitcoin')
  const badStart = await rejection(Shop.open('sqlite::memory:', { clockAt: 'tomorrow' }))
  assertFailure(badStart, ShopError, 'invalid', 'plugins.clockAt')

  const system = await Shop.open('sqlite::memory:')
  assert.ok(Math.abs(Date.parse(system.now()) - Date.now()) < 60_000)
  assertFailure(caught(() => system.setTime(OPENING)), ShopError, 'invalid', 'clock')

  const { shop } = await teaShop()
  assertFailure(caught(() => shop.advance('soon')), ShopError, 'invalid', 'by')
  assertFailure(caught(() => shop.setTime('noon')), ShopError, 'invalid', 'at')
  shop.advance('PT2H')
  shop.advance(90)
  assert.equal(shop.now(), '2026-04-14T09:01:30Z')
  shop.setTime(OPENING)
  assert.equal(shop.now(), OPENING)
})

test('a bad store URL is refused when the shop opens', async () => {
  const error = await rejection(Shop.open('mysql://nowhere'))
  assert.ok(error instanceof VitrinaError, `${error.name}: ${error.message}`)
  assert.equal(typeof error.code, 'string')
})

/** What `fn` throws (fails when it throws nothing). */
function caught(fn) {
  try {
    fn()
  } catch (e) {
    return e
  }
  throw new Error('expected an error, nothing was thrown')
}
