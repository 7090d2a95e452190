"""A second generator of synthetic person records, written independently of `synth/` (other name
pools, other agencies, other error kinds and rates), to measure entity resolution on records the
project did not tune to. No real person: names are drawn from pools, phones are random.

    records, truth = generate(n_people=1_100, seed=7)   # ≈ 3,000 records
    g = generate_annotated(1_100, 7)                     # + g.tags: true values, forms and errors per record
"""

from bench.secondgen.agencies import AGENCIES, MEAN_RECORDS, Generated, generate, generate_annotated

__all__ = ["AGENCIES", "MEAN_RECORDS", "Generated", "generate", "generate_annotated"]
