/* Not a real target: it crashes on purpose on inputs starting "CRASH", so
 * t0600 can prove that tests/fuzz/run.sh notices a crash and fails. */
#include "fuzz.h"
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= 5 && memcmp(data, "CRASH", 5) == 0) abort();
	return 0;
}
