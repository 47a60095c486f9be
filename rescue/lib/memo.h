/* Results worth computing once per scan. Several checks look at the same
 * partition through the same reader (its VBR and boot code, a libntfs-3g
 * startup of its volume); run_checks() opens a memo around the checks so
 * that the second asks the first's answer. Outside memo_begin()..memo_end()
 * nothing is kept, so a reader used between scans (a fix's own guard) reads
 * afresh: what a fix just wrote is never hidden by a memo. */
#ifndef DM_MEMO_H
#define DM_MEMO_H

void memo_begin(void);
/* Drop every kept value (each with its own drop function). */
void memo_end(void);
/* The value kept under (key, kind), or NULL. */
void *memo_find(const void *key, const char *kind);
/* Keep val under (key, kind) until memo_end(): 1 when kept (the memo owns it
 * now), 0 outside a memo (the caller still owns it). */
int memo_keep(const void *key, const char *kind, void *val, void (*drop)(void *));
#endif
