/* XML Schema's scalar types as CWMP writes them and ACSs send them (TR-069 A.2.1): the SOAP codec,
 * the data model and the configuration's rendering share them. */
#ifndef CWMP_XSD_H
#define CWMP_XSD_H

#include <limits.h>
#include <stdbool.h>

/* xsd:boolean as ACSs send it: 0, 1, true, false. */
bool xsd_parse_bool(const char *s, bool *out);
/* xsd:unsignedInt and xsd:int (decimal digits only, no more than the type holds). */
bool xsd_parse_uint(const char *s, unsigned long max, unsigned long *out);
bool xsd_parse_int(const char *s, long *out);

/* The unknown time, 0001-01-01T00:00:00Z, as an epoch value. */
#define XSD_TIME_UNKNOWN LLONG_MIN
/* xsd:dateTime in UTC ("2026-11-25T11:22:33Z"); XSD_TIME_UNKNOWN gives 0001-01-01T00:00:00Z. */
void xsd_datetime(long long epoch, char out[32]);
bool xsd_parse_datetime(const char *s, long long *epoch);

/* The same with the fraction of a second: its digits as given ("120" for .120, "" for none), at
 * most XSD_FRAC_MAX (the rest, below a nanosecond, dropped). A time set must read back as it was
 * set: GenieACS sets PeriodicInformTime again whenever it reads back different. */
#define XSD_FRAC_MAX     9
#define XSD_DATETIME_LEN 48
bool xsd_parse_datetime_frac(const char *s, long long *epoch, char frac[XSD_FRAC_MAX + 1]);
void xsd_datetime_frac(long long epoch, const char *frac, char out[XSD_DATETIME_LEN]);

#endif
