#!/usr/bin/env python3
"""Synthetic learning-outcome corpora for benchmarks: one outcome per line, 15-25 words each, drawn from a
domain vocabulary (verbs, mental-health nouns, interventions, settings, populations, ...). A fixed seed per
file, so every tool reads identical data and every run writes identical files.

    python3 benches/gen_corpus.py OUTDIR            # a2k b2k a20k b20k a100k b100k .txt
    python3 benches/gen_corpus.py OUTDIR 500 1000   # custom sizes (a500 b500 a1000 b1000)
"""

import os
import random
import sys

VERBS = """assesses explains plans evaluates delivers monitors reviews formulates identifies applies describes
selects adapts negotiates communicates supports implements recognises manages reflects discusses critiques
analyses appraises synthesises records documents refers escalates collaborates engages agrees establishes
measures interprets justifies outlines summarises demonstrates compares prioritises coordinates facilitates
promotes safeguards consults evaluates structures tailors sets shares""".split()

ADJS = """evidence-based structured collaborative culturally sensitive low-intensity brief person-centred
developmentally appropriate age-appropriate routine standardised therapeutic shared clinical ethical
reflective inclusive accessible trauma-informed systemic individual group parent-led guided early
preventative whole-school integrated measurable stepped specific common mild moderate emerging
recurrent comorbid diverse local national""".split()

NOUNS = """anxiety depression low-mood worry panic phobia obsessions compulsions self-harm sleep problems
behaviour difficulties wellbeing resilience stress trauma grief bereavement bullying attachment
emotional-regulation irritability avoidance rumination self-esteem perfectionism school-refusal
separation-anxiety social-anxiety health-anxiety eating difficulties conduct-problems hyperactivity
attention neurodevelopmental-conditions autism learning-disability substance-misuse risk safety
suicidality hopelessness distress symptoms functioning goals values strengths needs barriers""".split()

INTERVENTIONS = """cognitive-behavioural-therapy CBT guided-self-help behavioural-activation exposure
graded-exposure problem-solving worry-management sleep-hygiene psychoeducation relaxation
cognitive-restructuring thought-records activity-scheduling parenting-programme motivational-interviewing
relapse-prevention safety-planning goal-setting routine-outcome-measures session-by-session-measures
formulation assessment triage signposting referral case-management supervision consultation
group-work workshops brief-intervention stepped-care""".split()

SETTINGS = """schools colleges primary-schools secondary-schools further-education general-practice
primary-care community-services CAMHS NHS-services local-authority voluntary-sector youth-services
early-help children's-services homes clinics digital-platforms telephone video online MHSTs
mental-health-support-teams IAPT-services""".split()

POPULATIONS = """children young-people adolescents parents carers families teachers school-staff
pupils students adults older-adults service-users clients looked-after-children care-leavers
refugees minority-groups LGBTQ+-young-people young-carers siblings""".split()

PURPOSES = """to reduce symptoms | to improve functioning | to promote recovery | to prevent relapse |
to support return to school | to increase engagement | to manage risk | to inform treatment decisions |
to monitor progress | to ensure safe practice | to meet professional standards | to maintain boundaries |
to respect confidentiality | to obtain informed consent | to address inequalities | to improve access |
to build therapeutic alliance | to work within competence | to plan next steps | to share decisions""".split("|")

CONNECTORS = """with for in across within alongside through using and including such-as""".split()

QUALIFIERS = """in line with national guidance | under clinical supervision | within a stepped-care model |
according to local policy | using routine outcome measures | in partnership with families |
with attention to diversity | with reference to the evidence base | in a time-limited way |
in individual and group formats | face to face and remotely | over six to eight sessions""".split("|")


def words(s):
    return s.replace("-", " ").split()


def sentence(rng):
    """One outcome of 15-25 words."""
    target = rng.randint(15, 25)
    parts = [rng.choice(VERBS)]
    parts += words(rng.choice(ADJS))
    parts += words(rng.choice(INTERVENTIONS))
    parts += [rng.choice(["for", "with", "to", "addressing"])]
    parts += words(rng.choice(NOUNS))
    parts += words(rng.choice(CONNECTORS))
    parts += words(rng.choice(POPULATIONS))
    parts += ["in"] + words(rng.choice(SETTINGS))
    extras = [
        lambda: words(rng.choice(PURPOSES)),
        lambda: words(rng.choice(QUALIFIERS)),
        lambda: ["and"] + words(rng.choice(NOUNS)),
        lambda: [rng.choice(["and", "or"])] + words(rng.choice(ADJS)) + words(rng.choice(INTERVENTIONS)),
        lambda: ["including"] + words(rng.choice(POPULATIONS)),
    ]
    while len(parts) < target:
        parts += rng.choice(extras)()
    parts = parts[:target]
    return " ".join(parts).capitalize()


def write(path, n, seed):
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        for _ in range(n):
            f.write(sentence(rng))
            f.write("\n")


def label(n):
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "target/bench-data"
    sizes = [int(x) for x in sys.argv[2:]] or [2000, 20000, 100000]
    os.makedirs(out, exist_ok=True)
    for n in sizes:
        for side, seed in (("a", 1), ("b", 2)):
            path = os.path.join(out, f"{side}{label(n)}.txt")
            write(path, n, seed * 1_000_003 + n)
            print(path)


if __name__ == "__main__":
    main()
