/* Messages of /init itself, timestamps and sleeping. */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include "init.h"

void say(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf - 2, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof buf - 3)
		n = sizeof buf - 3;
	/* The consoles are raw (no output processing): add the CR ourselves. */
	buf[n++] = '\r';
	buf[n++] = '\n';
	consoles_write(buf, n);
}

double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0)
		;
}
