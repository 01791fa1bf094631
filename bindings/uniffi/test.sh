#!/usr/bin/env bash
# Builds the uniffi binding (cdylib), generates its Kotlin and Swift sources into
# bindings/uniffi/generated, checks the Swift files were produced (no Swift toolchain here: they are
# generated only), compiles the Kotlin sources with the Kotlin tests and runs them on the JVM with JNA.
# Works from any directory on a fresh machine: installs JNA (apt, libjna-java) and the Kotlin compiler
# (npm package kotlin-compiler, into bindings/uniffi/.tools) when they are missing. Needs a JDK (17+),
# npm and a Rust toolchain.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export CARGO_TARGET_DIR="$root/target"

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
cargo build -p vitrina-uniffi --lib --bin uniffi-bindgen
library="$CARGO_TARGET_DIR/debug/libvitrina_uniffi.so"

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
grep -q "public typealias Decimal = Foundation.Decimal" "$generated/Vitrina.swift"
kotlin_source="$generated/dev/vitrina/vitrina.kt"
grep -q "public typealias Decimal = BigDecimal" "$kotlin_source"

# Compile the generated bindings and the tests into one jar, then run the tests.
build="$here/build"
mkdir -p "$build"
"$kotlinc" -nowarn -cp "$jna:$coroutines" -d "$build/vitrina-tests.jar" \
    "$kotlin_source" "$here"/tests/kotlin/*.kt
java -Djna.library.path="$CARGO_TARGET_DIR/debug" -cp "$build/vitrina-tests.jar:$stdlib:$jna:$coroutines" \
    dev.vitrina.tests.VitrinaTestsKt "$root"
