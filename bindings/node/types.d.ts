/* Curated data shapes of the Vitrina engine, prepended to the generated `index.d.ts` (package.json
 * `napi.dtsHeaderFile`). Data crosses the boundary in the engine's JSON form: snake_case keys, amounts
 * as decimal strings ("12.90"; a number is a TypeError), currencies as ISO codes, times as RFC 3339. */

/** An exact amount as a decimal string, e.g. "12.90" (EUR), "500" (JPY), "1.250" (KWD). */
export type Amount = string

/** Every error thrown by Vitrina: `code` is stable (`VITRINA_INVALID_AMOUNT`...), `field` names the input. */
export interface VitrinaError extends Error {
  code: string
  /** The core module that refused: `money`, `catalog`, `configuration`, `cart`, `wish_list`, `pricing`, `checkout`, `order`, `payment`, or `binding`. */
  domain: string
  field: string | null
}

export interface Price { currency: string; amount: Amount; min_quantity?: number }
export interface Variant {
  id: string
  sku?: string
  options?: Record<string, string>
  prices: Price[]
  weight_grams?: number
  stock?: number | null
  backorder?: boolean
}
export interface ProductOption { name: string; values: string[] }
export interface OptionRule { when_option: string; when_value: string; then_option: string; allowed_values: string[] }
export interface Product {
  id: string
  name: string
  description?: string
  category_ids?: string[]
  options?: ProductOption[]
  option_rules?: OptionRule[]
  variants: Variant[]
  featured?: boolean
  tax_category?: string
}
export interface Category { id: string; name: string; parent_id?: string | null; description?: string }
export interface PriceListEntry { variant_id: string; amount: Amount; min_quantity?: number }
export interface PriceList {
  id: string
  name?: string
  kind: 'sale' | 'override'
  priority?: number
  currency: string
  regions?: string[]
  channels?: string[]
  customer_groups?: string[]
  starts_at?: string | null
  ends_at?: string | null
  prices: PriceListEntry[]
}
export interface CatalogData { categories?: Category[]; products?: Product[]; price_lists?: PriceList[] }
export interface OfferedValues { option: string; values: string[] }
/** Option choices in option order: `{ size: 'M', colour: 'red' }` or `[['size', 'M'], ['colour', 'red']]`. */
export type Choices = Record<string, string> | Array<[string, string]>

export interface CartLine {
  id: string
  variant_id: string
  quantity: number
  unit_price_at_add?: Amount | null
  note?: string | null
}
export interface GiftWrap { message?: string | null }
export interface CartData {
  id: string
  currency: string
  customer_id?: string | null
  lines?: CartLine[]
  coupons?: string[]
  gift_wrap?: GiftWrap | null
  discreet_packaging?: boolean
  note?: string | null
}

export interface Selector { product_ids?: string[]; variant_ids?: string[]; category_ids?: string[] }
/** A promotion action, tagged by `type` (`percent_off`, `amount_off`, `order_amount_off`,
 * `order_percent_off`, `buy_x_get_y`, `fixed_price`, `tiered`, `free_shipping`, `free_gift`); see
 * docs/pricing-rules.md for each one's fields. */
export interface PromotionAction { type: string; [field: string]: unknown }
export interface Promotion {
  id: string
  name?: string
  priority?: number
  exclusive?: boolean
  stackable?: boolean
  coupon_code?: string | null
  currency?: string | null
  conditions?: {
    min_subtotal?: Amount | null
    customer_groups?: string[]
    required_items?: Array<{ target: Selector; min_quantity: number }>
    starts_at?: string | null
    ends_at?: string | null
    first_order_only?: boolean
    usage_limit?: number | null
    times_used?: number
    per_customer_limit?: number | null
  }
  action: PromotionAction
}
export interface TaxRule { region: string; tax_category?: string | null; rate: Amount; name?: string }
export interface TaxConfig { prices_include_tax?: boolean; rounding?: 'per_line' | 'per_total'; rules?: TaxRule[] }
/** A shipping method in the engine's JSON form (`id`, `currency`, `regions`, `rate`, `free_over`...). */
export interface ShippingMethod { id: string; [field: string]: unknown }
export interface PricingRules {
  promotions?: Promotion[]
  tax?: TaxConfig
  shipping_methods?: ShippingMethod[]
  rounding?: 'half_away_from_zero' | 'half_even'
}
export interface PricingContextData {
  currency: string
  /** RFC 3339 text or a Date; default: now. */
  now?: string | Date
  region?: string | null
  channel?: string | null
  customer_groups?: string[]
  first_order?: boolean
  promotion_uses?: Record<string, number>
  shipping_method_id?: string | null
}

export interface PricedLine {
  line_id: string
  variant_id: string
  product_id: string
  quantity: number
  unit_price: Amount
  price_changed: boolean
  gift: boolean
  subtotal: Amount
  discount: Amount
  tax_rate: Amount
  tax: Amount
  total: Amount
}
export interface PricedShipping { method_id: string; charge: Amount; discount: Amount; tax_rate: Amount; tax: Amount; total: Amount }
export interface LineShare { line: number; amount: Amount }
export interface AppliedPromotion {
  promotion_id: string
  name: string
  code: string | null
  action: string
  amount: Amount
  lines: LineShare[]
  shipping: Amount
}
export interface RejectedCoupon { code: string; reason: string }
export interface Totals { subtotal: Amount; discount_total: Amount; shipping_total: Amount; tax_total: Amount; grand_total: Amount }
/** A priced cart; `JSON.stringify` of it is byte for byte what `priceJson` prints. */
export interface PricedCart {
  cart_id: string
  currency: string
  prices_include_tax: boolean
  lines: PricedLine[]
  shipping: PricedShipping | null
  promotions: AppliedPromotion[]
  rejected_coupons: RejectedCoupon[]
  totals: Totals
}


/* Checkout, orders and payments. Times are RFC 3339 strings (UTC); money is text "49.90 EUR". */

/** An amount with its currency as text: amount, space, ISO code ("49.90 EUR"). */
export type MoneyText = string
export interface ContactData { email: string; phone?: string | null }
export interface Address {
  recipient: string
  line1: string
  line2?: string | null
  city: string
  postal_code: string
  region?: string | null
  /** ISO 3166-1 alpha-2 (`BG`, `DE`). */
  country: string
}
export type PaymentMethod = 'card' | 'bank_transfer' | 'cash_on_delivery' | 'wallet' | 'gift_card'
export interface DeliveryData { address: Address; shipping_method_id: string; payment_method: PaymentMethod }
export type CheckoutStep = 'contact_recorded' | 'ready_to_place' | 'placed'
export interface CheckoutSessionData {
  id: string
  cart_id: string
  customer_id: string | null
  contact: ContactData
  contact_recorded_at: string
  delivery: DeliveryData | null
  step: CheckoutStep
  started_at: string
  last_activity_at: string
  order_id: string | null
}
/** A line whose price changed since the shopper confirmed (`null`: the line is new, or gone). */
export interface ChangedLine {
  line_id: string
  variant_id: string
  confirmed_unit_price: Amount | null
  current_unit_price: Amount | null
}
/** Thrown by `placeOrder` with code `VITRINA_PRICES_CHANGED`: show `current`, then place again with it. */
export interface PricesChangedError extends VitrinaError {
  code: 'VITRINA_PRICES_CHANGED'
  changed: ChangedLine[]
  confirmedTotal: Amount
  currentTotal: Amount
  current: PricedCart
}
/** Who caused a change. */
export type Actor =
  | { kind: 'shopper'; customer_id: string | null }
  | { kind: 'staff'; id: string }
  | { kind: 'system' }
  | { kind: 'gateway'; name: string }
  | { kind: 'courier'; name: string }
export type OrderState =
  | 'pending_payment'
  | 'awaiting_transfer'
  | 'paid'
  | 'processing'
  | 'partially_shipped'
  | 'shipped'
  | 'delivered'
  | 'completed'
  | 'cancelled'
  | 'refunded'
export interface OrderTransition { at: string; actor: Actor; from: OrderState; to: OrderState; note: string | null }
/** An order's JSON form (`Order.toJSON()`), restored by `Order.fromJSON`. */
export interface OrderData {
  id: string
  number: string
  payment_reference: string
  customer_id: string | null
  contact: ContactData
  delivery: DeliveryData
  total: MoneyText
  paid: MoneyText
  state: OrderState
  placed_at: string
  placed_by: Actor
  history: OrderTransition[]
  [field: string]: unknown
}

export type PaymentState =
  | 'pending'
  | 'requires_action'
  | 'authorized'
  | 'partially_captured'
  | 'captured'
  | 'partially_refunded'
  | 'refunded'
  | 'voided'
  | 'failed'
  | 'expired'
export type RefundState = 'pending' | 'succeeded' | 'failed'
export type PaymentErrorCode =
  | 'card_declined'
  | 'expired_card'
  | 'insufficient_funds'
  | 'incorrect_cvc'
  | 'incorrect_number'
  | 'fraud_suspected'
  | 'authentication_failed'
  | 'processing_error'
  | 'invalid_request'
  | 'rate_limited'
  | 'unknown'
export interface PaymentTransition { at: string; actor: Actor; from: PaymentState; to: PaymentState; step: unknown }
export interface RefundData {
  id: string
  amount: MoneyText
  reason: string | null
  idempotency_key: string
  state: RefundState
  gateway_reference: string | null
  error: PaymentErrorCode | null
  requested_at: string
  requested_by: Actor
  history: unknown[]
}
/** A payment's JSON form (`Payment.toJSON()`), restored by `Payment.fromJSON`. */
export interface PaymentData {
  id: string
  order_id: string
  order_reference: string
  method: PaymentMethod
  amount: MoneyText
  state: PaymentState
  [field: string]: unknown
}

/** What a JavaScript gateway's `authorize`, `purchase` and `verify` receive. */
export interface PaymentRequest {
  idempotency_key: string
  amount: MoneyText
  order_reference: string
  method: PaymentMethod
  token: string | null
  return_url: string | null
}
/** What a JavaScript gateway's `capture`, `void`, `refund` and `completeAction` receive. */
export interface FollowUpRequest {
  idempotency_key: string
  amount: MoneyText
  order_reference: string
  gateway_reference: string
  reason: string | null
  payload: unknown
}
export type GatewayStatus =
  | 'pending'
  | 'requires_action'
  | 'authorized'
  | 'captured'
  | 'voided'
  | 'refunded'
  | 'failed'
  | 'expired'
/** What a JavaScript gateway's methods return (or resolve to). `amount` must echo the request's. */
export interface GatewayResult {
  status: GatewayStatus
  gateway_reference: string
  amount: MoneyText
  error?: PaymentErrorCode | null
  message?: string | null
  action?: { kind: 'redirect'; url: string } | { kind: 'three_d_secure'; data: unknown } | null
  raw?: unknown
}
export interface GatewayCapabilities {
  separate_capture?: boolean
  partial_capture?: boolean
  multiple_captures?: boolean
  partial_refund?: boolean
  void?: boolean
  verify?: boolean
  actions?: boolean
  webhooks?: boolean
  currencies?: string[]
}
type Awaitable<T> = T | Promise<T>
/**
 * A payment gateway written in JavaScript/TypeScript. Every method may return a value or a Promise;
 * a throw or a rejection in a money-moving method becomes a failed result with error
 * `processing_error` (recorded on the payment like a decline), never a crash. A missing method is an
 * unsupported operation.
 */
export interface GatewayObject {
  name?: string
  capabilities?: GatewayCapabilities | (() => GatewayCapabilities)
  authorize?(request: PaymentRequest): Awaitable<GatewayResult>
  purchase?(request: PaymentRequest): Awaitable<GatewayResult>
  verify?(request: PaymentRequest): Awaitable<GatewayResult>
  capture?(request: FollowUpRequest): Awaitable<GatewayResult>
  void?(request: FollowUpRequest): Awaitable<GatewayResult>
  refund?(request: FollowUpRequest): Awaitable<GatewayResult>
  completeAction?(request: FollowUpRequest): Awaitable<GatewayResult>
  sync?(gatewayReference: string): Awaitable<GatewayResult>
  refundSync?(refundReference: string): Awaitable<GatewayResult>
  parseWebhook?(webhook: { headers: Record<string, string>; body: string; received_at: string }): Awaitable<unknown>
}
