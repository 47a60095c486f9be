/* Test-only I/O fault injection; see faults.h. */
#ifdef DM_FAULTS
#include "faults.h"
#include <stdlib.h>

static int nth(const char *var, int *count)
{
	const char *v = getenv(var);
	if (!v || !*v) return 0;
	return ++*count == atoi(v);
}

int fault_read(void) { static int c; return nth("DM_FAULT_READ", &c); }
int fault_write(void) { static int c; return nth("DM_FAULT_WRITE", &c); }
int fault_nbd_kill(void) { static int c; return nth("DM_FAULT_NBD_KILL", &c); }
int fault_sync(void) { const char *v = getenv("DM_FAULT_SYNC"); return v && *v == '1'; }
int fault_crash_after_undo(void) { const char *v = getenv("DM_FAULT_CRASH_AFTER_UNDO"); return v && *v == '1'; }

int fault_partial_write(size_t *len)
{
	static int c;
	if (!nth("DM_FAULT_PARTIAL", &c)) return 0;
	*len /= 2;
	return 1;
}
#else
typedef int dm_faults_unused;
#endif
