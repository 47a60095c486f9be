/* Version strings; DISKMEDIC_VERSION comes from the Makefile. */
#ifndef DM_VERSION_H
#define DM_VERSION_H
#ifndef DISKMEDIC_VERSION
#define DISKMEDIC_VERSION "0.1-dev"
#endif
#endif
