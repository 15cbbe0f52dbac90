# Benchmarks: `make bench` builds and runs them and prints their figures.
EXTRA_PROGRAMS = bench/bench_config
bench_bench_config_SOURCES = bench/bench_config.c
bench_bench_config_LDADD = $(AGENT_LIBS)
CLEANFILES += $(EXTRA_PROGRAMS)

bench: bench/bench_config$(EXEEXT)
	@echo "== configuration path (bench/bench_config)"
	@bench/bench_config$(EXEEXT)
.PHONY: bench
