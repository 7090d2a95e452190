# The two commands of the README: `make demo` and `make test`. Both set up everything first.
.PHONY: demo test setup lint docs clean-data

setup:
	bash scripts/bootstrap.sh

# Neo4j up, synthetic Jeju data generated and loaded when the database is empty, app on :8050.
demo: setup
	.venv/bin/jss demo

# Unit, integration (real Neo4j, started by the suite) and browser tests (Debian chromium).
test: setup
	bash scripts/run_tests.sh

lint:
	.venv/bin/ruff check .

docs:
	.venv/bin/python scripts/gen_settings_doc.py
