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
export interface DeliveryData {
  address: Address
  shipping_method_id: string
  payment_method: PaymentMethod
  /** The pickup point picked, for a pickup-point method. */
  pickup_point_id?: string | null
  /** The delivery slot picked, for a method with time slots. */
  slot_id?: string | null
  /** The courier service picked from a rate quote (`express`, `economy`). */
  courier_service?: string | null
}
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

/* Stores (`Store.open(url)`): every aggregate is read with its version and saved with the version read. */

/** A stored aggregate and its version; save it back with this version (a stale one rejects with `VITRINA_CONFLICT`). */
export interface Versioned<T> { value: T; version: number }
/** Which orders `Store.listOrders` gives, newest first. */
export interface OrderQuery { state?: OrderState | null; placed_from?: string | null; placed_before?: string | null; limit: number }
/** A promotion (coupon) use taken with an order under its limits (`null`: unlimited; a guest has no customer). */
export interface PromotionUse { promotion_id: string; customer_id?: string | null; limit?: number | null; per_customer_limit?: number | null }
export interface StockLevel { on_hand: number; reserved: number; available: number }

/* Shipping: shipments, couriers written in JavaScript, zones, delivery methods and tracking. */

export type ShipmentState =
  | 'pending'
  | 'label_created'
  | 'picked_up'
  | 'in_transit'
  | 'out_for_delivery'
  | 'ready_for_pickup'
  | 'delivery_failed'
  | 'delivered'
  | 'returned_to_sender'
  | 'cancelled'
export type PackagingKind = 'gift_wrap' | 'discreet'
/** What `Shipment.plan` takes: the courier, the order lines and units, cash to collect (money text). */
export interface NewShipmentData {
  courier: string
  service?: string | null
  lines: Array<{ line_id: string; quantity: number }>
  cash_on_delivery?: MoneyText | null
  packaging?: PackagingKind[]
}
export interface ShipmentLine { line_id: string; variant_id: string; quantity: number }
export interface ShipmentTransition { at: string; actor: Actor; from: ShipmentState; to: ShipmentState; note: string | null }
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
export interface TrackingSync {
  recorded: number
  moves: ShipmentState[]
  refused: Array<{ raw_code: string; at: string; reason: string }>
}
/** A shipment's JSON form (`Shipment.toJSON()`), restored by `Shipment.fromJSON`. */
export interface ShipmentData {
  id: string
  order_id: string
  courier: string
  state: ShipmentState
  tracking_number: string | null
  lines: ShipmentLine[]
  history: ShipmentTransition[]
  tracking: TrackingEvent[]
  [field: string]: unknown
}
export interface Dimensions { length_mm: number; width_mm: number; height_mm: number }
export interface Parcel { weight_grams: number; dimensions?: Dimensions | null; items?: Array<{ variant_id: string; quantity: number }> }
export interface DeliveryWindow { start: string; end: string }
export interface CarrierWarning { code: string; message: string }
export interface RateRequest { parcel: Parcel; from: Address; to: Address; ready_at: string }
export interface RateOption { service: string; name: string; price: MoneyText; estimated_delivery: DeliveryWindow }
export interface RateQuote { options: RateOption[]; warnings: CarrierWarning[] }
/** What `ShippingService.createLabel` takes besides the order and shipment. */
export interface LabelRequest { parcel: Parcel; from: Address; service: string; slot_id?: string | null; pickup_point_id?: string | null }
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
export interface TrackingRefresh { shipments: Array<{ shipment_id: string; sync: TrackingSync }>; warnings: CarrierWarning[] }
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
export interface LineFulfilment { line_id: string; variant_id: string; ordered: number; allocated: number; shipped: number; delivered: number }
export type Milestone =
  | 'order_placed'
  | 'payment_received'
  | 'packed'
  | 'in_transit'
  | 'delayed'
  | 'out_for_delivery'
  | 'delivery_attempt_failed'
  | 'ready_for_pickup'
  | 'delivered'
  | 'returned_to_sender'
  | 'order_cancelled'
export interface TimelineEntry {
  at: string
  milestone: Milestone
  shipment_id: string | null
  tracking_number: string | null
  incident: IncidentReason | null
}
export interface ShippingZone { id: string; name: string; countries: string[]; regions?: string[]; postal_prefixes?: string[] }
export interface PickupPoint { id: string; name: string; address: Address; opening_hours?: string | null }
export type DeliveryKind =
  | { type: 'own_courier'; courier: string }
  | { type: 'carrier'; courier: string; service: string }
  | { type: 'pickup_point'; courier: string; points: PickupPoint[] }
export interface DeliveryMethod {
  id: string
  name: string
  kind: DeliveryKind
  zone_ids?: string[]
  shipping_method_id: string
  cash_on_delivery?: boolean
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

/* Support: cases, SLA, canned replies and CSAT surveys. */

/** Who acts on a support case. */
export type SupportActor = { kind: 'customer'; id: string } | { kind: 'agent'; id: string } | { kind: 'system' }
export type CaseState = 'new' | 'open' | 'pending_customer' | 'on_hold' | 'solved' | 'closed'
export type CasePriority = 'low' | 'normal' | 'high' | 'urgent'
export type CaseCategory = 'question' | 'complaint' | 'warranty' | 'return' | 'delivery_problem' | 'other'
export type CaseChannel = 'email' | 'chat' | 'web_form' | 'phone' | 'payment_provider'
/** What `SupportCase.open` takes. */
export interface NewCase {
  customer_id: string
  opened_by: SupportActor
  channel: CaseChannel
  subject: string
  description: string
  priority: CasePriority
  category: CaseCategory
  order_id?: string | null
  order_line_ids: string[]
}
export interface CaseMessage {
  id: string
  author: SupportActor
  kind: 'description' | 'public_reply' | 'internal_note'
  body: string
  at: string
  merged_from: string | null
}
export interface CaseTransition { at: string; actor: SupportActor; from: CaseState; to: CaseState }
/** A case's JSON form (`SupportCase.toJSON()`), restored by `SupportCase.fromJSON`. */
export interface SupportCaseData {
  id: string
  customer_id: string
  state: CaseState
  messages: CaseMessage[]
  history: CaseTransition[]
  [field: string]: unknown
}
export interface CustomerCaseView {
  case_id: string
  subject: string
  status: 'received' | 'in_progress' | 'awaiting_your_reply' | 'solved' | 'closed'
  opened_at: string
  merged_into: string | null
  timeline: unknown[]
}
export interface SlaTargets { first_response_minutes: number; resolution_minutes: number }
export interface SlaPolicyData {
  low: SlaTargets
  normal: SlaTargets
  high: SlaTargets
  urgent: SlaTargets
  warning: { kind: 'remaining_percent'; percent: number } | { kind: 'remaining_minutes'; minutes: number }
  pause_on_hold: boolean
}
export interface OpeningInterval { start: string; end: string }
/** Support's working time: `weekly` opening hours (`{ monday: [{ start: '09:00', end: '17:00' }], ... }`) in an IANA zone, minus holidays (`2026-12-25`). */
export interface BusinessCalendarData {
  time_zone: string
  weekly: Record<'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday', OpeningInterval[]>
  holidays: string[]
}
export interface TargetReport {
  target_minutes: number
  elapsed_minutes: number
  due_at: string | null
  met_at: string | null
  paused: boolean
  status: 'ok' | 'warning' | 'breached' | 'achieved'
}
export interface SlaReport { case_id: string; priority: CasePriority; evaluated_at: string; first_response: TargetReport; resolution: TargetReport }
/** A canned reply: a template per locale (`{{ name }}` placeholders, `if`/`else` only). */
export interface CannedReply { id: string; title: string; category: string; default_locale: string; variants: Record<string, string> }
export interface RenderedReply { reply_id: string; locale: string; body: string; [field: string]: unknown }
export interface SurveyData { id: string; customer_id: string; sent_at: string; expires_at: string; [field: string]: unknown }
export interface CsatSummary {
  sent: number
  answered: number
  histogram: [number, number, number, number, number]
  average: Amount | null
  satisfied_percent: Amount | null
  response_rate_percent: Amount | null
  follow_ups_due: number
}
/** How long a solved case may be reopened, as an ISO 8601 duration in hours (default `PT168H`, 7 days). */
export interface CasePolicyData { reopen_window?: string }

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

/**
 * Which binding artifact the generated loader actually loaded: `'native'` for
 * a native addon, otherwise the `platformArchABI` of the WASI flavor. Every
 * flavor napi-rs can build is listed, because `NAPI_RS_NATIVE_LIBRARY_PATH`
 * can point the loader at a WASI artifact this package does not build itself.
 */
export declare const __napiBindingTarget: 'native' | 'wasm32-wasi' | 'wasm32-wasip1'

/** A library of canned replies with variants per locale (minijinja templates with `if`/`else` only). */
export declare class CannedReplies {
  /** An empty library. */
  constructor()
  /**
   * Adds a reply `{id, title, category, default_locale, variants: {locale: template}}`; its
   * templates are checked now.
   */
  add(reply: CannedReply | string): void
  /** Removes a reply by id. */
  remove(replyId: string): void
  /** The replies, in the order added. */
  get replies(): CannedReply[]
  /**
   * Renders a reply in `locale` (falling back to `bg` for `bg-BG`, then the default locale) with
   * `values` for its placeholders; a missing value is `VITRINA_UNKNOWN_PLACEHOLDER`.
   */
  render(replyId: string, locale: string, values?: Record<string, string> | undefined | null): RenderedReply
}
export type JsCannedReplies = CannedReplies

/** A shopper's cart: lines of variants, coupon codes, note, gift wrap and packaging choices. */
export declare class Cart {
  /** An empty cart in `currency` (ISO code) with a new UUIDv7 id; no `customerId` for a guest. */
  constructor(currency: string, customerId?: string | undefined | null)
  /** A cart from its JSON form (plain object or JSON text), as `toJSON` gives it. */
  static fromJSON(data: CartData | string): Cart
  /** The cart as a plain object (the `cart` of a pricing input); `JSON.stringify(cart)` uses it. */
  toJSON(): CartData
  get id(): string
  get currency(): string
  get customerId(): string | null
  /** The lines, in the order they were added (snapshots: edit the cart, not the line). */
  get lines(): CartLine[]
  get coupons(): Array<string>
  get giftWrap(): GiftWrap | null
  get discreetPackaging(): boolean
  get note(): string | null
  /** The line with this id, or null. */
  line(lineId: string): CartLine | null
  /** Units of the variant across all lines. */
  quantityOf(variantId: string): number
  /**
   * Adds `quantity` (default 1) units of `variantId` and returns the id of the line holding them.
   * `seenUnitPrice` is the unit price the shopper saw, as a decimal string; pricing flags
   * `price_changed` when it differs.
   */
  addLine(catalog: Catalog, variantId: string, quantity?: number | undefined | null, seenUnitPrice?: string | null): string
  /** Sets the quantity of a line; an increase is checked against stock like `addLine`. */
  updateQuantity(catalog: Catalog, lineId: string, quantity: number): void
  /** Removes a line and returns it. */
  removeLine(lineId: string): CartLine
  /** Sets (or with null or blank text, clears) the note of a line. */
  setLineNote(lineId: string, note?: string | undefined | null): void
  /** Adds a coupon code (trimmed, upper-cased) and returns it as stored. */
  applyCoupon(code: string): string
  /** Removes a coupon code, matched case-insensitively. */
  removeCoupon(code: string): void
  /** Sets (or with null or blank text, clears) the shopper's note to the shop. */
  setNote(note?: string | undefined | null): void
  /** Asks for gift wrap (default true) with an optional card message; `false` removes it. */
  setGiftWrap(wrap?: boolean | undefined | null, message?: string | undefined | null): void
  /** Asks for (default) or stops asking for plain packaging with no branding outside. */
  setDiscreetPackaging(discreet?: boolean | undefined | null): void
  /** An independent copy of the cart. */
  copy(): Cart
  /** Number of lines. */
  get size(): number
}
export type JsCart = Cart

/** A validated, indexed catalog snapshot; immutable (build a new one to change it). */
export declare class Catalog {
  /**
   * Validates and indexes catalog data given as a plain object or JSON text. Amounts are decimal
   * strings; errors carry `.code` and name the offending field (`products[0].variants[0].prices[0].amount`).
   */
  constructor(data: CatalogData | string)
  /** The catalog data as a plain object. */
  toJSON(): CatalogData
  /** All products in import order. */
  get products(): Product[]
  /** All categories. */
  get categories(): Category[]
  /** A product by id, or null. */
  product(productId: string): Product | null
  /** A variant and its product by variant id, or null. */
  variant(variantId: string): { product: Product; variant: Variant } | null
  /** A category by id, or null. */
  category(categoryId: string): Category | null
  /** Featured products, in catalog order. */
  featured(): Product[]
  /** Products listed in the category or any of its sub-categories, in catalog order. */
  productsInCategory(categoryId: string): Product[]
  /** Direct children of a category (no id: the root categories), in catalog order. */
  childCategories(parentId?: string | undefined | null): Category[]
  /** Ids of the product's categories with all their ancestors. */
  categoryClosure(productId: string): Array<string>
  /** ISO codes of the currencies in which a variant has a base price. */
  currenciesOf(variantId: string): Array<string>
  /**
   * The next option of a product to choose after `choices` (in option order, as `{option: value}`
   * or `[[option, value], ...]`) and the values still offered for it; null when every option has a value.
   */
  offeredValues(productId: string, choices?: Choices): OfferedValues | null
  /** The variant a complete set of `choices` (in option order) selects. */
  resolveVariant(productId: string, choices?: Choices): Variant
  /** Number of products. */
  get size(): number
}
export type JsCatalog = Catalog

/** A shopper's checkout of one cart: contact details, then delivery, then the order. */
export declare class CheckoutSession {
  /**
   * Step 1: starts checking out `cart` (not empty) with the shopper's contact details, at `at`
   * (RFC 3339; default now).
   */
  static start(cart: Cart, contact: ContactData | string, at?: string | undefined | null): CheckoutSession
  /** A session from its JSON form, as `toJSON` gives it. */
  static fromJSON(data: CheckoutSessionData | string): CheckoutSession
  /** The session as plain data. */
  toJSON(): CheckoutSessionData
  /** The session's UUIDv7 id. */
  get id(): string
  /** The cart being checked out. */
  get cartId(): string
  /** The signed-in customer, `null` for a guest. */
  get customerId(): string | null
  /** `contact_recorded`, `ready_to_place` or `placed`. */
  get step(): CheckoutStep
  /** The contact details, validated and normalised. */
  get contact(): ContactData
  /** The delivery details, `null` until set. */
  get delivery(): DeliveryData | null
  /** The placed order's id, `null` until placed. */
  get orderId(): string | null
  /** When the session started (RFC 3339). */
  get startedAt(): string
  /** The shopper's last step (RFC 3339). */
  get lastActivityAt(): string
  /** Replaces the contact details (until the order is placed). */
  updateContact(contact: ContactData | string, at?: string | undefined | null): void
  /** Step 2: the delivery address, shipping method and payment method. */
  setDelivery(delivery: DeliveryData | string, at?: string | undefined | null): void
  /**
   * Places the order under `orderNumber` (`VT-2026-000123`). `confirmed` is the priced cart the
   * shopper confirmed (as `pricer.price` gave it); the cart is priced again with the chosen shipping
   * method, and if any unit price or the total differs this throws `VITRINA_PRICES_CHANGED` with
   * `changed` and `current`: show `current`, and once confirmed place again passing it.
   */
  placeOrder(pricer: JsPricer, cart: Cart, context: PricingContext | PricingContextData | string, confirmed: PricedCart | string, orderNumber: string, at?: string | undefined | null): JsOrder
}
export type JsCheckoutSession = CheckoutSession

/**
 * Econt Express (name `econt`): prices, waybills with cash on delivery, cancellation, tracking and
 * offices over Econt's JSON services. Give it to `Shop.open` among `couriers`.
 */
export declare class EcontCourier {
  /**
   * Econt configured by `{username, password, sender: {name, phones?, office_code?}, base_url?,
   * timeout_seconds?}` (snake_case, as every JSON shape here); the password never appears in
   * errors. A bad configuration throws `invalid` naming the field (`config.sender.name`).
   */
  constructor(config: EcontConfig)
  /** `econt`. */
  get name(): string
}
export type JsEcontCourier = EcontCourier

/** FAQ articles in a category tree; every change is validated first and a refused one alters nothing. */
export declare class KnowledgeBase {
  /** An empty knowledge base, or one from its JSON form (`{categories, articles}`, as `toJSON` gives it). */
  constructor(data?: KnowledgeBaseData | string | null)
  /** The knowledge base as plain data. */
  toJSON(): KnowledgeBaseData
  get categories(): KnowledgeCategory[]
  get articles(): Article[]
  /** Adds a category `{id, name, parent_id?}`. */
  addCategory(category: KnowledgeCategory | string): void
  /** The ids from `id` up to its root category. */
  categoryPath(id: string): Array<string>
  /** Adds an article `{id, locale, category_id, title, body, tags?, published?}` and returns it. */
  addArticle(article: NewArticle | string): Article
  /** Replaces an article's content, keeping its views and votes; returns it. */
  updateArticle(article: NewArticle | string): Article
  /** Publishes or hides an article. */
  setPublished(id: string, published: boolean): void
  /** Counts a view of an article; returns its views. */
  recordView(id: string): number
  /** A reader's vote (`helpful` or `not_helpful`; a second vote replaces the first); returns the tally. */
  vote(articleId: string, voterId: string, vote: 'helpful' | 'not_helpful'): { helpful: number; not_helpful: number }
  /** The published articles in `locale` of a category and its sub-categories. */
  articlesInCategory(categoryId: string, locale: KnowledgeLocale): Article[]
  /** The most viewed published articles in `locale`. */
  mostViewed(locale: KnowledgeLocale, limit: number): Article[]
}
export type JsKnowledgeBase = KnowledgeBase

/** A placed order. */
export declare class Order {
  /** An order from its JSON form, as `toJSON` gives it. */
  static fromJSON(data: OrderData | string): Order
  /** The order as plain data (amounts as decimal strings, times as RFC 3339). */
  toJSON(): OrderData
  /** The order's UUIDv7 id. */
  get id(): string
  /** The order number, e.g. `VT-2026-000123`. */
  get number(): string
  /** The structured creditor reference (ISO 11649) a bank transfer quotes, e.g. `RF18VT2026000123`. */
  get paymentReference(): string
  /** The payment reference grouped in fours for printing (`RF18 VT20 2600 0123`). */
  get paymentReferenceFormatted(): string
  /** The state (`pending_payment`, `awaiting_transfer`, `paid`, `processing`...). */
  get state(): OrderState
  /** The customer, `null` for a guest. */
  get customerId(): string | null
  /** The grand total as money text (`"49.90 EUR"`). */
  get total(): string
  /** What was received so far, as money text. */
  get paid(): string
  /** When the order was placed (RFC 3339). */
  get placedAt(): string
  /** The contact details. */
  get contact(): ContactData
  /** The delivery details. */
  get delivery(): DeliveryData
  /** The priced cart the shopper confirmed (the order's lines and totals). */
  get priced(): PricedCart
  /** Every state change: `{at, actor, from, to, note}`, times as RFC 3339. */
  get history(): OrderTransition[]
  /** Whether the state machine allows moving to `to` now. */
  canTransition(to: OrderState): boolean
  /**
   * Moves the order to `to`, by `actor` (default: the system), with an optional `note`, at `at`
   * (RFC 3339; default now). A refused move throws `VITRINA_ILLEGAL_TRANSITION` (or
   * `VITRINA_PAYMENT_REQUIRED`) and changes nothing.
   */
  transition(to: OrderState, actor?: Actor | null, note?: string | undefined | null, at?: string | undefined | null): void
}
export type JsOrder = Order

/**
 * The durable outbox of e-mails: queued once per message id, sent by delivery runs that retry with
 * back-off; in memory, or in a `Store` (so it survives restarts and is shared by app instances).
 */
export declare class Outbox {
  /** The outbox of `store`, or (none) a new one in memory. */
  constructor(store?: JsStore | undefined | null)
  /**
   * Queues an e-mail (validated as `composeEmail` does) at `now`; resolves to `{entry, duplicate}`
   * (`duplicate`: the same message was queued before). The same message id with other content
   * rejects with `VITRINA_CONFLICT`.
   */
  enqueue(email: NewEmail | string, now?: string | undefined | null): Promise<{ entry: OutboxEntry; duplicate: boolean }>
  /** An entry by id, or `null`. */
  get(entryId: string): Promise<OutboxEntry | null>
  /**
   * Sends every entry due at `now` through `mailer` (an object with async `send(message)`), under
   * `policy`; resolves to the entry ids `{sent, retrying, dead}`.
   */
  deliverDue(mailer: MailerObject | SmtpMailer, policy?: OutboxPolicyData | null, now?: string | undefined | null): Promise<DeliveryReport>
}
export type JsOutbox = Outbox

/**
 * The shop's own drivers (name `own-fleet`): delivery zones with a price, time slots with a capacity,
 * and parcels moved by what the drivers report (`driverUpdate`). Give it to `Shop.open` among
 * `couriers`.
 */
export declare class OwnFleetCourier {
  /**
   * The fleet configured by `{shop_name, zones: [{zone: {id, name, countries, postal_prefixes?},
   * price: "3.90 EUR"}], slots: [{id, window: {start, end}, capacity}], max_weight_grams?,
   * slots_offered?, tracking_prefix?}` (snake_case, money as text); a bad configuration throws
   * `invalid` naming the field (`config.zones[0].price`).
   */
  constructor(config: OwnFleetConfig)
  /** `own-fleet`. */
  get name(): string
  /**
   * Records a driver's `report` on one parcel (`{tracking_number, driver_id, update, cash_collected?,
   * reason?, at}`, `update` one of `picked_up`, `out_for_delivery`, `delivered`, `failed`,
   * `back_at_depot`, `return_to_shop`); resolves to the tracking event it became. The shop takes it
   * in with `shipping.refreshShipment`. A move the parcel cannot make rejects with the courier's code.
   */
  driverUpdate(report: DriverReport): Promise<import('./shop').TrackingEvent>
}
export type JsOwnFleetCourier = OwnFleetCourier

/** One attempt to collect an order's money through one method. */
export declare class Payment {
  /** A payment of `amount` (money text, `"49.90 EUR"`) for an order, by `method` (`card`...). */
  constructor(orderId: string, orderReference: string, method: PaymentMethod, amount: string, at?: string | undefined | null)
  /**
   * A payment of the order's total, by the payment method chosen at checkout, quoting the order's
   * payment reference.
   */
  static forOrder(order: Order, at?: string | undefined | null): Payment
  /** A payment from its JSON form, as `toJSON` gives it. */
  static fromJSON(data: PaymentData | string): Payment
  /** The payment as plain data. */
  toJSON(): PaymentData
  /** The payment's UUIDv7 id. */
  get id(): string
  /** The order it pays for. */
  get orderId(): string
  /** The state (`created`, `pending`, `requires_action`, `authorized`, `captured`, `failed`...). */
  get state(): PaymentState
  /** The amount asked for, as money text. */
  get amount(): string
  /** Authorized so far, as money text. */
  get authorized(): string
  /** Captured so far, as money text. */
  get captured(): string
  /** Refunded so far, as money text. */
  get refunded(): string
  /** The gateway's reference, once it gave one. */
  get gatewayReference(): string | null
  /** The last failure's error code (`card_declined`, `processing_error`...), `null` if none. */
  get lastError(): PaymentErrorCode | null
  /** Every state change: `{at, actor, from, to, ...}`, times as RFC 3339. */
  get history(): PaymentTransition[]
  /** The refunds asked for, with their states. */
  get refunds(): RefundData[]
}
export type JsPayment = Payment

/** Runs payments through one gateway, idempotently: a repeat of a key gives the first result. */
export declare class PaymentProcessor {
  /**
   * A processor over the built-in `TestGateway` or a gateway object written in JavaScript (methods
   * `authorize`, `capture`, `purchase`, `void`, `refund`... returning a value or a Promise).
   */
  constructor(gateway: TestGateway | GatewayObject)
  /** How many idempotency keys the processor has recorded. */
  get recordedKeys(): number
  /**
   * Authorizes the payment's amount with the card `token`; resolves to the new state (`null`: still
   * pending at the gateway).
   */
  authorize(payment: Payment, token: string | undefined | null, key: string, at?: string | undefined | null): Promise<PaymentState | null>
  /** Authorizes and captures the payment's amount at once. */
  purchase(payment: Payment, token: string | undefined | null, key: string, at?: string | undefined | null): Promise<PaymentState | null>
  /** Captures `amount` (a decimal string in the payment's currency) of the authorization. */
  capture(payment: Payment, amount: Amount, key: string, at?: string | undefined | null): Promise<PaymentState | null>
  /** Releases the authorization. */
  void(payment: Payment, key: string, at?: string | undefined | null): Promise<PaymentState | null>
  /**
   * Refunds `amount` of what was captured; resolves to the refund's state (`pending`,
   * `succeeded`, `failed`).
   */
  refund(payment: Payment, amount: Amount, key: string, reason?: string | undefined | null, actor?: Actor | null, at?: string | undefined | null): Promise<RefundState>
  /**
   * Resolves a payment left `pending` or `requires_action` from the gateway's current state;
   * resolves to the new state, or `null` when nothing changed.
   */
  sync(payment: Payment, at?: string | undefined | null): Promise<PaymentState | null>
}
export type JsPaymentProcessor = PaymentProcessor

/**
 * The store's pricing engine: a catalog snapshot with promotions, tax, shipping methods and rounding,
 * validated once; `price` is then a pure function of cart and context.
 */
export declare class Pricer {
  /**
   * `rules` as a plain object or JSON text (`{promotions, tax, shipping_methods, rounding}`);
   * none: no promotions, no tax, no shipping methods.
   */
  constructor(catalog: Catalog, rules?: PricingRules | string)
  /** The catalog snapshot this pricer uses. */
  get catalog(): Catalog
  /** The rules as plain data (amounts as decimal strings). */
  get rules(): PricingRules
  /**
   * Prices `cart` in `context` (a `PricingContext`, or a plain object / JSON text in its form) and
   * returns the priced cart as a plain object, amounts as decimal strings.
   */
  price(cart: Cart, context: PricingContext | PricingContextData | string): PricedCart
}
export type JsPricer = Pricer

/**
 * Who is buying, where, when and how: currency, region, channel, customer groups, time, first order,
 * promotion uses and the chosen shipping method.
 */
export declare class PricingContext {
  /**
   * A context from its JSON form (plain object or JSON text); `now` (RFC 3339 text or a `Date`)
   * defaults to the current time.
   */
  constructor(data: PricingContextData | string)
  /** The context as a plain object. */
  toJSON(): PricingContextData
  get currency(): string
  /** The pricing moment as RFC 3339 text (UTC). */
  get now(): string
  get region(): string | null
  get shippingMethodId(): string | null
}
export type JsPricingContext = PricingContext

/**
 * A ranked full-text index (tantivy: Russian stemming, Bulgarian prefixes, Chinese segmentation) of
 * FAQ articles and catalog products.
 */
export declare class SearchIndex {
  /** An index in memory. */
  static inMemory(): SearchIndex
  /** The index in `directory`, created if missing. */
  static open(directory: string): SearchIndex
  /**
   * Brings the index in line with the knowledge base's published articles (removing the others)
   * and commits; resolves to `{indexed, removed}`.
   */
  syncKnowledgeBase(knowledge: KnowledgeBase): Promise<SyncReport>
  /**
   * Brings the index in line with the catalog's products in `locale` (with optional popularity
   * per product id for ranking) and commits; resolves to `{indexed, removed}`.
   */
  syncCatalog(catalog: Catalog, options: CatalogSearchOptions | string): Promise<SyncReport>
  /**
   * Ranked results of `query` (`{text, kind?, locale?, category_id?, facet_filters?, limit?,
   * offset?, typo_tolerance?}`): `{hits, facets, total}`.
   */
  search(query: SearchQuery | string): Promise<SearchResults>
}
export type JsSearchIndex = SearchIndex

/** Which order lines and units travel together, by which courier, with tracking and history. */
export declare class Shipment {
  /**
   * Plans a shipment of `order` (in `processing` or `partially_shipped`): `shipment` is
   * `{courier, service?, lines: [{line_id, quantity}], cash_on_delivery?, packaging?}` and may not
   * take more of a line than the `existing` shipments left.
   */
  static plan(order: Order, existing: Array<Shipment>, shipment: NewShipmentData | string, actor?: Actor | null, at?: string | undefined | null): Shipment
  /** A shipment from its JSON form, as `toJSON` gives it. */
  static fromJSON(data: ShipmentData | string): Shipment
  /** The shipment as plain data. */
  toJSON(): ShipmentData
  get id(): string
  get orderId(): string
  /** The courier's name. */
  get courier(): string
  /** The state (`pending`, `label_created`, `in_transit`, `delivered`...). */
  get state(): ShipmentState
  /** The courier's tracking number, once the label exists. */
  get trackingNumber(): string | null
  /** Cash to collect on delivery, as money text, or `null`. */
  get cashOnDelivery(): string | null
  /** The order lines and units in the parcel. */
  get lines(): ShipmentLine[]
  /** Every state change: `{at, actor, from, to, note}`. */
  get history(): ShipmentTransition[]
  /** The courier's tracking events, oldest first. */
  get tracking(): TrackingEvent[]
  /** Whether the state machine allows moving to `to` now. */
  canTransition(to: ShipmentState): boolean
  /** Moves the shipment to `to`; a refused move throws `VITRINA_ILLEGAL_TRANSITION` and changes nothing. */
  transition(to: ShipmentState, actor?: Actor | null, note?: string | undefined | null, at?: string | undefined | null): void
  /**
   * Delivers the shipment, with `collected` (a decimal string in the due currency) when cash was due
   * on delivery; a different amount throws `VITRINA_CASH_ON_DELIVERY_MISMATCH`.
   */
  deliver(collected?: Amount | null, actor?: Actor | null, note?: string | undefined | null, at?: string | undefined | null): void
  /**
   * Records tracking events (`[{at, status, raw_code, description, ...}]`) as the courier reported
   * them; moves the shipment along and resolves to `{recorded, moves, refused}`.
   */
  recordTracking(events: TrackingEvent[] | string, actor?: Actor | null): TrackingSync
}
export type JsShipment = Shipment

/** Labels, cancellations, rates and tracking through one courier (a courier object written in JS). */
export declare class ShippingService {
  /**
   * A service over a courier object with `name`, `capabilities` and async `rates`,
   * `createShipment`, `cancelShipment`, `track` (a throw or rejection is `VITRINA_COURIER_UNAVAILABLE`).
   */
  constructor(courier: CourierObject)
  /** The courier's name. */
  get courierName(): string
  /** What the courier can do. */
  get capabilities(): CourierCapabilities
  /** The courier's offers for a parcel (`{parcel, from, to, ready_at}`), cheapest first. */
  rates(request: RateRequest | string): Promise<RateQuote>
  /**
   * Books the label of a pending `shipment` of `order` at the courier (`request`:
   * `{parcel, from, service, slot_id?, pickup_point_id?}`); the shipment gets its tracking number and
   * moves to `label_created`. Resolves to the courier's warnings.
   */
  createLabel(order: Order, shipment: Shipment, request: LabelRequest | string, at?: string | undefined | null): Promise<CarrierWarning[]>
  /** Cancels the shipment, at the courier too once it has a label. Resolves to the courier's warnings. */
  cancel(shipment: Shipment, actor?: Actor | null, note?: string | undefined | null, at?: string | undefined | null): Promise<CarrierWarning[]>
  /**
   * Asks the courier for the events of the live shipments it carries and moves them along.
   * Resolves to `{shipments: [{shipment_id, sync}], warnings}`.
   */
  refreshTracking(shipments: Array<Shipment>): Promise<TrackingRefresh>
  /** Asks the courier whether it can deliver to `address`. */
  validateAddress(address: Address | string): Promise<AddressValidation>
}
export type JsShippingService = ShippingService

/**
 * A shop over its store, with its plug-ins and its clock (the system's, or one set by hand): every
 * use case by name with JSON text. `vitrina/shop` wraps it with a typed method per use case.
 */
export declare class Shop {
  /**
   * Opens the store at `url` (`sqlite:shop.db`, `sqlite::memory:`, `postgres://…`) and a shop
   * over it with `plugins`: payment gateways by payment method, couriers, a mailer, a search
   * index, and `clockAt` (RFC 3339) to run on a clock set by hand instead of the system's.
   */
  static open(url: string, plugins?: import('./runtime').ShopPlugins | null): Promise<Shop>
  /**
   * Runs the use case `name` (`carts.add_line`) with `argsJson`, a JSON object of its named
   * arguments (`{"cart_id": "…", "variant_id": "…", "quantity": 2}`); resolves to its result as
   * JSON text (`null` for none).
   */
  call(name: string, argsJson: string): Promise<string>
  /** The shop's time now (RFC 3339, UTC). */
  now(): string
  /** Sets the hand-set clock to `at` (RFC 3339); `invalid` naming `clock` on the system clock. */
  setTime(at: string): void
  /** Moves the hand-set clock forward by `by`: seconds, or an ISO 8601 duration (`PT2H`). */
  advance(by: number | string): void
}
export type JsShop = Shop

/**
 * An SMTP mailer (lettre, pooled connections): usable by `Outbox.deliverDue` like a JavaScript mailer.
 *
 * Its connection pool spawns tasks when built and when dropped, so both happen inside napi's tokio
 * runtime (the handle is kept for the drop, which may come from the garbage collector).
 */
export declare class SmtpMailer {
  /**
   * A mailer for `settings` (`{host, port?, security, username?, password?, timeout_seconds?,
   * hello_name?}`); plain SMTP to another host is refused naming `host`.
   */
  constructor(settings: SmtpSettings | string)
  /**
   * Sends one e-mail now (validated as `composeEmail` does); resolves to `{message_id, detail}`
   * (the server's answer), rejects with `VITRINA_MAIL_TRANSIENT` or `VITRINA_MAIL_PERMANENT`.
   */
  send(email: NewEmail | string): Promise<{ message_id: string; detail: string }>
  /** Checks that the server answers (connects and says NOOP). */
  testConnection(): Promise<void>
}
export type JsSmtpMailer = SmtpMailer

/** The whole persistence of a shop: every repository of the core behind one connection pool. */
export declare class Store {
  /**
   * Opens (and migrates) the store `url` points at: `sqlite:shop.db`, `sqlite::memory:` (a fresh
   * database per store) or `postgres://user@host/db`. A bad URL rejects with `VITRINA_INVALID_INPUT`
   * naming `url`.
   */
  static open(url: string): Promise<Store>
  /**
   * Publishes `catalog` as the next snapshot; `expectedVersion` is the current catalog's version
   * (0 for the first). Resolves to the new version.
   */
  publishCatalog(catalog: Catalog, expectedVersion: number): Promise<number>
  /** The catalog published last, or `null`. */
  currentCatalog(): Promise<Versioned<Catalog> | null>
  /** The catalog snapshot published as `version` (orders keep pointing at theirs), or `null`. */
  catalogSnapshot(version: number): Promise<Catalog | null>
  /** A cart by id, or `null`. */
  getCart(id: string): Promise<Versioned<Cart> | null>
  /** Saves `cart` over `version` (0: new); resolves to the new version. */
  saveCart(cart: Cart, version: number): Promise<number>
  /** Deletes a cart at `version` (a checked-out or merged cart). */
  deleteCart(id: string, version: number): Promise<void>
  /** Carts changed at or after `since` (RFC 3339), oldest first, at most `limit`. */
  cartsUpdatedSince(since: string, limit: number): Promise<Versioned<Cart>[]>
  /** A checkout session by id, or `null`. */
  getCheckoutSession(id: string): Promise<Versioned<CheckoutSession> | null>
  /** Saves a checkout session over `version` (0: new); resolves to the new version. */
  saveCheckoutSession(session: CheckoutSession, version: number): Promise<number>
  /** Sessions not placed whose last activity is before `before` (RFC 3339), at most `limit`. */
  abandonedCheckoutSessions(before: string, limit: number): Promise<Versioned<CheckoutSession>[]>
  /** An order by id, or `null`. */
  getOrder(id: string): Promise<Versioned<Order> | null>
  /** An order by number (`VT-2026-000123`), or `null`. */
  findOrderByNumber(number: string): Promise<Versioned<Order> | null>
  /** A customer's orders, newest first. */
  ordersOfCustomer(customerId: string): Promise<Versioned<Order>[]>
  /** Orders matching `query` (`{state?, placed_from?, placed_before?, limit}`), newest first. */
  listOrders(query: OrderQuery | string): Promise<Versioned<Order>[]>
  /** Saves an order over `version`; resolves to the new version. New orders go through `placeOrder`. */
  saveOrder(order: Order, version: number): Promise<number>
  /** The next order sequence number of `year` (1, 2, ...), unique across every app instance. */
  nextOrderSequence(year: number): Promise<number>
  /**
   * Stores a placed order at once, or nothing: the order (version 1), its first `payment` if any,
   * the stock reservation of its cart until `reservationExpiresAt` (RFC 3339;
   * `VITRINA_INSUFFICIENT_STOCK` if short) and the `promotionUses` taken with it
   * (`VITRINA_PROMOTION_LIMIT_REACHED` at a limit).
   */
  placeOrder(order: Order, reservationExpiresAt: string, payment?: Payment | undefined | null, promotionUses?: PromotionUse[] | null): Promise<void>
  /** A payment by id, or `null`. */
  getPayment(id: string): Promise<Versioned<Payment> | null>
  /** An order's payments, oldest first. */
  paymentsOfOrder(orderId: string): Promise<Versioned<Payment>[]>
  /** Saves a payment over `version` (0: new); resolves to the new version. */
  savePayment(payment: Payment, version: number): Promise<number>
  /** A shipment by id, or `null`. */
  getShipment(id: string): Promise<Versioned<Shipment> | null>
  /** An order's shipments, oldest first. */
  shipmentsOfOrder(orderId: string): Promise<Versioned<Shipment>[]>
  /** Saves a shipment over `version` (0: new); resolves to the new version. */
  saveShipment(shipment: Shipment, version: number): Promise<number>
  /** A support case by id, or `null`. */
  getSupportCase(id: string): Promise<Versioned<SupportCase> | null>
  /** A customer's support cases, newest first. */
  supportCasesOfCustomer(customerId: string): Promise<Versioned<SupportCase>[]>
  /** Saves a support case over `version` (0: new); resolves to the new version. */
  saveSupportCase(supportCase: JsSupportCase, version: number): Promise<number>
  /** Sets the units of a variant on hand (tracked stock). */
  setStock(variantId: string, onHand: number): Promise<void>
  /** A variant's stock `{on_hand, reserved, available}`, or `null` when its stock is not tracked. */
  stockLevel(variantId: string): Promise<StockLevel | null>
  /** Turns an order's reservation into a sale (the units leave `on_hand`). */
  commitStock(orderId: string): Promise<void>
  /** Releases an order's reservation (a cancelled order); resolves to whether there was one. */
  releaseStock(orderId: string): Promise<boolean>
  /** Releases every reservation lapsed at `now` (RFC 3339; default now); resolves to their order ids. */
  expireReservations(now?: string | undefined | null): Promise<string[]>
}
export type JsStore = Store

/**
 * Stripe (name `stripe`): card payments over PaymentIntents, refunds, 3-D Secure and signed
 * webhooks. Give it to `Shop.open` as a gateway (`{gateways: {card: stripe}}`).
 */
export declare class StripeGateway {
  /**
   * Stripe configured by `{api_key, webhook_secrets?, base_url?, timeout_seconds?, max_retries?}`
   * (snake_case, as every JSON shape here); neither the key nor the secrets appear in errors. A
   * bad configuration throws naming the field (`config.api_key`).
   */
  constructor(config: StripeConfig)
  /** `stripe`. */
  get name(): string
}
export type JsStripeGateway = StripeGateway

/** A customer's support case: messages, state, assignment, complaint flag and history. */
export declare class SupportCase {
  /**
   * Opens a case: `{customer_id, opened_by, channel, subject, description, priority, category,
   * order_id, order_line_ids}`; a blank subject or description names the field.
   */
  static open(newCase: NewCase | string, at?: string | undefined | null): SupportCase
  /** A case from its JSON form, as `toJSON` gives it. */
  static fromJSON(data: SupportCaseData | string): SupportCase
  /** The case as plain data. */
  toJSON(): SupportCaseData
  get id(): string
  get customerId(): string
  get orderId(): string | null
  get subject(): string
  /** `new`, `open`, `pending_customer`, `on_hold`, `solved` or `closed`. */
  get state(): CaseState
  get priority(): CasePriority
  /** The messages: the description, public replies and internal notes, oldest first. */
  get messages(): CaseMessage[]
  /** Every state change: `{at, actor, from, to}`. */
  get history(): CaseTransition[]
  /** `{agent_id, queue}`. */
  get assignment(): { agent_id: string | null; queue: string | null }
  /**
   * A public reply by `author` (`{kind: 'agent', id}` or `{kind: 'customer', id}`); a customer's
   * reply wakes a case waiting for them. Returns the message id.
   */
  reply(author: SupportActor, body: string, at?: string | undefined | null, policy?: CasePolicyData | null): string
  /** A note only staff see. Returns the message id. */
  addInternalNote(author: SupportActor, body: string, at?: string | undefined | null): string
  /**
   * Moves the case to `to`; a refused move throws `VITRINA_ILLEGAL_TRANSITION` (reopening after
   * the reopen window: `VITRINA_REOPEN_WINDOW_CLOSED`) and changes nothing.
   */
  transition(to: CaseState, actor: SupportActor, at?: string | undefined | null, policy?: CasePolicyData | null): void
  /** Assigns the case to an agent and/or queue. */
  assign(agentId?: string | undefined | null, queue?: string | undefined | null): void
  setPriority(priority: CasePriority): void
  setCategory(category: CaseCategory): void
  /** A new case following up this solved or closed one. */
  followUp(openedBy: SupportActor, description: string, at?: string | undefined | null): SupportCase
  /** What the customer sees ("track my request"): status and public messages, no internal notes. */
  customerView(): CustomerCaseView
  /**
   * The SLA report at `now`: first response and resolution against `policy`'s targets for the
   * case's priority, counted in `calendar`'s business minutes.
   */
  slaReport(policy: SlaPolicyData | string, calendar: BusinessCalendarData | string, now?: string | undefined | null): SlaReport
}
export type JsSupportCase = SupportCase

/** A customer-satisfaction survey sent after a solved case or a delivery. */
export declare class Survey {
  /** The survey sent when `case` is solved, valid `validityHours` (default 14 days). */
  static afterCaseSolved(supportCase: SupportCase, at?: string | undefined | null, validityHours?: number | undefined | null): Survey
  /** A survey from its JSON form, as `toJSON` gives it. */
  static fromJSON(data: SurveyData | string): Survey
  /** The survey as plain data. */
  toJSON(): SurveyData
  get id(): string
  /** When it lapses unanswered (RFC 3339). */
  get expiresAt(): string
  /** Whether a low score flagged it for a follow-up by staff. */
  get needsFollowUp(): boolean
  /** Records the customer's score (1 to 5) and comment; a second answer or a late one is refused. */
  answer(score: number, comment?: string | undefined | null, at?: string | undefined | null): void
}
export type JsSurvey = Survey

/**
 * The test courier (name `test`): EUR rates by weight, labels as text, and parcels that move along a
 * scenario as its own clock advances. Give it to `Shop.open` among `couriers`.
 */
export declare class TestCourier {
  /**
   * A test courier whose clock stands at `now` (RFC 3339); a malformed time throws `invalid` naming
   * `now`.
   */
  constructor(now: string)
  /** `test`. */
  get name(): string
  /** The courier's clock (RFC 3339, UTC). */
  now(): string
  /**
   * Moves the courier's clock forward by `by`: seconds, or an ISO 8601 duration (`PT2H`); its
   * parcels move on along their scenario.
   */
  advance(by: number | string): void
}
export type JsTestCourier = TestCourier

/** The built-in test gateway: magic cards (see `testCards()`), in memory. */
export declare class TestGateway {
  /** A test gateway signing its webhooks with `webhookSecret` (default `"whsec_test"`). */
  constructor(webhookSecret?: string | undefined | null)
}
export type JsTestGateway = TestGateway

/**
 * Times `iterations` calls of the engine on the same pricer, cart and context as
 * `pricer.price(cart, context)`, entirely in Rust; returns seconds per call (the benchmark baseline).
 */
export declare function benchPriceRust(pricer: Pricer, cart: Cart, context: PricingContext, iterations: number): number

/** Cash collected on delivery across the order's shipments, as money text. */
export declare function cashCollectedFor(order: Order, shipments: Array<Shipment>): string

/**
 * A validated e-mail (`{message_id, from, to, subject, text, html?, reply_to?, headers?,
 * attachments?}`) as the core's message; a bad address or a line break in a header names the field.
 */
export declare function composeEmail(email: NewEmail | string): EmailMessageData

/** Sent, answered, the 1-5 histogram, average, satisfied share and response rate of `surveys`. */
export declare function csatSummaryOf(surveys: Array<Survey>): CsatSummary

/** The delivery methods that serve `address` (a method without zones serves everywhere). */
export declare function deliveryMethodsFor(methods: DeliveryMethod[] | string, zones: ShippingZone[] | string, address: Address | string): DeliveryMethod[]

/** How much of each order line is planned, shipped and delivered across `shipments`. */
export declare function lineFulfilmentOf(order: Order, shipments: Array<Shipment>): LineFulfilment[]

/** A fresh message id `<uuid@domain>` for an e-mail sent at `at` (RFC 3339; default now). */
export declare function newMessageId(domain: string, at?: string | undefined | null): string

/** "Where is my order": the customer-facing milestones of `order` and its shipments, in time order. */
export declare function orderTimelineOf(order: Order, shipments: Array<Shipment>): TimelineEntry[]

/**
 * Prices a pricing input given as JSON text (`{catalog, rules, context, cart}`) and returns the priced
 * cart as compact JSON: byte for byte what every binding and the Rust engine print.
 */
export declare function priceJson(input: string): string

/**
 * Moves `order` after its shipments (`partially_shipped`, `shipped`, `delivered`); returns the states
 * it passed through.
 */
export declare function syncOrderWithShipments(order: Order, shipments: Array<Shipment>, actor?: Actor | null, at?: string | undefined | null): OrderState[]

/** The test gateway's magic cards. */
export declare function testCards(): TestCards

/** The magic card numbers of the test gateway (the token is the card number). */
export interface TestCards {
  success: string
  declined: string
  insufficientFunds: string
  expired: string
  processingError: string
  threeDSecure: string
  timeout: string
}

/** The version of the native module (the crate's). */
export declare function version(): string

/** The first zone (in the order given) that contains `address`, or `null`. */
export declare function zoneForAddress(zones: ShippingZone[] | string, address: Address | string): ShippingZone | null
