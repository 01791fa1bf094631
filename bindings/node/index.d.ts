/* Curated data shapes of the Vitrina engine, prepended to the generated `index.d.ts` (package.json
 * `napi.dtsHeaderFile`). Data crosses the boundary in the engine's JSON form: snake_case keys, amounts
 * as decimal strings ("12.90"; a number is a TypeError), currencies as ISO codes, times as RFC 3339. */

/** An exact amount as a decimal string, e.g. "12.90" (EUR), "500" (JPY), "1.250" (KWD). */
export type Amount = string

/** Every error thrown by Vitrina: `code` is stable (`VITRINA_INVALID_AMOUNT`...), `field` names the input. */
export interface VitrinaError extends Error {
  code: string
  /** The core module that refused: `money`, `catalog`, `configuration`, `cart`, `wish_list`, `pricing`, or `binding`. */
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
 * Times `iterations` calls of the engine on the same pricer, cart and context as
 * `pricer.price(cart, context)`, entirely in Rust; returns seconds per call (the benchmark baseline).
 */
export declare function benchPriceRust(pricer: Pricer, cart: Cart, context: PricingContext, iterations: number): number

/**
 * Prices a pricing input given as JSON text (`{catalog, rules, context, cart}`) and returns the priced
 * cart as compact JSON: byte for byte what every binding and the Rust engine print.
 */
export declare function priceJson(input: string): string

/** The version of the native module (the crate's). */
export declare function version(): string
