//! The sentences the analysis's data stands for: a verdict's reasons, the facts beside it, the top-up credit
//! rule, the credit rule of the hub and the distinction, and `check`'s lints. Analysis returns data; these
//! words are written here only, for tables, the report and JSON (where each is the string it has always been,
//! so tools that read `reasons`, `facts`, `rule`, `credit_rule` and `lints` keep working).

use std::fmt;

use serde::{Serialize, Serializer};

use crate::analysis::check::Lint;
use crate::analysis::gate::{Dimension, Fact, Flagged, Reason};
use crate::analysis::hub::CreditRule;
use crate::analysis::topup::Rule;

/// How top-up credits are estimated, in words.
pub const TOPUP_CREDIT_RULE: &str = "per module of the target: its credits × the share of its outcomes not covered, rounded up to a multiple of 5";

/// How an outcome's credits are counted (the hub and the distinction), in words.
pub const OUTCOME_CREDIT_RULE: &str = "an outcome carries its module's credits divided evenly among the module's outcomes; a module without credits adds none";

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn named(flagged: &[Flagged]) -> String {
    flagged
        .iter()
        .map(|g| format!("{} ({} uncovered)", g.title, pct(g.difference)))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::CannotJudge { to } => write!(
                f,
                "cannot judge: {to}'s outcomes carry no critical-domain tags, so no critical domain can be measured (tag its outcomes with competencies of the taxonomy's critical domains)"
            ),
            Reason::RuledOut {
                from,
                to,
                flagged,
                measured,
                needed,
                flag,
            } => write!(
                f,
                "{} of {measured} critical domains differ: {} of what {to} requires there is not covered by {from} (flag at {}); {needed} flagged domains rule a shortened training out",
                flagged.len(),
                named(flagged),
                pct(*flag)
            ),
            Reason::Equivalent {
                from,
                to,
                share,
                equivalent,
            } => write!(
                f,
                "{from} covers {} of {to}'s outcomes (equivalent from {}) and no critical domain is flagged",
                pct(*share),
                pct(*equivalent)
            ),
            Reason::Bridgeable {
                from,
                to,
                flagged,
                measured,
                needed,
                share,
            } => write!(
                f,
                "{} of {measured} critical domains flagged (ruling out needs {needed}){}; {from} covers {} of {to}'s outcomes, so the gap is bridgeable",
                flagged.len(),
                if flagged.is_empty() {
                    String::new()
                } else {
                    format!(": {}", named(flagged))
                },
                pct(*share)
            ),
            Reason::Estimate { credits } => {
                write!(
                    f,
                    "top-up estimate: {credits} credits ({TOPUP_CREDIT_RULE})"
                )
            }
        }
    }
}

impl fmt::Display for Fact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (a, b) = (self.a_labels.join(", "), self.b_labels.join(", "));
        match self.dimension {
            Dimension::Population => write!(
                f,
                "population differs: {} trains for {a}; {} for {b}",
                self.a, self.b
            ),
            Dimension::Setting => write!(
                f,
                "setting differs: {} works in {a}; {} in {b}",
                self.a, self.b
            ),
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(TOPUP_CREDIT_RULE)
    }
}

impl fmt::Display for CreditRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(OUTCOME_CREDIT_RULE)
    }
}

impl fmt::Display for Lint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let levels = |v: &[u32]| v.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
        match self {
            Lint::Credits {
                credits,
                national,
                national_credits,
            } => write!(
                f,
                "credits: this module has {credits}, national module {national} has {national_credits}"
            ),
            Lint::Level {
                levels: own,
                national,
                national_levels,
            } => write!(
                f,
                "level: this module is level {}, national module {national} is level {}",
                levels(own),
                levels(national_levels)
            ),
        }
    }
}

/// Each of these is a string in JSON: its words.
macro_rules! serialize_as_words {
    ($($t:ty),*) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
    )*};
}

serialize_as_words!(Reason, Fact, Rule, CreditRule, Lint);

/// A verdict's reasons, one sentence each.
pub fn reasons(r: &[Reason]) -> Vec<String> {
    r.iter().map(ToString::to_string).collect()
}
