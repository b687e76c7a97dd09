//! One PKCS#12 key store, opened with the KZ test password and with an empty one.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for password in ["Qwerty12", "sigbridge", ""] {
        if let Ok(store) = sigbridge::keystore::Pkcs12::from_der(data, password) {
            // Everything a user reads must be computable without panicking.
            for key in store.keys() {
                let _ = (key.algorithm().to_string(), format!("{key:?}"));
                let _ = store.certificate_for(key).map(|c| c.der().len());
            }
            for cert in store.certificates() {
                let _ = (cert.friendly_name(), cert.local_key_id(), format!("{cert:?}"));
            }
        }
    }
});
