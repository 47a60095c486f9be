/* /init of the diskmedic rescue ISO: PID 1.
 *
 * Mounts the kernel's file systems, loads the drivers the hardware needs,
 * finds the disks and the medium we booted from, then runs diskmedic's menu
 * on every console and does what the user chose.  PID 1 must never exit
 * (the kernel panics), so every path ends in a loop, reboot or power off. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "init.h"

#define DISKMEDIC "/bin/diskmedic"
#define UNDO_DIR "/run/diskmedic-undo"
#define ACTION "/run/diskmedic-action"

static void mount_fs(const char *src, const char *dst, const char *type,
		     const char *opts)
{
	mkdir(dst, 0755);
	if (mount(src, dst, type, MS_NOSUID | MS_NOEXEC * !strcmp(type, "proc"),
		  opts) < 0 && errno != EBUSY)
		say("init: mount %s on %s: %s", type, dst, strerror(errno));
}

static void read_action(char *buf, size_t size)
{
	int fd = open(ACTION, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, size - 1);

	if (fd >= 0)
		close(fd);
	if (n < 0)
		n = 0;
	buf[n] = 0;
	buf[strcspn(buf, " \r\n")] = 0;
}

static int valid(const char *v, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(v, *list))
			return 1;
	return 0;
}

static void shell(void)
{
	char *argv[] = { "/bin/sh", "-l", 0 };
	say("");
	say("diskmedic rescue shell: busybox, diskmedic and ntfsprogs are in /bin.");
	say("Type exit to return to the menu.");
	mux_run(argv, 0);
}

int main(void)
{
	static const char *const modes[] = { "menu", "report", "autofix", 0 };
	static const char *const afters[] = { "reboot", "poweroff", "shell", "menu", 0 };
	char mode[16], after[16], action[32], exclude[300] = "", undo_label[64];
	const char *bd;
	int crashes = 0;

	/* The kernel gives us /dev/console; use it until the real list of
	 * consoles is known. */
	mount_fs("proc", "/proc", "proc", 0);
	mount_fs("sysfs", "/sys", "sysfs", 0);
	mount_fs("devtmpfs", "/dev", "devtmpfs", "mode=0755");
	mount_fs("tmpfs", "/run", "tmpfs", "mode=0755");
	mkdir("/dev/pts", 0755);
	mount("devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, "ptmxmode=0666");
	mkdir(UNDO_DIR, 0700);
	mkdir("/tmp", 01777);
	setenv("PATH", "/bin:/sbin", 1);
	setenv("HOME", "/root", 1);
	setenv("TERM", "linux", 1);
	signal(SIGPIPE, SIG_IGN);
	consoles_open();

	say("diskmedic: loading drivers...");
	coldplug_settle();
	/* edd has no modalias: the BIOS, not a device, offers its data. */
	mod_load("edd");
	mod_prune();
	/* Keep kernel chatter from breaking into the menu on the consoles. */
	if (!strcmp(cmdline_get("loglevel", ""), ""))
		klogctl(8, 0, 1);

	bd = bootdev_find();
	if (bd) {
		snprintf(exclude, sizeof exclude, "/dev/%s", bd);
		say("diskmedic: %d drivers loaded; booted from %s", mod_loaded_count(), exclude);
	} else {
		say("diskmedic: %d drivers loaded; boot medium not found", mod_loaded_count());
	}

	snprintf(mode, sizeof mode, "%s", cmdline_get("diskmedic.mode", "menu"));
	snprintf(after, sizeof after, "%s", cmdline_get("diskmedic.after", "menu"));
	/* diskmedic.undo=LABEL: a partition that keeps the undo records, which
	 * otherwise live in RAM and are gone after an unattended run. */
	snprintf(undo_label, sizeof undo_label, "%s", cmdline_get("diskmedic.undo", ""));
	if (!valid(mode, modes))
		strcpy(mode, "menu");
	if (!valid(after, afters))
		strcpy(after, "menu");

	for (;;) {
		char *argv[16];
		int i = 0, st;
		double t0 = now();

		argv[i++] = DISKMEDIC;
		argv[i++] = "menu";
		argv[i++] = "--mode";
		argv[i++] = mode;
		argv[i++] = "--after";
		argv[i++] = after;
		argv[i++] = "--undo-dir";
		argv[i++] = UNDO_DIR;
		if (exclude[0]) {
			argv[i++] = "--exclude";
			argv[i++] = exclude;
		}
		if (undo_label[0]) {
			argv[i++] = "--undo-label";
			argv[i++] = undo_label;
		}
		argv[i++] = "--action-file";
		argv[i++] = ACTION;
		argv[i] = 0;
		unlink(ACTION);
		st = mux_run(argv, 1);
		read_action(action, sizeof action);
		/* Whatever ran first, the user comes back to the menu. */
		strcpy(mode, "menu");
		strcpy(after, "menu");

		if (!(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0) && !action[0]) {
			say("diskmedic: the menu ended unexpectedly (status %d).", st);
			/* A binary that fails at once would loop for ever:
			 * after three quick failures give the user a shell. */
			if (now() - t0 < 3 && ++crashes >= 3) {
				crashes = 0;
				shell();
			}
			continue;
		}
		crashes = 0;
		if (!strcmp(action, "reboot"))
			power_off(RB_AUTOBOOT);
		else if (!strcmp(action, "poweroff"))
			power_off(RB_POWER_OFF);
		else if (!strcmp(action, "shell"))
			shell();
		else if (!strcmp(action, "harddisk"))
			harddisk_boot();
	}
}
