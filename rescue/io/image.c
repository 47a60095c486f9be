/* VM disk images (qcow2, vmdk, vhdx, vdi, ...) through qemu's own block
 * layer: a qemu-nbd of our own on a unix socket in a private directory, and
 * libnbd as its client. No kernel nbd module, no loop device. See
 * docs/images.md and image.h. */
#define _GNU_SOURCE
#include "image.h"
#include "dev.h"
#include "faults.h"
#include "../lib/util.h"
#include "../parse/ntfs_bpb.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef DM_WITH_NBD
#include <libnbd.h>
#endif

#define MAX_CHAIN 16
#define MAX_LIVE 64	/* images open at once (a scan of many targets keeps each open until its report) */
/* What image_range_fd copies: where libblkid looks for superblocks. */
#define RANGE_HEAD (1ull << 20)
#define RANGE_TAIL (1ull << 20)

struct dev_image {
	enum imgfmt fmt;
	int writable;
	char path[4096];	/* as given: what qemu-nbd opens */
	char dir[96];		/* private mkdtemp directory: socket and log */
	char sock[112], log[120];
	volatile pid_t pid;	/* qemu-nbd, or 0 */
	void *h;		/* struct nbd_handle */
	int lost;		/* the connection failed: reconnect before the next request */
	int nchain;
	char *chain[MAX_CHAIN];
	enum imgfmt chain_fmt[MAX_CHAIN];
};

/* Shell-quote s for a command the user can paste. */
static void quote(char *out, size_t n, const char *s)
{
	size_t o = 0;
	if (n < 3) return;
	out[o++] = '\'';
	for (; *s && o + 5 < n; s++) {
		if (*s == '\'') o += (size_t)snprintf(out + o, n - o, "'\\''");
		else out[o++] = *s;
	}
	out[o++] = '\'';
	out[o] = 0;
}

const char *image_convert_hint(const char *path, enum imgfmt f, char *buf, size_t n)
{
	char q[1024], r[1040];
	char raw[1040];
	snprintf(raw, sizeof raw, "%s.raw", path);
	quote(q, sizeof q, path);
	quote(r, sizeof r, raw);
	snprintf(buf, n, "qemu-img convert -f %s -O raw %s %s", imgfmt_name(f), q, r);
	return buf;
}

/* ---- stopping qemu-nbd on every way out ------------------------------------ */

static struct dev_image *volatile live[MAX_LIVE];

/* Kill and clean up: only async-signal-safe calls, so that the signal
 * handlers can use it. */
static void kill_server(struct dev_image *im)
{
	pid_t pid = im->pid;
	if (pid > 0) {
		/* SIGTERM lets qemu-nbd flush the image's metadata; a qemu-nbd
		 * that does not stop within 2 s (a signal that reached it while it
		 * was still starting can be lost) is killed. */
		kill(pid, SIGTERM);
		int gone = 0;
		for (int i = 0; i < 200 && !gone; i++) {
			gone = waitpid(pid, NULL, WNOHANG) != 0;
			struct timespec ts = {0, 10 * 1000 * 1000};
			if (!gone) nanosleep(&ts, NULL);
		}
		if (!gone) {
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
		}
		im->pid = 0;
	}
}

static void stop_server(struct dev_image *im)
{
	kill_server(im);
	if (im->dir[0]) {
		unlink(im->sock);
		unlink(im->log);
		rmdir(im->dir);
	}
}

static void on_signal(int sig)
{
	for (int i = 0; i < MAX_LIVE; i++)
		if (live[i]) stop_server(live[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void at_exit(void)
{
	for (int i = 0; i < MAX_LIVE; i++)
		if (live[i]) stop_server(live[i]);
}

static void track(struct dev_image *im, int on)
{
	static int installed;
	if (!installed) {
		installed = 1;
		atexit(at_exit);
		struct sigaction sa = {.sa_handler = on_signal};
		sigemptyset(&sa.sa_mask);
		int sigs[] = {SIGINT, SIGTERM, SIGHUP};
		for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
			struct sigaction old;
			/* A caller that ignores a signal keeps it ignored. */
			if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN) continue;
			sigaction(sigs[i], &sa, NULL);
		}
	}
	for (int i = 0; i < MAX_LIVE; i++)
		if (on ? !live[i] : live[i] == im) {
			live[i] = on ? im : NULL;
			return;
		}
}

/* ---- the backing chain, checked before qemu sees it ------------------------ */

static int read_head(const char *path, uint8_t *head, size_t *n, uint8_t *tail, int *has_tail, char *why,
		     size_t whylen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		snprintf(why, whylen, "%s", strerror(errno));
		if (fd >= 0) close(fd);
		return -1;
	}
	ssize_t got = pread(fd, head, IMGFMT_HEAD, 0);
	*n = got > 0 ? (size_t)got : 0;
	*has_tail = st.st_size >= 512 && pread(fd, tail, 512, st.st_size - 512) == 512;
	close(fd);
	return 0;
}

/* Follow the backing files the qcow2/qed headers name, as qemu would
 * (a relative name is relative to the image that names it). A missing one is
 * an error that names it: qemu would fail on it less clearly. */
static int walk_chain(struct dev_image *im, const uint8_t *head0, size_t n0, char *why, size_t whylen)
{
	uint8_t *head = xmalloc(IMGFMT_HEAD), tail[512];
	memcpy(head, head0, n0);
	size_t n = n0;
	char cur[4096];
	snprintf(cur, sizeof cur, "%s", im->path);
	enum imgfmt f = im->fmt;
	int rc = 0;
	for (;;) {
		im->chain[im->nchain] = xstrdup(cur);
		im->chain_fmt[im->nchain++] = f;
		uint64_t off;
		uint32_t len;
		if (imgfmt_backing(f, head, n, &off, &len) != 0 || !len) break;
		char name[1024] = "";
		int fd = open(cur, O_RDONLY | O_CLOEXEC);
		ssize_t got = fd >= 0 ? pread(fd, name, len, (off_t)off) : -1;
		if (fd >= 0) close(fd);
		if (got != (ssize_t)len || memchr(name, 0, len)) {
			snprintf(why, whylen, "%s: cannot read the name of its backing file (damaged %s header?)", cur,
				 imgfmt_name(f));
			rc = -1;
			break;
		}
		name[len] = 0;
		char next[4096];
		if (name[0] == '/') {
			snprintf(next, sizeof next, "%s", name);
		} else {
			const char *slash = strrchr(cur, '/');
			snprintf(next, sizeof next, "%.*s%s", slash ? (int)(slash - cur + 1) : 0, cur, name);
		}
		if (im->nchain == MAX_CHAIN) {
			snprintf(why, whylen, "%s: backing chain longer than %d images (a loop?)", im->path, MAX_CHAIN);
			rc = -1;
			break;
		}
		char e[256];
		int has_tail;
		if (read_head(next, head, &n, tail, &has_tail, e, sizeof e) != 0) {
			snprintf(why, whylen,
				 "%s: its backing file %s is missing or unreadable (%s); the image cannot be read "
				 "without it. Put the backing file back (or fix the name with qemu-img rebase -u)",
				 cur, next, e);
			rc = -1;
			break;
		}
		f = imgfmt_detect(head, n, has_tail ? tail : NULL);
		snprintf(cur, sizeof cur, "%s", next);
	}
	free(head);
	return rc;
}

/* ---- qemu-nbd ---------------------------------------------------------------- */

#ifdef DM_WITH_NBD
/* The first line qemu-nbd wrote to its log, for the error message. */
static void server_said(struct dev_image *im, char *out, size_t n)
{
	out[0] = 0;
	FILE *f = fopen(im->log, "r");
	if (!f) return;
	char line[512];
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = 0;
		if (!*line) continue;
		snprintf(out, n, "%s", line);
		break;
	}
	fclose(f);
}

static int start_server(struct dev_image *im, char *why, size_t whylen)
{
	unlink(im->sock);
	pid_t pid = fork();
	if (pid < 0) {
		snprintf(why, whylen, "cannot start qemu-nbd: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		/* Dies with us even when we are killed with SIGKILL. */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		int in = open("/dev/null", O_RDONLY);
		int out = open(im->log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (in >= 0) dup2(in, 0);
		if (out >= 0) dup2(out, 1), dup2(out, 2);
		char fmt[32], file[4200];
		snprintf(fmt, sizeof fmt, "--format=%s", imgfmt_name(im->fmt));
		/* qemu takes "name:" at the start of a filename for a protocol
		 * (nbd:, json:, ...): a relative name with a colon gets "./". */
		snprintf(file, sizeof file, "%s%s", im->path[0] != '/' && strchr(im->path, ':') ? "./" : "", im->path);
		/* qemu opens the backing files read-only whatever we ask: only
		 * the top layer is ever opened for writing. */
		if (im->writable)
			execlp("qemu-nbd", "qemu-nbd", "--socket", im->sock, fmt, "--", file, (char *)NULL);
		else
			execlp("qemu-nbd", "qemu-nbd", "--socket", im->sock, fmt, "--read-only", "--", file,
			       (char *)NULL);
		dprintf(2, "exec qemu-nbd: %s\n", strerror(errno));
		_exit(127);
	}
	im->pid = pid;
	/* qemu-nbd opens the image before it creates the socket, and listens
	 * a moment after binding it: connect until it answers or exits. Up to
	 * 30 s (a slow disk, a long chain). */
	char last[256] = "qemu-nbd did not start listening within 30 s";
	for (int i = 0; i < 30000; i++) {
		int st;
		if (waitpid(pid, &st, WNOHANG) == pid) {
			im->pid = 0;
			char said[520];
			server_said(im, said, sizeof said);
			if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
				snprintf(why, whylen, "qemu-nbd is not installed (Debian package qemu-utils): %s", said);
			else
				snprintf(why, whylen, "qemu-nbd could not open it: %s", said[0] ? said : "no reason given");
			return -1;
		}
		struct stat s;
		if (stat(im->sock, &s) == 0 && S_ISSOCK(s.st_mode)) {
			struct nbd_handle *h = nbd_create();
			if (h && nbd_connect_unix(h, im->sock) == 0) {
				im->h = h;
				im->lost = 0;
				return 0;
			}
			snprintf(last, sizeof last, "cannot connect to qemu-nbd: %s", nbd_get_error());
			nbd_close(h);
		}
		struct timespec ts = {0, 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	snprintf(why, whylen, "%s", last);
	return -1;
}

/* After a lost connection (qemu-nbd died or was killed), a fresh qemu-nbd on
 * the same image: the writer's rollback needs a way to the disk. */
static int reconnect(struct dev *d)
{
	struct dev_image *im = d->img;
	if (!im->lost) return 0;
	nbd_close(im->h);
	im->h = NULL;
	kill_server(im);
	char why[512];
	if (start_server(im, why, sizeof why) != 0) {
		snprintf(d->why, sizeof d->why, "qemu-nbd stopped, and restarting it failed: %.200s", why);
		return -1;
	}
	return 0;
}

static int failed(struct dev *d, const char *what, uint64_t off)
{
	struct nbd_handle *h = d->img->h;
	int dead = !h || nbd_aio_is_dead(h) || nbd_aio_is_closed(h);
	if (dead) d->img->lost = 1;
	snprintf(d->why, sizeof d->why, "%s error at offset %llu (through qemu-nbd%s): %s", what,
		 (unsigned long long)off, dead ? ", which stopped" : "", nbd_get_error() ? nbd_get_error() : "?");
	return -1;
}

/* qemu-nbd advertises the smallest block its format can address (512 for
 * vhdx, for example), and libnbd refuses requests that are not multiples of
 * it. diskmedic's reads and writes are of fields (4 bytes of a BPB): they
 * are widened here to whole blocks, a write by reading the blocks first. The
 * write lock on the image and the single connection keep that read-modify-
 * write from racing anything. */
static uint64_t block_of(struct dev_image *im)
{
	int64_t b = nbd_get_block_size(im->h, LIBNBD_SIZE_MINIMUM);
	return b > 1 && b <= 65536 && !(b & (b - 1)) ? (uint64_t)b : 1;
}

static int aligned_pread(struct dev_image *im, void *buf, size_t len, uint64_t off)
{
	uint64_t b = block_of(im);
	if (off % b == 0 && len % b == 0) return nbd_pread(im->h, buf, len, off, 0);
	uint64_t lo = off / b * b, hi = (off + len + b - 1) / b * b;
	uint8_t *tmp = xmalloc((size_t)(hi - lo));
	int rc = nbd_pread(im->h, tmp, (size_t)(hi - lo), lo, 0);
	if (rc == 0) memcpy(buf, tmp + (off - lo), len);
	free(tmp);
	return rc;
}

static int aligned_pwrite(struct dev_image *im, const void *buf, size_t len, uint64_t off)
{
	uint64_t b = block_of(im);
	if (off % b == 0 && len % b == 0) return nbd_pwrite(im->h, buf, len, off, 0);
	uint64_t lo = off / b * b, hi = (off + len + b - 1) / b * b;
	uint8_t *tmp = xmalloc((size_t)(hi - lo));
	int rc = nbd_pread(im->h, tmp, (size_t)(hi - lo), lo, 0);
	if (rc == 0) {
		memcpy(tmp + (off - lo), buf, len);
		rc = nbd_pwrite(im->h, tmp, (size_t)(hi - lo), lo, 0);
	}
	free(tmp);
	return rc;
}

/* An NBD request carries at most 32 MiB (qemu-nbd's limit): larger reads
 * (the deep search's) go in pieces. */
#define MAX_REQUEST (4u << 20)

int image_read(struct dev *d, uint64_t off, void *buf, size_t len)
{
	if (reconnect(d) != 0) return -1;
	if (fault_read()) {
		snprintf(d->why, sizeof d->why, "read error at offset %llu: %s", (unsigned long long)off, strerror(EIO));
		return -1;
	}
	for (size_t done = 0; done < len;) {
		size_t n = len - done < MAX_REQUEST ? len - done : MAX_REQUEST;
		if (aligned_pread(d->img, (uint8_t *)buf + done, n, off + done) != 0) return failed(d, "read", off + done);
		done += n;
	}
	return 0;
}

int image_write(struct dev *d, uint64_t off, const void *buf, size_t len)
{
	if (reconnect(d) != 0) return -1;
	/* Test hook: qemu-nbd dies just before this write. */
	if (fault_nbd_kill() && d->img->pid > 0) {
		kill(d->img->pid, SIGKILL);
		waitpid(d->img->pid, NULL, 0);
		d->img->pid = 0;
	}
	if (fault_write()) {
		snprintf(d->why, sizeof d->why, "write error at offset %llu: %s", (unsigned long long)off, strerror(EIO));
		return -1;
	}
	for (size_t done = 0; done < len;) {
		size_t n = len - done < MAX_REQUEST ? len - done : MAX_REQUEST;
		if (aligned_pwrite(d->img, (const uint8_t *)buf + done, n, off + done) != 0)
			return failed(d, "write", off + done);
		done += n;
	}
	return 0;
}

int image_sync(struct dev *d)
{
	if (reconnect(d) != 0) return -1;
	if (fault_sync()) {
		snprintf(d->why, sizeof d->why, "fsync failed: %s", strerror(EIO));
		return -1;
	}
	/* qemu-nbd flushes its cache and fsyncs the image file; the verify
	 * reads that follow come from qemu's view of the file. */
	if (nbd_flush(d->img->h, 0) != 0) return failed(d, "flush", 0);
	return 0;
}
#else
static int start_server(struct dev_image *im, char *why, size_t whylen)
{
	(void)im;
	snprintf(why, whylen, "this diskmedic was built without libnbd and cannot open VM disk images");
	return -1;
}
/* Never reached: without libnbd no struct dev gets an img. */
int image_read(struct dev *d, uint64_t off, void *buf, size_t len) { (void)d, (void)off, (void)buf, (void)len; return -1; }
int image_write(struct dev *d, uint64_t off, const void *buf, size_t len)
{
	(void)d, (void)off, (void)buf, (void)len;
	return -1;
}
int image_sync(struct dev *d) { (void)d; return -1; }
#endif

void image_close(struct dev *d)
{
	struct dev_image *im = d->img;
	if (!im) return;
#ifdef DM_WITH_NBD
	/* A clean disconnect lets qemu-nbd flush and exit on its own. */
	if (im->h) {
		if (!im->lost) nbd_shutdown(im->h, 0);
		nbd_close(im->h);
	}
	for (int i = 0; i < 2000 && im->pid > 0; i++) {
		if (waitpid(im->pid, NULL, WNOHANG) != 0) {
			im->pid = 0;
			break;
		}
		struct timespec ts = {0, 1000 * 1000};
		nanosleep(&ts, NULL);
	}
#endif
	stop_server(im);
	track(im, 0);
	for (int i = 0; i < im->nchain; i++) free(im->chain[i]);
	free(im);
	d->img = NULL;
}

int image_open(struct dev *d, enum imgfmt fmt, const uint8_t *head, size_t n, int mode, char *why, size_t whylen)
{
	char hint[2200], e[9000];
	image_convert_hint(d->path, fmt, hint, sizeof hint);
	if (mode == DEV_WRITE && fmt == IMG_VMDK && imgfmt_vmdk_stream_optimized(head, n)) {
		snprintf(why, whylen,
			 "%s: a streamOptimized vmdk (compressed grains): qemu reads it but cannot rewrite a sector "
			 "in place, so diskmedic will not write to it. Scan it as it is, or fix a converted copy: %s",
			 d->path, hint);
		return -1;
	}
	struct dev_image *im = xcalloc(1, sizeof *im);
	im->fmt = fmt;
	im->writable = mode == DEV_WRITE;
	snprintf(im->path, sizeof im->path, "%s", d->path);
	d->img = im;
	if (walk_chain(im, head, n, e, sizeof e) != 0) {
		snprintf(why, whylen, "%s", e);
		image_close(d);
		return -1;
	}
	const char *tmp = getenv("TMPDIR");
	/* A unix socket's path has room for 107 bytes: a long TMPDIR is passed over. */
	snprintf(im->dir, sizeof im->dir, "%s/diskmedic-nbd-XXXXXX", tmp && *tmp && strlen(tmp) < 75 ? tmp : "/tmp");
	if (!mkdtemp(im->dir)) {
		snprintf(why, whylen, "cannot create a private directory for qemu-nbd's socket: %s", strerror(errno));
		im->dir[0] = 0;
		image_close(d);
		return -1;
	}
	snprintf(im->sock, sizeof im->sock, "%s/sock", im->dir);
	snprintf(im->log, sizeof im->log, "%s/qemu-nbd.log", im->dir);
	track(im, 1);
	if (start_server(im, e, sizeof e) != 0) {
		snprintf(why, whylen, "%s: a %s image that diskmedic opens through qemu-nbd: %s. To convert it to a raw "
			 "image instead: %s", d->path, imgfmt_name(fmt), e, hint);
		image_close(d);
		return -1;
	}
#ifdef DM_WITH_NBD
	int64_t size = nbd_get_size(im->h);
	if (size <= 0) {
		snprintf(why, whylen, "%s: qemu-nbd gives no size: %s", d->path, nbd_get_error());
		image_close(d);
		return -1;
	}
	d->size = (uint64_t)size;
#endif
	return 0;
}

const char *image_format(const struct dev *d)
{
	return d->img ? imgfmt_name(d->img->fmt) : "raw";
}

int image_chain(const struct dev *d, const char **names, const char **formats, int max)
{
	int n = 0;
	for (int i = 0; d->img && i < d->img->nchain && n < max; i++, n++) {
		names[n] = d->img->chain[i];
		formats[n] = imgfmt_name(d->img->chain_fmt[i]);
	}
	return n;
}

pid_t image_server_pid(const struct dev *d)
{
	return d->img ? d->img->pid : 0;
}

/* ---- a stand-in file for libblkid ------------------------------------------ */

/* Copy [off, off+len) of the partition (clipped) from the image into fd. */
static int copy_range(struct dev *d, int fd, uint64_t base, uint64_t size, uint64_t off, uint64_t len, uint8_t *buf,
		      size_t bufsz)
{
	if (off >= size) return 0;
	if (len > size - off) len = size - off;
	while (len) {
		size_t n = len < bufsz ? (size_t)len : bufsz;
		if (dev_read(d, base + off, buf, n) != 0 || pwrite(fd, buf, n, (off_t)off) != (ssize_t)n) return -1;
		off += n, len -= n;
	}
	return 0;
}

int image_range_fd(struct dev *d, uint64_t off, uint64_t size)
{
	int fd = memfd_create("diskmedic-range", MFD_CLOEXEC);
	if (fd < 0) return -1;
	size_t bufsz = 1 << 20;
	uint8_t *buf = xmalloc(bufsz);
	int ok = ftruncate(fd, (off_t)size) == 0 &&
		 copy_range(d, fd, off, size, 0, RANGE_HEAD, buf, bufsz) == 0 &&
		 copy_range(d, fd, off, size, size > RANGE_TAIL ? size - RANGE_TAIL : 0, RANGE_TAIL, buf, bufsz) == 0;
	/* libblkid confirms NTFS by $MFT's first records (and reads the label
	 * from $Volume's); on a large volume $MFT lies far past the head. */
	struct nt_bpb b;
	if (ok && size >= 512 && pread(fd, buf, 512, 0) == 512 && nt_bpb_parse(buf, 512, &b) == NTFS_BPB_OK &&
	    b.mft_lcn <= UINT64_MAX / b.cluster_size)
		ok = copy_range(d, fd, off, size, b.mft_lcn * b.cluster_size, 16 * (uint64_t)b.mft_record_size, buf,
				bufsz) == 0;
	free(buf);
	if (!ok) {
		close(fd);
		return -1;
	}
	return fd;
}
