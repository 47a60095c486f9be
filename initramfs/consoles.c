/* The consoles the user may be sitting at.
 *
 * /dev/console is only the last console= of the kernel command line, so a
 * menu written there would be invisible on the VGA screen when booted with
 * "console=tty0 console=ttyS0,115200".  The kernel lists every active
 * console in /sys/class/tty/console/active; open each of them. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "init.h"

struct consoles cons;

static void add(const char *name)
{
	char path[48];
	struct termios t;
	int fd, i;

	/* tty0 means "the foreground virtual terminal"; at boot that is tty1,
	 * and reading from tty1 is better defined than from tty0. */
	if (!strcmp(name, "tty0"))
		name = "tty1";
	for (i = 0; i < cons.n; i++)
		if (!strcmp(cons.name[i], name))
			return;
	if (cons.n == MAX_CONSOLES)
		return;
	snprintf(path, sizeof path, "/dev/%s", name);
	fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (tcgetattr(fd, &t) == 0) {
		/* Raw both ways: keys reach the child one at a time, and the
		 * child's pty already turned \n into \r\n. */
		cfmakeraw(&t);
		t.c_cflag |= CLOCAL | CREAD;
		if (!strncmp(name, "ttyS", 4)) {
			cfsetispeed(&t, B115200);
			cfsetospeed(&t, B115200);
		}
		tcsetattr(fd, TCSANOW, &t);
	}
	cons.fd[cons.n] = fd;
	snprintf(cons.name[cons.n], sizeof cons.name[0], "%s", name);
	cons.n++;
}

void consoles_open(void)
{
	char buf[256], *p, *tok;
	int fd = open("/sys/class/tty/console/active", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);

	if (fd >= 0)
		close(fd);
	if (n > 0) {
		buf[n] = 0;
		for (p = buf; (tok = strtok(p, " \n")); p = 0)
			add(tok);
	}
	if (cons.n == 0)
		add("console");
}

void consoles_write(const char *buf, size_t len)
{
	int i;

	for (i = 0; i < cons.n; i++) {
		const char *p = buf;
		size_t left = len;
		while (left > 0) {
			ssize_t w = write(cons.fd[i], p, left);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				break;	/* a dead console must not stop the others */
			p += w;
			left -= w;
		}
	}
}

/* One key from whichever console has one, or -1 after timeout_ms
 * (timeout_ms < 0 waits for ever). */
int consoles_getkey(int timeout_ms)
{
	struct pollfd pf[MAX_CONSOLES];
	unsigned char c;
	int i;

	for (i = 0; i < cons.n; i++) {
		pf[i].fd = cons.fd[i];
		pf[i].events = POLLIN;
	}
	if (poll(pf, cons.n, timeout_ms) <= 0)
		return -1;
	for (i = 0; i < cons.n; i++)
		if ((pf[i].revents & POLLIN) && read(cons.fd[i], &c, 1) == 1)
			return c;
	return -1;
}
