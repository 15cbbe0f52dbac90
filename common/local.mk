# Code both programs share: the control-socket protocol, buffers, files.
noinst_LIBRARIES += common/libcommon.a
common_libcommon_a_CPPFLAGS = $(BASE_CPPFLAGS)
common_libcommon_a_SOURCES = \
	common/ctl_proto.c common/ctl_proto.h \
	common/field.c common/field.h \
	common/fileio.c common/fileio.h \
	common/loop.c common/loop.h \
	common/strbuf.c common/strbuf.h \
	common/strmap.c common/strmap.h \
	common/timefmt.c common/timefmt.h \
	common/utf8.c common/utf8.h \
	common/xalloc.c common/xalloc.h \
	common/xsd.c common/xsd.h
