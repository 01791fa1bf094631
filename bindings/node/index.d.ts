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

/**
 * Which binding artifact the generated loader actually loaded: `'native'` for
 * a native addon, otherwise the `platformArchABI` of the WASI flavor. Every
 * flavor napi-rs can build is listed, because `NAPI_RS_NATIVE_LIBRARY_PATH`
 * can point the loader at a WASI artifact this package does not build itself.
 */
export declare const __napiBindingTarget: 'native' | 'wasm32-wasi' | 'wasm32-wasip1'

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

/**
 * Prices a pricing input given as JSON text (`{catalog, rules, context, cart}`) and returns the priced
 * cart as compact JSON: byte for byte what every binding and the Rust engine print.
 */
export declare function priceJson(input: string): string

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
