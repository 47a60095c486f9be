/* Progress lines and the interrupt key. The terminal goes to non-canonical
 * mode for the pass so that one key (no Enter) stops it, and is restored
 * afterwards whatever happens. */
#include "progress.h"
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static struct termios saved;
static volatile sig_atomic_t stop_requested;
static int saved_ok;

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static void on_sigint(int sig) { (void)sig, stop_requested = 1; }

static void restore(void)
{
	if (saved_ok) tcsetattr(0, TCSANOW, &saved);
	saved_ok = 0;
	signal(SIGINT, SIG_DFL);
}

void progress_start(struct progress *p, uint64_t total, int quiet)
{
	memset(p, 0, sizeof *p);
	p->total = total;
	p->quiet = quiet;
	p->t0 = p->last = now();
	p->tty_out = isatty(2);
	p->tty_in = isatty(0);
	stop_requested = 0;
	signal(SIGINT, on_sigint);
	if (p->tty_in && tcgetattr(0, &saved) == 0) {
		struct termios t = saved;
		t.c_lflag &= ~(ICANON | ECHO);
		t.c_cc[VMIN] = 0;
		t.c_cc[VTIME] = 0;
		saved_ok = tcsetattr(0, TCSANOW, &t) == 0;
	}
	if (!quiet)
		fprintf(stderr, "diskmedic: deep search of %.1f GiB%s\n", total / 1073741824.0,
			p->tty_in ? "; press any key to stop and keep what was found" : "; Ctrl-C stops and keeps what was found");
}

static void line(struct progress *p, uint64_t done, double t, const char *end)
{
	double el = t - p->t0, rate = el > 0 ? done / el : 0;
	double eta = rate > 0 ? (p->total - done) / rate : 0;
	fprintf(stderr, "%s  deep search: %5.1f%%  %7.1f MB/s  ETA %d:%02d  %d structures seen%s%s",
		p->tty_out ? "\r" : "", p->total ? 100.0 * done / p->total : 100.0, rate / 1e6, (int)eta / 60,
		(int)eta % 60, p->found, p->errors ? " (read errors skipped)" : "", end);
}

int progress_tick(struct progress *p, uint64_t done, int found)
{
	double t = now();
	p->found = found;
	/* Refresh a terminal twice a second; a log every 10 s. */
	if (!p->quiet && t - p->last >= (p->tty_out ? 0.5 : 10.0)) {
		p->last = t;
		line(p, done, t, p->tty_out ? "" : "\n");
	}
	if (saved_ok) {
		struct pollfd f = {.fd = 0, .events = POLLIN};
		char c;
		if (poll(&f, 1, 0) == 1 && read(0, &c, 1) == 1) stop_requested = 1;
	}
	return stop_requested;
}

double progress_end(struct progress *p, uint64_t done)
{
	double t = now();
	if (!p->quiet) {
		line(p, done, t, "\n");
		if (stop_requested) fprintf(stderr, "diskmedic: deep search stopped at %.1f%%; keeping what was found\n",
					    p->total ? 100.0 * done / p->total : 100.0);
	}
	restore();
	return t - p->t0;
}
