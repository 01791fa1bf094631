// The generated `vitrina/shop` reaches the whole core: every name of core/use_cases.txt is a method of
// the generated Shop (passing its arguments by their Rust names) or excluded by the bridge with a
// reason, and every domain of core/error_codes.txt has its error class.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { test } from 'node:test'

import { REPO_ROOT } from '../fixtures/shop.mjs'

const require = createRequire(import.meta.url)
const generated = require('../shop.js')
const { Shop, VitrinaError, errorClasses } = generated

const listed = (path) =>
  readFileSync(join(REPO_ROOT, path), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
const api = JSON.parse(readFileSync(join(REPO_ROOT, 'bindings', 'bridge', 'api.json'), 'utf8'))
const camel = (snake) => snake.replace(/_([a-z0-9])/g, (_, letter) => letter.toUpperCase())
const pascal = (snake) => camel(snake).replace(/^./, (first) => first.toUpperCase())

/** A native shop that records what it is asked instead of running it. */
class RecordingNative {
  calls = []
  async call(name, argsJson) {
    this.calls.push([name, JSON.parse(argsJson)])
    return 'null'
  }
}

/** The method of `shop` a use-case name (`carts.add_line`, `run_due`) is reached by. */
function methodOf(shop, name) {
  const [group, method] = name.includes('.') ? name.split('.') : [null, name]
  const target = group === null ? shop : shop[group]
  return target && typeof target[camel(method)] === 'function' ? target[camel(method)].bind(target) : null
}

test('every use case of the manifest is a method of the generated Shop, or excluded with a reason', () => {
  const shop = new Shop(new RecordingNative())
  const excluded = new Map(api.excluded.map(({ name, why }) => [name, why]))
  const manifest = listed('core/use_cases.txt')
  assert.ok(manifest.length > 100, `the manifest lists the use cases (${manifest.length})`)
  const missing = manifest.filter((name) => !excluded.has(name) && methodOf(shop, name) === null)
  assert.deepEqual(missing, [])
  for (const [name, why] of excluded) {
    assert.ok(manifest.includes(name), `${name} is excluded but not in the manifest`)
    assert.equal(methodOf(shop, name), null, `${name} is excluded yet generated`)
    assert.ok(why.length > 20, `${name} is excluded without a reason`)
  }
})

test('each method passes its positional arguments to its use case by their Rust names', async () => {
  const native = new RecordingNative()
  const shop = new Shop(native)
  for (const useCase of api.use_cases) {
    const args = useCase.params.map((_, index) => `argument ${index}`)
    await methodOf(shop, useCase.name)(...args)
    const expected = Object.fromEntries(useCase.params.map(({ name }, index) => [name, `argument ${index}`]))
    assert.deepEqual(native.calls.at(-1), [useCase.name, expected], useCase.name)
  }
  assert.equal(native.calls.length, api.use_cases.length)
})

test('trailing optional arguments may be left out; a result of nothing resolves to undefined', async () => {
  const native = new RecordingNative()
  const shop = new Shop(native)
  await shop.carts.create('EUR')
  assert.deepEqual(native.calls.at(-1), ['carts.create', { currency: 'EUR' }])
  await shop.carts.price('cart-1', null)
  assert.deepEqual(native.calls.at(-1), ['carts.price', { cart_id: 'cart-1', region: null }])
  assert.equal(await shop.catalog.setStock('tea-100g', 4), undefined)
  assert.equal(await shop.settings(), null)
  assert.deepEqual(native.calls.at(-1), ['settings', {}])
})

test('every domain of the core has its error class, a VitrinaError', () => {
  const domains = [...new Set(listed('core/error_codes.txt').map((line) => line.split('\t')[0]))]
  assert.ok(domains.length > 10, `domains: ${domains}`)
  for (const domain of domains) {
    const Class = generated[`${pascal(domain)}Error`]
    assert.equal(typeof Class, 'function', `no error class for ${domain}`)
    assert.equal(errorClasses[domain], Class)
    assert.ok(Class.prototype instanceof VitrinaError, `${Class.name} is a VitrinaError`)
    const error = new Class('refused', { code: 'invalid', domain, field: 'quantity' })
    assert.ok(error instanceof Error)
    assert.deepEqual([error.name, error.code, error.field, error.outcomeUnknown, error.conflict], [
      `${pascal(domain)}Error`,
      'invalid',
      'quantity',
      false,
      false,
    ])
  }
  assert.deepEqual(Object.keys(errorClasses).sort(), [...domains].sort())
})

test('money strings are built from decimal strings only and read back', () => {
  assert.equal(generated.money('12.30', 'EUR'), '12.30 EUR')
  assert.deepEqual(generated.parseMoney('-0.5 JPY'), { amount: '-0.5', currency: 'JPY' })
  assert.throws(() => generated.money(12.3, 'EUR'), { name: 'TypeError', message: /^amount:/ })
  assert.throws(() => generated.money('12.30', 'eur'), { name: 'TypeError', message: /^currency:/ })
  assert.throws(() => generated.parseMoney('12.30EUR'), { name: 'TypeError', message: /^money:/ })
})
