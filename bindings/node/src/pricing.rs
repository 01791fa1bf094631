//! `Pricer`, `PricingContext` and `priceJson`, the conformance entry point every binding shares. A
//! priced cart comes back as a plain object in the engine's JSON shape (amounts as decimal strings),
//! so `JSON.stringify(pricer.price(cart, context))` is byte for byte what `priceJson` prints.

use std::cell::RefCell;
use std::hint::black_box;
use std::time::Instant;

use napi::bindgen_prelude::{Either, FnArgs, Function, FunctionRef, Unknown};
use napi::{Env, JsString};
use napi_derive::napi;
use rust_decimal::Decimal;
use vitrina_core::pricing::{
    self, AppliedPromotion, LineShare, PricedCart, PricedLine, Pricer, PricingContext, PricingRules,
};

use crate::cart::JsCart;
use crate::catalog::JsCatalog;
use crate::convert::{count, from_js, json_text, to_js, INVALID_INPUT};
use crate::errors::{err, Failure, JsKind};

/// Prices a pricing input given as JSON text (`{catalog, rules, context, cart}`) and returns the priced
/// cart as compact JSON: byte for byte what every binding and the Rust engine print.
#[napi]
pub fn price_json(env: Env, input: String) -> napi::Result<String> {
    pricing::price_json(&input).map_err(|e| err(&env, e))
}

/// Who is buying, where, when and how: currency, region, channel, customer groups, time, first order,
/// promotion uses and the chosen shipping method.
#[napi(js_name = "PricingContext")]
pub struct JsPricingContext {
    pub(crate) inner: PricingContext,
}

#[napi]
impl JsPricingContext {
    /// A context from its JSON form (plain object or JSON text); `now` (RFC 3339 text or a `Date`)
    /// defaults to the current time.
    #[napi(constructor)]
    pub fn new(env: Env, #[napi(ts_arg_type = "PricingContextData | string")] data: Unknown<'_>) -> napi::Result<Self> {
        Ok(JsPricingContext { inner: context_from_js(&env, data)? })
    }

    /// The context as a plain object.
    #[napi(js_name = "toJSON", ts_return_type = "PricingContextData")]
    pub fn to_json<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.inner)
    }

    #[napi(getter)]
    pub fn currency(&self) -> &'static str {
        self.inner.currency.code()
    }

    /// The pricing moment as RFC 3339 text (UTC).
    #[napi(getter)]
    pub fn now(&self) -> String {
        self.inner.now.to_string()
    }

    #[napi(getter)]
    pub fn region(&self) -> Option<&str> {
        self.inner.region.as_deref()
    }

    #[napi(getter)]
    pub fn shipping_method_id(&self) -> Option<&str> {
        self.inner.shipping_method_id.as_deref()
    }
}

pub(crate) fn context_from_js(env: &Env, data: Unknown<'_>) -> napi::Result<PricingContext> {
    let (text, _) = json_text(env, data, "context")?;
    let invalid = |field: &str, reason: String| err(env, Failure::binding(JsKind::Error, INVALID_INPUT, field, reason));
    let mut value: serde_json::Value = serde_json::from_str(&text).map_err(|e| invalid("context", e.to_string()))?;
    if let serde_json::Value::Object(map) = &mut value {
        if !map.contains_key("now") {
            map.insert("now".to_owned(), jiff::Timestamp::now().to_string().into());
        }
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { "context".to_owned() } else { format!("context.{path}") };
        invalid(&field, e.into_inner().to_string())
    })
}

/// The store's pricing engine: a catalog snapshot with promotions, tax, shipping methods and rounding,
/// validated once; `price` is then a pure function of cart and context.
#[napi(js_name = "Pricer")]
pub struct JsPricer {
    pub(crate) inner: Pricer,
    /// The JavaScript function that assembles a priced cart (see [`priced_to_js`]), compiled once.
    assemble: AssembleFn,
    /// The buffers `price` packs a priced cart into, kept between calls.
    scratch: RefCell<Packed>,
}

#[napi]
impl JsPricer {
    /// `rules` as a plain object or JSON text (`{promotions, tax, shipping_methods, rounding}`);
    /// none: no promotions, no tax, no shipping methods.
    #[napi(constructor)]
    pub fn new(
        env: Env,
        catalog: &JsCatalog,
        #[napi(ts_arg_type = "PricingRules | string")] rules: Option<Unknown<'_>>,
    ) -> napi::Result<Self> {
        let rules: PricingRules = match rules {
            Some(rules) if !matches!(rules.get_type()?, napi::ValueType::Undefined | napi::ValueType::Null) => {
                from_js(&env, rules, "rules")?
            }
            _ => PricingRules::default(),
        };
        let inner = Pricer::new(catalog.inner.clone(), rules).map_err(|e| err(&env, e))?;
        let assemble: Function<AssembleArgs, Unknown<'static>> = env.run_script(ASSEMBLE)?;
        Ok(JsPricer { inner, assemble: assemble.create_ref()?, scratch: RefCell::default() })
    }

    /// The catalog snapshot this pricer uses.
    #[napi(getter)]
    pub fn catalog(&self) -> JsCatalog {
        JsCatalog { inner: self.inner.catalog().clone() }
    }

    /// The rules as plain data (amounts as decimal strings).
    #[napi(getter, ts_return_type = "PricingRules")]
    pub fn rules<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, self.inner.rules())
    }

    /// Prices `cart` in `context` (a `PricingContext`, or a plain object / JSON text in its form) and
    /// returns the priced cart as a plain object, amounts as decimal strings.
    #[napi(ts_return_type = "PricedCart")]
    pub fn price<'env>(
        &self,
        env: &'env Env,
        cart: &JsCart,
        #[napi(ts_arg_type = "PricingContext | PricingContextData | string")] context: Either<
            &JsPricingContext,
            Unknown<'_>,
        >,
    ) -> napi::Result<Unknown<'env>> {
        let priced = match context {
            Either::A(context) => self.inner.price(&cart.inner, &context.inner),
            Either::B(data) => self.inner.price(&cart.inner, &context_from_js(env, data)?),
        };
        let priced = priced.map_err(|e| err(env, e))?;
        priced_to_js(env, &self.assemble, &mut self.scratch.borrow_mut(), priced)
    }
}

/// Times `iterations` calls of the engine on the same pricer, cart and context as
/// `pricer.price(cart, context)`, entirely in Rust; returns seconds per call (the benchmark baseline).
#[napi]
pub fn bench_price_rust(
    env: Env,
    pricer: &JsPricer,
    cart: &JsCart,
    context: &JsPricingContext,
    iterations: f64,
) -> napi::Result<f64> {
    let iterations = count(&env, iterations, "iterations")?;
    if iterations == 0 {
        let failure = Failure::binding(JsKind::Range, "VITRINA_INVALID_COUNT", "iterations", "must be at least 1");
        return Err(err(&env, failure));
    }
    let (pricer, cart, context) = (&pricer.inner, &cart.inner, &context.inner);
    let start = Instant::now();
    for _ in 0..iterations {
        black_box(pricer.price(black_box(cart), black_box(context)).map_err(|e| err(&env, e))?);
    }
    Ok(start.elapsed().as_secs_f64() / f64::from(iterations))
}

type AssembleArgs<'env> = FnArgs<(String, JsString<'env>, JsString<'env>, JsString<'env>, u32)>;
type AssembleFn = FunctionRef<AssembleArgs<'static>, Unknown<'static>>;

/// Builds the priced cart's plain object from
/// - `head`: the JSON of everything but the lines and the promotions' line shares (`"lines":[]` in
///   their places, so key order is kept),
/// - `text` / `lens`: every text field, concatenated, and the length of each (one UTF-16 code unit
///   per length): per line its 9 texts in `PricedLine` field order, then per line share its amount,
/// - `nums`: 16-bit numbers (code units again): per line its quantity (high and low half) and flags
///   (1: price changed, 2: gift), then per promotion the number of its line shares and their lines,
/// - `n`: the number of lines.
///
/// V8 builds these literal-shaped objects several times faster than `JSON.parse` reads the same data,
/// and cutting the texts by length (no separators to search, no one-character strings to intern, no
/// buffers to finalize) keeps that cost to allocating the strings. `JSON.stringify` of the result is
/// still byte for byte the engine's JSON: the conformance vectors check it through `Pricer.price`.
const ASSEMBLE: &str = r#"(function assemblePricedCart(head, text, lens, nums, n) {
  const cart = JSON.parse(head)
  let at = 0
  let s = 0
  const next = () => text.substring(at, (at += lens.charCodeAt(s++)))
  if (n > 0) {
    const lines = new Array(n)
    for (let k = 0, i = 0; k < n; k++, i += 3) {
      const flags = nums.charCodeAt(i + 2)
      lines[k] = {
        line_id: next(), variant_id: next(), product_id: next(),
        quantity: nums.charCodeAt(i) * 65536 + nums.charCodeAt(i + 1), unit_price: next(),
        price_changed: (flags & 1) !== 0, gift: (flags & 2) !== 0, subtotal: next(), discount: next(),
        tax_rate: next(), tax: next(), total: next(),
      }
    }
    cart.lines = lines
  }
  const promotions = cart.promotions
  for (let p = 0, i = 3 * n; p < promotions.length; p++) {
    const m = nums.charCodeAt(i++)
    if (m === 0) continue
    const list = new Array(m)
    for (let k = 0; k < m; k++) list[k] = { line: nums.charCodeAt(i++), amount: next() }
    promotions[p].lines = list
  }
  return cart
})"#;

/// The texts, lengths and numbers [`ASSEMBLE`] reads.
#[derive(Default)]
struct Packed {
    /// ASCII only, so it is also Latin-1 text and V8 copies it without decoding.
    text: Vec<u8>,
    lens: Vec<u16>,
    nums: Vec<u16>,
}

impl Packed {
    /// Appends a text field; `None` when it is not ASCII (its UTF-16 length would differ from its
    /// byte length) or longer than 65535.
    fn push_text(&mut self, text: &str) -> Option<()> {
        text.is_ascii().then_some(())?;
        self.lens.push(u16::try_from(text.len()).ok()?);
        self.text.extend_from_slice(text.as_bytes());
        Some(())
    }

    fn push_amount(&mut self, amount: &Decimal) -> Option<()> {
        let start = self.text.len();
        push_amount(&mut self.text, amount);
        self.lens.push(u16::try_from(self.text.len() - start).ok()?);
        Some(())
    }

    fn push_num(&mut self, value: impl TryInto<u16>) -> Option<()> {
        self.nums.push(value.try_into().ok()?);
        Some(())
    }
}

/// Packs the lines and the promotions' line shares of `priced` into `packed` (emptied first); `None`
/// when a text is not ASCII or a count does not fit in 16 bits (more than 65535 lines).
fn pack(priced: &PricedCart, packed: &mut Packed) -> Option<()> {
    packed.text.clear();
    packed.lens.clear();
    packed.nums.clear();
    for line in &priced.lines {
        // Exhaustive: a new field of `PricedLine` fails the build until `ASSEMBLE` carries it.
        let PricedLine {
            line_id,
            variant_id,
            product_id,
            quantity,
            unit_price,
            price_changed,
            gift,
            subtotal,
            discount,
            tax_rate,
            tax,
            total,
        } = line;
        for text in [line_id, variant_id, product_id] {
            packed.push_text(text)?;
        }
        for amount in [unit_price, subtotal, discount, tax_rate, tax, total] {
            packed.push_amount(amount)?;
        }
        packed.push_num(quantity >> 16)?;
        packed.push_num(quantity & 0xFFFF)?;
        packed.push_num(u16::from(*price_changed) | (u16::from(*gift) << 1))?;
    }
    for promotion in &priced.promotions {
        packed.push_num(promotion.lines.len())?;
        for LineShare { line, amount } in &promotion.lines {
            packed.push_num(*line)?;
            packed.push_amount(amount)?;
        }
    }
    Some(())
}

/// The priced cart as a plain JavaScript object (see [`ASSEMBLE`]), packed through `scratch`; falls
/// back to `JSON.parse` of the whole priced cart when [`pack`] cannot pack it.
fn priced_to_js<'env>(
    env: &'env Env,
    assemble: &AssembleFn,
    scratch: &mut Packed,
    mut priced: PricedCart,
) -> napi::Result<Unknown<'env>> {
    let count = u32::try_from(priced.lines.len()).map_err(|e| napi::Error::from_reason(e.to_string()))?;
    if pack(&priced, scratch).is_none() {
        return to_js(env, &priced);
    }
    priced.lines = Vec::new();
    for AppliedPromotion { lines, .. } in &mut priced.promotions {
        lines.clear();
    }
    let head = serde_json::to_string(&priced).map_err(|e| napi::Error::from_reason(e.to_string()))?;
    let text = env.create_string_latin1(&scratch.text)?;
    let args = (head, text, env.create_string_utf16(&scratch.lens)?, env.create_string_utf16(&scratch.nums)?, count);
    assemble.borrow_back(env)?.call(FnArgs::from(args))
}

/// Appends an amount as its serde form (`Decimal`'s `Display`: every digit of its scale, "10.00"),
/// as ASCII bytes written right to left into a stack buffer with 64-bit arithmetic (a 128-bit
/// division per digit costs more than the rest of the conversion); a mantissa beyond 64 bits and
/// negative zero are left to `Display`.
fn push_amount(out: &mut Vec<u8>, amount: &Decimal) {
    let mantissa = amount.mantissa();
    let Ok(mut rest) = u64::try_from(mantissa.unsigned_abs()) else {
        out.extend_from_slice(amount.to_string().as_bytes());
        return;
    };
    if mantissa == 0 && amount.is_sign_negative() {
        out.extend_from_slice(amount.to_string().as_bytes());
        return;
    }
    let scale = amount.scale() as usize;
    // At most 29 digits (a scale of 28 and the leading zero), the point and the sign.
    let mut buffer = [0u8; 32];
    let mut at = buffer.len();
    let mut written = 0;
    loop {
        if written == scale && scale > 0 {
            at -= 1;
            buffer[at] = b'.';
        }
        // `rest % 10` is below 10: the cast is exact.
        #[allow(clippy::cast_possible_truncation)]
        let digit = (rest % 10) as u8;
        at -= 1;
        buffer[at] = b'0' + digit;
        rest /= 10;
        written += 1;
        if rest == 0 && written > scale {
            break;
        }
    }
    if mantissa < 0 {
        at -= 1;
        buffer[at] = b'-';
    }
    out.extend_from_slice(&buffer[at..]);
}
