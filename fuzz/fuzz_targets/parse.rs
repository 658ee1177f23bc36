//! Bytes → `source::decode` → `parse::parse`: the encoding checks and the YAML
//! parser with its budgets must never panic, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = landscape::source::decode("fuzz.yaml", data) {
        let _ = landscape::parse::parse(&source);
    }
});
