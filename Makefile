# The two quick-start commands are `make run` and `make test`; each sets up what it needs.
.PHONY: run test lint typecheck unit seeds bench fuzz clean

run:
	@scripts/bootstrap.sh run
	@scripts/run.sh

test:
	@scripts/bootstrap.sh test
	@$(MAKE) --no-print-directory lint typecheck unit

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

typecheck:
	.venv/bin/mypy

unit:
	ARGMAP_BLOCK_QT=1 .venv/bin/python -m pytest -q -p no:pytest-qt argmap tests/argmap
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q tests/desktop

# Rebuild seeds/maps/*.argmap from seeds/curation/*.json (quotes -> anchor spans).
seeds:
	.venv/bin/python -m seeds.build

bench:
	@scripts/bootstrap.sh test
	.venv/bin/python -m bench $(BENCH) --write

# Long fuzzing of every reader (atheris, coverage-guided); FUZZ_SECONDS per reader.
fuzz:
	@scripts/bootstrap.sh test
	.venv/bin/python -m bench fuzz --seconds=$${FUZZ_SECONDS:-60}

clean:
	rm -rf .venv build .mypy_cache .pytest_cache .ruff_cache
