//! `Pricer`, `PricingContext` and `priceJson`, the conformance entry point every binding shares. A
//! priced cart comes back as a plain object in the engine's JSON shape (amounts as decimal strings),
//! so `JSON.stringify(pricer.price(cart, context))` is byte for byte what `priceJson` prints.

use std::hint::black_box;
use std::time::Instant;

use napi::bindgen_prelude::{Either, FnArgs, Function, FunctionRef, Unknown};
use napi::Env;
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
        Ok(JsPricer { inner, assemble: assemble.create_ref()? })
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
        priced_to_js(env, &self.assemble, priced)
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

type AssembleArgs = FnArgs<(String, String, u32, String, String)>;
type AssembleFn = FunctionRef<AssembleArgs, Unknown<'static>>;

/// Builds the priced cart's plain object from
/// - `head`: the JSON of everything but the lines and the promotions' line shares (`"lines":[]` in
///   their places, so key order is kept),
/// - `flat`: the lines' fields as one `\0`-separated text, 12 per line in `PricedLine` field order,
/// - `shares` / `counts`: every promotion's line shares as `line\0amount` pairs, and how many each has.
///
/// V8 builds these literal-shaped objects several times faster than `JSON.parse` reads the same data,
/// and this is most of the cost of `Pricer.price` beside the engine. `JSON.stringify` of the result is
/// still byte for byte the engine's JSON: the conformance vectors check it through `Pricer.price`.
const ASSEMBLE: &str = r#"(function assemblePricedCart(head, flat, n, shares, counts) {
  const cart = JSON.parse(head)
  if (n > 0) {
    const v = flat.split('\0')
    const lines = new Array(n)
    for (let k = 0, i = 0; k < n; k++, i += 12) {
      lines[k] = {
        line_id: v[i], variant_id: v[i + 1], product_id: v[i + 2], quantity: +v[i + 3], unit_price: v[i + 4],
        price_changed: v[i + 5] === '1', gift: v[i + 6] === '1', subtotal: v[i + 7], discount: v[i + 8],
        tax_rate: v[i + 9], tax: v[i + 10], total: v[i + 11],
      }
    }
    cart.lines = lines
  }
  if (shares.length > 0) {
    const v = shares.split('\0')
    const c = counts.split(',')
    const promotions = cart.promotions
    for (let p = 0, i = 0; p < promotions.length; p++) {
      const m = +c[p]
      const list = new Array(m)
      for (let k = 0; k < m; k++, i += 2) list[k] = { line: +v[i], amount: v[i + 1] }
      promotions[p].lines = list
    }
  }
  return cart
})"#;

/// The priced cart as a plain JavaScript object (see [`ASSEMBLE`]); falls back to `JSON.parse` of the
/// whole priced cart when a text field holds a `\0`.
fn priced_to_js<'env>(env: &'env Env, assemble: &AssembleFn, mut priced: PricedCart) -> napi::Result<Unknown<'env>> {
    use std::fmt::Write;
    let mut flat = String::with_capacity(priced.lines.len() * 96);
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
        if [line_id, variant_id, product_id].iter().any(|text| text.contains('\0')) {
            return to_js(env, &priced);
        }
        if !flat.is_empty() {
            flat.push('\0');
        }
        for text in [line_id, variant_id, product_id] {
            flat.push_str(text);
            flat.push('\0');
        }
        let _ = write!(flat, "{quantity}\0");
        push_amount(&mut flat, unit_price);
        for flag in [price_changed, gift] {
            flat.push('\0');
            if *flag {
                flat.push('1');
            }
        }
        flat.push('\0');
        for (i, amount) in [subtotal, discount, tax_rate, tax, total].into_iter().enumerate() {
            if i > 0 {
                flat.push('\0');
            }
            push_amount(&mut flat, amount);
        }
    }
    let mut shares = String::new();
    let mut counts = String::new();
    for (p, promotion) in priced.promotions.iter_mut().enumerate() {
        let AppliedPromotion { lines, .. } = promotion;
        let _ = write!(counts, "{}{}", if p > 0 { "," } else { "" }, lines.len());
        for LineShare { line, amount } in lines.iter() {
            if !shares.is_empty() {
                shares.push('\0');
            }
            let _ = write!(shares, "{line}\0");
            push_amount(&mut shares, amount);
        }
        lines.clear();
    }
    let count = u32::try_from(priced.lines.len()).map_err(|e| napi::Error::from_reason(e.to_string()))?;
    priced.lines = Vec::new();
    let head = serde_json::to_string(&priced).map_err(|e| napi::Error::from_reason(e.to_string()))?;
    assemble.borrow_back(env)?.call(FnArgs::from((head, flat, count, shares, counts)))
}

/// Appends an amount as its serde form (`Decimal`'s `Display`: every digit of its scale, "10.00"),
/// written from mantissa and scale; negative zero is left to `Display` itself.
fn push_amount(out: &mut String, amount: &Decimal) {
    let mantissa = amount.mantissa();
    if mantissa == 0 && amount.is_sign_negative() {
        out.push_str(&amount.to_string());
        return;
    }
    let mut digits = [0u8; 40];
    let mut len = 0;
    let mut rest = mantissa.unsigned_abs();
    loop {
        // `rest % 10` is below 10: the cast is exact.
        #[allow(clippy::cast_possible_truncation)]
        let digit = (rest % 10) as u8;
        digits[len] = b'0' + digit;
        len += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let scale = amount.scale() as usize;
    if mantissa < 0 {
        out.push('-');
    }
    if len <= scale {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', scale - len));
    }
    for (i, digit) in digits[..len].iter().rev().enumerate() {
        if len > scale && scale > 0 && i == len - scale {
            out.push('.');
        }
        out.push(char::from(*digit));
    }
}
