/* Typings of the hand-written base of `vitrina/shop` (runtime.js): the shop's raw call and clock, the
 * base error class, money-string helpers, and the string forms the engine's JSON uses. */

import type {
  CourierObject,
  EcontCourier,
  OwnFleetCourier,
  GatewayObject,
  MailerObject,
  Shop as NativeShop,
  PaymentMethod,
  SearchIndex,
  SmtpMailer,
  StripeGateway,
  TestCourier,
  TestGateway,
} from './index'

/** The plug-ins a shop runs with, and an optional start for a clock set by hand. */
export interface ShopPlugins {
  /** A gateway per payment method that goes through one (`card`): the test gateway, Stripe or a JavaScript object. */
  gateways?: Partial<Record<PaymentMethod, TestGateway | StripeGateway | GatewayObject>>
  /** Couriers, each registered under its `name` (the settings' `courier_for_method` refer to it):
   * JavaScript objects or the built-in `EcontCourier`, `OwnFleetCourier` and `TestCourier`. */
  couriers?: (CourierObject | EcontCourier | OwnFleetCourier | TestCourier)[]
  /** Sends the shop's e-mail: a JavaScript object with `send(message)` or an `SmtpMailer`. */
  mailer?: MailerObject | SmtpMailer
  /** Searches the knowledge base and catalog. */
  search?: SearchIndex
  /** Runs the shop on a clock set by hand standing at this time (RFC 3339), instead of the system clock. */
  clockAt?: Timestamp
}

/** An exact decimal number as a string (`"12.30"`, `"0.20"`); never a binary float. */
export type Decimal = string
/** An instant as RFC 3339 text in UTC (`"2026-04-14T09:05:00Z"`). */
export type Timestamp = string
/** A calendar date (`"2026-04-14"`). */
export type CivilDate = string
/** A time of day (`"09:30:00"`). */
export type CivilTime = string
/** An ISO 8601 duration (`"PT48H"`). */
export type Duration = string

/** What the core says about a failure; every error of `vitrina/shop` carries it. */
export interface VitrinaErrorDetails {
  /** The core's stable snake_case code (`not_found`, `zero_quantity`, `invalid`). */
  code: string
  /** The input field concerned (`quantity`, `lines[0].quantity`), if any. */
  field?: string | null
  /** The part of the core the failure comes from (`cart`, `payment`, `shop`). */
  domain: string
  /** True when the outcome of a money movement is unknown: repeat it with the same key. */
  outcomeUnknown?: boolean
  /** True when the call lost a race to another writer: read again and retry. */
  conflict?: boolean
  /** The error the native module threw. */
  cause?: unknown
}

/** A failure reported by the engine; the generated subclass of its domain is what is thrown. */
export declare class VitrinaError extends Error {
  constructor(message: string, details: VitrinaErrorDetails)
  readonly code: string
  readonly field: string | null
  readonly domain: string
  readonly outcomeUnknown: boolean
  readonly conflict: boolean
}

/** The shop without its typed groups: opening, the raw call by use-case name, and the clock. */
export declare class ShopCore {
  protected constructor(nativeShop: NativeShop)
  /** The error class of each domain. */
  static readonly errorClasses: Readonly<Record<string, typeof VitrinaError>>
  /** The error to raise for what the native shop threw: its domain's class, or `e` itself. */
  static errorFrom(e: unknown): unknown
  /** Opens the store at `url` (`sqlite:shop.db`, `sqlite::memory:`, `postgres://…`) with `plugins`. */
  static open(url: string, plugins?: ShopPlugins | null): Promise<ShopCore>
  /** The native shop (JSON text in and out). */
  readonly native: NativeShop
  /** Runs the use case `name` (`carts.add_line`) with its arguments by their snake_case names. */
  call(name: string, args?: Record<string, unknown>): Promise<unknown>
  /** The shop's time now (RFC 3339, UTC). */
  now(): Timestamp
  /** Sets the clock set by hand (the shop was opened with `clockAt`) to `at`. */
  setTime(at: Timestamp): void
  /** Moves the clock set by hand forward by seconds or an ISO 8601 duration (`"PT2H"`). */
  advance(by: number | Duration): void
}

/** `"12.30 EUR"` from a decimal string and a currency code; a number or a malformed part is a TypeError. */
export declare function money(amount: Decimal, currency: string): string
/** The decimal amount and currency of a money string (`"12.30 EUR"`). */
export declare function parseMoney(text: string): { amount: Decimal; currency: string }
