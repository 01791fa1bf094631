// A minimal JSON value, reader and compact writer, so the binding needs nothing but the Kotlin standard
// library: objects keep their key order (the vector files write `expected` in the engine's struct
// order), numbers keep their source text (no amount passes through a float), and strings are written
// back as serde_json writes them (only `"`, `\` and control characters escaped; non-ASCII raw).
package dev.vitrina.shop

/** A JSON value in the core's form: what the generated types read from and write to. */
sealed class Json {
    /** An object; its members keep their order. */
    data class Obj(val members: LinkedHashMap<String, Json>) : Json() {
        /** The member [key], if present. */
        operator fun get(key: String): Json? = members[key]
    }

    /** An array. */
    data class Arr(val items: List<Json>) : Json()

    /** A string. */
    data class Str(val value: String) : Json()

    /** A number, kept as its source text. */
    data class Num(val text: String) : Json()

    /** `true` or `false`. */
    data class Bool(val value: Boolean) : Json()

    /** `null`. */
    data object Null : Json()

    /** Compact JSON, as `serde_json::to_string` prints it. */
    fun compact(): String = StringBuilder().also { write(it) }.toString()

    /** The compact JSON text. */
    final override fun toString(): String = compact()

    private fun write(out: StringBuilder) {
        when (this) {
            is Obj -> {
                out.append('{')
                members.entries.forEachIndexed { i, (key, value) ->
                    if (i > 0) out.append(',')
                    writeString(out, key)
                    out.append(':')
                    value.write(out)
                }
                out.append('}')
            }
            is Arr -> {
                out.append('[')
                items.forEachIndexed { i, item ->
                    if (i > 0) out.append(',')
                    item.write(out)
                }
                out.append(']')
            }
            is Str -> writeString(out, value)
            is Num -> out.append(text)
            is Bool -> out.append(if (value) "true" else "false")
            Null -> out.append("null")
        }
    }

    companion object {
        /** Reads JSON text; malformed text is an [IllegalArgumentException] naming the position. */
        fun parse(text: String): Json {
            val reader = Reader(text)
            val value = reader.value()
            reader.skipSpace()
            require(reader.pos == text.length) { "trailing characters at ${reader.pos}" }
            return value
        }

        private fun writeString(out: StringBuilder, s: String) {
            out.append('"')
            for (c in s) {
                when (c) {
                    '"' -> out.append("\\\"")
                    '\\' -> out.append("\\\\")
                    '\n' -> out.append("\\n")
                    '\r' -> out.append("\\r")
                    '\t' -> out.append("\\t")
                    '\b' -> out.append("\\b")
                    '\u000C' -> out.append("\\f")
                    else -> if (c < ' ') out.append(String.format("\\u%04x", c.code)) else out.append(c)
                }
            }
            out.append('"')
        }
    }

    private class Reader(val text: String) {
        var pos = 0

        fun skipSpace() {
            while (pos < text.length && text[pos].isWhitespace()) pos++
        }

        fun value(): Json {
            skipSpace()
            require(pos < text.length) { "unexpected end of JSON" }
            return when (val c = text[pos]) {
                '{' -> obj()
                '[' -> arr()
                '"' -> Str(string())
                't' -> literal("true", Bool(true))
                'f' -> literal("false", Bool(false))
                'n' -> literal("null", Null)
                else -> {
                    require(c == '-' || c.isDigit()) { "unexpected '$c' at $pos" }
                    val start = pos
                    while (pos < text.length && (text[pos].isDigit() || text[pos] in "+-.eE")) pos++
                    Num(text.substring(start, pos))
                }
            }
        }

        private fun literal(word: String, value: Json): Json {
            require(text.startsWith(word, pos)) { "bad literal at $pos" }
            pos += word.length
            return value
        }

        private fun obj(): Json {
            pos++ // {
            val members = LinkedHashMap<String, Json>()
            skipSpace()
            if (text[pos] == '}') { pos++; return Obj(members) }
            while (true) {
                skipSpace()
                val key = string()
                skipSpace()
                require(text[pos] == ':') { "expected ':' at $pos" }
                pos++
                members[key] = value()
                skipSpace()
                when (text[pos++]) {
                    ',' -> continue
                    '}' -> return Obj(members)
                    else -> throw IllegalArgumentException("expected ',' or '}' at ${pos - 1}")
                }
            }
        }

        private fun arr(): Json {
            pos++ // [
            val items = ArrayList<Json>()
            skipSpace()
            if (text[pos] == ']') { pos++; return Arr(items) }
            while (true) {
                items.add(value())
                skipSpace()
                when (text[pos++]) {
                    ',' -> continue
                    ']' -> return Arr(items)
                    else -> throw IllegalArgumentException("expected ',' or ']' at ${pos - 1}")
                }
            }
        }

        private fun string(): String {
            require(text[pos] == '"') { "expected a string at $pos" }
            pos++
            val out = StringBuilder()
            while (true) {
                val c = text[pos++]
                when (c) {
                    '"' -> return out.toString()
                    '\\' -> {
                        when (val e = text[pos++]) {
                            '"' -> out.append('"')
                            '\\' -> out.append('\\')
                            '/' -> out.append('/')
                            'b' -> out.append('\b')
                            'f' -> out.append('\u000C')
                            'n' -> out.append('\n')
                            'r' -> out.append('\r')
                            't' -> out.append('\t')
                            'u' -> {
                                out.append(text.substring(pos, pos + 4).toInt(16).toChar())
                                pos += 4
                            }
                            else -> throw IllegalArgumentException("bad escape '\\$e' at $pos")
                        }
                    }
                    else -> out.append(c)
                }
            }
        }
    }
}
