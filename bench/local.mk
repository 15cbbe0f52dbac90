# Benchmarks: `make bench` builds and runs them and prints their figures.
EXTRA_PROGRAMS = bench/bench_config bench/bench_connreq bench/bench_read bench/bench_floor
bench_bench_config_SOURCES = bench/bench_config.c
bench_bench_config_CFLAGS = $(AM_CFLAGS) $(LIBXML2_CFLAGS)
bench_bench_config_LDADD = $(AGENT_LIBS)
bench_bench_read_SOURCES = bench/bench_read.c
bench_bench_read_CFLAGS = $(AM_CFLAGS) $(LIBXML2_CFLAGS)
bench_bench_read_LDADD = $(AGENT_LIBS)
bench_bench_connreq_SOURCES = bench/bench_connreq.c
bench_bench_connreq_CFLAGS = $(AM_CFLAGS) $(LIBCURL_CFLAGS)
bench_bench_connreq_LDADD = $(LIBCURL_LIBS)
bench_bench_floor_SOURCES = bench/bench_floor.c
bench_bench_floor_CFLAGS = $(AM_CFLAGS) $(LIBXML2_CFLAGS)
bench_bench_floor_LDADD = $(LIBXML2_LIBS)
CLEANFILES += $(EXTRA_PROGRAMS)
EXTRA_DIST += bench/bench_cwmp.sh bench/bench_connreq.sh bench/bench_download.sh \
	bench/bench_memory.sh

bench: bench/bench_config$(EXEEXT) bench/bench_connreq$(EXEEXT) bench/bench_floor$(EXEEXT) \
		bench/bench_read$(EXEEXT) \
		agent/cwmpd$(EXEEXT) cli/cwmpsh$(EXEEXT) tests/acs/testacs$(EXEEXT)
	@echo "== configuration path (bench/bench_config)"
	@bench/bench_config$(EXEEXT)
	@echo "== cwmpd's own CPU for a whole-tree read, in process (bench/bench_read)"
	@bench/bench_read$(EXEEXT)
	@echo "== the ACS reading the whole tree, by partial path and by name (bench/bench_cwmp.sh)"
	@bash $(srcdir)/bench/bench_cwmp.sh $(abs_top_builddir)
	@echo "== connection requests (bench/bench_connreq.sh)"
	@bash $(srcdir)/bench/bench_connreq.sh $(abs_top_builddir)
	@echo "== a 64 MiB Download (bench/bench_download.sh)"
	@bash $(srcdir)/bench/bench_download.sh $(abs_top_builddir)
	@echo "== cwmpd's private memory, idle (bench/bench_memory.sh)"
	@bash $(srcdir)/bench/bench_memory.sh $(abs_top_builddir)
.PHONY: bench
