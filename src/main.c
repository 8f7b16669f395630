/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "kr-application.h"
#include "kr-cli.h"
#include "kr-layout.h"
#include "kr-problem.h"

/* At most this long for a layout stopped as the program ends (the labels of 100,000 entities
 * take about a second to measure). */
#define EXIT_WAIT_SECONDS 5

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KrApplication) app = NULL;
  KrCliOptions options = { 0 };
  g_autoptr (GPtrArray) app_argv = NULL;
  int status;

  setlocale (LC_ALL, "");
  /* Run from the build directory, the translations are there (build-aux/run sets this). */
  bindtextdomain (GETTEXT_PACKAGE,
                  g_getenv ("KEIRETSU_LOCALEDIR") ? g_getenv ("KEIRETSU_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The window runs each layout in a copy of this program started in this mode. */
  if (argc == 2 && strcmp (argv[1], KR_LAYOUT_WORKER_OPTION) == 0)
    return kr_layout_worker_main ();

  if (!kr_cli_parse (&options, &argc, &argv, &error))
    {
      /* The message may quote any value given on the command line. */
      g_autofree char *shown = kr_problem_printable (error->message, 0);
      g_printerr ("keiretsu: %s\n%s\n", shown, _ ("Run “keiretsu --help” for usage."));
      kr_cli_options_clear (&options);
      return 2;
    }
  {
    /* Layouts run in a copy of this program, so that a Graphviz crash cannot take it down. */
    g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
    const char *worker[] = { self_path ? self_path : argv[0], KR_LAYOUT_WORKER_OPTION, NULL };
    kr_layout_set_worker (worker);
  }
  if (kr_cli_is_headless (&options))
    {
      status = kr_cli_run (&options);
      kr_cli_options_clear (&options);
      return status;
    }

  /* The window: the application opens the remaining file, if any. */
  app_argv = g_ptr_array_new ();
  g_ptr_array_add (app_argv, argv[0]);
  for (guint i = 0; options.files && options.files[i]; i++)
    g_ptr_array_add (app_argv, options.files[i]);
  g_ptr_array_add (app_argv, NULL);

  app = kr_application_new (options.engine);
  status
      = g_application_run (G_APPLICATION (app), (int)app_argv->len - 1, (char **)app_argv->pdata);
  /* The windows have stopped their layouts; a thread may still be measuring labels for one. */
  kr_layout_wait_for_threads (EXIT_WAIT_SECONDS);
  kr_cli_options_clear (&options);
  return status;
}
