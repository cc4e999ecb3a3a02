use clap::Parser;

fn main() {
    let code = match overlap::cli::Cli::try_parse() {
        Ok(cli) => overlap::cli::run(cli),
        Err(e) => overlap::cli::clap_error(e),
    };
    std::process::exit(code);
}
