"""A second, independently written generator of whole export bundles (data contract v1), for
validating the risk model on data the project's own generator (`synth/`) did not make.

    .venv/bin/python -m bench.secondgen.bundle --households 40000 --seed 11 --out DIR

    from bench.secondgen.bundle import generate_bundle
    manifest = generate_bundle(households=2000, seed=3, out=Path("b"))

The generative process (time in days from 2019-01-01; the harm runs from 2017-01-01 so the export
window 2019-01-01 … 2024-12-31 opens on a history it does not show):

1. **Households** (`people`): an at-risk population of couples with or without children,
   multicultural couples (a foreign wife, Latin-script names), three generations, an elderly parent
   with an adult child, single parents and single adults; names from `bench/secondgen/names.py`,
   homes on Jeju from `places.py`, one mobile each (sometimes changed), none for young children.
2. **Pairs** (`pairs`): each household's possible victim–offender pairs — partners (가정폭력), a
   single adult and a partner from outside (데이트폭력), a parent and a child (아동학대), an adult
   child and an elderly parent (노인학대), an acquaintance or stranger (성폭력). Frailty Z = O·V:
   O the offender's propensity (gamma, shape 0.5), shared by all the offender's pairs; V the pair's
   (gamma, shape 1.5). Trajectory: escalating 22 %, stable 45 %, desisting 33 % (from a random day).
3. **Harm** (`harm`): incidents from a self-exciting (Hawkes) process with exponential kernel per
   pair — baseline Z·μ·season, times 0.5 + 2·e^(−Δ/75d) after a separation (risk peaks right after
   it), decaying after desistance; each incident adds excitation, more in escalating pairs and after
   severe incidents. Severity per incident (pair level + trend + post-separation + noise) sets
   weapon, injury and the chance the victim (or someone) calls 112, which also rises with earlier
   calls; foreign victims, children and the elderly report less. Incidents may end in separation
   (the victim often moves out with the children); the offender moves on some months later and,
   with a probability rising with O, starts again with a new partner (serial offenders).
4. **Response** (`response`, `support`): a reported incident is a call (place, precinct, priority
   from severity, outcome, reporter, child witnesses, summary), police orders (긴급임시조치,
   임시조치1–5호, 긴급응급조치, 잠정조치1–4호) and victim protection (신변보호, 스마트워치, 위치추적)
   with probabilities rising with severity and recent calls; checklists (20 items) by officers or
   counselling staff whose "yes" answers follow a noisy view of the latent risk, graded from the
   count and moved a step by judgement in one case of five; police referrals to every kind of
   agency (episodes of visits) and a few self-referrals after unreported incidents; council agenda
   items for some high-risk pairs with their plans. **Every measure and support protects**: it
   multiplies the pair's intensity by a factor while in force (restraining order 0.35 for its
   term, then 0.85; shelter 0.25; counselling 0.8; offender programme 0.6; council plan 0.7 for a
   year …). `protective_strength` scales all of them (0 = no effect).
5. **Writing** (`records`, `rows`, `writers`): contract headers in Korean; agencies UTF-8, police
   files CP949, services and council measures UTF-8 with BOM, council cases .xlsx; the contract's
   date, birth-date, phone, yes/no and address forms; names masked by police and council, Latin
   for foreign residents, clerks' typos (`bench/secondgen/formats.py`); calls from 2021-07 carry
   경도/위도 near their 읍·면·동 (older rows empty): WGS84 degrees to 4 decimals, except that the
   precincts of 서귀포경찰서 export UTM-K (EPSG:5179) whole metres, projected here with Snyder's
   series (the true point is in `_truth/calls.csv`). With `bad_rate` > 0 some extra rows are
   deliberately bad (impossible date, unknown call, empty key) and listed in `_truth/bad_rows.csv`.

Truth in `DIR/_truth/`: `records.csv` (file, row, slot, person_id for every person mention),
`calls.csv`, `pairs.csv` (latent frailty, trajectory, separation, incidents, protections),
`incidents.csv` (reported or not), `bad_rows.csv`, `manifest.json`. Deterministic: every random
choice comes from `random.Random` seeded with strings such as `"bundle2:11:harm:PR000042"`, and
the .xlsx has fixed timestamps. Nothing is imported from `synth/`.
"""

from bench.secondgen.bundle.build import generate_bundle, simulate

__all__ = ["generate_bundle", "simulate"]
