//! `overlap man`: the man page, from the one clap definition. clap_mangen writes the title, NAME, SYNOPSIS,
//! DESCRIPTION and OPTIONS; the commands, with their own arguments, are listed here on this page (clap_mangen
//! would point at one page per command, which are not installed), and EXIT STATUS is written from `Exit`.

use clap::CommandFactory;
use roff::{Roff, bold, roman};

use super::{Cli, Exit};

/// The whole page as roff.
pub fn page() -> Result<String, std::io::Error> {
    let mut cmd = Cli::command();
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    commands(&cmd).to_writer(&mut out)?;
    exit_status().to_writer(&mut out)?;
    man.render_version_section(&mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Every command with its usage line and what it does.
fn commands(cmd: &clap::Command) -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let usage = sub.clone().render_usage().to_string();
        let usage = usage.trim_start_matches("Usage:").trim();
        roff.control("TP", []);
        roff.text([bold(usage)]);
        if let Some(about) = sub.get_long_about().or_else(|| sub.get_about()) {
            for line in about.to_string().lines() {
                roff.text([roman(line)]);
            }
        }
        let own: Vec<&clap::Arg> = sub
            .get_arguments()
            .filter(|a| !a.is_hide_set() && !a.is_global_set())
            .filter(|a| !matches!(a.get_id().as_str(), "help" | "version"))
            .collect();
        if own.is_empty() {
            continue;
        }
        roff.control("RS", []);
        for a in own {
            roff.control("TP", []);
            roff.text(spelling(a));
            if let Some(help) = a.get_long_help().or_else(|| a.get_help()) {
                let mut help = help.to_string();
                if let Some(default) = defaults(a) {
                    help.push_str(&format!(" [default: {default}]"));
                }
                roff.text([roman(help)]);
            }
        }
        roff.control("RE", []);
    }
    roff
}

/// An argument as it is typed: `--emit <FILE>`, or `<FROM>` for a positional one.
fn spelling(a: &clap::Arg) -> Vec<roff::Inline> {
    let values = a
        .get_value_names()
        .map(|v| {
            v.iter()
                .map(|n| format!("<{n}>"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|| format!("<{}>", a.get_id().as_str().to_uppercase()));
    match a.get_long() {
        Some(long) if a.get_action().takes_values() => {
            vec![bold(format!("--{long}")), roman(format!(" {values}"))]
        }
        Some(long) => vec![bold(format!("--{long}"))],
        None => vec![roman(values)],
    }
}

/// The default value(s) of an argument that has one, as `--help` shows them.
fn defaults(a: &clap::Arg) -> Option<String> {
    let d = a.get_default_values();
    (!d.is_empty()).then(|| {
        d.iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// The exit codes and their meaning, from the one definition the program exits with.
fn exit_status() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    for e in Exit::ALL {
        roff.control("TP", []);
        roff.text([bold(e.code().to_string())]);
        roff.text([roman(e.meaning())]);
    }
    roff
}
