/* diskmedic undo: put back the bytes an undo record saved. */
static const char usage[] =
"usage: diskmedic undo [--yes] [--force] [--undo-dir DIR] [--target PATH] UNDO-FILE...\n"
"\n"
"Restore the bytes saved in UNDO-FILE (written by 'diskmedic fix' or 'edit')\n"
"before their changes. Several files are undone newest first. UNDO-FILE may\n"
"also be a saved console log of the ISO (serial.log): the records it printed\n"
"between its markers are undone, newest first. The target is\n"
"the one named in the record unless --target is given. Refuses when the\n"
"target is not the disk the record was made on (its first 64 KiB, the bytes\n"
"around each change, the NTFS serial of the volume a change is in and the\n"
"GPT disk GUID must be as recorded, with the record's changes taken back),\n"
"or no longer holds the bytes the fix wrote, unless --force. The restore\n"
"itself goes through the same writer, so it is verified and leaves its own\n"
"undo record in DIR.\n"
"\n"
"Exit status: 0 restored, 4 declined, 8 refused or failed, 16 usage error.\n";

#include "cmd.h"
#include "../io/image.h"
#include "../fix/undo_log.h"
#include "../fix/writer.h"
#include "../lib/sha256.h"
#include "../lib/util.h"
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Does the target, with this record's changes taken back in memory, hash to
 * the record's identity? Proves it is the same disk in the state expected. */
static int identity_matches(struct dev *dev, const struct undo_doc *doc)
{
	size_t n = dev->size < UNDO_IDENTITY_BYTES ? (size_t)dev->size : UNDO_IDENTITY_BYTES;
	uint8_t *b = dev_read_alloc(dev, 0, n), h[32];
	if (!b) return 0;
	for (int i = doc->nchanges - 1; i >= 0; i--) {
		const struct undo_change *c = &doc->changes[i];
		for (uint32_t k = 0; k < c->len; k++)
			if (c->offset + k < n) b[c->offset + k] = c->before[k];
	}
	sha256(b, n, h);
	free(b);
	return memcmp(h, doc->identity, 32) == 0;
}

/* The record's evidence (fix/evidence.h), checked on the disk with all its
 * changes taken back: the state the evidence was read in. Says what differs.
 * 1: all of it holds; 0: something differs; -1: the disk cannot be read. */
static int evidence_matches(struct dev *dev, const struct undo_doc *doc, const char *target)
{
	struct overlay *ov = xcalloc((size_t)doc->nchanges + 1, sizeof *ov);
	for (int i = 0; i < doc->nchanges; i++)
		ov[i] = (struct overlay){doc->changes[i].offset, doc->changes[i].len, doc->changes[i].before};
	struct view v = {dev, ov, doc->nchanges};
	int ok = 1;
	for (int i = 0; i < doc->nev && ok >= 0; i++) {
		char why[512];
		int r = undo_ev_check(&v, &doc->ev[i], why, sizeof why);
		if (r != 1) msg("%s: %s", target, why);
		if (r < 0) ok = -1;
		else if (r == 0) ok = 0;
	}
	free(ov);
	return ok;
}

/* What a crash can leave: a fix not yet written (the record is saved first),
 * or one torn mid-write (some bytes new, some old). 0: the disk already
 * holds the original bytes everywhere; 1: every byte is one the record
 * explains (what a fix wrote, or what was there); -1: something else wrote
 * here since, or the disk cannot be read. */
static int disk_state(struct dev *dev, const struct undo_doc *doc)
{
	int all_original = 1;
	for (int i = 0; i < doc->nchanges; i++) {
		const struct undo_change *c = &doc->changes[i];
		uint8_t *now = dev_read_alloc(dev, c->offset, c->len);
		if (!now) return -1;
		for (uint32_t k = 0; k < c->len; k++) {
			uint64_t at = c->offset + k;
			int explained = 0, first = 1;
			for (int j = 0; j < doc->nchanges; j++) {
				const struct undo_change *o = &doc->changes[j];
				if (at < o->offset || at - o->offset >= o->len) continue;
				uint8_t b = o->before[at - o->offset], a = o->after[at - o->offset];
				/* The earliest change over a byte saved its original value. */
				if (first && now[k] != b) all_original = 0;
				first = 0;
				explained |= now[k] == b || now[k] == a;
			}
			if (!explained) {
				free(now);
				return -1;
			}
		}
		free(now);
	}
	return all_original ? 0 : 1;
}

static int undo_one(const char *file, const char *target, int yes, int force, const char *undo_dir)
{
	char why[512];
	struct undo_doc doc;
	if (undo_load(file, &doc, why, sizeof why) != 0) {
		msg("%s", why);
		return EX_OPERR;
	}
	if (!target) target = doc.target;
	int status = EX_OPERR;
	struct dev *dev = dev_open(target, DEV_WRITE, why, sizeof why);
	if (!dev) {
		msg("%s", why);
		goto out;
	}
	/* Offsets in a qcow2's virtual disk mean nothing in the same file read
	 * as raw, and the reverse: the format must be the one the record names. */
	if (strcmp(image_format(dev), doc.format[0] ? doc.format : "raw") != 0) {
		msg("%s: opened as a %s image, but the record was made through %s: not the same disk", target,
		    image_format(dev), doc.format[0] ? doc.format : "raw");
		goto out;
	}
	if (dev->size != doc.size) {
		msg("%s: size %llu differs from the record's %llu: not the same disk", target,
		    (unsigned long long)dev->size, (unsigned long long)doc.size);
		goto out;
	}
	if (!identity_matches(dev, &doc) && !force) {
		msg("%s: the first sectors do not match the disk this record was made on (use --force to restore anyway)",
		    target);
		goto out;
	}
	/* Clones from one template share the first 64 KiB: more evidence. */
	if (doc.version < 2) {
		msg("warning: %s was written by an older diskmedic and identifies its disk by the first 64 KiB only, "
		    "which clones of one template share; make sure %s is the disk it was made on", file, target);
	} else {
		int ev = evidence_matches(dev, &doc, target);
		if (ev < 0) goto out;
		if (ev == 0 && !force) {
			msg("%s: not the disk %s was made on, or it changed there since (use --force to restore anyway)",
			    target, file);
			goto out;
		}
	}
	int state = disk_state(dev, &doc);
	if (state == 0) {
		printf("%s: already holds the original bytes of all %d change%s in %s (a fix that never ran, or was "
		       "rolled back); nothing to restore\n", target, doc.nchanges, doc.nchanges == 1 ? "" : "s", file);
		goto out;	/* EX_OPERR, as for any record that cannot be applied (t0270) */
	}
	/* The restore is a plan like any fix: newest change undone first. */
	struct fix x = {0};
	snprintf(x.id, sizeof x.id, "undo");
	snprintf(x.summary, sizeof x.summary, "restore %d change%s from %s", doc.nchanges,
		 doc.nchanges == 1 ? "" : "s", file);
	undo_reverse_plan(&doc, &x, "bytes changed by %s");
	struct disk fake = {.path = target};
	struct finding f = {.code = "undo"};
	snprintf(f.summary, sizeof f.summary, "record made %s", doc.created);
	report_fix_preview(stdout, &fake, &f, &x);
	if (doc.bad_lines) printf("  note: the record's last line was torn (a crash before that write); skipped\n");
	if (!yes && !confirm("Restore these bytes?")) {
		status = EX_LEFT;
	} else {
		struct writer *w = NULL;
		if (writer_open(&w, dev, undo_dir) == 0) {
			/* A torn write is explained byte by byte above; the writer's
			 * whole-change check would refuse it. */
			writer_set_force(w, force || state == 1);
			int wr = writer_apply(w, &x);
			if (wr == 0) {
				printf("%s: restored %d change%s and verified\n", target, doc.nchanges,
				       doc.nchanges == 1 ? "" : "s");
				status = EX_CLEAN;
			} else {
				msg("%s: %s%s", target, writer_why(w),
				    force ? "" : " (the disk no longer holds what the fix wrote; --force overrides)");
			}
			writer_close(w);
		} else {
			msg("%s: %s", target, writer_why(w));
			writer_close(w);
		}
	}
	free(x.changes);
out:
	dev_close(dev);
	undo_doc_free(&doc);
	return status;
}

/* Was the record at file made on target (its size and identity)? Read only. */
static int record_fits(const char *file, const char *target)
{
	char why[512];
	struct undo_doc doc;
	if (undo_load(file, &doc, why, sizeof why) != 0) return 1;	/* undo_one reports it */
	struct dev *dev = dev_open(target ? target : doc.target, DEV_RDONLY, why, sizeof why);
	int fits = !dev || (!strcmp(image_format(dev), doc.format[0] ? doc.format : "raw") && dev->size == doc.size &&
			    identity_matches(dev, &doc));
	if (dev) dev_close(dev);
	undo_doc_free(&doc);
	return fits;
}

/* A console log holding records (fix/undo_log.h): write each to a file of
 * its own in a new directory made from tmpl, so every record goes through
 * the same loader and checks as a saved one. Returns how many (0: not a
 * log, use the file as it is), or -1. */
static int log_records(const char *path, char *tmpl, char ***files)
{
	FILE *f = fopen(path, "r");
	if (!f) return 0;	/* undo_one names the error */
	struct sb b = {0};
	char buf[65536];
	size_t r;
	while ((r = fread(buf, 1, sizeof buf, f)) > 0) sb_addn(&b, buf, r);
	fclose(f);
	char **texts;
	int n = b.s ? undo_log_extract(b.s, b.len, &texts) : 0;
	sb_free(&b);
	if (n == 0) return 0;
	*files = xcalloc((size_t)n, sizeof **files);
	int ok = mkdtemp(tmpl) != NULL;
	for (int i = 0; i < n; i++) {
		(*files)[i] = xasprintf("%s/record-%03d.undo", tmpl, i);
		FILE *o = ok ? fopen((*files)[i], "w") : NULL;
		if (!o || fputs(texts[i], o) < 0) ok = 0;
		if (o && fclose(o) != 0) ok = 0;
		free(texts[i]);
	}
	free(texts);
	if (!ok) {
		msg("%s: cannot write its undo records to %s", path, tmpl);
		for (int i = 0; i < n; i++) {
			unlink((*files)[i]);
			free((*files)[i]);
		}
		free(*files);
		rmdir(tmpl);
		return -1;
	}
	return n;
}

int cmd_undo(int argc, char **argv)
{
	static const struct option opts[] = {
		{"yes", no_argument, 0, 'y'},	      {"force", no_argument, 0, 'f'},
		{"undo-dir", required_argument, 0, 'u'}, {"target", required_argument, 0, 't'},
		{"help", no_argument, 0, 'h'},	      {0, 0, 0, 0},
	};
	int yes = 0, force = 0, c;
	const char *undo_dir = "./diskmedic-undo", *target = NULL;
	while ((c = getopt_long(argc, argv, "yfu:t:h", opts, NULL)) != -1) {
		switch (c) {
		case 'y': yes = 1; break;
		case 'f': force = 1; break;
		case 'u': undo_dir = optarg; break;
		case 't': target = optarg; break;
		case 'h': fputs(usage, stdout); return EX_CLEAN;
		default: fputs(usage, stderr); return EX_USAGE;
		}
	}
	if (optind >= argc) {
		usage_error(usage, "undo needs an UNDO-FILE");
		return EX_USAGE;
	}
	/* Newest first: records are named with their creation time, and a log
	 * holds them oldest first. */
	int status = 0;
	for (int i = argc - 1; i >= optind && !(status & EX_OPERR); i--) {
		char tmp[] = "/tmp/diskmedic-log-XXXXXX", **files;
		int n = log_records(argv[i], tmp, &files);
		if (n < 0) return EX_OPERR;
		if (n == 0) {
			status |= undo_one(argv[i], target, yes, force, undo_dir);
			continue;
		}
		printf("%s: a console log with %d undo record%s\n", argv[i], n, n == 1 ? "" : "s");
		int used = 0;
		for (int k = n - 1; k >= 0; k--) {
			/* A log of several disks: the records made on this one. */
			if (!(status & EX_OPERR) && (force || record_fits(files[k], target))) {
				status |= undo_one(files[k], target, yes, force, undo_dir);
				used++;
			} else if (!(status & EX_OPERR)) {
				printf("  record %d of %d was made on another disk than %s; left alone\n", k + 1, n,
				       target ? target : "the one it names");
			}
			unlink(files[k]);
			free(files[k]);
		}
		free(files);
		rmdir(tmp);
		if (!used && !(status & EX_OPERR)) {
			msg("%s: no undo record in it was made on %s", argv[i], target ? target : "the disks it names");
			status |= EX_OPERR;
		}
	}
	return status;
}
