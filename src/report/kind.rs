//! What kind of table a table is: its heading and column documentation in `csv/README.md`, and the form the
//! report gives it.

/// What kind of table a table is: decides its documentation in `csv/README.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Overview,
    Summary,
    VerdictMatrix,
    Verdicts,
    CurriculumMatrix,
    ModuleSimilarity,
    ModuleJaccard,
    Domains,
    Coverage,
    Reviewed,
    Matches,
    Unmatched,
    Gate,
    Sensitivity,
    TopUp,
    Provenance,
    Outcomes,
    Params,
    CriticalDomains,
    Pathways,
    Hub,
    Distinction,
    Extension,
}

impl Kind {
    /// A heading and what the columns mean.
    pub fn doc(self) -> (&'static str, &'static str) {
        match self {
            Kind::Overview => (
                "In brief",
                "First column: what is stated; second: the finding. `shared word for word`: module pairs whose outcomes are the same texts both ways, and how many outcomes of the second curriculum are identical in the first. `modules only in X`: modules with no identical counterpart, each with the other curriculum's most similar module and its module similarity (0–1). Then up to three domains whose competencies differ, critical domains first: the competency ids only one curriculum has, or their count.",
            ),
            Kind::Summary => (
                "Side by side",
                "First column: the fact (title, population, settings, award, credits, levels, modules, outcomes, source). One further column per curriculum id.",
            ),
            Kind::VerdictMatrix => (
                "Answer at a glance",
                "First column: the curriculum a practitioner holds (row); one column per curriculum to move to. Each cell: the gate verdict (equivalent / top-up / ruled-out, or cannot judge), with the proposed top-up's credits after a top-up; empty on the diagonal.",
            ),
            Kind::Verdicts => (
                "Verdicts",
                "`from`, `to`: curriculum ids (a holder of `from` moving to `to`). `verdict`: equivalent / top-up / ruled-out, or cannot judge when none of `to`'s outcomes is tagged in a critical domain. `coverage`: share (0–1) of `to`'s outcomes that `from` covers. `flagged domains`: critical domain ids flagged. `credits`: top-up estimate (empty when ruled out). `stable`: yes when the verdict holds across the ±20% threshold sweep. `reasons`: the verdict's reasons.",
            ),
            Kind::CurriculumMatrix => (
                "Curriculum × curriculum matrices",
                "First column: row curriculum id; one column per curriculum id; values 0–1. Coverage: share of the column's outcomes the row covers. Jaccard: shared competencies / all competencies of the two. Overlap: shared / the smaller set.",
            ),
            Kind::ModuleSimilarity => (
                "Module similarity",
                "First column: module id of the first curriculum (rows); one column per module id of the second; values 0–1: mean best-match hybrid score of the two modules' outcomes, both directions averaged.",
            ),
            Kind::ModuleJaccard => (
                "Module competency Jaccard",
                "As module similarity, but values are the Jaccard index of the two modules' competency tag sets.",
            ),
            Kind::Domains => (
                "Competencies by domain",
                "`domain`: taxonomy domain id. `critical`: yes when the taxonomy marks it critical. `shared`, `only A`, `only B`: counts of competencies. `jaccard`, `overlap`: 0–1. Last two columns: the competency ids only one side has.",
            ),
            Kind::Coverage => (
                "Coverage",
                "`direction`: `A covers B`. `share`: percentage of B's outcomes covered. `outcomes covered`: count of total. `threshold`: the score at or above which an outcome counts as covered.",
            ),
            Kind::Reviewed => (
                "Reviewed matches",
                "One row per outcome of the second curriculum whose counterpart a reviewer decided (`--mappings`): its id, the counterpart (marked accepted, or the next best after a rejected one), the model's `score`, what the outcome `counts as` now (covered / partial / not covered) and its text.",
            ),
            Kind::Outcomes => (
                "Outcomes",
                "One row per outcome of a curriculum: its id (marked † when derived from aims), module, text, competency tags and source URL. An outcome of a module two curricula share is listed once, under the first.",
            ),
            Kind::Matches => (
                "Best matches",
                "One row per outcome of the second curriculum: its id, the id of its best counterpart in the first, the hybrid `score`, its `text` and `tags` components (tags empty when an outcome has none), and the outcome's text. Outcomes whose counterpart is the same text are counted in the note under the table, not listed.",
            ),
            Kind::Unmatched => (
                "Outcomes with no counterpart",
                "`module`, `outcome`: ids of the uncovered outcome. `best score`, `best candidate`: its best match on the other side (below the threshold). `text`: the outcome's text. `source`: the outcome's source URL.",
            ),
            Kind::Gate => (
                "Gate",
                "One row per critical domain: `critical domain` title; how many outcomes the target `requires` in it; how many are `uncovered`; `difference` (uncovered / required); `flagged` (FLAG at or above the flag threshold); the ids of the `uncovered outcomes`. The note carries the verdict's reasons, facts and thresholds.",
            ),
            Kind::Sensitivity => (
                "Sensitivity",
                "One row per threshold (cover, flag, rule_out, equivalent); columns: the verdict with that threshold scaled by 0.8, 0.9, 1.0, 1.1, 1.2, shown as `verdict (value, N flagged)`.",
            ),
            Kind::TopUp => (
                "Top-up proposal",
                "`proposed module`: id and title (TOPUP- + the target module it draws on), or a supervised-practice row. `credits`: estimate. `uncovered`: uncovered outcomes of the module's total. `outcomes`: their ids. `sources`: their source URLs, space-separated.",
            ),
            Kind::Provenance => (
                "Provenance",
                "One row per curriculum (and the taxonomy): `id`, `title`, the `file` it was read from, the `source` title, `edition`, `url`, the count of `outcomes` and how many cite a source URL.",
            ),
            Kind::Params => (
                "Parameters",
                "`parameter`: name; `value`: the value used; `meaning`: what it decides.",
            ),
            Kind::CriticalDomains => (
                "Critical domains",
                "`domain` id, `title`, number of `competencies`, and the reason the taxonomy gives for marking it critical.",
            ),
            Kind::Pathways => (
                "Pathways",
                "One row per ordered pair: `from`, `to` curriculum ids; the gate `verdict`; `top-up credits` (the size of the gap where the route is ruled out); `coverage` (0–1) of `to` by `from`; the settings needing supervised `practice`; `flagged domains`; `progression` (yes when `to` is of a higher intensity).",
            ),
            Kind::Hub => (
                "Hub and spoke",
                "`hub-shares`: per subset of curricula (`hub of`, the core first) and member, the outcomes and credits a hub of them would replace, with shares; spokes last. `hub-competencies`: per region, the competencies shared by all its members and those only they share. `hub-outcomes`: per region and curriculum, the outcomes only that region shares (ids marked † when derived from aims), with their credits.",
            ),
            Kind::Distinction => (
                "Role distinction",
                "Per pair, three tables. Practitioners: the competencies only one curriculum has (`only in`), their `scope` (setting, population or general), `domain`, `credits` of the outcomes carrying them, those `outcomes` (marked † when derived from aims) and an example. Services: per module, its `outcomes` and how many carry a distinguishing competency, with their credits. Commissioners: the two roles side by side and the route into each.",
            ),
            Kind::Extension => (
                "Extension to other populations (exploratory)",
                "Exploratory, never a shortened training or a conversion into another role. `extend`: one row per role (`role`), population it does not serve (`to work with`) and curriculum that trains for that population (`to cover`): the share (0–1) of that curriculum's outcomes the role `covered already`, the `modules to add` and their `credits`, the settings needing `supervised practice`, and the gate's verdict on a shortened training to that role itself. `extend-modules`: per role and population, each module to add (`module`, `title`, `credits`), how many of its outcomes (`outcomes to add` `of` all) and their ids.",
            ),
        }
    }
}
