/* Shared declarations for diskmedic's /init (PID 1 of the rescue ISO). */
#ifndef INIT_H
#define INIT_H

#include <stddef.h>

#define MAX_CONSOLES 8

/* say.c: messages from /init itself go to every console. */
void say(const char *fmt, ...);
double now(void);
void sleep_ms(int ms);

/* consoles.c */
struct consoles {
	int n;
	int fd[MAX_CONSOLES];
	char name[MAX_CONSOLES][32];
};
extern struct consoles cons;
void consoles_open(void);
void consoles_write(const char *buf, size_t len);
int consoles_getkey(int timeout_ms);

/* ptymux.c: run argv on a pty whose output goes to every console and whose
 * input comes from all of them.  raw: single keypresses, no echo.
 * Returns the wait status of the child. */
int mux_run(char *const argv[], int raw);

/* modules.c */
int mod_load(const char *name);
int mod_loaded_count(void);
void mod_prune(void);

/* coldplug.c */
int coldplug_pass(void);
void coldplug_settle(void);

/* bootdev.c: returns "sr0", "sda" ... or NULL. */
const char *bootdev_find(void);

/* cmdline.c */
const char *cmdline_get(const char *key, const char *def);

/* harddisk.c: try to boot the first hard disk; returns only on failure. */
void harddisk_boot(void);

/* power.c */
void power_off(int how);

#endif
