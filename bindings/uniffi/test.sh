#!/usr/bin/env bash
# Builds the uniffi binding (cdylib), checks every exported item has a doc comment (`check-docs`),
# generates its Kotlin and Swift sources into bindings/uniffi/generated, checks the Swift API surface
# by its text (no Swift toolchain here: the sources are generated, not compiled): async functions are
# `async`, errors are enums conforming to Swift.Error with a case per domain of the core, `MobileWallet` is a
# protocol with an async `authorize`, Decimal is Foundation.Decimal and doc comments are carried
# over; then generates the typed Shop layer (generate.py from api.json and error_codes.txt: Kotlin
# `dev.vitrina.shop` and Swift `VitrinaShop.swift`, the Swift checked by its text), compiles the Kotlin
# with uniffi's Kotlin, the hand-written runtime in kotlin/ and the Kotlin tests, and runs them on the
# JVM with JNA. Last, the shop day (examples/ShopDay.kt, compiled with the tests) runs on the same store
# path as the Rust example `shop_day`, and the two outputs must be byte-identical.
# Works from any directory on a fresh machine: installs JNA (apt, libjna-java) and the Kotlin compiler
# (npm package kotlin-compiler, into bindings/uniffi/.tools) when they are missing. Needs a JDK (17+),
# npm and a Rust toolchain.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

# JNA: Debian's package ships the jar and its native dispatch library.
jna=/usr/share/java/jna.jar
if [ ! -f "$jna" ]; then
    echo "installing libjna-java"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjna-java > /dev/null
fi

# Kotlin: the npm package ships kotlinc-jvm, kotlin-stdlib.jar and kotlinx-coroutines-core-jvm.jar.
tools="$here/.tools"
kotlin_home="$tools/node_modules/kotlin-compiler"
if [ ! -x "$kotlin_home/bin/kotlinc-jvm" ]; then
    echo "installing kotlin-compiler (npm) into $tools"
    mkdir -p "$tools"
    (cd "$tools" && npm install --no-save --no-audit --no-fund --silent kotlin-compiler)
fi
kotlinc="$kotlin_home/bin/kotlinc-jvm"
stdlib="$kotlin_home/lib/kotlin-stdlib.jar"
coroutines="$kotlin_home/lib/kotlinx-coroutines-core-jvm.jar"

cd "$root"
cargo build -p vitrina-uniffi --lib --bins
library="$CARGO_TARGET_DIR/debug/libvitrina_uniffi.so"
"$CARGO_TARGET_DIR/debug/check-docs" "$library"

generated="$here/generated"
rm -rf "$generated"
"$CARGO_TARGET_DIR/debug/uniffi-bindgen" generate --library "$library" --language kotlin --language swift \
    --out-dir "$generated" --no-format
for f in Vitrina.swift VitrinaFFI.h VitrinaFFI.modulemap; do
    if [ ! -s "$generated/$f" ]; then
        echo "missing generated Swift file $f" >&2
        exit 1
    fi
done
kotlin_source="$generated/dev/vitrina/vitrina.kt"

# The generated API, by its text. Whitespace is flattened: without a formatter the generators split
# declarations over lines (`public` / `enum VitrinaError`) and vary spaces (`)async throws`).
expect() { # expect <what> <file> <extended regex>...
    local what="$1" flat
    flat="$(tr -s '[:space:]' ' ' < "$2")"
    shift 2
    for pattern in "$@"; do
        if ! grep -qE -- "$pattern" <<< "$flat"; then
            echo "generated $what lacks: $pattern" >&2
            exit 1
        fi
    done
}
async=' ?async throws ->'
expect Swift "$generated/Vitrina.swift" \
    'public typealias Decimal = Foundation.Decimal' \
    'public enum VitrinaError: Swift\.Error' \
    'public enum WalletError: Swift\.Error' \
    'enum VitrinaError: Swift\.Error[^}]*case Money\([^}]*case Catalog\([^}]*case Cart\([^}]*case Pricing\([^}]*case Knowledge\([^}]*case Shop\([^}]*case Other\(' \
    'public protocol MobileWallet: AnyObject' \
    "func authorize\(amount: Decimal, currency: String, reference: String\)$async WalletResult" \
    "public func authorizeWithWallet\(wallet: MobileWallet, amount: Decimal, currency: String, reference: String\)$async WalletAuthorization" \
    "func sync\(knowledge: KnowledgeBase\)$async FaqSyncReport" \
    "func search\(query: FaqQuery\)$async FaqResults" \
    "func articleIds\(\)$async \[String\]" \
    '\* Ranked search: each word matches its other forms' \
    '\* A mobile wallet, implemented in the app.s language'
expect Kotlin "$kotlin_source" \
    'public typealias Decimal = BigDecimal' \
    'sealed class VitrinaException' \
    'interface MobileWallet' \
    'suspend fun `authorize`\(`amount`: Decimal, `currency`: kotlin.String, `reference`: kotlin.String\): WalletResult' \
    'suspend fun `search`\(`query`: FaqQuery\): FaqResults' \
    'suspend fun `authorizeWithWallet`' \
    '\* Ranked search: each word matches its other forms'

# The typed Shop layer over `ShopHandle`, generated from api.json and error_codes.txt: Kotlin (compiled
# and run below with its runtime in kotlin/) and Swift (module VitrinaShop over Vitrina, checked by text).
python3 "$here/generate.py" "$generated"
shop_sources=("$here"/kotlin/dev/vitrina/shop/*.kt "$generated"/dev/vitrina/shop/*.kt)
expect Kotlin "$generated/dev/vitrina/shop/Shop.kt" \
    'class Shop private constructor' \
    'suspend fun addLine\(cartId: String, variantId: String, quantity: Int\): Cart' \
    'suspend fun pay\(orderId: String, token: String, key: String\): Payment'
expect Swift "$generated/Vitrina.swift" \
    "public static func .open.\(url: String, plugins: ShopPlugins, clockAt: String\?\)$async ShopHandle" \
    'public protocol PaymentGatewayPlugin: AnyObject' \
    'public protocol CourierPlugin: AnyObject' \
    'public protocol MailerPlugin: AnyObject' \
    'open class OwnFleetHandle' \
    'public convenience init\(configJson: String\) ?throws' \
    'func driverUpdate\(reportJson: String\) ?throws -> String' \
    'func ownFleet\(fleet: OwnFleetHandle\)' \
    'func testCourier\(courier: TestCourierHandle\)' \
    'func testGateway\(method: String, gateway: TestGatewayHandle\) ?throws'
expect Swift "$generated/VitrinaShop.swift" \
    'import Vitrina' \
    'public struct Cart: Codable, Hashable, Sendable' \
    'public enum PaymentMethod: String, Codable, Hashable, Sendable, CaseIterable \{ /// [^}]*case card = "card"' \
    'public enum Action: Codable, Hashable, Sendable \{ /// [^}]*case percentOff\(percent: Decimal' \
    'subtotal = try c\.decode\(ExactDecimal\.self, forKey: \.subtotal\)\.value' \
    "public static func .open.\(url: String, plugins: Plugins = Plugins\(\), clockAt: Date\? = nil\)$async Shop" \
    "public func addLine\(cartId: String, variantId: String, quantity: Int\)$async Cart" \
    "public func pay\(orderId: String, token: String, key: String\)$async Payment" \
    'public enum ShopError: Swift\.Error[^}]*case cart\(ShopFailure\)'

# Compile the generated bindings and the tests into one jar, then run the tests.
build="$here/build"
mkdir -p "$build"
"$kotlinc" -nowarn -cp "$jna:$coroutines" -d "$build/vitrina-tests.jar" \
    "$kotlin_source" "${shop_sources[@]}" "$here"/tests/kotlin/*.kt "$here"/examples/*.kt
jvm=(java -Djna.library.path="$CARGO_TARGET_DIR/debug" -cp "$build/vitrina-tests.jar:$stdlib:$jna:$coroutines")
"${jvm[@]}" dev.vitrina.tests.VitrinaTestsKt "$root"

# The shop day in Kotlin against the Rust example, run one after the other on the same store path (it
# appears in the output); any difference fails.
shop_day="$build/shop_day.db"
reports="$build/shop_day.reports" # where both write their charts and CSV files
cargo run --quiet --example shop_day -- "$shop_day" > "$build/shop_day.rust.txt"
rm -rf "$build/shop_day.rust-reports"
mv "$reports" "$build/shop_day.rust-reports"
"${jvm[@]}" dev.vitrina.examples.ShopDayKt "$shop_day" "$root" > "$build/shop_day.kotlin.txt"
if ! diff -u "$build/shop_day.rust.txt" "$build/shop_day.kotlin.txt" || ! diff -r "$build/shop_day.rust-reports" "$reports"; then
    echo "the Kotlin shop day differs from the Rust example (above)" >&2
    exit 1
fi
echo "shop day: Kotlin output and report files identical to Rust ($(wc -l < "$build/shop_day.rust.txt") lines)"
