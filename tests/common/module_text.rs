//! A made-up module on brief interventions with young people (our own wording), which the descriptor tests
//! write in every style and format.
#![allow(dead_code)]

pub const TITLE: &str = "Brief Interventions with Young People";

/// Its learning outcomes.
pub const OUTCOMES: [&str; 4] = [
    "Assess the presenting difficulties of a young person using structured interviews and routine measures.",
    "Plan a brief guided self-help intervention together with the young person and their family.",
    "Evaluate progress with session-by-session measures and adjust the plan with a supervisor.",
    "Recognise the limits of the practitioner role and refer on to more intensive services.",
];

/// Its indicative content: a bulleted list that is not outcomes.
pub const CONTENT: [&str; 3] = [
    "Structured assessment interviews",
    "Behavioural activation for low mood",
    "Working with parents and carers",
];
