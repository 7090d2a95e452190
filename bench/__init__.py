"""Benchmarks: each `jss bench` module has `run(...)` (typed arguments) and `command` (its click
command, registered in cli/bench.py) and prints its figures; the others are helpers and
stand-alone scripts (`python -m bench.<module> --help`)."""
