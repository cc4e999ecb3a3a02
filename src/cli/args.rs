//! The command line, defined once: help, shell completions and the man page are generated from it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::analysis::params::{Method, Params};

#[derive(Debug, Parser)]
#[command(
    name = "overlap",
    version,
    about = "Competency-overlap analysis of training curricula",
    long_about = "Compares training curricula written in the overlap specification language: what two programmes \
share, what only one has, whether a top-up training would bridge them, and why a shortened training is ruled out.\n\n\
Run `overlap cwp emhp` to compare two shipped curricula; `overlap list` shows them.",
    subcommand_negates_reqs = true,
    override_usage = "overlap [OPTIONS] <CURRICULUM> <CURRICULUM>...\n       overlap [--curricula <DIR>] [--format <FORMAT>] <COMMAND> [ARGS]..."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Curricula to compare (ids or aliases, any case), e.g. `cwp emhp` or `pwp cwp emhp`.
    #[arg(value_name = "CURRICULUM", num_args = 2..)]
    pub ids: Vec<String>,
    #[command(flatten)]
    pub compare: CompareOpts,
    #[command(flatten)]
    pub global: Global,
}

#[derive(Debug, Args, Clone)]
pub struct Global {
    /// Folder of `.ovl` files that add to or replace the shipped curricula (same id or a taxonomy replaces).
    #[arg(long, value_name = "DIR", global = true)]
    pub curricula: Vec<PathBuf>,
    /// Output format for every table (a command that writes one form refuses it).
    #[arg(long, value_enum, default_value_t = Format::Table, global = true)]
    pub format: Format,
    /// `--format` was on the command line (not the default): a command that renders nothing refuses it.
    #[arg(skip)]
    pub format_given: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Markdown,
    Csv,
    Json,
    /// Every proposed outcome mapping as SSSOM TSV (`overlap A B …` and `check FILE` only).
    Sssom,
    /// A Moodle competency framework CSV (`export` only).
    Moodle,
    /// A 1EdTech CASE 1.1 package, JSON: a curriculum (`export`) or the proposed mappings of `overlap A B …`.
    Case,
    /// The pathway graph in Graphviz DOT (`pathways` only).
    Dot,
    /// The pathway graph as a Mermaid flowchart (`pathways` only).
    Mermaid,
}

/// How outcomes are scored and judged: every default comes from the engine's parameters.
#[derive(Debug, Args, Clone)]
pub struct Thresholds {
    /// How texts are compared: `meaning` blends a sentence-embedding model with word overlap; `lexical` is
    /// word overlap (TF-IDF) alone.
    #[arg(long, value_enum, default_value_t = Params::DEFAULT.method)]
    pub method: Method,
    /// Share of the score from competency-tag agreement when both outcomes carry tags (0 = text alone, to
    /// audit what the wording says without the tags).
    #[arg(long, value_name = "W", default_value_t = Params::DEFAULT.tag_weight)]
    pub tag_weight: f64,
    /// Score at or above which an outcome counts as covered by another (both tagged).
    #[arg(long, value_name = "SCORE", default_value_t = Params::DEFAULT.cover)]
    pub cover: f64,
    /// Score at or above which an outcome counts as covered when only one side is tagged (a university
    /// outcome against a national one: its text is also compared with what the tags mean).
    #[arg(long, value_name = "SCORE", default_value_t = Params::DEFAULT.cover_gloss)]
    pub cover_gloss: f64,
    /// Score at or above which an outcome counts as covered when the score is text only.
    #[arg(long, value_name = "SCORE", default_value_t = Params::DEFAULT.cover_text)]
    pub cover_text: f64,
    /// Share of a critical domain's outcomes left uncovered at which the domain is flagged.
    #[arg(long, value_name = "SHARE", default_value_t = Params::DEFAULT.flag)]
    pub flag: f64,
    /// Share of critical domains flagged at which a shortened training is ruled out.
    #[arg(long, value_name = "SHARE", default_value_t = Params::DEFAULT.rule_out)]
    pub rule_out: f64,
    /// Coverage at or above which two curricula count as equivalent.
    #[arg(long, value_name = "SHARE", default_value_t = Params::DEFAULT.equivalent)]
    pub equivalent: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        let p = Params::DEFAULT;
        Thresholds {
            method: p.method,
            tag_weight: p.tag_weight,
            cover: p.cover,
            cover_gloss: p.cover_gloss,
            cover_text: p.cover_text,
            flag: p.flag,
            rule_out: p.rule_out,
            equivalent: p.equivalent,
        }
    }
}

#[derive(Debug, Args, Clone, Default)]
pub struct CompareOpts {
    /// Add a module file (e.g. an emitted top-up draft) to the first curriculum before comparing.
    #[arg(long, value_name = "FILE")]
    pub with: Vec<PathBuf>,
    #[command(flatten)]
    pub top: Top,
    /// Stop after the answer and each pair at a glance (modules shared word for word, main differences).
    #[arg(long)]
    pub brief: bool,
    /// Also write every proposed outcome mapping to FILE (.xlsx) to review in a spreadsheet: the SSSOM rows
    /// with a `decision` column (accept / reject) that `--mappings FILE` reads back.
    #[arg(long, value_name = "FILE")]
    pub review_sheet: Option<PathBuf>,
    /// Reviewers' decisions: an SSSOM file whose `semapv:ManualMappingCuration` rows accept a pair (it covers,
    /// whatever the score) or, with `predicate_modifier` `Not`, reject it (it never covers). Repeatable.
    #[arg(long, value_name = "FILE")]
    pub mappings: Vec<PathBuf>,
    #[command(flatten)]
    pub thresholds: Thresholds,
}

/// `--top N`, defined once for every command that ranks: how many entries each ranked list shows.
#[derive(Debug, Args, Clone, Copy, Default, PartialEq, Eq)]
pub struct Top {
    #[arg(
        long = "top",
        value_name = "N",
        help = "How many entries each ranked list shows; 0 lists them all",
        long_help = Top::help()
    )]
    given: Option<usize>,
}

impl Top {
    /// Strongest matches and unmatched outcomes listed per direction by `overlap A B`.
    pub const MATCHES: usize = 10;
    /// National modules ranked by `check`.
    pub const MODULES: usize = 5;

    fn help() -> String {
        format!(
            "How many entries each ranked list shows; 0 lists them all. Default: {} strongest matches and {} \
unmatched outcomes per direction (`overlap A B`), {} national modules (`check`), the best match per line of B \
(`similarity`, which then scores the full matrix; with --top it keeps the N best per line in bounded memory).",
            Top::MATCHES,
            Top::MATCHES,
            Top::MODULES
        )
    }

    /// The number of entries to show where the command lists `default` unless told: every entry for 0.
    pub fn or(self, default: usize) -> usize {
        self.limit().unwrap_or(default)
    }

    /// The number given on the command line, with 0 (every entry) as `usize::MAX`; `None` when not given.
    pub fn limit(self) -> Option<usize> {
        self.given.map(|n| if n == 0 { usize::MAX } else { n })
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare two or more curricula (the same as `overlap A B …`).
    Compare {
        #[arg(value_name = "CURRICULUM", num_args = 2.., required = true)]
        ids: Vec<String>,
        #[command(flatten)]
        opts: CompareOpts,
    },
    /// Propose a top-up for a holder of FROM who wants to practise as TO, and the gate verdict.
    Topup {
        /// The curriculum the practitioner trained in (id or alias).
        from: String,
        /// The curriculum of the role they want to practise in.
        to: String,
        /// Write the proposal as a draft module file in the specification language.
        #[arg(long, value_name = "FILE")]
        emit: Option<PathBuf>,
        /// Reviewers' decisions: an SSSOM file whose `semapv:ManualMappingCuration` rows accept a pair (it covers,
        /// whatever the score) or, with `predicate_modifier` `Not`, reject it (it never covers). Repeatable.
        #[arg(long, value_name = "FILE")]
        mappings: Vec<PathBuf>,
        #[command(flatten)]
        thresholds: Thresholds,
    },
    /// Explain the score between two outcomes, given as CURRICULUM:OUTCOME.
    Explain {
        a: String,
        b: String,
        #[command(flatten)]
        thresholds: Thresholds,
    },
    /// Check a university module against national curricula.
    Check(CheckArgs),
    /// Write the reviewers' report (HTML, Markdown, CSV, XLSX) for the given or all curricula.
    Report {
        #[arg(value_name = "CURRICULUM")]
        ids: Vec<String>,
        /// Folder to write (replaced atomically).
        #[arg(long, default_value = "output")]
        out: PathBuf,
        /// Put the generation time into the report.
        #[arg(long)]
        stamp: bool,
        /// Reviewers' decisions: an SSSOM file whose `semapv:ManualMappingCuration` rows accept a pair (it covers,
        /// whatever the score) or, with `predicate_modifier` `Not`, reject it (it never covers). Repeatable.
        #[arg(long, value_name = "FILE")]
        mappings: Vec<PathBuf>,
        #[command(flatten)]
        thresholds: Thresholds,
    },
    /// Outcome × outcome text similarity of two plain-text files (one outcome per line), for benchmarks and
    /// large batches: prints each line of B with its best matches in A.
    Similarity {
        a: PathBuf,
        b: PathBuf,
        #[command(flatten)]
        top: Top,
        /// Print only a summary line (counts and time), not the matches.
        #[arg(long)]
        quiet: bool,
        /// How texts are compared (see `overlap --help`); `meaning` embeds every line, so it suits small files.
        #[arg(long, value_enum, default_value_t = Method::Lexical)]
        method: Method,
    },
    /// Write a curriculum for another system: `--format moodle` gives a Moodle competency framework CSV
    /// (Site administration → Competencies → Import competency framework); `--format case` a 1EdTech CASE 1.1
    /// package (JSON) for frameworks tools such as OpenSALT or CaSS, which `--curricula` reads back.
    Export {
        #[arg(value_name = "CURRICULUM")]
        curriculum: String,
    },
    /// List the loaded curricula with aliases, modules, credits, levels and sources.
    List,
    /// Parse spec files and print the resolved model (for debugging and other tools).
    Parse {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print spec files in canonical form.
    Fmt {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Exit 1 when a file is not in canonical form; print nothing else.
        #[arg(long, conflicts_with = "write")]
        check: bool,
        /// Rewrite the files in place (atomically).
        #[arg(long)]
        write: bool,
    },
    /// Print shell completions.
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff).
    Man,
    /// Hub and spoke: what the curricula share, what each keeps, and whether a shared hub is worth building.
    ///
    /// What all the given curricula share (the core), what each subset of two or more shares, and what each
    /// keeps as its own (its spoke), by competency and by outcome with credits; the share of each programme a
    /// common hub would replace, and the verdict from the smallest share against --hub-share.
    Hub {
        /// Curricula (ids or aliases), two or more, e.g. `pwp cwp emhp`.
        #[arg(value_name = "CURRICULUM", num_args = 2.., required = true)]
        ids: Vec<String>,
        /// Share of every programme's credits the core must replace for a shared hub to be worth building.
        #[arg(long, value_name = "SHARE", default_value_t = Params::DEFAULT.hub)]
        hub_share: f64,
        /// Reviewers' decisions: an SSSOM file whose `semapv:ManualMappingCuration` rows accept a pair (it covers,
        /// whatever the score) or, with `predicate_modifier` `Not`, reject it (it never covers). Repeatable.
        #[arg(long, value_name = "FILE")]
        mappings: Vec<PathBuf>,
        #[command(flatten)]
        thresholds: Thresholds,
    },
    /// What distinguishes two roles, for practitioners, services and universities, and commissioners.
    ///
    /// The competencies one curriculum teaches and the other does not, setting- and population-specific ones
    /// first, then by credits, in three views: for practitioners (the competencies), for services and
    /// universities (the modules that teach them), for commissioners (the roles side by side and the routes
    /// between them).
    Distinguish {
        /// A curriculum (id or alias).
        a: String,
        /// The curriculum to tell it apart from.
        b: String,
        /// Reviewers' decisions: an SSSOM file whose `semapv:ManualMappingCuration` rows accept a pair (it covers,
        /// whatever the score) or, with `predicate_modifier` `Not`, reject it (it never covers). Repeatable.
        #[arg(long, value_name = "FILE")]
        mappings: Vec<PathBuf>,
        #[command(flatten)]
        thresholds: Thresholds,
    },
    /// Exploratory: the additional modules a role would need to work with another population.
    ///
    /// The outcomes of the loaded curricula that train for the population which the role does not cover, as
    /// modules with credits, e.g. `cwp --population adults`. Never a shortened training or a conversion into
    /// another role, and the output says so.
    Extend {
        /// The role's curriculum (id or alias).
        #[arg(value_name = "ROLE")]
        role: String,
        /// A population defined in the taxonomy, e.g. `adults` or `children-young-people`.
        #[arg(long, value_name = "POPULATION", required = true)]
        population: String,
        /// Reviewers' decisions: an SSSOM file whose `semapv:ManualMappingCuration` rows accept a pair (it covers,
        /// whatever the score) or, with `predicate_modifier` `Not`, reject it (it never covers). Repeatable.
        #[arg(long, value_name = "FILE")]
        mappings: Vec<PathBuf>,
        #[command(flatten)]
        thresholds: Thresholds,
    },
    /// Career pathways between roles: every route's verdict and top-up credits, as a table or a graph.
    ///
    /// For every ordered pair of the given (default: all loaded) curricula, the gate verdict and the top-up
    /// credits a holder of one would need to practise as the other, as a table or a graph (`--format dot` or
    /// `mermaid`; `json` gives nodes and edges).
    Pathways {
        /// Curricula (ids or aliases); all loaded ones when none is given.
        #[arg(value_name = "CURRICULUM")]
        ids: Vec<String>,
        /// Reviewers' decisions: an SSSOM file whose `semapv:ManualMappingCuration` rows accept a pair (it covers,
        /// whatever the score) or, with `predicate_modifier` `Not`, reject it (it never covers). Repeatable.
        #[arg(long, value_name = "FILE")]
        mappings: Vec<PathBuf>,
        #[command(flatten)]
        thresholds: Thresholds,
    },
}

#[derive(Debug, Args, Clone)]
pub struct CheckArgs {
    /// A module spec (.ovl) or a descriptor: text as copied from a catalogue page (.md/.txt), a Word (.docx)
    /// or OpenDocument (.odt) file, a saved catalogue page (.html/.htm) or a PDF with a text layer; `-` reads
    /// standard input.
    #[arg(required_unless_present = "batch")]
    pub file: Option<PathBuf>,
    /// National curricula to check against (comma-separated ids or aliases).
    #[arg(long, value_delimiter = ',', required = true)]
    pub against: Vec<String>,
    /// Exit 1 when the best national module's coverage is below this share (0–1).
    #[arg(long, value_name = "P")]
    pub min_coverage: Option<f64>,
    /// Check every descriptor in a folder, one summary row each; files of other kinds are listed as skipped.
    #[arg(long, value_name = "DIR", conflicts_with = "file")]
    pub batch: Option<PathBuf>,
    #[command(flatten)]
    pub top: Top,
    /// Stop after the answer and each pair at a glance (modules shared word for word, main differences).
    #[arg(long)]
    pub brief: bool,
    /// Also write every proposed outcome mapping to FILE (.xlsx) to review in a spreadsheet: the SSSOM rows
    /// with a `decision` column (accept / reject) that `--mappings FILE` reads back.
    #[arg(long, value_name = "FILE", conflicts_with = "batch")]
    pub review_sheet: Option<PathBuf>,
    /// Reviewers' decisions: an SSSOM file whose `semapv:ManualMappingCuration` rows accept a pair (it covers,
    /// whatever the score) or, with `predicate_modifier` `Not`, reject it (it never covers). Repeatable.
    #[arg(long, value_name = "FILE")]
    pub mappings: Vec<PathBuf>,
    #[command(flatten)]
    pub thresholds: Thresholds,
}
