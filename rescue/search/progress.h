/* Progress of a long pass on stderr (percent, MB/s, ETA), and the key that
 * stops it: any byte on stdin when stdin is a terminal, or Ctrl-C. */
#ifndef DM_SEARCH_PROGRESS_H
#define DM_SEARCH_PROGRESS_H
#include <stdint.h>

struct progress {
	uint64_t total;
	double t0, last;
	int quiet, tty_out, tty_in, errors, found;
};

void progress_start(struct progress *p, uint64_t total, int quiet);
/* Returns 1 when the user asked to stop. */
int progress_tick(struct progress *p, uint64_t done, int found);
/* Final line; returns the elapsed seconds. */
double progress_end(struct progress *p, uint64_t done);
#endif
