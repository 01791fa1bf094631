/* Curated data shapes of the Vitrina engine, prepended to the generated `index.d.ts` (package.json
 * `napi.dtsHeaderFile`). Data crosses the boundary in the engine's JSON form: snake_case keys, amounts
 * as decimal strings ("12.90"; a number is a TypeError), currencies as ISO codes, times as RFC 3339. */

/** An exact amount as a decimal string, e.g. "12.90" (EUR), "500" (JPY), "1.250" (KWD). */
export type Amount = string

/** Every error thrown by Vitrina: `code` is stable (`VITRINA_INVALID_AMOUNT`...), `field` names the input. */
export interface VitrinaError extends Error {
  code: string
  /** The core module that refused: `money`, `catalog`, `configuration`, `cart`, `wish_list`, `pricing`, `checkout`, `order`, `payment`, `store`, `shipping`, `courier`, `notify`, `support`, `knowledge`, or `binding`. */
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
    customer_segments?: string[]
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
  /** Gift wrap and discreet packaging offered: one option per kind and currency, priced as money text. */
  packaging?: Array<{ kind: PackagingKind; name: string; price: MoneyText; tax_category?: string }>
  rounding?: 'half_away_from_zero' | 'half_even'
}
export interface PricingContextData {
  currency: string
  /** RFC 3339 text or a Date; default: now. */
  now?: string | Date
  region?: string | null
  channel?: string | null
  customer_groups?: string[]
  customer_segments?: string[]
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
export interface PricedPackaging {
  kind: PackagingKind
  name: string
  charge: Amount
  tax_rate: Amount
  tax: Amount
  total: Amount
}
export interface Totals {
  subtotal: Amount
  discount_total: Amount
  shipping_total: Amount
  packaging_total: Amount
  tax_total: Amount
  grand_total: Amount
}
/** A priced cart; `JSON.stringify` of it is byte for byte what `priceJson` prints. */
export interface PricedCart {
  cart_id: string
  currency: string
  prices_include_tax: boolean
  lines: PricedLine[]
  shipping: PricedShipping | null
  /** Gift wrap and discreet packaging charges (never discounted). */
  packaging: PricedPackaging[]
  promotions: AppliedPromotion[]
  rejected_coupons: RejectedCoupon[]
  totals: Totals
}


/* Payments: gateways written in JavaScript. Times are RFC 3339 strings (UTC); money is text "49.90 EUR". */

/** An amount with its currency as text: amount, space, ISO code ("49.90 EUR"). */
export type MoneyText = string
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
/** Who caused a change. */
export type Actor =
  | { kind: 'shopper'; customer_id: string | null }
  | { kind: 'staff'; id: string }
  | { kind: 'system' }
  | { kind: 'gateway'; name: string }
  | { kind: 'courier'; name: string }

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
 * a throw, a rejection or a value that is no gateway result leaves the outcome unknown (the call
 * rejects with `VITRINA_GATEWAY_UNAVAILABLE`, nothing is recorded, and the same key may be repeated:
 * the provider may have acted). A decline is a result with status `failed`, returned, not thrown. A
 * missing method is an unsupported operation.
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

/* Shipping: couriers written in JavaScript, the built-in couriers, and what they exchange with the shop. */

export type PackagingKind = 'gift_wrap' | 'discreet'
export type TrackingStatus =
  | 'pending'
  | 'picked_up'
  | 'in_transit'
  | 'out_for_delivery'
  | 'ready_for_pickup'
  | 'delivered'
  | 'delivery_failed'
  | 'delayed'
  | 'on_hold'
  | 'return_to_sender'
  | 'cancelled'
  | 'unknown'
export type IncidentReason =
  | 'recipient_absent'
  | 'address_problem'
  | 'refused'
  | 'payment_not_ready'
  | 'damaged'
  | 'weather'
  | 'customs'
  | 'carrier_delay'
  | 'other'
/** A carrier's tracking event, normalised (`raw_code` keeps the carrier's own code). */
export interface TrackingEvent {
  at: string
  status: TrackingStatus
  raw_code: string
  description: string
  location?: string | null
  incident?: IncidentReason | null
  cash_collected?: MoneyText | null
}
export interface Dimensions { length_mm: number; width_mm: number; height_mm: number }
export interface Parcel { weight_grams: number; dimensions?: Dimensions | null; items?: Array<{ variant_id: string; quantity: number }> }
export interface DeliveryWindow { start: string; end: string }
export interface CarrierWarning { code: string; message: string }
export interface RateRequest { parcel: Parcel; from: Address; to: Address; ready_at: string }
export interface RateOption { service: string; name: string; price: MoneyText; estimated_delivery: DeliveryWindow }
export interface RateQuote { options: RateOption[]; warnings: CarrierWarning[] }
/** What a JavaScript courier's `createShipment` receives. */
export interface ShipmentRequest {
  shipment_id: string
  order_number: string
  parcel: Parcel
  from: Address
  to: Address
  service: string
  cash_on_delivery: MoneyText | null
  packaging: PackagingKind[]
  slot_id: string | null
  pickup_point_id: string | null
}
/** What a JavaScript courier's `createShipment` returns; label bytes as a Buffer, a Uint8Array or an array of bytes. */
export interface CreatedShipment {
  tracking_number: string
  label: { content_type: string; bytes: Uint8Array | number[] }
  estimated_delivery?: DeliveryWindow | null
  warnings: CarrierWarning[]
}
export interface TrackingReport { shipments: Array<{ tracking_number: string; events: TrackingEvent[] }>; warnings: CarrierWarning[] }
export interface AddressValidation { deliverable: boolean; suggestion?: Address | null; warnings: CarrierWarning[] }
export interface CourierCapabilities {
  cancel?: boolean
  address_validation?: boolean
  pickups?: boolean
  cash_on_delivery?: boolean
  time_slots?: boolean
  pickup_points?: boolean
}
export interface PickupRequest { address: Address; window: DeliveryWindow; tracking_numbers: string[] }
export interface Pickup { pickup_id: string; window: DeliveryWindow; warnings: CarrierWarning[] }
/**
 * A courier written in JavaScript/TypeScript. Methods may return a value or a Promise; a throw or a
 * rejection is `VITRINA_COURIER_UNAVAILABLE` naming the courier and method (the shipment is left as it
 * was), never a crash; a missing optional method is `VITRINA_COURIER_UNSUPPORTED`.
 */
export interface CourierObject {
  name?: string
  capabilities?: CourierCapabilities | (() => CourierCapabilities)
  rates(request: RateRequest): Awaitable<RateQuote>
  createShipment(request: ShipmentRequest): Awaitable<CreatedShipment>
  cancelShipment(trackingNumber: string): Awaitable<CarrierWarning[] | void>
  track(trackingNumbers: string[]): Awaitable<TrackingReport>
  validateAddress?(address: Address): Awaitable<AddressValidation>
  schedulePickup?(request: PickupRequest): Awaitable<Pickup>
  cancelPickup?(pickupId: string): Awaitable<CarrierWarning[] | void>
}
/** How `new StripeGateway(config)` reaches Stripe (snake_case, as every JSON shape here). */
export interface StripeConfig {
  api_key: string
  /** The webhook endpoint's signing secrets (two while rolling one); none: webhooks are refused. */
  webhook_secrets?: string[]
  /** Stripe's API unless given (a test server). */
  base_url?: string
  timeout_seconds?: number
  max_retries?: number
}
/** How `new EcontCourier(config)` reaches Econt Express (snake_case, as every JSON shape here). */
export interface EcontConfig {
  username: string
  password: string
  /** Who sends the parcels: the name on the waybill, phones, and the office they are handed in at. */
  sender: { name: string; phones?: string[]; office_code?: string }
  /** Econt's production services unless given (its demo system, a test server). */
  base_url?: string
  timeout_seconds?: number
}
/** How `new OwnFleetCourier(config)` serves its zones (snake_case, money as text `"3.90 EUR"`). */
export interface OwnFleetConfig {
  /** The shop's name on the parcels. */
  shop_name: string
  /** Where the drivers go, and the price of one delivery there. */
  zones: { zone: { id: string; name: string; countries: string[]; postal_prefixes?: string[] }; price: MoneyText }[]
  /** The delivery slots: a window (RFC 3339 `start` inclusive, `end` exclusive) and how many parcels fit. */
  slots: { id: string; window: DeliveryWindow; capacity: number }[]
  /** The heaviest parcel the drivers take, in grams (30000 unless given). */
  max_weight_grams?: number
  /** How many upcoming slots a shopper is offered (3 unless given). */
  slots_offered?: number
  /** The start of every tracking number (`OF` unless given). */
  tracking_prefix?: string
}
/** What a driver of the own fleet reports on one parcel (`OwnFleetCourier.driverUpdate`). */
export interface DriverReport {
  tracking_number: string
  driver_id: string
  update: 'picked_up' | 'out_for_delivery' | 'delivered' | 'failed' | 'back_at_depot' | 'return_to_shop'
  /** The cash taken from the recipient, on a `delivered` cash-on-delivery parcel (`"12.00 EUR"`). */
  cash_collected?: MoneyText | null
  /** Why, on a `failed` delivery. */
  reason?: IncidentReason | null
  /** When (RFC 3339). */
  at: string
}

/* E-mail: a mailer written in JavaScript and the durable outbox. */

/** An e-mail to validate or queue; `from`/`to` are mailboxes (`Shop <shop@example.com>`). */
export interface NewEmail {
  message_id: string
  from: string
  to: string[]
  reply_to?: string | null
  subject: string
  text: string
  html?: string | null
  headers?: Array<[string, string]>
  attachments?: Array<{ filename: string; content_type: string; content: number[] }>
}
/** A validated message as a JavaScript mailer's `send` receives it. */
export interface EmailMessageData {
  message_id: string
  from: string
  to: string[]
  reply_to: string | null
  subject: string
  text: string
  html: string | null
  headers: Array<[string, string]>
  attachments: unknown[]
}
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'dead'
export interface OutboxEntry {
  id: string
  message: EmailMessageData
  status: OutboxStatus
  attempts: number
  next_attempt_at: string
  last_error: string | null
  created_at: string
  sent_at: string | null
}
export interface OutboxPolicyData {
  base_delay_seconds?: number
  max_delay_seconds?: number
  max_attempts?: number
  lease_seconds?: number
  batch_size?: number
}
export interface DeliveryReport { sent: string[]; retrying: string[]; dead: string[] }
/**
 * A mailer written in JavaScript/TypeScript: `send` hands one message to a transport and may return
 * (or resolve to) the transport's id. A throw or rejection is a temporary failure, retried with
 * back-off; an error with `permanent: true` (a refused address) is final. Never a crash.
 */
export interface MailerObject {
  name?: string
  send(message: EmailMessageData): Awaitable<{ message_id?: string; detail?: string } | void>
}

/* Knowledge base and search (en, ru, bg, zh). */

export type KnowledgeLocale = 'en' | 'ru' | 'bg' | 'zh'
export interface KnowledgeCategory { id: string; name: string; parent_id?: string | null }
export interface NewArticle {
  id: string
  locale: KnowledgeLocale
  category_id: string
  title: string
  body: string
  tags?: string[]
  published?: boolean
}
export interface Article extends NewArticle {
  tags: string[]
  published: boolean
  view_count: number
  votes: Record<string, 'helpful' | 'not_helpful'>
}
export interface KnowledgeBaseData { categories?: KnowledgeCategory[]; articles?: Article[] }
export type DocumentKind = 'article' | 'product'
export interface SearchQuery {
  text?: string
  kind?: DocumentKind | null
  locale?: KnowledgeLocale | null
  category_id?: string | null
  facet_filters?: Record<string, string>
  limit?: number
  offset?: number
  typo_tolerance?: boolean
}
export interface SearchHit { id: string; kind: DocumentKind; locale: KnowledgeLocale; title: string; score: number; popularity: number }
export interface SearchResults { hits: SearchHit[]; facets: Record<string, number>; total: number }
export interface SyncReport { indexed: number; removed: string[] }
export interface CatalogSearchOptions { locale: KnowledgeLocale; popularity?: Record<string, number> }
/** How to reach an SMTP server: `starttls` (port 587), `tls` (465) or `plain_localhost` (25; this machine only). */
export interface SmtpSettings {
  host: string
  port?: number
  security: 'starttls' | 'tls' | 'plain_localhost'
  username?: string
  password?: string
  timeout_seconds?: number
  hello_name?: string
}
