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

/* What the command line asked for. */
typedef struct {
  char     **regions;
  char     **symptoms;
  char      *pain;
  char      *rulebook_path;
  char      *pdf_path;
  gboolean   summary, json, show_regions, show_symptoms, version;
} Options;

static void
options_clear (Options *options)
{
  g_strfreev (options->regions);
  g_strfreev (options->symptoms);
  g_free (options->pain);
  g_free (options->rulebook_path);
  g_free (options->pdf_path);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* Parses and checks the options; returns an exit status, or -1 to go on. */
static int
parse_options (int      *argc,
               char   ***argv,
               Options  *o)
{
  const GOptionEntry entries[] = {
    { "region", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->regions, N_("A spot that hurts, with its own level if you like"), N_("ID[:N]") },
    { "pain", 0, 0, G_OPTION_ARG_STRING, &o->pain, N_("How much it hurts, from 0 to 10"), N_("N") },
    { "symptom", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->symptoms, N_("Something else you notice (see --list-symptoms)"), N_("ID") },
    { "summary", 0, 0, G_OPTION_ARG_NONE, &o->summary, N_("Print the guidance as text and exit"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o->json, N_("Print the guidance as JSON and exit"), NULL },
    { "export-pdf", 0, 0, G_OPTION_ARG_FILENAME, &o->pdf_path, N_("Write the guidance sheet as a PDF and exit"), N_("FILE") },
    { "list-regions", 0, 0, G_OPTION_ARG_NONE, &o->show_regions, N_("List the region ids with their names"), NULL },
    { "list-symptoms", 0, 0, G_OPTION_ARG_NONE, &o->show_symptoms, N_("List the symptom ids with their questions"), NULL },
    { "rulebook", 0, 0, G_OPTION_ARG_FILENAME, &o->rulebook_path, N_("Use another rulebook file"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &o->version, N_("Print the version and exit"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

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

  if (o->version)
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

  if (o->summary && o->json)
    {
      print_error (_("choose one of --summary and --json"));
      return EXIT_BAD_INPUT;
    }

  if (o->pdf_path && (o->summary || o->json))
    {
      print_error (_("--export-pdf writes a file: leave out --summary and --json"));
      return EXIT_BAD_INPUT;
    }
  return -1;
}

/* The answer as the options asked for it: a PDF, or text or JSON on stdout. */
static int
write_guidance (const Options *o,
                RrRulebook    *rulebook,
                RrAssessment  *assessment)
{
  g_autoptr(RrGuidance) guidance = rr_rulebook_evaluate (rulebook, assessment);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (o->pdf_path)
    {
      if (!rr_sheet_export_pdf (guidance, o->pdf_path, &error))
        {
          print_error (error->message);
          return EXIT_BAD_INPUT;
        }
      return 0;
    }

  text = o->json ? rr_guidance_to_json (guidance) : rr_guidance_to_text (guidance);
  g_print ("%s\n", text);
  return 0;
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
  g_auto(Options) o = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(RrRulebook) own_rulebook = NULL;
  g_autoptr(RrAssessment) assessment = NULL;
  RrRulebook *rulebook;
  int status;

  *preset = NULL;

  status = parse_options (argc, argv, &o);
  if (status >= 0)
    return status;

  if (o.rulebook_path)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (o.rulebook_path);

      own_rulebook = rr_rulebook_new_from_file (file, &error);
      if (own_rulebook == NULL)
        {
          print_error (error->message);
          return EXIT_BAD_INPUT;
        }
    }
  rulebook = own_rulebook ? own_rulebook : rr_rulebook_get_default ();

  if (o.show_regions || o.show_symptoms)
    {
      if (o.show_regions)
        list_regions (rulebook);
      if (o.show_symptoms)
        list_symptoms (rulebook);
      return 0;
    }

  assessment = rr_cli_build_assessment (rulebook,
                                        (const char * const *) o.regions, o.pain,
                                        (const char * const *) o.symptoms, &error);
  if (assessment == NULL)
    {
      print_error (error->message);
      return EXIT_BAD_INPUT;
    }

  if (o.pdf_path || o.summary || o.json)
    return write_guidance (&o, rulebook, assessment);

  if (o.regions || o.symptoms || o.pain)
    *preset = g_steal_pointer (&assessment);

  return -1;
}
