//! Which `--format` each command writes: the one place that says so, so a format that would be ignored is
//! refused (exit 2) with what the command does take, instead of printing something else.

use super::args::{Command, Format};

/// The formats every table command renders.
const TABLES: &[Format] = &[Format::Table, Format::Markdown, Format::Csv, Format::Json];
/// What `export` writes for other systems; it has no table form, so one of them must be named.
const EXPORTS: &[Format] = &[Format::Moodle, Format::Case];
/// The pathway map is also drawn as a graph.
const GRAPH: &[Format] = &[
    Format::Table,
    Format::Markdown,
    Format::Csv,
    Format::Json,
    Format::Dot,
    Format::Mermaid,
];
/// A comparison also writes its proposed outcome mappings (as SSSOM, or as a CASE comparison package).
const COMPARISON: &[Format] = &[
    Format::Table,
    Format::Markdown,
    Format::Csv,
    Format::Json,
    Format::Sssom,
    Format::Case,
];
/// `check FILE` writes its mappings as SSSOM.
const MAPPINGS: &[Format] = &[
    Format::Table,
    Format::Markdown,
    Format::Csv,
    Format::Json,
    Format::Sssom,
];

/// The command as a user types it, for messages.
fn name(command: Option<&Command>) -> &'static str {
    match command {
        None => "overlap A B …",
        Some(Command::Compare { .. }) => "overlap compare",
        Some(Command::Topup { .. }) => "overlap topup",
        Some(Command::Explain { .. }) => "overlap explain",
        Some(Command::Check(a)) if a.batch.is_some() => "overlap check --batch",
        Some(Command::Check(_)) => "overlap check FILE",
        Some(Command::Report { .. }) => "overlap report",
        Some(Command::Similarity { .. }) => "overlap similarity",
        Some(Command::Export { .. }) => "overlap export",
        Some(Command::List) => "overlap list",
        Some(Command::Parse { .. }) => "overlap parse",
        Some(Command::Fmt { .. }) => "overlap fmt",
        Some(Command::Completions { .. }) => "overlap completions",
        Some(Command::Man) => "overlap man",
        Some(Command::Hub { .. }) => "overlap hub",
        Some(Command::Pathways { .. }) => "overlap pathways",
        Some(Command::Distinguish { .. }) => "overlap distinguish",
        Some(Command::Extend { .. }) => "overlap extend",
    }
}

/// The formats `command` writes; empty when its output has one fixed form.
pub fn accepted(command: Option<&Command>) -> &'static [Format] {
    match command {
        None | Some(Command::Compare { .. }) => COMPARISON,
        Some(Command::Check(a)) if a.batch.is_none() => MAPPINGS,
        Some(
            Command::Check(_)
            | Command::Topup { .. }
            | Command::Explain { .. }
            | Command::List
            | Command::Hub { .. }
            | Command::Distinguish { .. }
            | Command::Extend { .. },
        ) => TABLES,
        Some(Command::Pathways { .. }) => GRAPH,
        Some(Command::Export { .. }) => EXPORTS,
        Some(Command::Parse { .. }) => &[Format::Json],
        Some(
            Command::Report { .. }
            | Command::Similarity { .. }
            | Command::Fmt { .. }
            | Command::Completions { .. }
            | Command::Man,
        ) => &[],
    }
}

fn spelled(f: Format) -> String {
    use clap::ValueEnum;
    f.to_possible_value()
        .map_or_else(|| format!("{f:?}"), |v| v.get_name().to_string())
}

/// Why `--format` cannot be `format` for `command`, when it cannot. `given`: it was on the command line (the
/// default, `table`, is never refused where nothing is rendered; `export` has no default and needs it given).
pub fn refusal(command: Option<&Command>, format: Format, given: bool) -> Option<String> {
    let ok = accepted(command);
    let cmd = name(command);
    if ok == EXPORTS && (!given || !ok.contains(&format)) {
        return Some(format!(
            "error: `{cmd}` writes a curriculum for another system: give it --format moodle (a Moodle competency framework CSV) or --format case (a CASE 1.1 package)\n"
        ));
    }
    if !given || ok.contains(&format) {
        return None;
    }
    let f = spelled(format);
    let takes = if ok.is_empty() {
        "takes no --format: its output has one form".to_string()
    } else {
        let names: Vec<String> = ok.iter().map(|&f| spelled(f)).collect();
        format!("takes --format {}", names.join(", "))
    };
    let home = match format {
        Format::Sssom => " (--format sssom is for `overlap A B …` and `overlap check FILE`)",
        Format::Moodle => " (--format moodle is for `overlap export`)",
        Format::Case => " (--format case is for `overlap export` and `overlap A B …`)",
        _ => "",
    };
    Some(format!(
        "error: --format {f} means nothing to `{cmd}`, which {takes}{home}\n"
    ))
}
