//! Rebuilds `prebuilt/catalog.bin` and `prebuilt/corpus.bin` from the shipped curricula:
//!
//!     cargo run --release --example prebuild
//!
//! Run it after changing anything in `curricula/` or how outcomes are tokenised; a test fails until then.

fn main() -> Result<(), String> {
    let (catalog, corpus) = overlap::analysis::prebuilt::build()?;
    for (path, bytes) in [
        ("prebuilt/catalog.bin", catalog),
        ("prebuilt/corpus.bin", corpus),
    ] {
        std::fs::write(path, &bytes).map_err(|e| format!("{path}: {e}"))?;
        println!("wrote {path} ({} bytes)", bytes.len());
    }
    Ok(())
}
