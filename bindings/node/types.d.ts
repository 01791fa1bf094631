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

