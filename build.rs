//! Embeds every `curricula/*.ovl` file in the binary, so `overlap` works from any directory.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets it")).join("curricula");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "ovl"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out = String::from("pub const EMBEDDED: &[(&str, &str)] = &[\n");
    // FNV-1a over every (name, text) pair, as `model::prebuilt::fingerprint` computes it at run time (a test
    // holds the two equal): a start on the shipped curricula need not hash 100 KB of text.
    let mut fp: u64 = 0xcbf2_9ce4_8422_2325;
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().expect("a file").to_string_lossy();
        let text = fs::read(f).expect("a curriculum file is readable");
        let key = format!("curricula/{name}");
        for b in key.bytes().chain([0]).chain(text).chain([0]) {
            fp ^= u64::from(b);
            fp = fp.wrapping_mul(0x0100_0000_01b3);
        }
        out.push_str(&format!(
            "    (\"curricula/{name}\", include_str!({:?})),\n",
            f.display().to_string()
        ));
    }
    out.push_str("];\n");
    out.push_str(&format!("pub const EMBEDDED_FINGERPRINT: u64 = {fp:#x};\n"));
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets it")).join("embedded.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
