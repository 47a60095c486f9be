/* Reboot or power off.  PID 1 may not exit, so this never returns. */
#include <sys/reboot.h>
#include <unistd.h>
#include "init.h"

void power_off(int how)
{
	sync();
	reboot(how);
	/* reboot(2) failed: nothing sensible is left but to stay alive. */
	for (;;)
		pause();
}
