//! The open-ended mutation run: N seeded mutations (default 1,000,000) of every shipped spec and every
//! descriptor fixture through the same pipeline as `tests/mutation.rs` — parse, format, build, and for every
//! `ANALYSE_EVERY`-th input that builds the comparison or check and rendering — in release, on every core.
//! A panic is caught, counted and its input saved under `target/mutate-crashes/` to replay; the run exits 1
//! if there was one. Prints inputs per second, how far inputs reached, and the slowest input.
//!
//!     cargo run --release --example mutate [-- N [SEED]]

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use overlap::model::LoadSet;
use overlap::model::load::EMBEDDED;
use rayon::prelude::*;

#[path = "../tests/common/mutate.rs"]
mod mutate;

use mutate::{Reached, Rng, desc, mutate, spec};

/// Inputs per independently seeded chunk (chunks run in parallel; each is reproducible from its seed).
const CHUNK: usize = 1000;
const ANALYSE_EVERY: usize = 64;

fn main() -> Result<(), String> {
    let n: usize = std::env::args()
        .nth(1)
        .map_or(Ok(1_000_000), |a| a.parse().map_err(|e| format!("N: {e}")))?;
    let seed: u64 = std::env::args()
        .nth(2)
        .map_or(Ok(0x5eed), |a| a.parse().map_err(|e| format!("SEED: {e}")))?;
    let catalog = LoadSet::shipped()
        .load()
        .map_err(|e| e.render(false))?
        .catalog;
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hei");
    let mut descriptors: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("README.md"))
        .map(|p| std::fs::read(p).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    descriptors.sort();
    let crashes = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/mutate-crashes");
    // Quiet: a caught panic is reported once below, with its saved input, not as a backtrace per input.
    std::panic::set_hook(Box::new(|_| {}));
    let counts: [AtomicUsize; 4] = Default::default(); // error, model, analysis, panic
    let slowest = std::sync::Mutex::new((0.0f64, String::new()));
    let start = Instant::now();
    (0..n.div_ceil(CHUNK)).into_par_iter().for_each(|chunk| {
        let mut rng = Rng(seed ^ (chunk as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        for k in 0..CHUNK.min(n - chunk * CHUNK) {
            let which = rng.below(EMBEDDED.len() + descriptors.len());
            let analyse = rng.below(ANALYSE_EVERY) == 0;
            let t = Instant::now();
            let (label, bytes) = if which < EMBEDDED.len() {
                let (name, text) = EMBEDDED[which];
                (name.to_string(), mutate(&mut rng, text.as_bytes().to_vec()))
            } else {
                (
                    format!("descriptor {}", which - EMBEDDED.len()),
                    mutate(&mut rng, descriptors[which - EMBEDDED.len()].clone()),
                )
            };
            let kept = bytes.clone();
            let reached = catch_unwind(AssertUnwindSafe(|| {
                if which < EMBEDDED.len() {
                    spec(EMBEDDED[which].0, bytes, analyse)
                } else {
                    desc(&catalog, bytes, analyse)
                }
            }));
            let slot = match reached {
                Ok(Reached::Error) => 0,
                Ok(Reached::Model) => 1,
                Ok(Reached::Analysis) => 2,
                Err(_) => {
                    let _ = std::fs::create_dir_all(&crashes);
                    let _ = std::fs::write(crashes.join(format!("{seed}-{chunk}-{k}.bin")), &kept);
                    3
                }
            };
            counts[slot].fetch_add(1, Ordering::Relaxed);
            let secs = t.elapsed().as_secs_f64();
            let mut s = slowest.lock().unwrap_or_else(|p| p.into_inner());
            if secs > s.0 {
                *s = (
                    secs,
                    format!("{label} (chunk {chunk}, input {k}, analysed: {analyse})"),
                );
            }
        }
    });
    let secs = start.elapsed().as_secs_f64();
    let [e, m, a, p] = counts.map(AtomicUsize::into_inner);
    let (slow, which) = slowest.into_inner().unwrap_or_else(|p| p.into_inner());
    println!(
        "{n} inputs in {secs:.1} s ({:.0}/s, {} threads): {e} refused with an error, {m} read into the model, {a} through the analysis and rendering, {p} panics",
        n as f64 / secs,
        rayon::current_num_threads()
    );
    println!("slowest input: {:.1} ms, {which}", slow * 1000.0);
    if p > 0 {
        return Err(format!(
            "{p} inputs panicked; saved under {}",
            crashes.display()
        ));
    }
    Ok(())
}
