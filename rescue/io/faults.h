/* Fault injection for tests. Compiled in only with -DDM_FAULTS (the test
 * build); the shipped binary has these as constant 0 and carries no hooks.
 * Environment: DM_FAULT_READ=N / DM_FAULT_WRITE=N fail the Nth read/write
 * with EIO, DM_FAULT_SYNC=1 fails fsync, DM_FAULT_PARTIAL=N exits after
 * writing half of the Nth write, DM_FAULT_CRASH_AFTER_UNDO=1 exits right
 * after the undo record is saved, DM_FAULT_NBD_KILL=N kills the image's qemu-nbd
 * (io/image.c) just before the Nth write through it. */
#ifndef DM_FAULTS_H
#define DM_FAULTS_H
#include <stddef.h>
#ifdef DM_FAULTS
int fault_read(void);
int fault_write(void);
int fault_sync(void);
int fault_partial_write(size_t *len);
int fault_crash_after_undo(void);
int fault_nbd_kill(void);
#else
static inline int fault_read(void) { return 0; }
static inline int fault_write(void) { return 0; }
static inline int fault_sync(void) { return 0; }
static inline int fault_partial_write(size_t *len) { (void)len; return 0; }
static inline int fault_crash_after_undo(void) { return 0; }
static inline int fault_nbd_kill(void) { return 0; }
#endif
#endif
