# The libFuzzer binaries of fuzz/, built with clang. A GNU make file of its own, run by `make fuzz`
# (fuzz/local.mk), which passes every variable below: Automake knows nothing of this file, so it
# can use pattern rules and clang's dependency files, and rebuild only what changed, in parallel.
#
# The normal build may use gcc, whose objects carry no libFuzzer coverage: every source of the
# project libraries is compiled again here, with clang, into $(OUT)/obj.
#
#   srcdir     the source directory, relative to the build directory (where this runs)
#   OUT        where objects, binaries and the generated dictionary go
#   CLANG AR   the tools
#   TARGETS    target names: $(OUT)/fuzz_NAME is built from fuzz/fuzz_NAME.c
#   SOURCES    the library sources (headers are filtered out), relative to srcdir
#   GENERATED  generated sources, relative to the build directory (grammar/grammar_defs.c)
#   CMD_FILES  the grammar's .cmd files, for the keyword dictionary
#   FUZZ_CPPFLAGS FUZZ_CFLAGS FUZZ_LIBS   preprocessor and compiler flags, libraries
#   EXTRA_CFLAGS  the user's additions (FUZZ_EXTRA_CFLAGS), for compiling and linking
#   V          1 for the full command lines

SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
COMPILE = $(CLANG) -g -O1 $(SANITIZE) -fsanitize=fuzzer-no-link $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) \
	$(EXTRA_CFLAGS) -MMD -MP

Q = $(if $(filter 1,$(V)),,@)
say = $(if $(filter 1,$(V)),,@printf '  %-8s %s\n' $(1) $(2);)

LIB_OBJS := $(patsubst %.c,$(OUT)/obj/%.o,$(filter %.c,$(SOURCES))) \
	$(patsubst %.c,$(OUT)/obj/%.o,$(GENERATED))
TARGET_OBJS := $(TARGETS:%=$(OUT)/obj/fuzz/fuzz_%.o)
BINARIES := $(TARGETS:%=$(OUT)/fuzz_%)
LIBRARY := $(OUT)/libcwmpd-fuzz.a

all: $(BINARIES) $(OUT)/cli.dict

# Generated sources live in the build directory; listed first so that they win over the pattern
# below for a source tree built in place.
$(patsubst %.c,$(OUT)/obj/%.o,$(GENERATED)): $(OUT)/obj/%.o: %.c
	$(call say,CLANG,$@)
	@mkdir -p $(@D)
	$(Q)$(COMPILE) -c -o $@ $<

$(OUT)/obj/%.o: $(srcdir)/%.c
	$(call say,CLANG,$@)
	@mkdir -p $(@D)
	$(Q)$(COMPILE) -c -o $@ $<

# An archive, so that each binary links only the objects its target reaches.
$(LIBRARY): $(LIB_OBJS)
	$(call say,AR,$@)
	@rm -f $@
	$(Q)$(AR) rcs $@ $^

$(OUT)/fuzz_%: $(OUT)/obj/fuzz/fuzz_%.o $(LIBRARY)
	$(call say,CCLD,$@)
	$(Q)$(CLANG) -g $(SANITIZE) $(EXTRA_CFLAGS) -fsanitize=fuzzer -o $@ $< $(LIBRARY) $(FUZZ_LIBS)

# Every keyword of the grammar, and a few typed values, as a libFuzzer dictionary: abbreviations
# are matched character by character, which coverage alone rediscovers only slowly.
$(OUT)/cli.dict: $(CMD_FILES) $(firstword $(MAKEFILE_LIST))
	$(call say,GEN,$@)
	@mkdir -p $(@D)
	$(Q){ awk '$$1 == "help" || $$1 == "iftype" || $$1 == "pipe" { t = $$2; sub(/\$$.*/, "", t); \
	        if (t ~ /^[A-Za-z0-9|-]+$$/ && t !~ /^(WORD|LINE|URL|IFNAME|EXEC)$$/) print t }' \
	        $(CMD_FILES) | sort -u | sed 's/.*/"&"/'; \
	  printf '%s\n' '" "' '"\x0a"' '"?"' '"e0/0"' '"gi0/0/0"' '"10.0.0.1"' '"255.255.255.0"' \
	        '"http://"' '"https://"' '"0822455D0A16"' '"| include "' '"do "' '"no "'; \
	} > $@.tmp && mv $@.tmp $@

.PHONY: all
.DELETE_ON_ERROR:
# The targets' objects are kept, or every make fuzz would compile them again.
.SECONDARY: $(TARGET_OBJS)

-include $(LIB_OBJS:.o=.d) $(TARGET_OBJS:.o=.d)
