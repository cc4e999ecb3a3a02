//! `overlap man`: the man page, from the one clap definition. clap_mangen writes the title, NAME, SYNOPSIS,
//! DESCRIPTION and OPTIONS; the commands are listed here on this page (clap_mangen would point at one page
//! per command, which are not installed), and EXIT STATUS is written from `Exit`.

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
    }
    roff
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
