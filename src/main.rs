use clap::Parser;

fn main() {
    let cli = overlap::cli::Cli::parse();
    std::process::exit(overlap::cli::run(cli));
}
