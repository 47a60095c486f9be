/* controller_of_block NAME...: print "NAME CLASS SOURCE" for each (CLASS
 * "none" when no known host driver is found), for t0812's fake sysfs trees. */
#include "windows/windows.h"
#include <stdio.h>

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		char src[64] = "";
		const struct ctl_class *c = controller_of_block(argv[i], src, sizeof src);
		printf("%s %s %s\n", argv[i], c ? c->name : "none", c ? src : "-");
	}
	return 0;
}
