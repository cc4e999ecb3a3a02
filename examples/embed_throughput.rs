//! Sentences embedded per second by the compiled-in model, for the side-by-side comparison with
//! sentence-transformers in `benches/embed_peer.sh`: reads one sentence per line of FILE, loads the model,
//! embeds every line (batched and length-sorted as `overlap` does), and prints JSON with the load and
//! embedding times. Timed inside the process, like the Python side.
//!
//!     cargo run --release --example embed_throughput -- FILE

use std::time::Instant;

use overlap::analysis::embed::Model;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // As `overlap` itself runs the model (batches in parallel, one thread per operation).
    // SAFETY: the first statement of main: no other thread exists yet.
    unsafe { overlap::analysis::embed::one_thread_per_operation() };
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: embed_throughput FILE")?;
    let text = std::fs::read_to_string(&path)?;
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let t0 = Instant::now();
    let model = Model::load()?;
    let load = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let embs = model.embed(&lines)?;
    let secs = t1.elapsed().as_secs_f64();
    // A checksum over the vectors, so the work cannot be skipped and two runs can be compared.
    let sum: f64 = embs.iter().map(|e| f64::from(e[0])).sum();
    if let Some(dump) = std::env::args().nth(2) {
        let bytes: Vec<u8> = embs
            .iter()
            .flat_map(|e| e.iter().flat_map(|x| x.to_le_bytes()))
            .collect();
        std::fs::write(dump, bytes)?;
    }
    println!(
        "{{\"sentences\": {}, \"load_s\": {load:.3}, \"embed_s\": {secs:.3}, \"per_s\": {:.1}, \"check\": {sum:.6}}}",
        lines.len(),
        lines.len() as f64 / secs
    );
    Ok(())
}
