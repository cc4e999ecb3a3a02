//! The "Method and sources" text of the report: how every number is computed, with the thresholds in use.

use crate::analysis::Params;
use crate::analysis::topup::CREDIT_RULE;
use crate::model::Catalog;

pub struct Part {
    pub title: String,
    pub paragraphs: Vec<String>,
}

fn part(title: &str, paragraphs: Vec<String>) -> Part {
    Part {
        title: title.into(),
        paragraphs,
    }
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

pub fn method(p: &Params, catalog: &Catalog) -> Vec<Part> {
    let critical: Vec<String> = catalog
        .taxonomy
        .domains
        .iter()
        .filter(|d| d.critical)
        .map(|d| format!("{} ({})", d.title, d.id))
        .collect();
    vec![
        part(
            "Text similarity",
            vec![
                "Each learning outcome's text is lower-cased, split into words, stripped of English stop words and of descriptor boilerplate (\"demonstrate\", \"understanding\", \"appropriate\", …), has the field's abbreviations expanded (CYP, CBT, ROMs, …) and is Snowball-stemmed. Its terms are the stemmed words plus every pair of adjacent words.".into(),
                "Terms are weighted by TF-IDF: sublinear term frequency (1 + ln count) times the smoothed inverse document frequency ln((1 + n) / (1 + df)) + 1, as scikit-learn computes it, where n is the number of outcomes in all loaded curricula (so a score does not depend on which pair is compared). Vectors are L2-normalised; text similarity is their cosine (0–1).".into(),
            ],
        ),
        part(
            "Hybrid score and tag agreement",
            vec![
                format!(
                    "When both outcomes carry competency tags, score = {:.1} × text similarity + {:.1} × tag agreement; otherwise the score is the text similarity alone.",
                    p.text_weight,
                    1.0 - p.text_weight
                ),
                "Tag agreement = 0.75 × Jaccard of the two outcomes' competency sets + 0.25 × Jaccard of their domain sets, so two outcomes in the same domain but different competencies agree a little.".into(),
                "Scores are reported to four decimals (shown to two) so results are identical run to run and across platforms.".into(),
            ],
        ),
        part(
            "Coverage and module matrices",
            vec![
                format!(
                    "Each outcome of B takes its best-scoring outcome of A (ties go to the earlier outcome). It is covered when that score is at least {:.2}. \"A covers B\" is the share of B's outcomes covered.",
                    p.cover
                ),
                "Module similarity (heatmaps): for modules X of A and Y of B, the mean over X's outcomes of their best score in Y and the mean over Y's outcomes of their best score in X, averaged; a module compared with itself scores 1.".into(),
                "Module competency Jaccard (heatmaps) and the set tables compare competency tags only: shared / all (Jaccard) and shared / the smaller set (overlap coefficient), per curriculum, module and taxonomy domain.".into(),
            ],
        ),
        part(
            "Gate rules",
            vec![
                format!(
                    "The gate asks whether a holder of A can move to B by a shortened training. The critical domains are data, marked in the competency taxonomy: {}.",
                    critical.join("; ")
                ),
                format!(
                    "For each critical domain, B's outcomes tagged in it are required; the difference is the share of them A leaves uncovered. A domain is flagged when the difference is at least {}. Domains in which B requires nothing are not measured.",
                    pct(p.flag)
                ),
                format!(
                    "Verdict: ruled out (no shortened training) when the flagged domains number at least {} of the measured critical domains (rounded up, at least one); equivalent when A covers at least {} of B's outcomes and no domain is flagged; otherwise a top-up is feasible.",
                    pct(p.rule_out),
                    pct(p.equivalent)
                ),
                "Sensitivity: each threshold in turn is scaled by 0.8, 0.9, 1.0, 1.1 and 1.2 with the others as set; a verdict is stable when it is the same at every point.".into(),
                "Differences of population and setting are reported as facts beside the verdict; they never decide it.".into(),
            ],
        ),
        part(
            "Top-up proposals",
            vec![
                format!(
                    "B's outcomes A does not cover are grouped by B's module into proposed modules (TOPUP- + module id). Credit rule: {CREDIT_RULE}; a module without credits counts as 20."
                ),
                "Where B works in a setting A does not, the proposal adds supervised practice in that setting (taught content plus experience of the work).".into(),
            ],
        ),
        part(
            "Sources",
            vec![
                "The table \"Provenance of the curricula\" gives, for every curriculum compared, the file it was read from and its source; every outcome row in the unmatched and top-up tables carries the source URL of its outcome.".into(),
                super::bundle::CAVEAT.into(),
                "Reproduce this report with `cargo run --release -- report` (or `overlap report [IDS…] --out DIR`). The output is byte-identical run to run unless `--stamp` adds the generation time.".into(),
            ],
        ),
    ]
}
