/* The device-info file of the state directory (platform.h): KEY=VALUE lines a vendor or an
 * installer writes, read once at start into DeviceInfo and the Inform's DeviceId.
 *
 * Besides not crashing: whatever the file holds, the identity is usable: ManufacturerOUI is six
 * upper-case hexadecimal digits (the ACS keys the device on OUI-SerialNumber), every field is
 * terminated inside its array, and a file refused in part says why. */
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "platform.h"

static bool upper_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_file("device-info", data, size);
    struct device_identity id;
    struct strbuf err = STRBUF_INIT;
    int rc = platform_identity(path, &id, &err);
    if (rc < 0 && !err.len)
        fuzz_fail("platform_identity refused a line without a reason");
    if (rc == 0 && err.len)
        fuzz_fail("platform_identity accepted the file with a message: %s", sb_str(&err));
    static const struct {
        const char *name;
        size_t off, size;
    } fields[] = {
#define F(m) {#m, offsetof(struct device_identity, m), sizeof(((struct device_identity *)0)->m)}
        F(manufacturer),
        F(oui),
        F(model),
        F(description),
        F(product_class),
        F(serial),
        F(hardware_version),
        F(software_version),
#undef F
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const char *f = (const char *)&id + fields[i].off;
        if (strnlen(f, fields[i].size) == fields[i].size)
            fuzz_fail("platform_identity left %s unterminated", fields[i].name);
    }
    if (strlen(id.oui) != 6)
        fuzz_fail("ManufacturerOUI is \"%s\": not six digits", id.oui);
    for (size_t i = 0; i < 6; i++)
        if (!upper_hex(id.oui[i]))
            fuzz_fail("ManufacturerOUI is \"%s\": not upper-case hexadecimal", id.oui);
    sb_free(&err);
    return 0;
}
