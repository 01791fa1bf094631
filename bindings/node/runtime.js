// The hand-written base of `vitrina/shop`: the shop opened by URL with its raw call (JSON in and out)
// and clock, the base error class the generated per-domain classes extend, and money-string helpers.
'use strict'

const native = require('./index.js')

/** A failure reported by the engine, with the core's own stable snake_case `code`. */
class VitrinaError extends Error {
  constructor(message, { code, field = null, domain, outcomeUnknown = false, conflict = false, cause } = {}) {
    super(message, cause === undefined ? undefined : { cause })
    this.name = new.target.name
    this.code = code
    this.field = field
    this.domain = domain
    this.outcomeUnknown = outcomeUnknown
    this.conflict = conflict
  }
}

/** The shop without its typed groups: opening, the raw call by use-case name, and the clock. */
class ShopCore {
  /** The error class of each domain (the generated `Shop` gives its own). */
  static errorClasses = Object.freeze({})

  constructor(nativeShop) {
    this.native = nativeShop
  }

  static async open(url, plugins = null) {
    try {
      return new this(await native.Shop.open(url, plugins))
    } catch (e) {
      throw this.errorFrom(e)
    }
  }

  /** The error to raise for what the native shop threw: its domain's class, or `e` itself. */
  static errorFrom(e) {
    if (e === null || typeof e !== 'object' || typeof e.domain !== 'string' || typeof e.code !== 'string') return e
    const Class = Object.hasOwn(this.errorClasses, e.domain) ? this.errorClasses[e.domain] : VitrinaError
    const { code, field, domain, outcomeUnknown, conflict } = e
    return new Class(e.message, { code, field, domain, outcomeUnknown, conflict, cause: e })
  }

  async call(name, args = {}) {
    let text
    try {
      text = await this.native.call(name, JSON.stringify(args))
    } catch (e) {
      throw this.constructor.errorFrom(e)
    }
    return JSON.parse(text)
  }

  now() {
    return this.native.now()
  }

  setTime(at) {
    this.#clock(() => this.native.setTime(at))
  }

  advance(by) {
    this.#clock(() => this.native.advance(by))
  }

  #clock(change) {
    try {
      change()
    } catch (e) {
      throw this.constructor.errorFrom(e)
    }
  }
}

const AMOUNT = /^-?[0-9]+(\.[0-9]+)?$/
const CURRENCY = /^[A-Z]{3}$/

/** `"12.30 EUR"` from a decimal string and a currency code; a number or a malformed part is a TypeError. */
function money(amount, currency) {
  if (typeof amount !== 'string' || !AMOUNT.test(amount)) {
    throw new TypeError(`amount: expected a decimal string such as "12.30", got ${JSON.stringify(amount)}`)
  }
  if (typeof currency !== 'string' || !CURRENCY.test(currency)) {
    throw new TypeError(`currency: expected an ISO 4217 code such as "EUR", got ${JSON.stringify(currency)}`)
  }
  return `${amount} ${currency}`
}

/** The decimal amount and currency of a money string (`"12.30 EUR"`). */
function parseMoney(text) {
  const [amount, currency, ...rest] = typeof text === 'string' ? text.split(' ') : []
  if (rest.length > 0 || !AMOUNT.test(amount ?? '') || !CURRENCY.test(currency ?? '')) {
    throw new TypeError(`money: expected "<amount> <currency>" such as "12.30 EUR", got ${JSON.stringify(text)}`)
  }
  return { amount, currency }
}

module.exports = { ShopCore, VitrinaError, money, parseMoney }
