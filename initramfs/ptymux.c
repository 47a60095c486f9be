/* Run a program on a pseudo-terminal shared by all consoles: its output is
 * copied to every console, and keys typed on any console go to it.  This is
 * how one menu works on the VGA screen and the serial line at once. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include "init.h"

static void child(const char *slave, char *const argv[], int raw)
{
	struct termios t;
	int fd;

	setsid();
	fd = open(slave, O_RDWR);
	if (fd < 0)
		_exit(127);
	ioctl(fd, TIOCSCTTY, 0);
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
	if (raw && tcgetattr(0, &t) == 0) {
		/* The menu reacts to single keys, without Enter or echo.
		 * Output processing stays on (\n -> \r\n) and so do signals,
		 * so Ctrl-C still ends a stuck child. */
		t.c_lflag &= ~(ICANON | ECHO | ECHONL | IEXTEN);
		t.c_cc[VMIN] = 1;
		t.c_cc[VTIME] = 0;
		tcsetattr(0, TCSANOW, &t);
	}
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	signal(SIGTSTP, SIG_DFL);
	execv(argv[0], argv);
	_exit(127);
}

/* Copy what the child wrote so far; returns 0 once the pty is closed. */
static int drain(int m)
{
	char buf[4096];
	ssize_t n = read(m, buf, sizeof buf);

	if (n > 0) {
		consoles_write(buf, n);
		return 1;
	}
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return 1;
	return 0;	/* EIO: no process has the slave open any more */
}

int mux_run(char *const argv[], int raw)
{
	struct pollfd pf[MAX_CONSOLES + 1];
	struct winsize ws = { .ws_row = 25, .ws_col = 80 };
	int m, i, status = -1, m_open = 1;
	pid_t pid, w;
	char *slave;
	double plugged = now();

	m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (m < 0 || grantpt(m) < 0 || unlockpt(m) < 0 || !(slave = ptsname(m))) {
		say("init: no pty: %s", strerror(errno));
		if (m >= 0)
			close(m);
		return -1;
	}
	/* Serial lines report no size; the VGA console does. */
	for (i = 0; i < cons.n; i++) {
		struct winsize c;
		if (ioctl(cons.fd[i], TIOCGWINSZ, &c) == 0 && c.ws_row && c.ws_col) {
			ws = c;
			break;
		}
	}
	ioctl(m, TIOCSWINSZ, &ws);
	pid = fork();
	if (pid < 0) {
		close(m);
		return -1;
	}
	if (pid == 0)
		child(slave, argv, raw);
	fcntl(m, F_SETFL, O_NONBLOCK);
	for (;;) {
		/* A child that closed its terminal must not make us spin. */
		pf[0].fd = m_open ? m : -1;
		pf[0].events = POLLIN;
		for (i = 0; i < cons.n; i++) {
			pf[i + 1].fd = cons.fd[i];
			pf[i + 1].events = POLLIN;
		}
		if (poll(pf, cons.n + 1, 200) > 0) {
			if (pf[0].revents & (POLLIN | POLLHUP | POLLERR))
				m_open = drain(m);
			for (i = 0; i < cons.n; i++) {
				char buf[256];
				ssize_t n;
				if (!(pf[i + 1].revents & POLLIN))
					continue;
				n = read(cons.fd[i], buf, sizeof buf);
				/* A failed write means the child is gone; its
				 * exit ends the loop. */
				if (n > 0)
					n = write(m, buf, n);
			}
		}
		/* No udev here: look for devices plugged in since (a USB
		 * stick to save reports on) every two seconds. */
		if (now() - plugged >= 2) {
			coldplug_pass();
			plugged = now();
		}
		/* PID 1 inherits every orphan: reap them all, and note when
		 * ours is done.  Background jobs of a shell may keep the pty
		 * open, so the child's exit, not EOF, ends the session. */
		while ((w = waitpid(-1, &i, WNOHANG)) > 0)
			if (w == pid)
				status = i;
		if (status != -1) {
			pf[0].fd = m;
			while (m_open && drain(m) && poll(pf, 1, 50) > 0)
				;
			break;
		}
	}
	close(m);
	return status;
}
