#!/usr/bin/env python3
# Writes the typed Shop layer of the Kotlin binding (and its Swift twin) from bindings/bridge/api.json and
# core/error_codes.txt: data shapes, one class per use-case group, and one exception class per domain.
"""Generates the typed Shop layer of the Kotlin and Swift binding (Python 3 standard library only).

Usage: generate.py [OUT_DIR]  (default: bindings/uniffi/generated)

Writes `OUT_DIR/dev/vitrina/shop/{Types,Shop,Errors}.kt` (package `dev.vitrina.shop`):

* `Types.kt`: every `$defs` schema as a Kotlin type: objects as `data class`es, string enums as `enum
  class`es, internally tagged enums as `sealed class`es, plain strings as `typealias`es; each with
  `toJson()` and `fromJson(Json)` in the core's JSON form. Decimals are `BigDecimal`, `format: money`
  the runtime's `Money`, times `java.time` types.
* `Shop.kt`: `Shop`, with one property per use-case group (`shop.carts.addLine(...)`) whose `suspend`
  methods take typed parameters and answer typed results, documented from `api.json`.
* `Errors.kt`: `ShopException`, sealed, with one subclass per domain of `core/error_codes.txt` and a
  constant per code.

and `OUT_DIR/VitrinaShop.swift`, the same layer for a Swift module `VitrinaShop` over uniffi's `Vitrina`:
`Codable` structs and enums (decimals through `ExactDecimal`, never a float), an `async` `Shop`, and
`ShopError` with a case per domain.

The hand-written runtimes they rely on (`Json`, `Money`, the codecs, `ShopCore`, `Plugins`) are
`bindings/uniffi/kotlin/` and `bindings/uniffi/swift/ShopRuntime.swift`.
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PACKAGE = "dev.vitrina.shop"

# Kotlin's hard keywords, quoted with backticks when a name is one of them.
KEYWORDS = {
    "as", "break", "class", "continue", "do", "else", "false", "for", "fun", "if", "in", "interface", "is",
    "null", "object", "package", "return", "super", "this", "throw", "true", "try", "typealias", "typeof",
    "val", "var", "when", "while",
}

# Types of the runtime and java.time, by simple name, for qualifying a name a nested class hides.
QUALIFIED = {
    "Money": f"{PACKAGE}.Money",
    "Json": f"{PACKAGE}.Json",
    "BigDecimal": "java.math.BigDecimal",
    "Instant": "java.time.Instant",
    "LocalDate": "java.time.LocalDate",
    "LocalTime": "java.time.LocalTime",
    "Duration": "java.time.Duration",
}

# Schema `format`s of strings and integers, as Kotlin types with their decoder.
STRING_FORMATS = {
    "date-time": ("Instant", "asInstant()"),
    "date": ("LocalDate", "asDate()"),
    "partial-time": ("LocalTime", "asTime()"),
    "duration": ("Duration", "asDuration()"),
    "money": ("Money", "asMoney()"),
}
SMALL_INTEGERS = {"int8", "int16", "int32", "uint8", "uint16", "uint32"}


def camel(name):
    """`cart_id` -> `cartId`."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def pascal(name):
    """`bank_transfer` -> `BankTransfer`."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[_\-\s]+", name) if part)


def upper(name):
    """`bank_transfer` -> `BANK_TRANSFER`."""
    return re.sub(r"[^A-Za-z0-9]+", "_", name).upper()


def ident(name):
    """A Kotlin identifier, quoted when it is a keyword."""
    return f"`{name}`" if name in KEYWORDS else name


def string_literal(text):
    """A Kotlin string literal of `text`."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("\n", "\\n")
    return f'"{escaped}"'


def kdoc(text, indent=""):
    """A KDoc block of `text` (nothing when there is none)."""
    if not text or not text.strip():
        return ""
    lines = text.strip().replace("*/", "*&#47;").replace("/*", "&#47;*").splitlines()
    if len(lines) == 1:
        return f"{indent}/** {lines[0].strip()} */\n"
    body = "".join(f"{indent} * {line.strip()}".rstrip() + "\n" for line in lines)
    return f"{indent}/**\n{body}{indent} */\n"


def arguments(head, args, indent, width=100):
    """`head(a, b)` on one line when it fits in `width`, else one argument per line under `indent`."""
    flat = f"{head}({', '.join(args)})"
    if len(indent) + len(flat) <= width or not args:
        return flat
    inner = "".join(f"{indent}    {arg},\n" for arg in args)
    return f"{head}(\n{inner}{indent})"


def ref_name(schema):
    """The `$defs` name a `$ref` points at."""
    return schema["$ref"].rsplit("/", 1)[-1]


def null_variant(schema):
    """The non-null schema of a nullable one (`anyOf [X, null]`, `type [X, "null"]`), else None."""
    any_of = schema.get("anyOf")
    if any_of and len(any_of) == 2 and {"type": "null"} in any_of:
        return next(s for s in any_of if s != {"type": "null"})
    kind = schema.get("type")
    if isinstance(kind, list) and "null" in kind:
        rest = [k for k in kind if k != "null"]
        return {**schema, "type": rest[0] if len(rest) == 1 else rest}
    return None


class KType:
    """A Kotlin type with how to read it from a `Json` expression and write it back."""

    def __init__(self, name, decode, encode, nullable=False, kind="value"):
        self.name = name  # the type as written, without `?`
        self._decode = decode  # (json expression, depth) -> Kotlin expression of the type
        self._encode = encode  # (value expression, depth) -> Kotlin expression of Json
        self.nullable = nullable
        self.kind = kind  # value | list | map | class | enum | unit

    def text(self):
        return self.name + ("?" if self.nullable else "")

    def decode(self, expr, depth=0):
        """The Kotlin expression reading `expr` (a non-null `Json`)."""
        return self._decode(expr, depth)

    def encode(self, expr, depth=0):
        """The Kotlin expression writing non-null `expr` as `Json`."""
        return self._encode(expr, depth)

    def as_nullable(self):
        return KType(self.name, self._decode, self._encode, True, self.kind)


def simple(name, decoder):
    return KType(name, lambda e, d: f"{e}.{decoder}", lambda v, d: f"jsonOf({v})")


class Types:
    """Maps schemas to Kotlin types, with `$defs` resolved and names hidden by nested classes qualified."""

    def __init__(self, defs):
        self.defs = defs
        self.hidden = set()  # simple names hidden in the class being written

    def name(self, simple_name, qualified):
        return qualified if simple_name in self.hidden else simple_name

    def of(self, schema):
        if schema is True or schema == {}:
            return KType(self.name("Json", QUALIFIED["Json"]), lambda e, d: e, lambda v, d: v)
        inner = null_variant(schema)
        if inner is not None:
            return self.of(inner).as_nullable()
        if "$ref" in schema:
            return self.ref(ref_name(schema))
        kind = schema.get("type")
        fmt = schema.get("format")
        if kind == ["string", "number"]:
            return simple(self.name("BigDecimal", QUALIFIED["BigDecimal"]), "asDecimal()")
        if kind == "string":
            if fmt in STRING_FORMATS:
                name, decoder = STRING_FORMATS[fmt]
                return simple(self.name(name, QUALIFIED[name]), decoder)
            return simple("String", "asString()")
        if kind == "integer":
            return simple("Int", "asInt()") if fmt in SMALL_INTEGERS else simple("Long", "asLong()")
        if kind == "number":
            return simple("Double", "asDouble()")
        if kind == "boolean":
            return simple("Boolean", "asBoolean()")
        if kind == "null":
            return KType("Unit", lambda e, d: "Unit", lambda v, d: "Json.Null", kind="unit")
        if kind == "array":
            return self.array(schema)
        if kind == "object" and "additionalProperties" in schema:
            value = self.of(schema["additionalProperties"])
            return KType(
                f"Map<String, {value.text()}>",
                lambda e, d: f"{e}.asMap {{ j{d} -> {value.decode(f'j{d}', d + 1)} }}",
                lambda v, d: f"jsonOfMap({v}) {{ v{d} -> {value.encode(f'v{d}', d + 1)} }}",
                kind="map",
            )
        raise SystemExit(f"generate.py: no Kotlin type for schema {json.dumps(schema)[:200]}")

    def array(self, schema):
        if "prefixItems" in schema:
            first, second = (self.of(s) for s in schema["prefixItems"])
            return KType(
                f"Pair<{first.text()}, {second.text()}>",
                lambda e, d: f"{e}.asPair({{ a{d} -> {first.decode(f'a{d}', d + 1)} }}, "
                f"{{ b{d} -> {second.decode(f'b{d}', d + 1)} }})",
                lambda v, d: f"jsonOfPair({v}, {{ a{d} -> {first.encode(f'a{d}', d + 1)} }}, "
                f"{{ b{d} -> {second.encode(f'b{d}', d + 1)} }})",
            )
        item = self.of(schema["items"])
        return KType(
            f"List<{item.text()}>",
            lambda e, d: f"{e}.asList {{ j{d} -> {item.decode(f'j{d}', d + 1)} }}",
            lambda v, d: f"jsonOfList({v}) {{ v{d} -> {item.encode(f'v{d}', d + 1)} }}",
            kind="list",
        )

    def ref(self, name):
        schema = self.defs[name]
        if name == "Money" or schema.get("type") in ("string", "integer", "null"):
            # Money is the runtime's; plain strings and integers are type aliases; `Nothing` is Unit.
            base = self.of({k: v for k, v in schema.items() if k != "description"})
            if base.kind == "unit" or name == "Money":
                return base
            return KType(self.name(name, f"{PACKAGE}.{name}"), base._decode, base._encode)
        kotlin = self.name(name, f"{PACKAGE}.{name}")
        kind = "enum" if is_string_enum(schema) else "class"
        return KType(kotlin, lambda e, d: f"{kotlin}.fromJson({e})", lambda v, d: f"{v}.toJson()", kind=kind)


def is_string_enum(schema):
    return "oneOf" in schema and all("const" in alt for alt in schema["oneOf"])


def is_tagged_enum(schema):
    return "oneOf" in schema and all(alt.get("type") == "object" for alt in schema["oneOf"])


def tag_of(alternative):
    """The tag property of a tagged enum's alternative and its value."""
    tags = [(p, s["const"]) for p, s in alternative["properties"].items() if "const" in s]
    if len(tags) != 1:
        raise SystemExit(f"generate.py: expected one tag in {json.dumps(alternative)[:200]}")
    return tags[0]


# ---------------------------------------------------------------------------------------------------
# Data shapes.
# ---------------------------------------------------------------------------------------------------


class Field:
    """A property of an object schema as a constructor parameter of a data class."""

    def __init__(self, types, json_name, schema, required):
        self.json = json_name
        self.name = ident(camel(json_name))
        self.doc = schema.get("description", "") if isinstance(schema, dict) else ""
        self.type = types.of(schema)
        self.required = required
        self.has_default = isinstance(schema, dict) and "default" in schema
        self.default_json = schema.get("default") if self.has_default else None
        if not required and not self.has_default and not self.type.nullable:
            if self.type.kind not in ("list", "map"):
                raise SystemExit(f"generate.py: optional {json_name} has no default and is not nullable")
            self.has_default, self.default_json = True, [] if self.type.kind == "list" else {}

    def default(self):
        """The Kotlin default value of the parameter, or None."""
        if self.has_default:
            return default_expr(self.type, self.default_json)
        return "null" if self.type.nullable else None

    def decode(self, obj):
        if self.required and not self.type.nullable:
            return self.type.decode(f"{obj}.required({string_literal(self.json)})")
        read = f"{obj}.optional({string_literal(self.json)})?.let {{ j -> {self.type.decode('j', 1)} }}"
        if self.has_default and self.default_json is not None:
            return f"{read} ?: {default_expr(self.type, self.default_json)}"
        return read

    def encode(self):
        """The member of the field in `toJson()`: `"key" to <Json expression>`."""
        key = string_literal(self.json)
        if not self.type.nullable:
            return f"{key} to {self.type.encode(self.name)}"
        written = f"{self.name}?.let {{ v -> {self.type.encode('v', 1)} }}"
        # A required nullable field is written as `null`; an optional one is left out.
        return f"{key} to ({written} ?: Json.Null)" if self.required else f"{key} to {written}"


def default_expr(ktype, value):
    """A Kotlin expression of the schema default `value` for `ktype`."""
    if value is None:
        return "null"
    name = ktype.name
    if isinstance(value, bool) and name == "Boolean":
        return "true" if value else "false"
    if isinstance(value, int) and name in ("Int", "Long"):
        return f"{value}L" if name == "Long" else str(value)
    if isinstance(value, str) and name == "String":
        return string_literal(value)
    if isinstance(value, (str, int)) and not isinstance(value, bool) and name.endswith("BigDecimal"):
        return f"{name}({string_literal(str(value))})"
    if isinstance(value, str) and name.split(".")[-1] in ("Duration", "Instant", "Money"):
        return f"{name}.parse({string_literal(value)})"
    if isinstance(value, str) and ktype.kind == "enum":
        return f"{name}.{upper(value)}"
    if value == [] and ktype.kind == "list":
        return "emptyList()"
    if value == {} and ktype.kind == "map":
        return "emptyMap()"
    return ktype.decode(f"Json.parse({string_literal(json.dumps(value))})")


def data_class(types, name, schema, parent=None, tag=None):
    """A data class (or data object) for an object schema; as a variant of `parent` when given."""
    required = set(schema.get("required", []))
    props = {p: s for p, s in schema.get("properties", {}).items() if tag is None or p != tag[0]}
    fields = [Field(types, p, s, p in required) for p, s in props.items()]
    # Parameters with a default come last, so the others can be given in order.
    fields.sort(key=lambda field: field.default() is not None)
    indent = "    " if parent else ""
    supertype = f" : {parent}()" if parent else ""
    override = "override " if parent else ""
    members = [f"{string_literal(tag[0])} to jsonOf({string_literal(tag[1])})"] if tag else []
    to_json = arguments("jsonObject", members + [f.encode() for f in fields], indent + "    ")
    out = kdoc(schema.get("description", ""), indent)
    if not fields:
        out += f"{indent}data object {name}{supertype} {{\n"
        out += f"{indent}    /** This value in the core's JSON form. */\n"
        out += f"{indent}    {override}fun toJson(): Json = {to_json}\n{indent}}}\n"
        return out
    out += f"{indent}data class {name}(\n"
    for field in fields:
        out += kdoc(field.doc, indent + "    ")
        default = field.default()
        out += f"{indent}    val {field.name}: {field.type.text()}" + (f" = {default}" if default else "") + ",\n"
    out += f"{indent}){supertype} {{\n"
    out += f"{indent}    /** This value in the core's JSON form. */\n"
    out += f"{indent}    {override}fun toJson(): Json = {to_json}\n"
    if not parent:
        out += f"\n{indent}    companion object {{\n"
        out += f"{indent}        /** Reads a [{name}] from the core's JSON form. */\n"
        out += f"{indent}        fun fromJson(json: Json): {name} {{\n"
        out += f"{indent}            val o = json.asObject()\n"
        out += f"{indent}            return {construct(name, fields, indent + '            ')}\n"
        out += f"{indent}        }}\n"
        out += f"{indent}    }}\n"
    out += f"{indent}}}\n"
    return out


def construct(name, fields, indent):
    """The constructor call reading `fields` from the object `o`."""
    return arguments(name, [f"{f.name} = {f.decode('o')}" for f in fields], indent)


def sealed_class(types, name, schema):
    """A sealed class for an internally tagged enum: one subclass per variant."""
    alternatives = schema["oneOf"]
    variants = [(pascal(tag_of(alt)[1]), alt) for alt in alternatives]
    types.hidden = {variant for variant, _ in variants}
    tag_key = tag_of(alternatives[0])[0]
    out = kdoc(schema.get("description", ""))
    out += f"sealed class {name} {{\n"
    out += "    /** This value in the core's JSON form. */\n    abstract fun toJson(): Json\n"
    reads = []
    for variant, alt in variants:
        tag = tag_of(alt)
        out += "\n" + data_class(types, variant, alt, parent=name, tag=tag)
        required = set(alt.get("required", []))
        fields = [Field(types, p, s, p in required) for p, s in alt["properties"].items() if p != tag[0]]
        read = construct(variant, fields, "                ") if fields else variant
        reads.append(f"                {string_literal(tag[1])} -> {read}")
    out += "\n    companion object {\n"
    out += f"        /** Reads a [{name}] from the core's JSON form, by its `{tag_key}`. */\n"
    out += f"        fun fromJson(json: Json): {name} {{\n"
    out += "            val o = json.asObject()\n"
    out += f"            return when (val tag = o.required({string_literal(tag_key)}).asString()) {{\n"
    out += "\n".join(reads) + "\n"
    out += f'                else -> throw IllegalArgumentException("{name}: unknown {tag_key} \\"$tag\\"")\n'
    out += "            }\n        }\n    }\n}\n"
    types.hidden = set()
    return out


def enum_class(name, schema):
    """An enum class for a string enum; each entry knows its JSON string."""
    out = kdoc(schema.get("description", ""))
    out += f"enum class {name}(val json: String) {{\n"
    entries = []
    for alt in schema["oneOf"]:
        entries.append(kdoc(alt.get("description", ""), "    ") + f"    {upper(alt['const'])}({string_literal(alt['const'])})")
    out += ",\n".join(entries) + ";\n\n"
    out += "    /** This value in the core's JSON form. */\n    fun toJson(): Json = Json.Str(json)\n\n"
    out += "    companion object {\n"
    out += f"        /** Reads a [{name}] from its JSON string. */\n"
    out += f"        fun fromJson(json: Json): {name} = json.asString().let {{ s ->\n"
    out += f'            entries.firstOrNull {{ it.json == s }} ?: throw IllegalArgumentException("{name}: unknown value \\"$s\\"")\n'
    out += "        }\n    }\n}\n"
    return out


def type_alias(types, name, schema):
    base = types.of({k: v for k, v in schema.items() if k != "description"})
    return kdoc(schema.get("description", "")) + f"typealias {name} = {base.text()}\n"


def types_file(api):
    defs = api["$defs"]
    types = Types(defs)
    parts = []
    for name, schema in defs.items():
        if name == "Money" or schema.get("type") == "null":
            continue  # the runtime's Money; `Nothing` is Unit
        if schema.get("type") in ("string", "integer"):
            parts.append(type_alias(types, name, schema))
        elif is_string_enum(schema):
            parts.append(enum_class(name, schema))
        elif is_tagged_enum(schema):
            parts.append(sealed_class(types, name, schema))
        elif schema.get("type") == "object":
            parts.append(data_class(types, name, schema))
        else:
            raise SystemExit(f"generate.py: no Kotlin shape for $defs/{name}")
    header = (
        "// Generated by bindings/uniffi/generate.py from bindings/bridge/api.json: do not edit.\n"
        "// The core's data shapes as Kotlin types, each with toJson() / fromJson() in the core's JSON form.\n"
        f"package {PACKAGE}\n\n"
        "import java.math.BigDecimal\nimport java.time.Duration\nimport java.time.Instant\n"
        "import java.time.LocalDate\nimport java.time.LocalTime\n\n"
    )
    return header + "\n".join(parts)


# ---------------------------------------------------------------------------------------------------
# The Shop and its use-case groups.
# ---------------------------------------------------------------------------------------------------


def method(types, use_case, target):
    """A `suspend fun` running `use_case` through `target` (a `ShopCore` expression)."""
    name = use_case["name"].split(".")[-1]
    params = []
    docs = [use_case.get("doc", "")]
    for param in use_case["params"]:
        ktype = types.of(param["schema"])
        kotlin = ident(camel(param["name"]))
        default = " = null" if ktype.nullable else ""
        params.append((param["name"], kotlin, ktype, default))
        description = param["schema"].get("description") if isinstance(param["schema"], dict) else None
        if description:
            docs.append(f"@param {kotlin} {description}")
    args = [
        f"{string_literal(p)} to "
        + (f"({k}?.let {{ v -> {t.encode('v', 1)} }} ?: Json.Null)" if t.nullable else t.encode(k))
        for p, k, t, _ in params
    ]
    returns = types.of(use_case["returns"])
    call = f"{target}.call({string_literal(use_case['name'])}, {arguments('jsonObject', args, '        ')})"
    # Parameters that may be left out (nullable, `= null`) come last, as Kotlin callers expect.
    params.sort(key=lambda param: bool(param[3]))
    if returns.kind == "unit":
        body, result = f" {{\n        {call}\n    }}", ""
    elif returns.nullable:
        body, result = f" =\n        {call}.takeUnless {{ it == Json.Null }}?.let {{ j -> {returns.decode('j', 1)} }}", f": {returns.text()}"
    else:
        body, result = f" =\n        {returns.decode(call)}", f": {returns.text()}"
    signature = ", ".join(f"{k}: {t.text()}{d}" for _, k, t, d in params)
    return kdoc("\n".join(docs), "    ") + f"    suspend fun {ident(camel(name))}({signature}){result}{body}\n"


def shop_file(api):
    types = Types(api["$defs"])
    groups = {}
    bare = []
    for use_case in api["use_cases"]:
        if "." in use_case["name"]:
            groups.setdefault(use_case["name"].split(".")[0], []).append(use_case)
        else:
            bare.append(use_case)
    out = (
        "// Generated by bindings/uniffi/generate.py from bindings/bridge/api.json: do not edit.\n"
        "// The Shop and its use-case groups: every use case of the core as a typed suspend function.\n"
        f"package {PACKAGE}\n\n"
        "import java.math.BigDecimal\nimport java.time.Duration\nimport java.time.Instant\n"
        "import java.time.LocalDate\nimport java.time.LocalTime\n\n"
    )
    out += kdoc(
        "A shop over its store: every use case of the core, grouped as the core groups them "
        "(`shop.carts.addLine(cartId, variantId, 2)`). Open it with [Shop.open]; a failure is the "
        "[ShopException] of its domain, carrying the core's `code` and `field`."
    )
    out += "class Shop private constructor(private val core: ShopCore) {\n"
    for group in groups:
        out += f"    /** The `{group}` use cases. */\n    val {ident(camel(group))} = Shop{pascal(group)}(core)\n\n"
    for use_case in bare:
        out += method(types, use_case, "core") + "\n"
    out += (
        "    /** Runs the use case [name] with its named arguments in the core's JSON form (see `api.json`). */\n"
        "    suspend fun call(name: String, args: Json.Obj): Json = core.call(name, args)\n\n"
        "    /** The shop's time now. */\n    fun now(): Instant = core.now()\n\n"
        "    /** Sets the hand-set clock to [at] (a shop opened with `clockAt`). */\n"
        "    fun setTime(at: Instant) = core.setTime(at)\n\n"
        "    /** Moves the hand-set clock forward by [by] (a shop opened with `clockAt`). */\n"
        "    fun advance(by: Duration) = core.advance(by)\n\n"
        "    companion object {\n"
        "        /**\n"
        "         * Opens the store at [url] (`sqlite::memory:`, `sqlite:shop.db`, `postgres://…`) with [plugins],\n"
        "         * on the system clock, or on a hand-set clock standing at [clockAt].\n"
        "         */\n"
        "        suspend fun open(url: String, plugins: Plugins = Plugins(), clockAt: Instant? = null): Shop =\n"
        "            Shop(ShopCore.open(url, plugins, clockAt))\n"
        "    }\n}\n"
    )
    for group, use_cases in groups.items():
        out += f"\n/** The `{group}` use cases of a [Shop]. */\n"
        out += f"class Shop{pascal(group)} internal constructor(private val core: ShopCore) {{\n"
        out += "\n".join(method(types, use_case, "core") for use_case in use_cases)
        out += "}\n"
    return out


# ---------------------------------------------------------------------------------------------------
# Exceptions.
# ---------------------------------------------------------------------------------------------------


def error_domains(text):
    """`domain -> [codes]` from core/error_codes.txt, in order."""
    domains = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            domain, code, _ = line.split("\t")
            codes = domains.setdefault(domain, [])
            if code not in codes:
                codes.append(code)
    return domains


def errors_file(domains):
    fields = "message: String, code: String, field: String?, outcomeUnknown: Boolean, conflict: Boolean"
    passed = "message, code, field, outcomeUnknown, conflict"
    out = (
        "// Generated by bindings/uniffi/generate.py from core/error_codes.txt: do not edit.\n"
        "// A failed use case, as one exception class per domain of the core with the core's code and field.\n"
        f"package {PACKAGE}\n\n"
    )
    out += kdoc(
        "A use case that failed: the subclass names the part of the core that refused (`ShopException.Cart`), "
        "[code] is the core's stable code (`zero_quantity`) and [field] the input concerned (`quantity`)."
    )
    out += (
        "sealed class ShopException(\n"
        "    message: String,\n"
        "    /** The core's stable snake_case code. */\n    val code: String,\n"
        "    /** The input field concerned, when there is one. */\n    val field: String?,\n"
        "    /** The part of the core that refused (`cart`, `payment`, `shop`). */\n    val domain: String,\n"
        "    /** The outcome of a money movement is unknown: repeat with the same key. */\n"
        "    val outcomeUnknown: Boolean,\n"
        "    /** The call lost a race to another writer: read again and retry. */\n    val conflict: Boolean,\n"
        ") : Exception(message) {\n"
    )
    for domain, codes in domains.items():
        out += f"    /** A refusal of the `{domain}` domain; its codes are the constants here. */\n"
        out += f"    class {pascal(domain)}({fields}) :\n"
        out += f"        ShopException(message, code, field, {string_literal(domain)}, outcomeUnknown, conflict) {{\n"
        out += "        companion object {\n"
        for code in codes:
            out += f"            /** `{code}` */\n            const val {upper(code)} = {string_literal(code)}\n"
        out += "        }\n    }\n\n"
    out += (
        "    /** A refusal of a domain this binding was generated without. */\n"
        f"    class Other(message: String, code: String, field: String?, domain: String, outcomeUnknown: Boolean, conflict: Boolean) :\n"
        "        ShopException(message, code, field, domain, outcomeUnknown, conflict)\n\n"
        "    companion object {\n"
        "        /** Every domain with a class of its own. */\n"
        f"        val DOMAINS: List<String> = listOf({', '.join(string_literal(d) for d in domains)})\n\n"
        "        /** The exception of [domain] for a failure of the core. */\n"
        f"        fun of(code: String, field: String?, domain: String, message: String, outcomeUnknown: Boolean, conflict: Boolean): ShopException =\n"
        "            when (domain) {\n"
    )
    for domain in domains:
        out += f"                {string_literal(domain)} -> {pascal(domain)}({passed})\n"
    out += f"                else -> Other(message, code, field, domain, outcomeUnknown, conflict)\n"
    out += "            }\n    }\n}\n"
    return out


# ---------------------------------------------------------------------------------------------------
# Swift: the same layer as `Codable` types and an `async` Shop, for the module VitrinaShop over Vitrina.
# ---------------------------------------------------------------------------------------------------

SWIFT_KEYWORDS = {
    "as", "associatedtype", "break", "case", "catch", "class", "continue", "default", "defer", "deinit", "do",
    "else", "enum", "extension", "fallthrough", "false", "fileprivate", "for", "func", "guard", "if", "import",
    "in", "init", "inout", "internal", "is", "let", "nil", "open", "operator", "private", "protocol", "public",
    "repeat", "rethrows", "return", "self", "Self", "some", "static", "struct", "subscript", "super", "switch",
    "throw", "throws", "true", "try", "Type", "typealias", "var", "where", "while",
}
SWIFT_FORMATS = {
    "date-time": "Date",
    "date": "LocalDate",
    "partial-time": "LocalTime",
    "duration": "ISODuration",
    "money": "Money",
}


def swift_ident(name):
    """A Swift identifier, quoted when it is a keyword."""
    return f"`{name}`" if name in SWIFT_KEYWORDS else name


def swift_doc(text, indent=""):
    """`///` lines of `text` (nothing when there is none)."""
    if not text or not text.strip():
        return ""
    return "".join(f"{indent}/// {line.strip()}".rstrip() + "\n" for line in text.strip().splitlines())


def swift_literal(text):
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


class SType:
    """A Swift type; `exact` when it is a `Decimal` coded through `ExactDecimal`."""

    def __init__(self, name, nullable=False, kind="value", exact=False):
        self.name, self.nullable, self.kind, self.exact = name, nullable, kind, exact

    def text(self):
        return self.name + ("?" if self.nullable else "")

    def coded(self):
        """The type the coding containers read and write."""
        return "ExactDecimal" if self.exact else self.name

    def wrap(self, expr):
        """`expr` as the coded type (an optional stays optional)."""
        if not self.exact:
            return expr
        return f"{expr}.map(ExactDecimal.init)" if self.nullable else f"ExactDecimal({expr})"


class SwiftTypes:
    """Maps schemas to Swift types with `$defs` resolved."""

    def __init__(self, defs):
        self.defs = defs

    def of(self, schema):
        if schema is True or schema == {}:
            return SType("JSONValue")
        inner = null_variant(schema)
        if inner is not None:
            found = self.of(inner)
            return SType(found.name, True, found.kind, found.exact)
        if "$ref" in schema:
            return self.ref(ref_name(schema))
        kind, fmt = schema.get("type"), schema.get("format")
        if kind == ["string", "number"]:
            return SType("Decimal", exact=True)
        if kind == "string":
            return SType(SWIFT_FORMATS.get(fmt, "String"))
        if kind == "integer":
            return SType("Int" if fmt in SMALL_INTEGERS else "Int64")
        if kind == "number":
            return SType("Double")
        if kind == "boolean":
            return SType("Bool")
        if kind == "null":
            return SType("Void", kind="unit")
        if kind == "array":
            if "prefixItems" in schema:
                first, second = (self.plain(s) for s in schema["prefixItems"])
                return SType(f"Pair<{first.text()}, {second.text()}>")
            return SType(f"[{self.plain(schema['items']).text()}]", kind="list")
        if kind == "object" and "additionalProperties" in schema:
            return SType(f"[String: {self.plain(schema['additionalProperties']).text()}]", kind="map")
        raise SystemExit(f"generate.py: no Swift type for schema {json.dumps(schema)[:200]}")

    def plain(self, schema):
        """A type nested in a collection, which cannot go through `ExactDecimal`."""
        found = self.of(schema)
        if found.exact:
            raise SystemExit(f"generate.py: a decimal inside a collection: {json.dumps(schema)[:200]}")
        return found

    def ref(self, name):
        schema = self.defs[name]
        if name == "Money":
            return SType("Money")
        if schema.get("type") == "null":
            return SType("Void", kind="unit")
        if is_string_enum(schema):
            return SType(name, kind="enum")
        return SType(name)


class SwiftField:
    """A property of an object schema (or an associated value of a tagged enum's case)."""

    def __init__(self, types, json_name, schema, required):
        self.json = json_name
        self.name = swift_ident(camel(json_name))
        self.doc = schema.get("description", "") if isinstance(schema, dict) else ""
        self.type = types.of(schema)
        self.required = required
        self.default_json = schema.get("default") if isinstance(schema, dict) else None
        self.has_default = isinstance(schema, dict) and "default" in schema
        if not required and not self.has_default and not self.type.nullable:
            self.has_default, self.default_json = True, [] if self.type.kind == "list" else {}

    def default(self):
        if self.has_default:
            return swift_default(self.type, self.default_json)
        return "nil" if self.type.nullable else None

    def decode(self):
        key = f".{self.name}"
        if self.required and not self.type.nullable:
            read = f"try c.decode({self.type.coded()}.self, forKey: {key})"
            return read + (".value" if self.type.exact else "")
        read = f"try c.decodeIfPresent({self.type.coded()}.self, forKey: {key})" + ("?.value" if self.type.exact else "")
        if self.has_default and self.default_json is not None:
            return f"{read} ?? {swift_default(self.type, self.default_json)}"
        return read

    def encode(self, value):
        method = "encodeIfPresent" if self.type.nullable and not self.required else "encode"
        return f"try c.{method}({self.type.wrap(value)}, forKey: .{self.name})"


def swift_default(stype, value):
    """A Swift expression of the schema default `value` for `stype`."""
    if value is None:
        return "nil"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)) and stype.name in ("Int", "Int64", "Double"):
        return str(value)
    if stype.exact and isinstance(value, (str, int)):
        return f"Decimal(string: {swift_literal(str(value))})!"
    if isinstance(value, str) and stype.name == "String":
        return swift_literal(value)
    if isinstance(value, str) and stype.kind == "enum":
        return f".{swift_ident(camel(value))}"
    if value == [] or value == {}:
        return "[]" if value == [] else "[:]"
    return f"ShopJSON.defaultValue({swift_literal(json.dumps(value))})"


def swift_coding_keys(fields, extra=()):
    keys = {}
    for json_name in extra:
        keys[swift_ident(camel(json_name))] = json_name
    for field in fields:
        keys[field.name] = field.json
    lines = "".join(
        f"        case {name}" + (f" = {swift_literal(json_name)}" if name.strip("`") != json_name else "") + "\n"
        for name, json_name in keys.items()
    )
    return f"    private enum CodingKeys: String, CodingKey {{\n{lines}    }}\n"


def swift_struct(types, name, schema):
    required = set(schema.get("required", []))
    fields = [SwiftField(types, p, s, p in required) for p, s in schema.get("properties", {}).items()]
    fields.sort(key=lambda field: field.default() is not None)
    out = swift_doc(schema.get("description", ""))
    out += f"public struct {name}: Codable, Hashable, Sendable {{\n"
    for field in fields:
        out += swift_doc(field.doc, "    ") + f"    public var {field.name}: {field.type.text()}\n"
    params = ", ".join(
        f"{f.name}: {f.type.text()}" + (f" = {f.default()}" if f.default() is not None else "") for f in fields
    )
    out += f"\n    /// A {name} of these values; the others take the schema's defaults.\n"
    out += f"    public init({params}) {{\n"
    out += "".join(f"        self.{f.name} = {f.name}\n" for f in fields)
    out += "    }\n\n" + swift_coding_keys(fields) + "\n"
    out += "    public init(from decoder: Decoder) throws {\n"
    out += "        let c = try decoder.container(keyedBy: CodingKeys.self)\n" if fields else ""
    out += "".join(f"        {f.name} = {f.decode()}\n" for f in fields)
    out += "    }\n\n    public func encode(to encoder: Encoder) throws {\n"
    out += "        var c = encoder.container(keyedBy: CodingKeys.self)\n" if fields else ""
    out += "".join(f"        {f.encode(f.name)}\n" for f in fields)
    out += "    }\n}\n"
    return out


def swift_tagged_enum(types, name, schema):
    alternatives = schema["oneOf"]
    tag_key = tag_of(alternatives[0])[0]
    cases = []
    for alt in alternatives:
        tag = tag_of(alt)
        required = set(alt.get("required", []))
        fields = [SwiftField(types, p, s, p in required) for p, s in alt["properties"].items() if p != tag[0]]
        cases.append((swift_ident(camel(tag[1])), tag[1], alt, fields))
    out = swift_doc(schema.get("description", ""))
    out += f"public enum {name}: Codable, Hashable, Sendable {{\n"
    for case, _, alt, fields in cases:
        values = ", ".join(
            f"{f.name}: {f.type.text()}" + (f" = {f.default()}" if f.default() is not None else "") for f in fields
        )
        out += swift_doc(alt.get("description", ""), "    ") + f"    case {case}" + (f"({values})" if fields else "") + "\n"
    all_fields = [f for _, _, _, fields in cases for f in fields]
    out += "\n" + swift_coding_keys(all_fields, extra=[tag_key]) + "\n"
    tag_case = swift_ident(camel(tag_key))
    out += "    public init(from decoder: Decoder) throws {\n"
    out += "        let c = try decoder.container(keyedBy: CodingKeys.self)\n"
    out += f"        switch try c.decode(String.self, forKey: .{tag_case}) {{\n"
    for case, tag, _, fields in cases:
        values = ", ".join(f"{f.name}: {f.decode()}" for f in fields)
        out += f"        case {swift_literal(tag)}:\n            self = .{case}" + (f"({values})" if fields else "") + "\n"
    out += "        case let tag:\n"
    out += f'            throw DecodingError.dataCorruptedError(forKey: .{tag_case}, in: c, debugDescription: "unknown {tag_key} \\(tag)")\n'
    out += "        }\n    }\n\n    public func encode(to encoder: Encoder) throws {\n"
    out += "        var c = encoder.container(keyedBy: CodingKeys.self)\n        switch self {\n"
    for case, tag, _, fields in cases:
        bound = f"let .{case}({', '.join(f.name for f in fields)})" if fields else f".{case}"
        out += f"        case {bound}:\n            try c.encode({swift_literal(tag)}, forKey: .{tag_case})\n"
        out += "".join(f"            {f.encode(f.name)}\n" for f in fields)
    out += "        }\n    }\n}\n"
    return out


def swift_string_enum(name, schema):
    out = swift_doc(schema.get("description", ""))
    out += f"public enum {name}: String, Codable, Hashable, Sendable, CaseIterable {{\n"
    for alt in schema["oneOf"]:
        out += swift_doc(alt.get("description", ""), "    ")
        out += f"    case {swift_ident(camel(alt['const']))} = {swift_literal(alt['const'])}\n"
    return out + "}\n"


def swift_types(api):
    types = SwiftTypes(api["$defs"])
    parts = []
    for name, schema in api["$defs"].items():
        if name == "Money" or schema.get("type") == "null":
            continue
        if schema.get("type") in ("string", "integer"):
            alias = types.of({k: v for k, v in schema.items() if k != "description"}).text()
            parts.append(swift_doc(schema.get("description", "")) + f"public typealias {name} = {alias}\n")
        elif is_string_enum(schema):
            parts.append(swift_string_enum(name, schema))
        elif is_tagged_enum(schema):
            parts.append(swift_tagged_enum(types, name, schema))
        else:
            parts.append(swift_struct(types, name, schema))
    return "\n".join(parts)


def swift_method(types, use_case, static=False):
    name = use_case["name"].split(".")[-1]
    params = []
    docs = [use_case.get("doc", "")]
    for param in use_case["params"]:
        stype = types.of(param["schema"])
        swift = swift_ident(camel(param["name"]))
        params.append((param["name"], swift, stype))
        description = param["schema"].get("description") if isinstance(param["schema"], dict) else None
        if description:
            docs.append(f"- Parameter {swift.strip('`')}: {description}")
    args = ", ".join(f"{swift_literal(p)}: ShopArgument({t.wrap(k)})" for p, k, t in params) or ":"
    params.sort(key=lambda param: param[2].nullable)
    signature = ", ".join(f"{k}: {t.text()}" + (" = nil" if t.nullable else "") for _, k, t in params)
    returns = types.of(use_case["returns"])
    if returns.exact:
        raise SystemExit(f"generate.py: {use_case['name']} answers a bare decimal")
    call = f"core.call({swift_literal(use_case['name'])}, [{args}])"
    if returns.kind == "unit":
        head, body = "", f"try await core.run({swift_literal(use_case['name'])}, [{args}])"
    else:
        head, body = f" -> {returns.text()}", f"try await {call}"
    out = swift_doc("\n".join(docs), "    ")
    return out + f"    public func {swift_ident(camel(name))}({signature}) async throws{head} {{\n        {body}\n    }}\n"


def swift_shop(api):
    types = SwiftTypes(api["$defs"])
    groups, bare = {}, []
    for use_case in api["use_cases"]:
        if "." in use_case["name"]:
            groups.setdefault(use_case["name"].split(".")[0], []).append(use_case)
        else:
            bare.append(use_case)
    out = swift_doc(
        "A shop over its store: every use case of the core, grouped as the core groups them\n"
        "(`try await shop.carts.addLine(cartId: id, variantId: \"tea\", quantity: 2)`). Open it with\n"
        "`Shop.open`; a failure is the `ShopError` case of its domain, with the core's code and field."
    )
    out += "public final class Shop: @unchecked Sendable {\n    private let core: ShopCore\n"
    for group in groups:
        out += f"    /// The `{group}` use cases.\n    public let {swift_ident(camel(group))}: Shop{pascal(group)}\n"
    out += "\n    private init(core: ShopCore) {\n        self.core = core\n"
    out += "".join(f"        {swift_ident(camel(g))} = Shop{pascal(g)}(core: core)\n" for g in groups)
    out += "    }\n\n"
    out += (
        "    /// Opens the store at `url` (`sqlite::memory:`, `sqlite:shop.db`, `postgres://…`) with `plugins`,\n"
        "    /// on the system clock, or on a hand-set clock standing at `clockAt`.\n"
        "    public static func `open`(url: String, plugins: Plugins = Plugins(), clockAt: Date? = nil) async throws -> Shop {\n"
        "        Shop(core: try await ShopCore.open(url: url, plugins: plugins, clockAt: clockAt))\n    }\n\n"
    )
    out += "\n".join(swift_method(types, use_case) for use_case in bare)
    out += (
        "\n    /// The shop's time now.\n    public func now() throws -> Date { try core.now() }\n\n"
        "    /// Sets the hand-set clock to `at` (a shop opened with `clockAt`).\n"
        "    public func setTime(_ at: Date) throws { try core.setTime(at) }\n\n"
        "    /// Moves the hand-set clock forward by `by` (a shop opened with `clockAt`).\n"
        "    public func advance(_ by: ISODuration) throws { try core.advance(by) }\n}\n"
    )
    for group, use_cases in groups.items():
        out += f"\n/// The `{group}` use cases of a `Shop`.\n"
        out += f"public final class Shop{pascal(group)}: @unchecked Sendable {{\n    private let core: ShopCore\n\n"
        out += "    init(core: ShopCore) { self.core = core }\n\n"
        out += "\n".join(swift_method(types, use_case) for use_case in use_cases)
        out += "}\n"
    return out


def swift_errors(domains):
    out = swift_doc(
        "A use case that failed: the case names the part of the core that refused (`.cart`), its\n"
        "`ShopFailure` carries the core's stable code (`zero_quantity`) and the field concerned."
    )
    out += "public enum ShopError: Swift.Error, Hashable, Sendable {\n"
    for domain, codes in domains.items():
        out += f"    /// A refusal of the `{domain}` domain: {', '.join(f'`{c}`' for c in codes)}.\n"
        out += f"    case {swift_ident(camel(domain))}(ShopFailure)\n"
    out += "    /// A refusal of a domain this binding was generated without.\n    case other(ShopFailure)\n\n"
    out += "    /// Every domain with a case of its own.\n"
    out += f"    public static let domains: [String] = [{', '.join(swift_literal(d) for d in domains)}]\n\n"
    cases = ", ".join(f".{swift_ident(camel(d))}(let failure)" for d in domains)
    out += "    /// What the core said.\n    public var failure: ShopFailure {\n        switch self {\n"
    out += f"        case {cases}, .other(let failure):\n            return failure\n        }}\n    }}\n\n"
    out += "    /// The error of `failure`'s domain.\n    public static func of(_ failure: ShopFailure) -> ShopError {\n"
    out += "        switch failure.domain {\n"
    out += "".join(f"        case {swift_literal(d)}: return .{swift_ident(camel(d))}(failure)\n" for d in domains)
    out += "        default: return .other(failure)\n        }\n    }\n}\n"
    return out


def swift_file(api, domains):
    header = (
        "// Generated by bindings/uniffi/generate.py from bindings/bridge/api.json and core/error_codes.txt: do not\n"
        "// edit. The core's data shapes as Codable types, the async Shop and its use-case groups, and ShopError.\n"
        "import Foundation\nimport Vitrina\n\n"
    )
    return header + swift_types(api) + "\n" + swift_shop(api) + "\n" + swift_errors(domains)


# Names the runtimes and the generated Shop take, which no `$defs` schema may take too.
RESERVED = {
    "Shop", "ShopCore", "Plugins", "Json", "Money", "Gateway", "Courier", "ShopException", "ShopError",
    "ShopFailure", "ShopArgument", "ShopJSON", "ExactDecimal", "LocalDate", "LocalTime", "ISODuration", "Pair",
    "JSONValue", "OwnFleet", "TestCourier", "TestGateway",
}


def check_names(api):
    """Fails when a `$defs` name would clash with the runtime or a use-case group class."""
    groups = {"Shop" + pascal(u["name"].split(".")[0]) for u in api["use_cases"] if "." in u["name"]}
    clashes = sorted(set(api["$defs"]) & (RESERVED | groups) - {"Money"})
    if clashes:
        raise SystemExit(f"generate.py: $defs names taken by the runtime or the Shop: {clashes}")


def main():
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "generated"
    api = json.loads((ROOT / "bindings/bridge/api.json").read_text())
    check_names(api)
    domains = error_domains((ROOT / "core/error_codes.txt").read_text())
    target = out_dir / PACKAGE.replace(".", "/")
    target.mkdir(parents=True, exist_ok=True)
    (target / "Types.kt").write_text(types_file(api))
    (target / "Shop.kt").write_text(shop_file(api))
    (target / "Errors.kt").write_text(errors_file(domains))
    (out_dir / "VitrinaShop.swift").write_text(swift_file(api, domains))


if __name__ == "__main__":
    main()
