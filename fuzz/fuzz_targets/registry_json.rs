//! A registry file (JSON text); a loaded one must round-trip through `to_json`.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sigbridge::registry::Registry;

fuzz_target!(|data: &[u8]| {
    // A registry file is text: invalid UTF-8 never reaches the parser.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(registry) = Registry::from_json(text) else {
        return;
    };
    // The canonical text loads again and saves to the same bytes.
    let saved = registry.to_json();
    let reloaded = Registry::from_json(&saved)
        .unwrap_or_else(|e| panic!("to_json output does not reload: {e}\n{saved}"));
    assert_eq!(
        reloaded.to_json(),
        saved,
        "to_json is not stable across a reload"
    );
    assert_eq!(reloaded.snapshot_id(), registry.snapshot_id());
});
