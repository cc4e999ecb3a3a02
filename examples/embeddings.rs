//! Rebuilds `model/embeddings.bin`: the embedding of every outcome text of the shipped curricula and of what
//! their tags mean, computed
//! ahead so comparing shipped curricula never runs the model. Run after changing a shipped curriculum or the
//! model: `cargo run --release --example embeddings`. A test fails while the cache is stale.

use overlap::analysis::embed::{Model, key, write_cache};
use overlap::model::LoadSet;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let ws = LoadSet::shipped().load().map_err(|e| e.render(false))?;
    let owned = overlap::analysis::Corpus::texts_to_embed(&ws.catalog)?;
    let texts: Vec<&str> = owned.iter().map(String::as_str).collect();
    let model = Model::load()?;
    let embs = model.embed(&texts)?;
    let entries: Vec<_> = texts.iter().map(|t| key(t)).zip(embs).collect();
    let bytes = write_cache(&entries);
    overlap::cli::io::atomic_write(std::path::Path::new("model/embeddings.bin"), &bytes)?;
    println!(
        "model/embeddings.bin: {} texts, {} bytes",
        entries.len(),
        bytes.len()
    );
    Ok(())
}
