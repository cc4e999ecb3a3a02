//! The shipped catalog built ahead of time: `prebuilt/catalog.bin` holds (in postcard's compact encoding) the
//! catalog the embedded curricula build into, so a run on them needs no parsing. The file starts with the
//! fingerprint of the sources it was built from; when the embedded sources change and the file is not
//! rebuilt, it is ignored (the sources are parsed as before) and a test fails until
//! `cargo run --example prebuild` is run again.

use super::types::Catalog;

pub static CATALOG: &[u8] = include_bytes!("../../prebuilt/catalog.bin");

/// FNV-1a over every (name, text) pair: identifies a set of sources, in order.
pub fn fingerprint(sources: &[(&str, &str)]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (name, text) in sources {
        for b in name.bytes().chain([0]).chain(text.bytes()).chain([0]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The fingerprint of the embedded curricula.
pub fn shipped_fingerprint() -> u64 {
    super::load::EMBEDDED_FINGERPRINT
}

thread_local! {
    static COMPACT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether this thread is writing a prebuilt value, where every field is written (see `types::omitted`).
pub fn writing_compact() -> bool {
    COMPACT.with(std::cell::Cell::get)
}

/// `value` encoded behind the fingerprint `fp`, every field written.
pub fn encode<T: serde::Serialize>(fp: u64, value: &T) -> Result<Vec<u8>, String> {
    let mut out = fp.to_le_bytes().to_vec();
    COMPACT.with(|c| c.set(true));
    let body = postcard::to_allocvec(value).map_err(|e| e.to_string());
    COMPACT.with(|c| c.set(false));
    out.extend(body?);
    Ok(out)
}

/// The value encoded in `bytes` when it was built from sources with fingerprint `fp`.
pub fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8], fp: u64) -> Option<T> {
    let (head, body) = bytes.split_at_checked(8)?;
    if u64::from_le_bytes(head.try_into().ok()?) != fp {
        return None;
    }
    postcard::from_bytes(body).ok()
}

/// What is prebuilt of a load of the shipped curricula: the catalog and the file its taxonomy came from.
pub type Shipped = (Catalog, Option<String>);

/// The prebuilt shipped catalog, marked with its fingerprint; `None` when it is stale.
pub fn catalog() -> Option<Shipped> {
    let fp = shipped_fingerprint();
    let (mut c, taxonomy_file): Shipped = decode(CATALOG, fp)?;
    c.prebuilt = Some(fp);
    Some((c, taxonomy_file))
}
