/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rr-application.h"
#include "rr-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RrApplication) app = NULL;
  g_autoptr(RrAssessment) preset = NULL;
  const char *localedir;
  int status;

  setlocale (LC_ALL, "");
  /* Lets `meson devenv` and the tests use the catalogues in the build tree. */
  localedir = g_getenv ("RR_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  status = rr_cli_run (&argc, &argv, &preset);
  if (status >= 0)
    return status;

  app = rr_application_new (preset);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
