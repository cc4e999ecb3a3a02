//! Glue between the command line and the layers: load → analyse → render → write. Owns the exit codes
//! (`Exit`), which the man page's EXIT STATUS lists.

pub mod args;
mod check;
mod commands;
mod completions;
mod degenerate;
mod distinguish;
mod extend;
mod formats;
mod hub;
pub mod io;
mod man;
mod pathways;
mod report;
mod review;
mod similarity;

use std::io::IsTerminal;

pub use args::Cli;
use args::{Command, Format, Global, Thresholds};

use crate::analysis::Params;
use crate::model::{LoadError, LoadSet, Workspace};

/// How a run ends, as its exit code: the one definition that failures, clap's errors and the man page use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    Finding = 1,
    Usage = 2,
    Input = 3,
}

impl Exit {
    pub const ALL: [Exit; 4] = [Exit::Success, Exit::Finding, Exit::Usage, Exit::Input];

    pub fn code(self) -> i32 {
        self as i32
    }

    /// What the code tells a script or a user, as the man page says it.
    pub fn meaning(self) -> &'static str {
        match self {
            Exit::Success => "Success.",
            Exit::Finding => {
                "A finding the command was asked to fail on: `fmt --check` found a file not in canonical form, \
`check --min-coverage` measured less, or `topup --emit` wrote no draft because the route is ruled out."
            }
            Exit::Usage => {
                "A usage error: an unknown option or command, a value out of range, a --format the command does \
not write, an unknown curriculum (the message lists the known ids and aliases), or a curriculum compared with itself."
            }
            Exit::Input => {
                "Invalid or unreadable input (a located diagnostic: file:line:col, the line, an underline, a help \
line), or output that cannot be written (a file, a report folder holding other files, or standard output on a \
full disk)."
            }
        }
    }
}

/// An error that ends the command: the message for stderr, the exit code, and what still goes to stdout
/// (the table a failed `--min-coverage` check measured).
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: i32,
    pub output: String,
}

impl Failure {
    pub fn new(code: i32, message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code,
            output: String::new(),
        }
    }
    pub fn usage(message: impl Into<String>) -> Self {
        Failure::new(Exit::Usage.code(), message)
    }
    pub fn input(message: impl Into<String>) -> Self {
        Failure::new(Exit::Input.code(), message)
    }
    /// A finding the user asked to fail on (exit 1), after `output`.
    pub fn finding(message: impl Into<String>, output: String) -> Self {
        Failure {
            output,
            ..Failure::new(Exit::Finding.code(), message)
        }
    }
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Self {
        Failure::input(e.render(color_stderr()))
    }
}

pub fn color_stderr() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

pub(crate) fn load(global: &Global, extra: &[std::path::PathBuf]) -> Result<Workspace, Failure> {
    let set = LoadSet {
        embedded: true,
        dirs: global.curricula.clone(),
        files: extra.to_vec(),
    };
    let ws = set.load()?;
    degenerate::check_words(&ws)?;
    Ok(ws)
}

/// The engine over a loaded catalog, with the reviewers' decisions of `mappings` (SSSOM files); a broken
/// mapping file or an embedding model that cannot run fails here.
pub(crate) fn engine<'a>(
    catalog: &'a crate::model::Catalog,
    p: Params,
    mappings: &[std::path::PathBuf],
) -> Result<crate::analysis::Engine<'a>, Failure> {
    let reviews = review::reviews(mappings, catalog)?;
    let mut e = crate::analysis::Engine::new(catalog, p)
        .map_err(|e| Failure::input(format!("error: {e}\n")))?;
    e.reviews = reviews;
    Ok(e)
}

pub(crate) fn params(t: &Thresholds) -> Result<Params, Failure> {
    let mut p = Params {
        method: t.method,
        ..Params::DEFAULT
    };
    for (name, v, slot) in [
        ("--tag-weight", t.tag_weight, &mut p.tag_weight),
        ("--cover", t.cover, &mut p.cover),
        ("--cover-gloss", t.cover_gloss, &mut p.cover_gloss),
        ("--cover-text", t.cover_text, &mut p.cover_text),
        ("--flag", t.flag, &mut p.flag),
        ("--rule-out", t.rule_out, &mut p.rule_out),
        ("--equivalent", t.equivalent, &mut p.equivalent),
    ] {
        if !(0.0..=1.0).contains(&v) {
            return Err(Failure::usage(format!(
                "error: {name} takes a value from 0 to 1, not {v}\n"
            )));
        }
        *slot = v;
    }
    Ok(p)
}

/// Runs the command line and returns the process exit code; output goes to stdout, errors to stderr.
pub fn run(cli: Cli) -> i32 {
    if let Some(why) = formats::refusal(
        cli.command.as_ref(),
        cli.global.format,
        cli.global.format_given,
    ) {
        return finish(Err(Failure::usage(why)));
    }
    let result = match cli.command {
        None if cli.ids.is_empty() => Ok(command().render_help().to_string()),
        None => commands::compare(&cli.global, &cli.ids, &cli.compare),
        Some(Command::Compare { ids, opts }) => commands::compare(&cli.global, &ids, &opts),
        Some(Command::Topup {
            from,
            to,
            emit,
            mappings,
            thresholds,
        }) => commands::topup(
            &cli.global,
            (&from, &to),
            emit.as_deref(),
            &mappings,
            &thresholds,
        ),
        Some(Command::Explain { a, b, thresholds }) => {
            commands::explain(&cli.global, &a, &b, &thresholds)
        }
        Some(Command::Check(args)) => check::run(&cli.global, &args),
        Some(Command::Report {
            ids,
            out,
            stamp,
            mappings,
            thresholds,
        }) => report::run(&cli.global, &ids, (&out, stamp), &mappings, &thresholds),
        Some(Command::Similarity {
            a,
            b,
            top,
            quiet,
            method,
        }) => similarity::run(&a, &b, top.limit(), quiet, method),
        Some(Command::Export { curriculum }) => commands::export(&cli.global, &curriculum),
        Some(Command::List) => commands::list(&cli.global),
        Some(Command::Parse { files }) => commands::parse(&cli.global, &files),
        Some(Command::Fmt {
            files,
            check,
            write,
        }) => commands::fmt(&files, check, write),
        Some(Command::Completions { shell }) => completions::script(&cli.global, shell),
        Some(Command::Hub {
            ids,
            hub_share,
            mappings,
            thresholds,
        }) => hub::run(&cli.global, &ids, hub_share, &mappings, &thresholds),
        Some(Command::Pathways {
            ids,
            mappings,
            thresholds,
        }) => pathways::run(&cli.global, &ids, &mappings, &thresholds),
        Some(Command::Distinguish {
            a,
            b,
            mappings,
            thresholds,
        }) => distinguish::run(&cli.global, (&a, &b), &mappings, &thresholds),
        Some(Command::Extend {
            role,
            population,
            mappings,
            thresholds,
        }) => extend::run(&cli.global, (&role, &population), &mappings, &thresholds),
        Some(Command::Man) => man::page().map_err(|e| Failure::input(format!("error: {e}\n"))),
    };
    finish(result)
}

/// Writes a command's output to stdout and its error to stderr, and returns the exit code. Output that cannot
/// be written (a full disk, `/dev/full`) is an error (exit 3); a reader that went away (`overlap … | head`)
/// ends the program quietly, as it ends other Unix tools.
fn finish(result: Result<String, Failure>) -> i32 {
    let (out, failure) = match result {
        Ok(out) => (out, None),
        Err(mut f) => (std::mem::take(&mut f.output), Some(f)),
    };
    let mut code = failure.as_ref().map_or(Exit::Success.code(), |f| f.code);
    if let Err(e) = write_stdout(&out)
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        warn(&format!("error: cannot write to standard output: {e}\n"));
        code = Exit::Input.code();
    }
    if let Some(f) = failure {
        warn(&f.message);
    }
    code
}

fn write_stdout(out: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()
}

/// Writes to stderr, ending the line; a stderr that cannot be written has nowhere to report to.
pub(crate) fn warn(message: &str) {
    use std::io::Write;
    if message.is_empty() {
        return;
    }
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(message.as_bytes());
    if !message.ends_with('\n') {
        let _ = err.write_all(b"\n");
    }
}

/// Prints a command-line parsing error (to stderr) or the help and version it stands for (to stdout, where a
/// write error is reported like any other) and returns the exit code.
pub fn clap_error(e: clap::Error) -> i32 {
    if e.use_stderr() {
        warn(&e.render().to_string());
        Exit::Usage.code()
    } else {
        finish(Ok(e.render().to_string()))
    }
}

/// Renders tables in the chosen format; JSON uses the analysis value itself.
pub(crate) fn render(
    format: Format,
    tables: &[crate::report::Table],
    json: impl FnOnce() -> serde_json::Value,
) -> String {
    use crate::report::table;
    match format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&json())
                .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
            s.push('\n');
            s
        }
        Format::Markdown => tables
            .iter()
            .map(table::to_markdown)
            .collect::<Vec<_>>()
            .join("\n"),
        // Commands that write SSSOM, Moodle CSV or a graph write it themselves (`run` refuses the formats
        // elsewhere); their tables are CSV-like rows.
        Format::Csv
        | Format::Sssom
        | Format::Moodle
        | Format::Case
        | Format::Dot
        | Format::Mermaid => tables
            .iter()
            .map(|t| {
                format!(
                    "# {}\n{}",
                    crate::printable::printable(&t.title),
                    table::to_csv(t)
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Format::Table => {
            let width = terminal_width();
            tables
                .iter()
                .map(|t| table::to_terminal(t, width))
                .collect::<Vec<_>>()
                .join("\n")
        }
    }
}

/// Columns assumed when standard output is not a terminal and `COLUMNS` does not say (a file or a pipe).
const UNKNOWN_WIDTH: u16 = 140;
/// Narrower than this, no table of more than two columns can be read; a smaller `COLUMNS` is raised to it.
const NARROWEST: u16 = 20;

/// The columns tables and notes are fitted to: the terminal's own width when standard output is one, else
/// `COLUMNS` (as shells and `ls` use it for pipes), else `UNKNOWN_WIDTH`.
pub(crate) fn terminal_width() -> u16 {
    // comfy-table asks the terminal only when standard output is one.
    let asked = comfy_table::Table::new().width().filter(|&w| w > 0);
    let given = || {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<u16>().ok())
            .filter(|&w| w > 0)
    };
    asked.or_else(given).unwrap_or(UNKNOWN_WIDTH).max(NARROWEST)
}

/// The command line's definition, its help wrapped to the width tables are fitted to.
fn command() -> clap::Command {
    use clap::CommandFactory;
    Cli::command().term_width(usize::from(terminal_width()))
}

/// Parses the command line. Options that every command takes (`--curricula`, `--format`) may come before
/// or after a subcommand; the comparison's own options before a subcommand would be silently ignored, so
/// they are refused with where they belong.
pub fn parse() -> Result<Cli, clap::Error> {
    use clap::{FromArgMatches, parser::ValueSource};
    let mut cmd = command();
    let m = cmd.try_get_matches_from_mut(std::env::args_os())?;
    if let Some((sub, _)) = m.subcommand() {
        let misplaced = cmd
            .get_arguments()
            .filter(|a| !a.is_global_set() && !a.is_positional())
            .find(|a| m.value_source(a.get_id().as_str()) == Some(ValueSource::CommandLine));
        if let Some(a) = misplaced {
            let flag = a
                .get_long()
                .map_or_else(|| a.get_id().to_string(), |l| format!("--{l}"));
            let takes = cmd
                .find_subcommand(sub)
                .is_some_and(|c| c.get_arguments().any(|x| x.get_id() == a.get_id()));
            let message = if takes {
                format!(
                    "`{flag}` is an option of the command, not of `overlap`: write it after `{sub}` (`overlap {sub} {flag} …`)"
                )
            } else {
                format!(
                    "`{flag}` is an option of the comparison (`overlap A B … {flag} …`); `overlap {sub}` does not take it"
                )
            };
            return Err(cmd.error(clap::error::ErrorKind::ArgumentConflict, message));
        }
    }
    let mut cli = Cli::from_arg_matches(&m).map_err(|e| e.format(&mut cmd))?;
    // `--format` is global: its value is recorded where it was written, before or after the subcommand.
    let given = |m: &clap::ArgMatches| m.value_source("format") == Some(ValueSource::CommandLine);
    cli.global.format_given = given(&m) || m.subcommand().is_some_and(|(_, sub)| given(sub));
    Ok(cli)
}
