/* The mbr-partition-table-lost finding from a search's result: made by the
 * scan's check (quick search) and by `diskmedic search` (quick or deep). */
#ifndef DM_TABLE_LOST_H
#define DM_TABLE_LOST_H
#include "finding.h"
#include "../search/search.h"
/* The finding, with the rebuilt table's detail and fixes (search/rebuild.c);
 * how is "quick" or "deep". */
struct finding *table_lost_finding(struct disk *d, struct search_result *r, const char *how);
#endif
