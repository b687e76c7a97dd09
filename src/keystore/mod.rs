//! Key stores: the files in which users hold their signing keys.
//!
//! [`Pkcs12`] reads PKCS#12 / PFX files (RFC 7292, `.p12` / `.pfx`): the
//! form in which the Kazakh NCA, Windows, Java and OpenSSL hand a user a
//! private key with its certificate. It checks the password-keyed MAC, decrypts
//! the shrouded key bags and the encrypted certificate bags (PKCS#12 PBE with
//! 3DES or RC2, as Kalkan and `openssl -legacy` write; PBES2 with PBKDF2 and
//! AES-CBC, as OpenSSL 3 writes by default) and returns the PKCS#8
//! `PrivateKeyInfo` of every key and the DER of every certificate, with the
//! `localKeyId` and `friendlyName` attributes that pair them.
//!
//! ```
//! use sigbridge::keystore::{KeyStoreError, Pkcs12};
//!
//! let der = std::fs::read("testdata/pkcs12/rsa-pbes2.p12").unwrap();
//! let store = Pkcs12::from_der(&der, "sigbridge").unwrap();
//! let key = &store.keys()[0];
//! assert_eq!(key.algorithm().to_string(), "1.2.840.113549.1.1.1"); // rsaEncryption
//! let cert = store.certificate_for(key).unwrap();
//! assert!(!cert.der().is_empty());
//!
//! assert_eq!(
//!     Pkcs12::from_der(&der, "wrong").unwrap_err(),
//!     KeyStoreError::WrongPassword
//! );
//! ```

mod pkcs12;

pub use pkcs12::{CertEntry, KeyEntry, MAX_ITERATIONS, Pkcs12};

/// Why a key store could not be opened. Every variant says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyStoreError {
    /// The MAC over the contents does not verify with this password: the
    /// password is wrong, or the file was altered after it was written (the
    /// MAC is keyed by the password, so the two cannot be told apart;
    /// RFC 7292 §4, §5.1).
    #[error(
        "the password does not open this key store (MAC check failed); check the password (or whether the file was altered)"
    )]
    WrongPassword,
    /// The bytes are not a well-formed PKCS#12 structure, or (after a MAC
    /// that verified) a decrypted part is not what it should be.
    #[error(
        "malformed PKCS#12 key store: {what}: {reason}; the file is damaged or is not a PKCS#12 (.p12 / .pfx) file"
    )]
    Malformed {
        /// The structure being read (e.g. `"MacData"`, `"shrouded key bag"`).
        what: &'static str,
        /// What was wrong with it.
        reason: String,
    },
    /// An algorithm or mode this crate does not read.
    #[error(
        "the PKCS#12 key store uses {what} {oid} ({name}), which sigbridge does not read; re-export it with PBES2/AES (OpenSSL 3 default) or 3DES"
    )]
    Unsupported {
        /// Where the algorithm appears (e.g. `"MAC digest"`, `"key encryption"`).
        what: &'static str,
        /// Its object identifier, dotted.
        oid: String,
        /// Its name, when known (`"unknown"` otherwise).
        name: &'static str,
    },
    /// An iteration count (or cost) above [`MAX_ITERATIONS`]: refused so that
    /// a hostile file cannot make us spin.
    #[error(
        "the PKCS#12 key store asks for {count} iterations of its {what}; more than {max} is refused (real key stores use 1 to a few million)"
    )]
    TooManyIterations {
        /// The key derivation (`"MAC key derivation"`, `"PBE key derivation"`, `"PBKDF2"`).
        what: &'static str,
        /// The count in the file.
        count: u64,
        /// The limit.
        max: u64,
    },
    /// Contents encrypted under the password but no MAC: a wrong password
    /// could then not be told from a damaged file (RFC 7292 §4: password
    /// integrity mode carries `macData`).
    #[error(
        "the PKCS#12 key store has password-encrypted contents but no MAC; re-export it with a MAC (e.g. `openssl pkcs12 -export` without -nomac)"
    )]
    MissingMac,
}
