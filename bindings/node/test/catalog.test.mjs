// Catalog lookups, option configuration, and the refusal of bad catalog data: amounts are decimal
// strings, a JavaScript number where an amount is expected is a TypeError naming the field.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { shopData, thrown, vitrina } from '../fixtures/shop.mjs'

const catalog = new vitrina.Catalog(shopData())

test('lookups return plain objects in the engine JSON shape', () => {
  assert.equal(catalog.size, 4)
  assert.deepEqual(catalog.products.map((p) => p.id), ['tee', 'mug', 'poster', 'bike'])
  assert.equal(catalog.product('mug').variants[0].prices[0].amount, '8.50')
  assert.equal(catalog.product('nope'), null)
  const found = catalog.variant('tee-m')
  assert.equal(found.product.id, 'tee')
  assert.deepEqual(found.variant.prices.map((p) => [p.amount, p.min_quantity]), [['20.00', 1], ['18.00', 10]])
  assert.equal(catalog.variant('nope'), null)
  assert.equal(catalog.category('tees').parent_id, 'clothing')
  assert.deepEqual(catalog.featured().map((p) => p.id), ['mug', 'bike'])
  assert.deepEqual(catalog.productsInCategory('clothing').map((p) => p.id), ['tee'])
  assert.deepEqual(catalog.childCategories().map((c) => c.id), ['clothing', 'home'])
  assert.deepEqual(catalog.childCategories('clothing').map((c) => c.id), ['tees'])
  assert.deepEqual(catalog.categoryClosure('tee').sort(), ['clothing', 'tees'])
  assert.deepEqual(catalog.currenciesOf('mug-v'), ['EUR'])
})

test('catalog data from a JSON string equals the one from an object', () => {
  const fromText = new vitrina.Catalog(JSON.stringify(shopData()))
  assert.deepEqual(fromText.toJSON(), catalog.toJSON())
})

test('offeredValues and resolveVariant follow the option order and rules', () => {
  assert.deepEqual(catalog.offeredValues('bike'), { option: 'frame', values: ['steel', 'carbon'] })
  assert.deepEqual(catalog.offeredValues('bike', { frame: 'carbon' }), { option: 'size', values: ['M', 'L'] })
  assert.deepEqual(catalog.offeredValues('bike', [['frame', 'steel']]), { option: 'size', values: ['M', 'L'] })
  assert.equal(catalog.offeredValues('bike', { frame: 'carbon', size: 'M', colour: 'black' }), null)
  assert.equal(catalog.resolveVariant('bike', { frame: 'carbon', size: 'M', colour: 'black' }).id, 'bike-carbon-M-black')
  const cases = [
    [{ frame: 'carbon', size: 'S' }, 'VITRINA_VALUE_NOT_OFFERED'],
    [{ size: 'M' }, 'VITRINA_OPTION_OUT_OF_ORDER'],
    [{ wheels: '2' }, 'VITRINA_UNKNOWN_OPTION'],
  ]
  for (const [choices, code] of cases) {
    const e = thrown(() => catalog.offeredValues('bike', choices))
    assert.equal(e.code, code, e.message)
    assert.equal(e.field, 'choices')
    assert.equal(e.domain, 'configuration')
  }
  assert.equal(thrown(() => catalog.resolveVariant('bike', { frame: 'steel' })).code, 'VITRINA_INCOMPLETE_CHOICES')
  const unknown = thrown(() => catalog.resolveVariant('nope', {}))
  assert.equal(unknown.code, 'VITRINA_UNKNOWN_REFERENCE')
  assert.equal(unknown.field, 'product_id')
})

test('a number where an amount is expected is a TypeError naming the field', () => {
  const data = shopData()
  data.products[1].variants[0].prices[0].amount = 8.5
  const e = thrown(() => new vitrina.Catalog(data))
  assert.ok(e instanceof TypeError)
  assert.equal(e.code, 'VITRINA_INVALID_AMOUNT_TYPE')
  assert.equal(e.field, 'catalog.products[1].variants[0].prices[0].amount')
  assert.match(e.message, /^catalog\.products\[1\]\.variants\[0\]\.prices\[0\]\.amount: amounts are decimal strings/)

  const integer = shopData()
  integer.products[0].variants[0].prices[0].amount = 20
  assert.ok(thrown(() => new vitrina.Catalog(integer)) instanceof TypeError)

  const rules = { tax: { rules: [{ region: 'DE', rate: 0.2 }] } }
  const r = thrown(() => new vitrina.Pricer(catalog, rules))
  assert.ok(r instanceof TypeError)
  assert.equal(r.field, 'rules.tax.rules[0].rate')

  const cart = new vitrina.Cart('EUR')
  const s = thrown(() => cart.addLine(catalog, 'mug-v', 1, 8.5))
  assert.ok(s instanceof TypeError)
  assert.equal(s.code, 'VITRINA_INVALID_AMOUNT_TYPE')
  assert.equal(s.field, 'seenUnitPrice')
  assert.equal(cart.size, 0)
})

test('bad catalog data is refused with a coded error naming the field', () => {
  const cases = [
    [(d) => { d.products[1].variants[0].prices[0].amount = 'abc' }, 'VITRINA_INVALID_AMOUNT', null],
    [(d) => { d.products[1].variants[0].prices[0].amount = '8.505' }, 'VITRINA_EXCESS_PRECISION', 'products[1].variants[0].prices[0].amount'],
    [(d) => { d.products[1].variants[0].prices[0].amount = '-1.00' }, 'VITRINA_INVALID_CATALOG', 'products[1].variants[0].prices[0].amount'],
    [(d) => { d.products[1].variants[0].prices[0].currency = 'XYZ' }, 'VITRINA_INVALID_INPUT', null],
    [(d) => { d.products[2].id = 'mug' }, 'VITRINA_DUPLICATE_ID', null],
    [(d) => { d.products[0].category_ids = ['nope'] }, 'VITRINA_UNKNOWN_REFERENCE', null],
    [(d) => { delete d.products[0].name }, 'VITRINA_INVALID_INPUT', 'catalog.products[0]'],
  ]
  for (const [spoil, code, field] of cases) {
    const data = shopData()
    spoil(data)
    const e = thrown(() => new vitrina.Catalog(data))
    assert.ok(e instanceof Error)
    assert.equal(e.code, code, e.message)
    assert.ok(e.message.startsWith(`${e.field}: `), e.message)
    if (field !== null) assert.equal(e.field, field, e.message)
  }
  const e = thrown(() => new vitrina.Catalog(42))
  assert.ok(e instanceof TypeError)
  assert.equal(e.field, 'catalog')
  assert.equal(thrown(() => new vitrina.Catalog('{not json')).code, 'VITRINA_INVALID_INPUT')
})

test('the module reports its version', () => {
  assert.match(vitrina.version(), /^\d+\.\d+\.\d+/)
})
