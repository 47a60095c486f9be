/* Which fix a run applies for a finding: one rule for fix, autofix and the
 * menu. The first fix marked safe; when the user named the finding (fix
 * --only CODE, or picked it in the menu), the first fix even if it is not
 * safe, since asking for it by name is the consent the rule waits for. */
#include "plan.h"

const struct fix *fix_choose(const struct fix *fixes, int nfixes, int named)
{
	for (int i = 0; i < nfixes; i++)
		if (fixes[i].safe || named) return &fixes[i];
	return NULL;
}
