//! Mappings as SSSOM TSV (Simple Standard for Sharing Ontological Mappings): a YAML metadata block in `#`
//! lines, then one row per proposed outcome mapping. No date is written, so the file is byte-stable.

use std::collections::BTreeSet;

use crate::analysis::mapping::{Mapping, Predicate};
use crate::analysis::params::Method;
use crate::analysis::review::Review;
pub use crate::syntax::sssom::{local, prefix};

/// The namespace of every outcome's IRI: `<BASE>curriculum/<CURRICULUM>/<OUTCOME>`. The `.invalid` domain
/// is reserved (RFC 2606), so these IRIs can never clash with anyone's real ones; publish under a namespace
/// you own by rewriting the `curie_map`.
pub const IRI_BASE: &str = "https://overlap.invalid/";
pub const LICENSE: &str = "https://w3id.org/sssom/license/unspecified";
const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
const SEMAPV: &str = "https://w3id.org/semapv/vocab/";

pub const COLUMNS: [&str; 7] = [
    "subject_id",
    "subject_label",
    "predicate_id",
    "object_id",
    "object_label",
    "mapping_justification",
    "confidence",
];

pub fn predicate_id(p: Predicate) -> &'static str {
    match p {
        Predicate::Exact => "skos:exactMatch",
        Predicate::Close => "skos:closeMatch",
        Predicate::Narrow => "skos:narrowMatch",
        Predicate::Broad => "skos:broadMatch",
        Predicate::Related => "skos:relatedMatch",
    }
}

/// The justification of a proposed mapping: the method that decided it.
pub fn justification(method: Method) -> &'static str {
    match method {
        Method::Lexical => "semapv:LexicalMatching",
        Method::Meaning => "semapv:SemanticSimilarityThresholdMatching",
    }
}

pub fn curie(curriculum: &str, outcome: &str) -> String {
    format!("{}:{}", prefix(curriculum), local(outcome))
}

fn namespace(curriculum: &str) -> String {
    format!("{IRI_BASE}curriculum/{}/", local(curriculum))
}

/// An outcome's text as one TSV cell: shown, never obeyed (no control characters, no line breaks or tabs,
/// no spreadsheet formula).
pub fn label(text: &str) -> String {
    super::table::neutralise(&crate::printable::one_line(text)).into_owned()
}

/// The SSSOM file for `mappings` between the curricula `sides` (in order), proposed by `method`.
pub fn tsv(sides: &[String], mappings: &[Mapping], method: Method) -> String {
    let mut prefixes: BTreeSet<String> = sides.iter().cloned().collect();
    for m in mappings {
        prefixes.insert(m.subject.curriculum.clone());
        prefixes.insert(m.object.curriculum.clone());
    }
    let mut s = String::from("#curie_map:\n");
    for id in &prefixes {
        s.push_str(&format!("#  {}: {}\n", prefix(id), namespace(id)));
    }
    s.push_str(&format!("#  semapv: {SEMAPV}\n#  skos: {SKOS}\n"));
    let set: Vec<String> = sides.iter().map(|c| local(c)).collect();
    s.push_str(&format!(
        "#mapping_set_id: {IRI_BASE}mappings/{}\n",
        set.join("/")
    ));
    s.push_str(&format!(
        "#mapping_set_description: \"Outcome mappings proposed by overlap between {}; the predicate follows the direction of coverage and confidence is the outcome-to-outcome score.\"\n",
        sides.iter().map(|s| label(s).replace(['"', '\\'], "")).collect::<Vec<_>>().join(", ")
    ));
    s.push_str(&format!("#license: {LICENSE}\n"));
    s.push_str("#mapping_tool: overlap\n");
    s.push_str(&format!(
        "#mapping_tool_version: {}\n",
        env!("CARGO_PKG_VERSION")
    ));
    s.push_str(&COLUMNS.join("\t"));
    s.push('\n');
    for m in mappings {
        let row = [
            curie(&m.subject.curriculum, &m.subject.outcome),
            label(&m.subject.text),
            predicate_id(m.predicate).to_string(),
            curie(&m.object.curriculum, &m.object.outcome),
            label(&m.object.text),
            if m.reviewed == Review::Accepted {
                crate::syntax::sssom::MANUAL.to_string()
            } else {
                justification(method).to_string()
            },
            format!("{}", m.score.clamp(0.0, 1.0)),
        ];
        s.push_str(&row.join("\t"));
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_curies_that_expand_to_iris() {
        assert_eq!(curie("CWP-2017", "CWP-2017-1.3"), "CWP-2017:CWP-2017-1.3");
        assert_eq!(curie("2nd year", "a/b c"), "_2nd_year:a%2Fb%20c");
        assert_eq!(label("=SUM(A1)\tx\ny"), "'=SUM(A1) x y");
    }
}
