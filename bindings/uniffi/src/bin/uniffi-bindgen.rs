//! `uniffi-bindgen`: generates the Kotlin and Swift sources from the built library
//! (`cargo run -p vitrina-uniffi --bin uniffi-bindgen -- generate --library <lib> --language kotlin --out-dir <dir>`).

fn main() {
    uniffi::uniffi_bindgen_main()
}
