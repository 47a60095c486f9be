/* Undo record parsing: the record comes from a file the user names, maybe
 * torn by a crash or edited by hand. */
#include "fuzz.h"
#include "../../rescue/fix/undo.h"
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct undo_doc doc;
	char why[256] = "";
	if (undo_parse((const char *)data, size, &doc, why, sizeof why) != 0) {
		FUZZ_ASSERT(why[0] != 0);	/* a refusal always says why */
		return 0;
	}
	FUZZ_ASSERT(doc.target[0] && doc.size);
	FUZZ_ASSERT(doc.bad_lines <= 1);
	for (int i = 0; i < doc.nchanges; i++) {
		const struct undo_change *c = &doc.changes[i];
		FUZZ_ASSERT(c->len > 0 && c->before && c->after);
		/* Touch every byte, so a short buffer shows up under ASan. */
		volatile uint8_t x = 0;
		for (uint32_t k = 0; k < c->len; k++) x ^= c->before[k] ^ c->after[k];
		(void)x;
	}
	undo_doc_free(&doc);
	return 0;
}
