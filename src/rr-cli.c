/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rr-cli.h"
#include "rr-sheet.h"

/* Bad input: one line on stderr, nothing on stdout, exit status 2. */
#define EXIT_BAD_INPUT 2

static void
print_error (const char *message)
{
  g_printerr ("run-or-rest: %s\n", message);
}

static void
list_regions (RrRulebook *rulebook)
{
  const char * const *ids = rr_rulebook_get_regions (rulebook);

  for (guint i = 0; ids[i]; i++)
    g_print ("%-18s %s\n", ids[i], rr_rulebook_get_region_name (rulebook, ids[i]));
}

static void
list_symptoms (RrRulebook *rulebook)
{
  const char * const *ids = rr_rulebook_get_symptoms (rulebook);

  for (guint i = 0; ids[i]; i++)
    g_print ("%-28s %s\n", ids[i], rr_rulebook_get_symptom_question (rulebook, ids[i]));
}

/**
 * rr_cli_run:
 * @preset: (out): what to open the window with, when the window is wanted
 *
 * Returns: an exit status, or -1 when the caller should start the window.
 */
int
rr_cli_run (int            *argc,
            char         ***argv,
            RrAssessment  **preset)
{
  g_auto(GStrv) regions = NULL;
  g_auto(GStrv) symptoms = NULL;
  g_autofree char *pain = NULL;
  g_autofree char *rulebook_path = NULL;
  g_autofree char *pdf_path = NULL;
  gboolean summary = FALSE, json = FALSE, show_regions = FALSE, show_symptoms = FALSE, version = FALSE;
  const GOptionEntry entries[] = {
    { "region", 0, 0, G_OPTION_ARG_STRING_ARRAY, &regions, N_("A spot that hurts, with its own level if you like"), N_("ID[:N]") },
    { "pain", 0, 0, G_OPTION_ARG_STRING, &pain, N_("How much it hurts, from 0 to 10"), N_("N") },
    { "symptom", 0, 0, G_OPTION_ARG_STRING_ARRAY, &symptoms, N_("Something else you notice (see --list-symptoms)"), N_("ID") },
    { "summary", 0, 0, G_OPTION_ARG_NONE, &summary, N_("Print the guidance as text and exit"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the guidance as JSON and exit"), NULL },
    { "export-pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf_path, N_("Write the guidance sheet as a PDF and exit"), N_("FILE") },
    { "list-regions", 0, 0, G_OPTION_ARG_NONE, &show_regions, N_("List the region ids with their names"), NULL },
    { "list-symptoms", 0, 0, G_OPTION_ARG_NONE, &show_symptoms, N_("List the symptom ids with their questions"), NULL },
    { "rulebook", 0, 0, G_OPTION_ARG_FILENAME, &rulebook_path, N_("Use another rulebook file"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RrRulebook) own_rulebook = NULL;
  g_autoptr(RrAssessment) assessment = NULL;
  RrRulebook *rulebook;

  *preset = NULL;

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Where does it hurt, and how much? Run or Rest tells a runner whether to "
                                  "keep running, ease off, stop, or get help."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      print_error (error->message);
      return EXIT_BAD_INPUT;
    }

  if (version)
    {
      g_print ("run-or-rest %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (*argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("unexpected argument “%s” (see --help)"), (*argv)[1]);
      print_error (message);
      return EXIT_BAD_INPUT;
    }

  if (summary && json)
    {
      print_error (_("choose one of --summary and --json"));
      return EXIT_BAD_INPUT;
    }

  if (pdf_path && (summary || json))
    {
      print_error (_("--export-pdf writes a file: leave out --summary and --json"));
      return EXIT_BAD_INPUT;
    }

  if (rulebook_path)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (rulebook_path);

      own_rulebook = rr_rulebook_new_from_file (file, &error);
      if (own_rulebook == NULL)
        {
          print_error (error->message);
          return EXIT_BAD_INPUT;
        }
      rulebook = own_rulebook;
    }
  else
    {
      rulebook = rr_rulebook_get_default ();
    }

  if (show_regions || show_symptoms)
    {
      if (show_regions)
        list_regions (rulebook);
      if (show_symptoms)
        list_symptoms (rulebook);
      return 0;
    }

  assessment = rr_cli_build_assessment (rulebook,
                                        (const char * const *) regions, pain,
                                        (const char * const *) symptoms, &error);
  if (assessment == NULL)
    {
      print_error (error->message);
      return EXIT_BAD_INPUT;
    }

  if (pdf_path)
    {
      g_autoptr(RrGuidance) guidance = rr_rulebook_evaluate (rulebook, assessment);

      if (!rr_sheet_export_pdf (guidance, pdf_path, &error))
        {
          print_error (error->message);
          return EXIT_BAD_INPUT;
        }
      return 0;
    }

  if (summary || json)
    {
      g_autoptr(RrGuidance) guidance = rr_rulebook_evaluate (rulebook, assessment);
      g_autofree char *text = json ? rr_guidance_to_json (guidance) : rr_guidance_to_text (guidance);

      g_print ("%s\n", text);
      return 0;
    }

  if (regions || symptoms || pain)
    *preset = g_steal_pointer (&assessment);

  return -1;
}
