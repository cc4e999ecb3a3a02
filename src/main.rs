use clap::Parser;

// A run allocates many small strings and vectors (tokens, table cells): mimalloc serves them with about a
// third of the instructions of the system allocator (benches/README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = overlap::cli::Cli::parse();
    std::process::exit(overlap::cli::run(cli));
}
