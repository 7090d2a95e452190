"""Benchmarks: each module has a `main(argv)` and prints its figures; `jss bench` runs them."""
