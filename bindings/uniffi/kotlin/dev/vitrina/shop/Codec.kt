// Conversions between JSON in the core's form and Kotlin values, used by the generated types: exact
// decimals and `Money` as strings (never a float), java.time for instants, dates, times and durations.
package dev.vitrina.shop

import java.math.BigDecimal
import java.time.Duration
import java.time.Instant
import java.time.LocalDate
import java.time.LocalTime
import java.time.format.DateTimeFormatter

/** An exact amount and its ISO 4217 currency: `"12.30 EUR"` in the core's JSON. */
data class Money(val amount: BigDecimal, val currency: String) {
    /** `12.30 EUR`, as the core writes it. */
    override fun toString(): String = "${amount.toPlainString()} $currency"

    companion object {
        /** [amount] (decimal text, `"12.30"`) in [currency]. */
        fun of(amount: String, currency: String): Money = Money(BigDecimal(amount), currency)

        /** Reads `"12.30 EUR"`. */
        fun parse(text: String): Money {
            val parts = text.split(' ')
            require(parts.size == 2) { "money: expected \"<amount> <currency>\", got \"$text\"" }
            return Money(BigDecimal(parts[0]), parts[1])
        }
    }
}

private fun Json.mismatch(expected: String): Nothing =
    throw IllegalArgumentException("expected $expected, got ${compact().take(80)}")

/** This value as an object. */
fun Json.asObject(): Json.Obj = this as? Json.Obj ?: mismatch("an object")

/** This value as a string. */
fun Json.asString(): String = (this as? Json.Str)?.value ?: mismatch("a string")

/** This value as a boolean. */
fun Json.asBoolean(): Boolean = (this as? Json.Bool)?.value ?: mismatch("a boolean")

/** This value as a 32-bit integer. */
fun Json.asInt(): Int = (this as? Json.Num)?.text?.toIntOrNull() ?: mismatch("a 32-bit integer")

/** This value as a 64-bit integer. */
fun Json.asLong(): Long = (this as? Json.Num)?.text?.toLongOrNull() ?: mismatch("a 64-bit integer")

/** This value as a floating-point number (scores, never money). */
fun Json.asDouble(): Double = (this as? Json.Num)?.text?.toDoubleOrNull() ?: mismatch("a number")

/** This value as an exact decimal: a string (`"12.50"`) or a number, read from its text. */
fun Json.asDecimal(): BigDecimal = when (this) {
    is Json.Str -> BigDecimal(value)
    is Json.Num -> BigDecimal(text)
    else -> mismatch("a decimal")
}

/** This value as money (`"12.30 EUR"`). */
fun Json.asMoney(): Money = Money.parse(asString())

/** This value as an instant (RFC 3339). */
fun Json.asInstant(): Instant = Instant.parse(asString())

/** This value as a calendar date (`2026-04-14`). */
fun Json.asDate(): LocalDate = LocalDate.parse(asString())

/** This value as a wall-clock time (`09:30:00`). */
fun Json.asTime(): LocalTime = LocalTime.parse(asString())

/** This value as a duration (ISO 8601, `PT48H`). */
fun Json.asDuration(): Duration = Duration.parse(asString())

/** This value as a list, each item read by [item]. */
fun <T> Json.asList(item: (Json) -> T): List<T> = ((this as? Json.Arr) ?: mismatch("an array")).items.map(item)

/** This value as a map from string keys, each value read by [value]. */
fun <T> Json.asMap(value: (Json) -> T): Map<String, T> = asObject().members.mapValues { (_, v) -> value(v) }

/** This value as a pair (a two-item array). */
fun <A, B> Json.asPair(first: (Json) -> A, second: (Json) -> B): Pair<A, B> {
    val items = ((this as? Json.Arr) ?: mismatch("an array")).items
    if (items.size != 2) mismatch("two items")
    return first(items[0]) to second(items[1])
}

/** The member [key]; absent is an error naming it. */
fun Json.Obj.required(key: String): Json = this[key] ?: throw IllegalArgumentException("missing field `$key`")

/** The member [key], or `null` when it is absent or `null`. */
fun Json.Obj.optional(key: String): Json? = this[key]?.takeUnless { it == Json.Null }

/** An object of [members] in order; a member whose value is Kotlin `null` is left out. */
fun jsonObject(vararg members: Pair<String, Json?>): Json.Obj {
    val map = LinkedHashMap<String, Json>()
    for ((key, value) in members) if (value != null) map[key] = value
    return Json.Obj(map)
}

/** A string. */
fun jsonOf(value: String): Json = Json.Str(value)

/** A boolean. */
fun jsonOf(value: Boolean): Json = Json.Bool(value)

/** An integer. */
fun jsonOf(value: Int): Json = Json.Num(value.toString())

/** An integer. */
fun jsonOf(value: Long): Json = Json.Num(value.toString())

/** A floating-point number. */
fun jsonOf(value: Double): Json = Json.Num(value.toString())

/** An exact decimal, as its plain string (`"12.50"`), never a float. */
fun jsonOf(value: BigDecimal): Json = Json.Str(value.toPlainString())

/** Money, as `"12.30 EUR"`. */
fun jsonOf(value: Money): Json = Json.Str(value.toString())

/** An instant, RFC 3339 in UTC. */
fun jsonOf(value: Instant): Json = Json.Str(value.toString())

/** A calendar date. */
fun jsonOf(value: LocalDate): Json = Json.Str(value.toString())

/** A wall-clock time, with its seconds (`09:30:00`). */
fun jsonOf(value: LocalTime): Json = Json.Str(value.format(DateTimeFormatter.ISO_LOCAL_TIME))

/** A duration, ISO 8601 (`PT48H`). */
fun jsonOf(value: Duration): Json = Json.Str(value.toString())

/** A list, each item written by [item]. */
fun <T> jsonOfList(list: List<T>, item: (T) -> Json): Json = Json.Arr(list.map(item))

/** A map from string keys, each value written by [value]. */
fun <T> jsonOfMap(map: Map<String, T>, value: (T) -> Json): Json =
    Json.Obj(LinkedHashMap(map.mapValues { (_, v) -> value(v) }))

/** A pair, as a two-item array. */
fun <A, B> jsonOfPair(pair: Pair<A, B>, first: (A) -> Json, second: (B) -> Json): Json =
    Json.Arr(listOf(first(pair.first), second(pair.second)))
