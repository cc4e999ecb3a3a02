//! The "Method and sources" text of the report: how every number is computed, with the thresholds in use.

use super::wording::TOPUP_CREDIT_RULE as CREDIT_RULE;
use crate::analysis::Params;
use crate::analysis::similarity::COMPETENCY_SHARE;
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
            "Meaning",
            vec![
                format!(
                    "With the meaning method (in use here: {}), each text is also embedded by the sentence-embedding model all-MiniLM-L6-v2 (Apache-2.0, run offline inside the program): mean of its word-piece vectors, unit length. Meaning = the cosine of two embeddings above {:.2}, stretched to 0–1 (unrelated outcomes of one field score 0.3–0.5). Text score = {:.2} × meaning + {:.2} × TF-IDF cosine beside tags or their glosses, and {:.2} × meaning + {:.2} × TF-IDF cosine when the text is all there is to go on; with the lexical method the text score is the TF-IDF cosine alone.",
                    p.method.name(),
                    p.meaning_floor,
                    p.meaning_weight,
                    1.0 - p.meaning_weight,
                    p.meaning_weight_text,
                    1.0 - p.meaning_weight_text
                ),
            ],
        ),
        part(
            "Score, tags and context",
            vec![
                format!(
                    "When both outcomes carry competency tags, score = {:.2} × text score + {:.2} × tag agreement; otherwise (or with tag weight 0) the score is the text score alone.",
                    1.0 - p.tag_weight,
                    p.tag_weight
                ),
                format!(
                    "Tag agreement = {:.2} × Jaccard of the two outcomes' competency sets + {:.2} × Jaccard of their domain sets, so two outcomes in the same domain but different competencies agree a little.",
                    COMPETENCY_SHARE,
                    1.0 - COMPETENCY_SHARE
                ),
                format!(
                    "Context: the taxonomy scopes some competencies to a population (adults; children and young people; parents and carers; school staff). When both outcomes are scoped and their populations do not meet, the score is multiplied by {:.2}; population-neutral competencies (values, records, supervision, limits of competence) are not penalised unless the outcome itself names its curriculum's population (\"adults\", \"children\").",
                    p.context_penalty
                ),
                "Scores are reported to four decimals (shown to two) so results are identical run to run and across platforms.".into(),
            ],
        ),
        part(
            "Coverage and module matrices",
            vec![
                format!(
                    "Each outcome of B takes its best-scoring outcome of A (ties go to the earlier outcome). It is covered when that score is at least {:.2} (both outcomes tagged), {:.2} (one tagged, compared with what its tags mean) or {:.2} (text only), and partially covered (half credit) from {:.0}% of that threshold. Between two curricula, a text-only score of a mutual best match (each outcome is the other's best counterpart across both curricula) is covered from {:.0}% of the threshold: two outcomes that pick each other out of every candidate say the same thing, even in other words (with tags, shared tags already say so). A university module checked against national curricula does not get this rule: with a handful of outcomes it picks almost every national outcome back, so mutuality is no evidence there. Whether each of its outcomes counts as matched to its best national outcome is decided by an acceptance model ({}): a logistic model over the pick's score against its threshold, how far it stands out from the next picks, whether the module covers its best national module to at least {:.0}% and how well, and whether the pick belongs to the module it fits best; a pick counts as matched at probability {:.2}, half from {:.0}% of that. The module fits national training when at least {:.0}% of its outcomes are matched (without the model: when its best national module's coverage is at least {:.0}%). A score alone cannot tell a generic outcome (research, reflection) that resembles many national ones from one that implements a national outcome. \"A covers B\" is the credited share of B's outcomes.",
                    p.cover,
                    p.cover_gloss,
                    p.cover_text,
                    p.partial * 100.0,
                    p.mutual * 100.0,
                    match p.accept {
                        Some(_) if p.method == crate::analysis::params::Method::Meaning =>
                            "fitted on the expert gold set's dev split; its weights are in the parameters table",
                        _ => "off here: the score against the threshold decides",
                    },
                    p.poor_fit * 100.0,
                    p.accept.map_or(0.0, |a| a.bar),
                    p.partial * 100.0,
                    p.accept.map_or(0.0, |a| a.fit * 100.0),
                    p.poor_fit * 100.0
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
                    "For each critical domain, B's outcomes tagged in it are required; the difference is the share of them A leaves uncovered (a partially covered outcome counts half). A domain is flagged when the difference is at least {}. Domains in which B requires nothing are not measured.",
                    pct(p.flag)
                ),
                format!(
                    "Verdict: ruled out (no shortened training) when the flagged domains number at least {} of the measured critical domains (rounded up, at least one); equivalent when A covers at least {} of B's outcomes and no domain is flagged; otherwise a top-up is feasible.",
                    pct(p.rule_out),
                    pct(p.equivalent)
                ),
                "Sensitivity: each threshold in turn is scaled by 0.8, 0.9, 1.0, 1.1 and 1.2 (kept within 0–1) with the others as set; a verdict is stable when it is the same at every point.".into(),
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
            "Hub and spoke",
            vec![
                format!(
                    "`overlap hub`: an outcome of one curriculum is in the hub of some curricula when every other of them covers it (coverage as above, a partial match counting half); a competency is in it when each of them tags an outcome with it. A spoke is what no other compared curriculum covers. At competency level, a programme's credits on shared competencies are those of its outcomes whose every competency all the hub's members tag (shown beside the verdict, never deciding it). Credits: {}. A shared hub is worth building when the core would replace at least {} of every programme's credits.",
                    super::wording::OUTCOME_CREDIT_RULE,
                    pct(p.hub)
                ),
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
