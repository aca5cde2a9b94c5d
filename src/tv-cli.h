#pragma once

/* Parses the command line; runs a command-line mode (--json, --summary,
 * --export, --explain) or opens the window.  Returns the exit status:
 * 0 success, 1 unreadable input, 2 bad usage. */
int tv_cli_main (int argc, char **argv);
