// Cart edits through the binding: each runs in the core, a refused one throws with a stable code and
// the field, and leaves the cart as it was.
import assert from 'node:assert/strict'
import { beforeEach, test } from 'node:test'

import { shopContext, shopData, shopRules, thrown, vitrina } from '../fixtures/shop.mjs'

let catalog
let cart
beforeEach(() => {
  catalog = new vitrina.Catalog(shopData())
  cart = new vitrina.Cart('EUR', 'cust-1')
})

test('a new cart is empty, in its currency, with a UUIDv7 id', () => {
  assert.equal(cart.currency, 'EUR')
  assert.equal(cart.customerId, 'cust-1')
  assert.match(cart.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  assert.deepEqual(cart.lines, [])
  assert.equal(cart.size, 0)
  assert.equal(new vitrina.Cart('JPY').customerId, null)
})

test('addLine merges units of the same variant into one line', () => {
  const first = cart.addLine(catalog, 'mug-v', 2)
  const second = cart.addLine(catalog, 'mug-v')
  assert.equal(first, second)
  assert.equal(cart.quantityOf('mug-v'), 3)
  assert.deepEqual(cart.line(first), { id: first, variant_id: 'mug-v', quantity: 3, unit_price_at_add: null, note: null })
})

test('updateQuantity and removeLine', () => {
  const line = cart.addLine(catalog, 'tee-m', 2)
  cart.updateQuantity(catalog, line, 5)
  assert.equal(cart.line(line).quantity, 5)
  const removed = cart.removeLine(line)
  assert.equal(removed.quantity, 5)
  assert.equal(cart.size, 0)
  assert.equal(cart.line(line), null)
})

test('a refused edit throws a coded error and changes nothing', () => {
  const line = cart.addLine(catalog, 'tee-m', 2)
  const before = JSON.stringify(cart)
  const cases = [
    [() => cart.addLine(catalog, 'nope'), 'VITRINA_UNKNOWN_VARIANT', 'variant_id'],
    [() => cart.addLine(catalog, 'mug-v', 0), 'VITRINA_ZERO_QUANTITY', 'quantity'],
    [() => cart.addLine(catalog, 'tee-m', 4), 'VITRINA_INSUFFICIENT_STOCK', 'quantity'],
    [() => cart.addLine(catalog, 'poster-v'), 'VITRINA_INSUFFICIENT_STOCK', 'quantity'],
    [() => cart.updateQuantity(catalog, line, 6), 'VITRINA_INSUFFICIENT_STOCK', null],
    [() => cart.updateQuantity(catalog, 'missing', 1), 'VITRINA_UNKNOWN_LINE', null],
    [() => cart.removeLine('missing'), 'VITRINA_UNKNOWN_LINE', null],
    [() => cart.applyCoupon('no spaces!'), 'VITRINA_INVALID_COUPON', 'coupons'],
    [() => cart.removeCoupon('WELCOME10'), 'VITRINA_COUPON_NOT_APPLIED', 'coupons'],
    [() => cart.setNote('x'.repeat(10_000)), 'VITRINA_TOO_LONG', 'note'],
    [() => new vitrina.Cart('XYZ'), 'VITRINA_UNKNOWN_CURRENCY', 'currency'],
  ]
  for (const [edit, code, field] of cases) {
    const e = thrown(edit)
    assert.ok(e instanceof Error, String(e))
    assert.equal(e.code, code, e.message)
    assert.equal(e.domain, code === 'VITRINA_UNKNOWN_CURRENCY' ? 'money' : 'cart')
    assert.ok(e.message.startsWith(`${e.field}: `), `${e.message} does not start with its field ${e.field}`)
    if (field !== null) assert.equal(e.field, field)
  }
  assert.equal(JSON.stringify(cart), before)
})

test('a variant without a price in the cart currency is refused', () => {
  const e = thrown(() => new vitrina.Cart('USD').addLine(catalog, 'mug-v'))
  assert.equal(e.code, 'VITRINA_NO_PRICE_IN_CURRENCY')
})

test('coupons are normalised, applied once and removed case-insensitively', () => {
  assert.equal(cart.applyCoupon(' welcome10 '), 'WELCOME10')
  assert.equal(thrown(() => cart.applyCoupon('Welcome10')).code, 'VITRINA_DUPLICATE_COUPON')
  assert.deepEqual(cart.coupons, ['WELCOME10'])
  cart.removeCoupon('welcome10')
  assert.deepEqual(cart.coupons, [])
})

test('note, line note, gift wrap and discreet packaging', () => {
  const line = cart.addLine(catalog, 'mug-v')
  cart.setNote('  Ring twice  ')
  cart.setLineNote(line, 'engrave: A')
  cart.setGiftWrap(true, 'Happy birthday')
  cart.setDiscreetPackaging()
  assert.equal(cart.note, 'Ring twice')
  assert.equal(cart.line(line).note, 'engrave: A')
  assert.deepEqual(cart.giftWrap, { message: 'Happy birthday' })
  assert.equal(cart.discreetPackaging, true)
  cart.setNote(null)
  cart.setGiftWrap(false)
  cart.setDiscreetPackaging(false)
  assert.equal(cart.note, null)
  assert.equal(cart.giftWrap, null)
  assert.equal(cart.discreetPackaging, false)
  const e = thrown(() => cart.setGiftWrap(false, 'hi'))
  assert.equal(e.code, 'VITRINA_INVALID_INPUT')
  assert.equal(e.field, 'message')
})

test('toJSON / fromJSON round-trip, JSON.stringify uses toJSON, copy is independent', () => {
  cart.addLine(catalog, 'mug-v', 2, '8.50')
  cart.applyCoupon('WELCOME10')
  const data = cart.toJSON()
  assert.equal(data.lines[0].unit_price_at_add, '8.50')
  assert.equal(JSON.stringify(cart), JSON.stringify(data))
  const again = vitrina.Cart.fromJSON(data)
  assert.equal(JSON.stringify(again), JSON.stringify(cart))
  assert.equal(JSON.stringify(vitrina.Cart.fromJSON(JSON.stringify(data))), JSON.stringify(cart))
  const copy = cart.copy()
  copy.addLine(catalog, 'tee-m')
  assert.equal(cart.size, 1)
  assert.equal(copy.size, 2)
})

test('a cart prices through Pricer.price with coupon, shipping and tax', () => {
  const pricer = new vitrina.Pricer(catalog, shopRules())
  cart.addLine(catalog, 'tee-m', 2)
  cart.addLine(catalog, 'mug-v', 1, '7.00')
  cart.applyCoupon('welcome10')
  cart.applyCoupon('NOPE')
  const priced = pricer.price(cart, shopContext())
  // 2 x 20.00 + 8.50 = 48.50; 10 %: 4.00 + 0.85; shipping 4.90; VAT 20 % of 36.00, 7.65 and 4.90.
  assert.equal(priced.totals.subtotal, '48.50')
  assert.equal(priced.totals.discount_total, '4.85')
  assert.equal(priced.totals.shipping_total, '4.90')
  assert.equal(priced.totals.tax_total, '9.71')
  assert.equal(priced.totals.grand_total, '58.26')
  assert.equal(priced.lines[1].price_changed, true)
  assert.deepEqual(priced.rejected_coupons, [{ code: 'NOPE', reason: 'not_found' }])
  assert.equal(priced.promotions[0].code, 'WELCOME10')
  // The same bytes as priceJson for the same input.
  const input = { catalog: shopData(), rules: shopRules(), context: shopContext(), cart: cart.toJSON() }
  assert.equal(JSON.stringify(priced), vitrina.priceJson(JSON.stringify(input)))
  // A PricingContext object or JSON text gives the same result.
  const context = new vitrina.PricingContext(shopContext())
  assert.equal(context.now, '2026-11-23T12:00:00Z')
  assert.equal(JSON.stringify(pricer.price(cart, context)), JSON.stringify(priced))
  assert.equal(JSON.stringify(pricer.price(cart, JSON.stringify(shopContext()))), JSON.stringify(priced))
})

test('pricing errors carry codes', () => {
  const pricer = new vitrina.Pricer(catalog, shopRules())
  cart.addLine(catalog, 'mug-v')
  const cases = [
    [{ currency: 'BGN', now: '2026-11-23T12:00:00Z' }, 'VITRINA_CART_CURRENCY_MISMATCH', 'cart.currency'],
    [{ currency: 'EUR', shipping_method_id: 'drone' }, 'VITRINA_UNKNOWN_SHIPPING_METHOD', 'context.shipping_method_id'],
    [{ currency: 'EUR', now: 'yesterday' }, 'VITRINA_INVALID_INPUT', 'context.now'],
    [{ region: 'DE' }, 'VITRINA_INVALID_INPUT', 'context'],
  ]
  for (const [context, code, field] of cases) {
    const e = thrown(() => pricer.price(cart, context))
    assert.equal(e.code, code, e.message)
    assert.equal(e.field, field, e.message)
  }
  const invalid = thrown(() => new vitrina.Pricer(catalog, { promotions: [{ id: 'x', action: { type: 'amount_off', amount: '1.00', target: {}, allocation: 'each_line' } }] }))
  assert.equal(invalid.code, 'VITRINA_INVALID_RULE')
  assert.equal(invalid.domain, 'pricing')
})
