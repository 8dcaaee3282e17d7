/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rr-bench.c: how fast Run or Rest answers, against its budgets
 *
 *   rr-bench first-frame [--baseline] [--once]   start-up to the first painted frame
 *   rr-bench evaluate                            rulebook evaluations and loads, the heaviest allowed too
 *   rr-bench hit-test                            pointer-to-region lookups
 *   rr-bench hover                               body map frames: hover, selection, resize
 *   rr-bench resize [--baseline] [--once]        frames per second while the window is resized across the layouts
 *   rr-bench drag [--once]                       a slider dragged 0 to 10 in 200 ms: values drawn, ms per step
 *   rr-bench drag --each                         the same values, each set once the last is painted
 *   rr-bench export-pdf                          the guidance sheet as PDF
 *   rr-bench memory                              peak resident memory at the first frame
 *   rr-bench diary                               start, save, diary page, scroll, export at 0 to 100,000 entries
 *   rr-bench diary-make N FILE                   writes a diary of N entries through the diary API
 *   rr-bench all                                 everything, as a table with the budgets
 *
 * Each figure is one line: median, min and max over the repeats. Start-up is measured
 * in whole processes: the bench runs itself again (--once) for each sample, the app and
 * the bare-window baseline alternated, so both see the same machine state.
 *
 * Where a resize frame's time goes: `valgrind --tool=callgrind rr-bench resize --once`
 * (under xvfb-run); its first dump (callgrind.out.PID.1) holds the resize frames alone.
 * `rr-bench first-frame --once` dumps the start-up to the first frame, then the click.
 * The same for a slider step: `rr-bench drag --each`, whose first dump holds 50 steps
 * (0 to 10 and back down, five times), whatever the speed of the machine.
 * `rr-bench diary --once` (with a diary in XDG_DATA_HOME) dumps the start-up, then each
 * step: the click, the save, the diary page, the scroll.
 *
 * Not a test: `meson test --benchmark` runs it, `meson test` does not.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#endif
#endif
#ifndef CALLGRIND_ZERO_STATS
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_DUMP_STATS_AT(pos_str)
#endif

#include "rr-application.h"
#include "rr-diary.h"
#include "rr-body-art.h"
#include "rr-body-map-private.h"
#include "rr-rulebook.h"
#include "rr-sheet.h"
#include "rr-window-private.h"

#include "heavy-rulebook.h"

#define N_PROCESS_RUNS  20    /* per side, for first-frame: medians steady on a shared machine */
#define N_MEMORY_RUNS   3
#define SEED            20240601

/* ------------------------------------------------------------------------------ */
/* Timing and figures                                                              */
/* ------------------------------------------------------------------------------ */

static gint64 main_start_ns;

static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

typedef enum {
  LOWER_IS_BETTER,
  HIGHER_IS_BETTER,
  INFORMATION,        /* no budget */
} BudgetKind;

typedef struct {
  char       *name;
  char       *unit;
  double      median;
  double      min;
  double      max;
  guint       n;
  double      budget;
  BudgetKind  kind;
  char       *note;
} Figure;

static GPtrArray *figures;   /* Figure*, for `all` */

static void
figure_free (gpointer data)
{
  Figure *f = data;

  g_free (f->name);
  g_free (f->unit);
  g_free (f->note);
  g_free (f);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Sorts @samples in place. */
static Figure *
add_figure (const char *name,
            const char *unit,
            GArray     *samples,
            double      budget,
            BudgetKind  kind)
{
  Figure *f = g_new0 (Figure, 1);
  double *v = (double *) samples->data;
  guint n = samples->len;

  g_assert (n > 0);
  g_array_sort (samples, compare_doubles);

  f->name = g_strdup (name);
  f->unit = g_strdup (unit);
  f->n = n;
  f->min = v[0];
  f->max = v[n - 1];
  f->median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  f->budget = budget;
  f->kind = kind;

  printf ("%-28s median %10.3f %-4s min %10.3f  max %10.3f  (n=%u)\n",
          name, f->median, unit, f->min, f->max, n);
  fflush (stdout);

  g_ptr_array_add (figures, f);
  return f;
}

static Figure *
add_single (const char *name,
            const char *unit,
            double      value,
            double      budget,
            BudgetKind  kind)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  g_array_append_val (samples, value);
  return add_figure (name, unit, samples, budget, kind);
}

static void
sample (GArray *samples,
        double  value)
{
  g_array_append_val (samples, value);
}

/* The @p quantile (0 to 1) of sorted @samples, by nearest rank: a value that was seen. */
static double
quantile (GArray *samples,
          double  p)
{
  guint n = samples->len;
  guint rank = (guint) (p * n + 0.999999);

  g_assert (n > 0);
  return g_array_index (samples, double, CLAMP (rank, 1, n) - 1);
}

/* Every "KEY VALUE" line of a child's output, appended to @samples. */
static guint
sample_lines (const char *out,
              const char *key,
              GArray     *samples)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  gsize len = strlen (key);
  guint n = 0;

  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], key) && lines[i][len] == ' ')
      {
        sample (samples, g_ascii_strtod (lines[i] + len + 1, NULL));
        n++;
      }
  return n;
}

/* ------------------------------------------------------------------------------ */
/* Fixtures                                                                        */
/* ------------------------------------------------------------------------------ */

static RrAssessment *
two_spot_preset (void)
{
  RrAssessment *preset = rr_assessment_new ();

  rr_assessment_add_region (preset, "left-knee-outer", 5);
  rr_assessment_add_region (preset, "right-heel", 3);
  return preset;
}

static RrAssessment *
four_spot_assessment (void)
{
  RrAssessment *a = rr_assessment_new ();

  rr_assessment_add_region (a, "left-knee-outer", 5);
  rr_assessment_add_region (a, "right-heel", 3);
  rr_assessment_add_region (a, "left-shin-inner", 6);
  rr_assessment_add_region (a, "left-ankle-back", 4);
  rr_assessment_set_symptom (a, "swelling", TRUE);
  rr_assessment_set_symptom (a, "morning-worse", TRUE);
  return a;
}

/* The first frame of a window: its surface's frame clock finished painting. */
typedef void (*PaintedFunc) (GtkWindow *window,
                             guint      frame,
                             gpointer   user_data);

typedef struct {
  GtkWindow   *window;
  PaintedFunc  func;
  gpointer     user_data;
  guint        frame;
} PaintWatch;

static void
after_paint_cb (GdkFrameClock *clock,
                PaintWatch    *watch)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (watch->window)))
    return;

  watch->func (watch->window, watch->frame++, watch->user_data);
}

static void
window_realize_cb (GtkWidget  *widget,
                   PaintWatch *watch)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (widget));

  g_signal_connect (gdk_surface_get_frame_clock (surface), "after-paint",
                    G_CALLBACK (after_paint_cb), watch);
}

static void
watch_paints (GtkWindow   *window,
              PaintedFunc  func,
              gpointer     user_data)
{
  PaintWatch *watch = g_new0 (PaintWatch, 1);

  watch->window = window;
  watch->func = func;
  watch->user_data = user_data;
  g_object_set_data_full (G_OBJECT (window), "rr-bench-paint-watch", watch, g_free);
  g_signal_connect_after (window, "realize", G_CALLBACK (window_realize_cb), watch);
}

static gint64
read_vmhwm_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line ? g_ascii_strtoll (line + strlen ("VmHWM:"), NULL, 10) : -1;
}

/* ------------------------------------------------------------------------------ */
/* first-frame --once: one process, one window, one number                         */
/* ------------------------------------------------------------------------------ */

#define CLICK_REGION "left-shin-inner"

typedef struct {
  GApplication *app;
  gboolean      baseline;
  gint64        click_ns;
  RrGuidance   *guidance_before;
  guint         click_frame;
  PaintedFunc   painted;      /* once_painted, or another mode's */
  gpointer      painted_data;
} Once;

static gboolean
click_cb (gpointer user_data)
{
  Once *once = user_data;
  RrWindow *window = RR_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (once->app)));

  once->guidance_before = rr_window_get_guidance (window);
  /* Under callgrind, the second dump holds the click and its frame alone. */
  CALLGRIND_ZERO_STATS;
  once->click_ns = now_ns ();
  /* What a click on the map does. */
  rr_window_toggle_region (window, CLICK_REGION);
  /* The guidance must already be the new one: it is drawn in the next frame. */
  if (rr_window_get_guidance (window) == once->guidance_before)
    printf ("click-stale 1\n");

  return G_SOURCE_REMOVE;
}

static void
once_painted (GtkWindow *window,
              guint      frame,
              gpointer   user_data)
{
  Once *once = user_data;

  if (frame == 0)
    {
      /* Under callgrind: the first dump is the start-up, the second the click. */
      CALLGRIND_DUMP_STATS_AT ("first frame");
      printf ("first-paint-us %.1f\n", (now_ns () - main_start_ns) / 1000.);
      printf ("vmhwm-kib %" G_GINT64_FORMAT "\n", read_vmhwm_kib ());
      fflush (stdout);

      if (once->baseline)
        {
          g_application_quit (once->app);
          return;
        }

      /* The first moment the window is idle: after what it defers past its first
       * frame (the map's geometry and layers), which no hand is quick enough to beat. */
      g_idle_add_full (G_PRIORITY_LOW, click_cb, once, NULL);
      return;
    }

  if (once->click_ns != 0)
    {
      once->click_frame++;
      CALLGRIND_DUMP_STATS_AT ("click");
      printf ("click-us %.1f\n", (now_ns () - once->click_ns) / 1000.);
      printf ("click-frames %u\n", once->click_frame);
      fflush (stdout);
      g_application_quit (once->app);
    }
}

static void
baseline_activate_cb (GtkApplication *app,
                      Once           *once)
{
  GtkWidget *window = gtk_application_window_new (app);
  g_autoptr(GSettingsSchema) schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                                                       APP_ID, TRUE);
  g_autoptr(GSettings) settings = NULL;

  /* Without its schema the app would open at another size: no comparison then. */
  if (schema == NULL)
    {
      g_printerr ("rr-bench: the settings schema %s is not compiled in %s; build the whole "
                  "tree first (meson compile -C BUILDDIR)\n", APP_ID, g_getenv ("GSETTINGS_SCHEMA_DIR"));
      exit (2);
    }
  settings = g_settings_new_full (schema, NULL, NULL);

  gtk_window_set_title (GTK_WINDOW (window), "Run or Rest");
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Run or Rest"));
  /* As large as the app's window opens (the schema's default size): filling and
   * shadowing a window of that size is part of GTK's floor, not the app's cost. */
  gtk_window_set_default_size (GTK_WINDOW (window),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  watch_paints (GTK_WINDOW (window), once->painted, once->painted_data);
  gtk_window_present (GTK_WINDOW (window));
}

static void
app_window_added_cb (GtkApplication *app,
                     GtkWindow      *window,
                     Once           *once)
{
  if (RR_IS_WINDOW (window))
    watch_paints (window, once->painted, once->painted_data);
}

/* One process of the app with the two-spot preset, or of the bare window; @painted
 * gets every painted frame of its window. */
static int
run_once (gboolean     baseline,
          PaintedFunc  painted,
          gpointer     painted_data)
{
  g_autoptr(GApplication) app = NULL;
  Once once = { NULL, baseline, 0, NULL, 0, painted, painted_data };
  char *argv[] = { (char *) "rr-bench", NULL };
  int status;

  if (painted_data == NULL)
    once.painted_data = &once;

  if (baseline)
    {
      app = G_APPLICATION (gtk_application_new (APP_ID ".Bench", G_APPLICATION_NON_UNIQUE));
      g_signal_connect (app, "activate", G_CALLBACK (baseline_activate_cb), &once);
    }
  else
    {
      g_autoptr(RrAssessment) preset = two_spot_preset ();

      app = G_APPLICATION (rr_application_new (preset));
      /* Another Run or Rest on this session must not receive the activation. */
      g_application_set_flags (app, G_APPLICATION_NON_UNIQUE);
      g_signal_connect (app, "window-added", G_CALLBACK (app_window_added_cb), &once);
    }

  once.app = app;
  status = g_application_run (app, 1, argv);
  return status;
}

static int
first_frame_once (gboolean baseline)
{
  return run_once (baseline, once_painted, NULL);
}


/* ------------------------------------------------------------------------------ */
/* resize --once: the window dragged narrower and wider, a new size every frame     */
/* ------------------------------------------------------------------------------ */

/* From wider than the wide layout to inside the narrow one (the layouts switch at 660
 * and 1180 px, src/rr-window.c) and back: 101 sizes. The height stays the default's. */
#define RESIZE_WIDEST    1400
#define RESIZE_NARROWEST 600
#define RESIZE_STEP      16
#define RESIZE_HEIGHT    780
#define RESIZE_N_SIZES   (2 * (RESIZE_WIDEST - RESIZE_NARROWEST) / RESIZE_STEP + 1)
#define ONCE_TIMEOUT_S   600   /* a hang, not a slow run: callgrind takes minutes */

typedef struct {
  guint   step;            /* the size asked for last */
  gint64  start_ns;
  gint64  last_ns;
  guint   frames;          /* painted since the first new size */
  guint   new_size;        /* of them, painted at another size than the frame before */
  int     last_width;
  double  layout_s[3];     /* narrow, medium, wide: the time to each frame painted in it */
  guint   layout_frames[3];
} Resize;

static int
resize_width (guint step)
{
  guint half = (RESIZE_WIDEST - RESIZE_NARROWEST) / RESIZE_STEP;

  return step <= half ? RESIZE_WIDEST - (int) step * RESIZE_STEP
                      : RESIZE_NARROWEST + (int) (step - half) * RESIZE_STEP;
}

static guint
layout_index (int width)
{
  /* As layout_for_width() in src/rr-window.c. */
  return width < 660 ? 0 : width < 1180 ? 1 : 2;
}

static gboolean
once_timeout_cb (gpointer user_data)
{
  g_printerr ("rr-bench: no end after %d s\n", ONCE_TIMEOUT_S);
  exit (3);
  return G_SOURCE_REMOVE;
}

static void
resize_painted (GtkWindow *window,
                guint      frame,
                gpointer   user_data)
{
  static const char * const names[] = { "narrow", "medium", "wide" };
  Resize *resize = user_data;
  gint64 now = now_ns ();
  int width = gtk_widget_get_width (GTK_WIDGET (window));

  if (frame == 0)
    {
      /* The first frame, at the default size: the drag starts now. */
      resize->start_ns = resize->last_ns = now;
      resize->last_width = width;
      /* Under callgrind, the first dump holds the resize frames alone. */
      CALLGRIND_ZERO_STATS;
      gtk_window_set_default_size (window, resize_width (0), RESIZE_HEIGHT);
      return;
    }

  resize->frames++;
  resize->layout_s[layout_index (width)] += (now - resize->last_ns) / 1e9;
  resize->layout_frames[layout_index (width)]++;
  resize->last_ns = now;
  resize->new_size += width != resize->last_width;
  resize->last_width = width;
  if (g_getenv ("RR_BENCH_VERBOSE"))
    printf ("frame %u width %d asked %d\n", frame, width, resize_width (resize->step));

  /* As a window manager does: the next size every frame, whatever this one showed. */
  if (++resize->step < RESIZE_N_SIZES)
    {
      gtk_window_set_default_size (window, resize_width (resize->step), RESIZE_HEIGHT);
      return;
    }

  CALLGRIND_DUMP_STATS_AT ("resize frames");
  printf ("resize-fps %.3f\n", resize->frames / ((now - resize->start_ns) / 1e9));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (resize->layout_frames[i] > 0)
      printf ("resize-fps-%s %.3f\n", names[i], resize->layout_frames[i] / resize->layout_s[i]);
  printf ("resize-frames %u\n", resize->frames);
  printf ("resize-new-sizes %u\n", resize->new_size);
  fflush (stdout);
  g_application_quit (g_application_get_default ());
}

static int
resize_once (gboolean baseline)
{
  Resize resize = { 0 };

  g_timeout_add_seconds (ONCE_TIMEOUT_S, once_timeout_cb, NULL);
  return run_once (baseline, resize_painted, &resize);
}

/* ------------------------------------------------------------------------------ */
/* drag --once: the pain slider dragged from 0 to 10 in 200 ms                      */
/* ------------------------------------------------------------------------------ */

/* The pointer reaches the next value every 20 ms, 0 at once; when the main loop is
 * late the slider jumps to where the pointer is, as motion compression does. */
#define DRAG_VALUES    11
#define DRAG_STEP_MS   20
#define DRAG_REPEATS   5
#define DRAG_REST_MS   300
#define DRAG_SPOT      "left-knee-outer"

typedef struct {
  RrWindow *window;
  GtkRange *scale;
  guint     drag;                    /* drags done */
  gboolean  dragging;
  gint64    start_ns;
  int       last_set;                /* the value set last, -1 before the first */
  gint64    set_ns[DRAG_VALUES];     /* when each value was set */
  double    set_ms[DRAG_VALUES];     /* how long gtk_range_set_value() took */
  gboolean  pending[DRAG_VALUES];    /* set, no frame painted since */
  gboolean  drawn[DRAG_VALUES];      /* a frame painted with it */
  gint64    frame_start_ns;          /* this frame's before-paint */
  gint64    last_paint_ns;
  guint     frames;
} Drag;

static gboolean drag_start_cb (gpointer user_data);

static gboolean
drag_move_cb (gpointer user_data)
{
  Drag *drag = user_data;
  gint64 now = now_ns ();
  int value = (int) MIN (DRAG_VALUES - 1, (now - drag->start_ns) / (DRAG_STEP_MS * G_GINT64_CONSTANT (1000000)));

  if (value > drag->last_set)
    {
      gint64 start = now_ns ();

      gtk_range_set_value (drag->scale, value);
      drag->set_ms[value] = (now_ns () - start) / 1e6;
      drag->set_ns[value] = start;
      drag->pending[value] = TRUE;
      drag->last_set = value;
    }

  if (drag->last_set < DRAG_VALUES - 1)
    {
      gint64 next = drag->start_ns + (gint64) (drag->last_set + 1) * DRAG_STEP_MS * G_GINT64_CONSTANT (1000000);

      g_timeout_add (MAX (0, (next - now_ns () + 999999) / 1000000), drag_move_cb, drag);
    }
  return G_SOURCE_REMOVE;
}

static gboolean
drag_start_cb (gpointer user_data)
{
  Drag *drag = user_data;

  memset (drag->set_ns, 0, sizeof drag->set_ns);
  memset (drag->pending, 0, sizeof drag->pending);
  memset (drag->drawn, 0, sizeof drag->drawn);
  drag->last_set = -1;
  drag->frames = 0;
  drag->dragging = TRUE;
  drag->start_ns = now_ns ();
  /* Under callgrind, the first dump holds the drags alone. */
  if (drag->drag == 0)
    CALLGRIND_ZERO_STATS;
  drag_move_cb (drag);
  return G_SOURCE_REMOVE;
}

static void
drag_before_paint_cb (GdkFrameClock *clock,
                      Drag          *drag)
{
  drag->frame_start_ns = now_ns ();
}

static void
drag_painted (GtkWindow *window,
              guint      frame,
              gpointer   user_data)
{
  Drag *drag = user_data;
  gint64 now = now_ns ();
  guint drawn = 0;

  if (frame == 0)
    {
      drag->window = RR_WINDOW (window);
      drag->scale = GTK_RANGE (rr_window_get_pain_scale (drag->window));
      g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "before-paint",
                        G_CALLBACK (drag_before_paint_cb), drag);
      /* The slider sets the level of this spot. */
      rr_window_set_active (drag->window, DRAG_SPOT);
      g_timeout_add (DRAG_REST_MS, drag_start_cb, drag);
      return;
    }
  if (!drag->dragging)
    return;

  drag->frames++;
  drag->last_paint_ns = now;
  /* The frame shows the value set last; those set before it in the same frame were
   * never drawn, and their step ends here too. */
  for (int v = 0; v < DRAG_VALUES; v++)
    if (drag->pending[v])
      {
        drag->pending[v] = FALSE;
        drag->drawn[v] = v == drag->last_set;
        printf ("drag-step-ms %.3f\n", (now - drag->set_ns[v]) / 1e6);
        printf ("drag-work-ms %.3f\n", drag->set_ms[v] + (now - MAX (drag->frame_start_ns, drag->set_ns[v])) / 1e6);
      }
  if (drag->last_set < DRAG_VALUES - 1)
    return;

  for (int v = 0; v < DRAG_VALUES; v++)
    drawn += drag->drawn[v];
  printf ("drag-drawn %u\n", drawn);
  printf ("drag-fps %.3f\n", drag->frames / ((now - drag->start_ns) / 1e9));
  fflush (stdout);
  drag->dragging = FALSE;
  if (++drag->drag < DRAG_REPEATS)
    g_timeout_add (DRAG_REST_MS, drag_start_cb, drag);
  else
    {
      CALLGRIND_DUMP_STATS_AT ("drags");
      g_application_quit (g_application_get_default ());
    }
}

/* drag --each: the same values, one step a frame, however slow the frame (callgrind):
 * up from 0 to 10 and down again, DRAG_REPEATS times. */
#define EACH_STEPS (DRAG_REPEATS * 2 * (DRAG_VALUES - 1))

static void
drag_each_painted (GtkWindow *window,
                   guint      frame,
                   gpointer   user_data)
{
  Drag *drag = user_data;
  guint step = drag->frames;
  guint phase = step % (2 * (DRAG_VALUES - 1));
  int value = phase < DRAG_VALUES - 1 ? (int) phase + 1 : (int) (2 * (DRAG_VALUES - 1) - phase - 1);

  if (frame == 0)
    {
      drag->scale = GTK_RANGE (rr_window_get_pain_scale (RR_WINDOW (window)));
      rr_window_set_active (RR_WINDOW (window), DRAG_SPOT);
      gtk_range_set_value (drag->scale, 0);
      return;
    }
  if (frame == 1)
    CALLGRIND_ZERO_STATS;
  if (step == EACH_STEPS)
    {
      CALLGRIND_DUMP_STATS_AT ("drag steps");
      printf ("drag-each-steps %u\n", step);
      g_application_quit (g_application_get_default ());
      return;
    }
  /* RR_BENCH_DUMP_EACH=1: one callgrind dump a step, to see which steps cost */
  if (step > 0 && g_getenv ("RR_BENCH_DUMP_EACH") != NULL)
    CALLGRIND_DUMP_STATS_AT ("drag step");
  drag->frames++;
  gtk_range_set_value (drag->scale, value);
}

static int
drag_once (gboolean each)
{
  Drag drag = { 0 };

  g_timeout_add_seconds (ONCE_TIMEOUT_S, once_timeout_cb, NULL);
  return run_once (FALSE, each ? drag_each_painted : drag_painted, &drag);
}

/* ------------------------------------------------------------------------------ */
/* first-frame and memory: whole processes, alternated                             */
/* ------------------------------------------------------------------------------ */

static const char *self_exe;
/* The diary folder the bench made for its runs: the only one it ever deletes. */
static char *bench_data_home;

typedef struct {
  double first_paint_us;
  double vmhwm_kib;
  double click_us;
  double click_frames;
  gboolean click_stale;
} Run;

static gboolean
run_child (gboolean  baseline,
           Run      *run)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  int status;
  const char *argv[] = { self_exe, "first-frame", "--once", baseline ? "--baseline" : NULL, NULL };

  memset (run, 0, sizeof *run);
  run->click_frames = -1;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("first-frame%s: %s\n%s", baseline ? " --baseline" : "",
                  error->message, err ? err : "");
      return FALSE;
    }

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      double value;

      if (sscanf (lines[i], "first-paint-us %lf", &value) == 1)
        run->first_paint_us = value;
      else if (sscanf (lines[i], "vmhwm-kib %lf", &value) == 1)
        run->vmhwm_kib = value;
      else if (sscanf (lines[i], "click-us %lf", &value) == 1)
        run->click_us = value;
      else if (sscanf (lines[i], "click-frames %lf", &value) == 1)
        run->click_frames = value;
      else if (g_str_has_prefix (lines[i], "click-stale"))
        run->click_stale = TRUE;
    }

  if (run->first_paint_us <= 0)
    {
      g_printerr ("first-frame%s printed no time:\n%s%s", baseline ? " --baseline" : "", out, err);
      return FALSE;
    }
  return TRUE;
}

/* Runs app and baseline alternately, @n times each, and adds the figures asked for. */
static gboolean
process_runs (guint    n,
              gboolean want_app,
              gboolean want_baseline,
              gboolean want_time,
              gboolean want_memory)
{
  g_autoptr(GArray) app_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) base_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) app_mib = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) base_mib = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) deltas = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) click_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) click_frames = g_array_new (FALSE, FALSE, sizeof (double));
  guint stale = 0;

  /* One warm-up run of each: the first process pays for cold caches. */
  for (guint i = 0; i <= n; i++)
    {
      Run a, b;

      if (want_app && !run_child (FALSE, &a))
        return FALSE;
      if (want_baseline && !run_child (TRUE, &b))
        return FALSE;
      if (i == 0)
        continue;

      if (want_app)
        {
          sample (app_ms, a.first_paint_us / 1000.);
          sample (app_mib, a.vmhwm_kib / 1024.);
          sample (click_ms, a.click_us / 1000.);
          sample (click_frames, a.click_frames);
          stale += a.click_stale;
        }
      if (want_baseline)
        {
          sample (base_ms, b.first_paint_us / 1000.);
          sample (base_mib, b.vmhwm_kib / 1024.);
        }
      if (want_app && want_baseline)
        {
          sample (ratios, a.first_paint_us / b.first_paint_us);
          sample (deltas, (a.vmhwm_kib - b.vmhwm_kib) / 1024.);
        }
    }

  if (want_time)
    {
      if (want_app)
        add_figure ("first-frame app", "ms", app_ms, 0, INFORMATION);
      if (want_baseline)
        add_figure ("first-frame baseline", "ms", base_ms, 0, INFORMATION);
      if (want_app && want_baseline)
        add_figure ("first-frame app/baseline", "x", ratios, 1.3, LOWER_IS_BETTER);
      if (want_app)
        {
          add_figure ("click to next paint", "ms", click_ms, 16, LOWER_IS_BETTER);
          /* A click in one frame most of the time is not enough: the slow tail too. */
          add_single ("click to next paint, p90", "ms", quantile (click_ms, 0.9), 25, LOWER_IS_BETTER);
          /* The guidance must be in the frame right after the click. */
          add_figure ("click: frames to guidance", "", click_frames, 1, LOWER_IS_BETTER);
          if (stale > 0)
            printf ("the guidance was stale after the click in %u runs\n", stale);
        }
    }

  if (want_memory)
    {
      if (want_app)
        add_figure ("peak RSS app", "MiB", app_mib, 0, INFORMATION);
      if (want_baseline)
        add_figure ("peak RSS baseline", "MiB", base_mib, 0, INFORMATION);
      if (want_app && want_baseline)
        add_figure ("peak RSS app - baseline", "MiB", deltas, 25, LOWER_IS_BETTER);
    }

  return stale == 0;
}


/* ------------------------------------------------------------------------------ */
/* resize and drag: whole processes                                                */
/* ------------------------------------------------------------------------------ */

#define N_RESIZE_RUNS 5   /* per side, alternated, after one warm-up of each */
#define N_DRAG_RUNS   3   /* of DRAG_REPEATS drags each, after one warm-up */

/* Runs `rr-bench COMMAND --once [--baseline]` and returns what it printed. */
static char *
run_once_child (const char *command,
                gboolean    baseline)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;
  const char *argv[] = { self_exe, command, "--once", baseline ? "--baseline" : NULL, NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("%s%s: %s\n%s", command, baseline ? " --baseline" : "", error->message, err ? err : "");
      return NULL;
    }
  return g_steal_pointer (&out);
}

static gboolean
bench_resize (void)
{
  static const char * const layouts[] = { "narrow", "medium", "wide" };
  g_autoptr(GArray) app_fps = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) base_fps = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) new_sizes = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *layout_fps[G_N_ELEMENTS (layouts)];

  for (guint l = 0; l < G_N_ELEMENTS (layouts); l++)
    layout_fps[l] = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i <= N_RESIZE_RUNS; i++)
    {
      g_autofree char *a = run_once_child ("resize", FALSE);
      g_autofree char *b = run_once_child ("resize", TRUE);
      g_autoptr(GArray) one_a = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) one_b = g_array_new (FALSE, FALSE, sizeof (double));

      if (a == NULL || b == NULL ||
          sample_lines (a, "resize-fps", one_a) != 1 || sample_lines (b, "resize-fps", one_b) != 1)
        {
          g_printerr ("resize: a run printed no frame rate\n");
          for (guint l = 0; l < G_N_ELEMENTS (layouts); l++)
            g_array_unref (layout_fps[l]);
          return FALSE;
        }
      if (i == 0)   /* the warm-up */
        continue;

      sample (app_fps, g_array_index (one_a, double, 0));
      sample (base_fps, g_array_index (one_b, double, 0));
      sample (ratios, g_array_index (one_a, double, 0) / g_array_index (one_b, double, 0));
      sample_lines (a, "resize-new-sizes", new_sizes);
      for (guint l = 0; l < G_N_ELEMENTS (layouts); l++)
        {
          g_autofree char *key = g_strconcat ("resize-fps-", layouts[l], NULL);

          sample_lines (a, key, layout_fps[l]);
        }
    }

  add_figure ("resize app", "fps", app_fps, 45, HIGHER_IS_BETTER);
  for (guint l = 0; l < G_N_ELEMENTS (layouts); l++)
    {
      g_autofree char *name = g_strdup_printf ("resize app, %s layout", layouts[l]);

      if (layout_fps[l]->len > 0)
        add_figure (name, "fps", layout_fps[l], 0, INFORMATION);
      g_array_unref (layout_fps[l]);
    }
  add_figure ("resize baseline", "fps", base_fps, 0, INFORMATION);
  add_figure ("resize app/baseline", "x", ratios, 0, INFORMATION);
  /* Of the RESIZE_N_SIZES frames, those that showed a new size: each, if the window
   * kept up with the drag. */
  add_figure ("resize app: frames at a new size", "", new_sizes, 0, INFORMATION);
  return TRUE;
}

static gboolean
bench_drag (void)
{
  g_autoptr(GArray) drawn = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) step_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) work_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) fps = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i <= N_DRAG_RUNS; i++)
    {
      g_autofree char *out = run_once_child ("drag", FALSE);

      if (out == NULL)
        return FALSE;
      if (i == 0)   /* the warm-up */
        continue;
      if (sample_lines (out, "drag-drawn", drawn) != DRAG_REPEATS)
        {
          g_printerr ("drag: a run did not end its drags:\n%s", out);
          return FALSE;
        }
      sample_lines (out, "drag-step-ms", step_ms);
      sample_lines (out, "drag-work-ms", work_ms);
      sample_lines (out, "drag-fps", fps);
    }

  add_figure ("drag: values drawn, of 11", "", drawn, DRAG_VALUES, HIGHER_IS_BETTER);
  /* From gtk_range_set_value() to the end of the next frame's paint. */
  add_figure ("drag: ms per step", "ms", step_ms, 5.5, LOWER_IS_BETTER);
  add_single ("drag: ms per step, p90", "ms", quantile (step_ms, 0.9), 0, INFORMATION);
  /* The same without the wait for the frame clock: set_value() and the frame itself. */
  add_figure ("drag: main-thread ms per step", "ms", work_ms, 0, INFORMATION);
  add_figure ("drag: frames/s", "fps", fps, 0, INFORMATION);
  return TRUE;
}

/* ------------------------------------------------------------------------------ */
/* evaluate                                                                        */
/* ------------------------------------------------------------------------------ */

#define N_ASSESSMENTS 600
#define N_LOADS       30

static GBytes *
rulebook_bytes (void)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_resources_lookup_data (RR_RULEBOOK_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

  if (bytes == NULL)
    g_error ("%s", error->message);
  return bytes;
}

static gboolean
bench_evaluate (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) load_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) eval_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) assessments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  RrRulebook *book;
  const char * const *regions;
  const char * const *symptoms;
  guint n_regions, n_symptoms;

  /* The bytes the app loads, decompressed once: the figure is the parse. */
  bytes = rulebook_bytes ();
  for (guint i = 0; i < N_LOADS; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = now_ns ();
      RrRulebook *loaded = rr_rulebook_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                                      "resource://" RR_RULEBOOK_RESOURCE, &error);

      sample (load_ms, (now_ns () - start) / 1e6);
      if (loaded == NULL)
        g_error ("%s", error->message);
      g_object_unref (loaded);
    }

  book = rr_rulebook_get_default ();
  regions = rr_rulebook_get_regions (book);
  symptoms = rr_rulebook_get_symptoms (book);
  n_regions = g_strv_length ((char **) regions);
  n_symptoms = g_strv_length ((char **) symptoms);

  /* 1 to 6 spots at any level, 0 to 4 symptoms, the same every run. */
  for (guint i = 0; i < N_ASSESSMENTS; i++)
    {
      RrAssessment *a = rr_assessment_new ();
      guint spots = 1 + i % 6;
      guint n_sym = (i / 6) % 5;

      for (guint j = 0; j < spots; j++)
        rr_assessment_add_region (a, regions[g_rand_int_range (rand, 0, n_regions)],
                                  g_rand_int_range (rand, RR_PAIN_MIN, RR_PAIN_MAX + 1));
      for (guint j = 0; j < n_sym; j++)
        rr_assessment_set_symptom (a, symptoms[g_rand_int_range (rand, 0, n_symptoms)], TRUE);
      g_ptr_array_add (assessments, a);
    }

  /* Warm up, then every assessment three times. */
  for (guint i = 0; i < assessments->len; i++)
    g_object_unref (rr_rulebook_evaluate (book, g_ptr_array_index (assessments, i)));
  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < assessments->len; i++)
      {
        gint64 start = now_ns ();
        RrGuidance *guidance = rr_rulebook_evaluate (book, g_ptr_array_index (assessments, i));

        sample (eval_us, (now_ns () - start) / 1e3);
        g_object_unref (guidance);
      }

  add_figure ("evaluate", "us", eval_us, 20, LOWER_IS_BETTER);
  add_figure ("rulebook load", "ms", load_ms, 5, LOWER_IS_BETTER);
  return TRUE;
}

/* The heaviest rulebook a user file may be within the loader's limits (the shapes that
 * test-broken-rulebooks loads): how long it takes to load, and to evaluate with every
 * spot chosen. The budgets are the ones that test once held as wall-clock bounds. */
#define N_HEAVY_RUNS 3

static gboolean
bench_heavy_rulebook (void)
{
  g_autoptr(GArray) load_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) eval_ms = g_array_new (FALSE, FALSE, sizeof (double));

  /* Each sample is the slowest of the shapes: the budget holds for every one. */
  for (guint run = 0; run < N_HEAVY_RUNS; run++)
    {
      double worst_load = 0, worst_eval = 0;

      for (guint i = 0; i < G_N_ELEMENTS (heavy_shapes); i++)
        {
          g_autoptr(GString) xml = heavy_rulebook (heavy_shapes[i][0], heavy_shapes[i][1], heavy_shapes[i][2]);
          g_autoptr(GError) error = NULL;
          g_autoptr(RrRulebook) book = NULL;
          gint64 start = now_ns (), loaded;

          book = rr_rulebook_new_from_data (xml->str, xml->len, "heavy.xml", &error);
          if (book == NULL)
            g_error ("%s", error->message);
          loaded = now_ns ();
          evaluate_everything (book);
          worst_load = MAX (worst_load, (loaded - start) / 1e6);
          worst_eval = MAX (worst_eval, (now_ns () - loaded) / 1e6);
        }
      sample (load_ms, worst_load);
      sample (eval_ms, worst_eval);
    }

  add_figure ("heaviest rulebook: load", "ms", load_ms, 1000, LOWER_IS_BETTER);
  add_figure ("heaviest rulebook: evaluate", "ms", eval_ms, 2000, LOWER_IS_BETTER);
  return TRUE;
}

/* ------------------------------------------------------------------------------ */
/* hit-test                                                                        */
/* ------------------------------------------------------------------------------ */

#define N_POINTS_PER_VIEW 400

static gboolean
bench_hit_test (void)
{
  static const char *views[] = { "front", "back", "soles" };
  RrBodyArt *art;
  const char * const *regions;
  g_autoptr(GArray) all_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  gint64 start;
  double load_ms, analyse_ms;

  start = now_ns ();
  art = rr_body_art_get_default ();
  load_ms = (now_ns () - start) / 1e6;
  /* The shapes' geometry comes after the first frame; the hit tests need it. */
  start = now_ns ();
  rr_body_art_analyse (art);
  analyse_ms = (now_ns () - start) / 1e6;
  regions = rr_body_art_get_regions (art);

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      double x1 = G_MAXDOUBLE, y1 = G_MAXDOUBLE, x2 = -G_MAXDOUBLE, y2 = -G_MAXDOUBLE;
      guint inside = 0;

      /* The box of the view: the regions drawn in it. */
      for (guint i = 0; regions[i]; i++)
        {
          double x, y, w, h;

          if (g_strcmp0 (rr_body_art_get_region_view (art, regions[i]), views[v]) != 0 ||
              !rr_body_art_get_region_bounds (art, regions[i], &x, &y, &w, &h))
            continue;
          x1 = MIN (x1, x);
          y1 = MIN (y1, y);
          x2 = MAX (x2, x + w);
          y2 = MAX (y2, y + h);
        }
      if (x2 < x1)
        continue;

      for (guint i = 0; i < N_POINTS_PER_VIEW; i++)
        {
          double x = g_rand_double_range (rand, x1, x2);
          double y = g_rand_double_range (rand, y1, y2);
          gint64 t = now_ns ();
          const char *region = rr_body_art_region_at (art, x, y);

          sample (all_us, (now_ns () - t) / 1e3);
          inside += region != NULL;
        }
      printf ("  %s view: %u of %u points on the body\n", views[v], inside, N_POINTS_PER_VIEW);
    }

  add_single ("body art load (first use)", "ms", load_ms, 0, INFORMATION);
  add_single ("body art geometry, deferred", "ms", analyse_ms, 0, INFORMATION);
  add_figure ("hit test", "us", all_us, 50, LOWER_IS_BETTER);
  return TRUE;
}

/* ------------------------------------------------------------------------------ */
/* hover: frames of the body map                                                   */
/* ------------------------------------------------------------------------------ */

#define N_FRAMES 40

static void
quit_after_first_paint (GtkWindow *window,
                        guint      frame,
                        gpointer   user_data)
{
  gboolean *painted = user_data;

  *painted = TRUE;
}

/* A frame of the map alone: its snapshot, rendered by cairo as GSK_RENDERER=cairo does. */
static double
map_frame_ms (GtkWidget       *map,
              cairo_surface_t *target)
{
  gint64 start = now_ns ();
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  cairo_t *cr;

  GTK_WIDGET_GET_CLASS (map)->snapshot (map, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);

  cr = cairo_create (target);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (target);
  g_clear_pointer (&node, gsk_render_node_unref);

  return (now_ns () - start) / 1e6;
}

static void
allocate (GtkWidget *widget,
          int        width,
          int        height)
{
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, NULL, NULL, NULL, NULL);
  gtk_widget_size_allocate (widget, &(GtkAllocation) { 0, 0, width, height }, -1);
}

static gboolean
bench_hover (void)
{
  g_autoptr(GArray) first_hover_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) hover_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) select_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) resize_ms = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *window;
  GtkWidget *map;
  cairo_surface_t *target;
  const char * const *regions;
  guint n_regions;
  gboolean painted = FALSE;
  int width = 420, height = 640;
  gint64 deadline;

  if (!gtk_init_check ())
    {
      g_printerr ("hover: no display\n");
      return FALSE;
    }

  window = gtk_window_new ();
  map = rr_body_map_new ();
  gtk_window_set_child (GTK_WINDOW (window), map);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  watch_paints (GTK_WINDOW (window), quit_after_first_paint, &painted);
  gtk_window_present (GTK_WINDOW (window));

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!painted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (!painted)
    {
      g_printerr ("hover: the window never painted\n");
      return FALSE;
    }

  regions = rr_body_art_get_regions (rr_body_art_get_default ());
  n_regions = g_strv_length ((char **) regions);

  allocate (map, width, height);
  target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width + 2 * N_FRAMES * 3, height + 2 * N_FRAMES * 3);
  rr_body_map_set_selected (RR_BODY_MAP (map), "left-knee-outer", TRUE);
  map_frame_ms (map, target);

  /* Hover: the pointer moves onto another region, nothing else changes. The first
   * visit of a region may draw its highlight; the pointer then goes over the same
   * regions again, as it does. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < N_FRAMES; i++)
      {
        double x, y;

        if (!rr_body_map_get_region_point (RR_BODY_MAP (map), regions[(i * 7) % n_regions], &x, &y))
          continue;
        rr_body_map_hover_at (RR_BODY_MAP (map), x, y);
        sample (pass == 0 ? first_hover_ms : hover_ms, map_frame_ms (map, target));
      }
  rr_body_map_hover_at (RR_BODY_MAP (map), -10, -10);

  /* Selection: a click adds a spot, an older one goes; every frame a new picture. */
  for (guint i = 0; i < N_FRAMES; i++)
    {
      rr_body_map_set_selected (RR_BODY_MAP (map), regions[i % n_regions], TRUE);
      if (i >= 2)
        rr_body_map_set_selected (RR_BODY_MAP (map), regions[(i - 2) % n_regions], FALSE);
      sample (select_ms, map_frame_ms (map, target));
    }

  /* Resize: the window is dragged wider and taller, a new size every frame. */
  for (guint i = 1; i <= N_FRAMES; i++)
    {
      allocate (map, width + 3 * i, height + 2 * i);
      sample (resize_ms, map_frame_ms (map, target));
    }

  cairo_surface_destroy (target);
  gtk_window_destroy (GTK_WINDOW (window));

  add_figure ("map frame: hover, 1st visit", "ms", first_hover_ms, 0, INFORMATION);
  add_figure ("map frame: hover", "ms", hover_ms, 2, LOWER_IS_BETTER);
  add_figure ("map frame: selection", "ms", select_ms, 8, LOWER_IS_BETTER);
  add_figure ("map frame: resize", "ms", resize_ms, 16, LOWER_IS_BETTER);
  return TRUE;
}

/* ------------------------------------------------------------------------------ */
/* export-pdf                                                                      */
/* ------------------------------------------------------------------------------ */

#define N_EXPORTS 10

static gboolean
bench_export_pdf (void)
{
  g_autoptr(RrAssessment) assessment = four_spot_assessment ();
  g_autoptr(RrGuidance) guidance = NULL;
  g_autoptr(GArray) export_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  dir = g_dir_make_tmp ("rr-bench-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("export-pdf: %s\n", error->message);
      return FALSE;
    }
  path = g_build_filename (dir, "sheet.pdf", NULL);

  guidance = rr_rulebook_evaluate (rr_rulebook_get_default (), assessment);

  /* The first export loads fonts and the map; it is counted like the others. */
  for (guint i = 0; i < N_EXPORTS; i++)
    {
      gint64 start = now_ns ();

      if (!rr_sheet_export_pdf (guidance, path, &error))
        {
          g_printerr ("export-pdf: %s\n", error->message);
          return FALSE;
        }
      sample (export_ms, (now_ns () - start) / 1e6);
    }

  g_unlink (path);
  g_rmdir (dir);

  add_figure ("export PDF (4 spots)", "ms", export_ms, 150, LOWER_IS_BETTER);
  return TRUE;
}


/* ------------------------------------------------------------------------------ */
/* diary: a runner's lifetime of entries                                           */
/* ------------------------------------------------------------------------------ */

/* Writes @n entries through the app's own diary API, as a runner would have: one to
 * four spots each, some symptoms and notes, the last 14 days filled (two a day), the
 * rest spread over the ten years before. */
static gboolean
make_diary (const char *path,
            guint       n,
            GError    **error)
{
  static const char * const notes[] = { "", "easy 10k, new shoes", "", "hills; knee stiff after", "" };
  g_autoptr(RrDiary) diary = rr_diary_open (path, error);
  RrRulebook *rulebook = rr_rulebook_get_default ();
  const char * const *regions = rr_rulebook_get_regions (rulebook);
  const char * const *symptoms = rr_rulebook_get_symptoms (rulebook);
  guint n_regions = g_strv_length ((char **) regions), n_symptoms = g_strv_length ((char **) symptoms);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GRand *rand = g_rand_new_with_seed (SEED);
  guint recent = MIN (n, 28);

  if (diary == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RrAssessment) a = rr_assessment_new ();
      guint spots = g_rand_int_range (rand, 1, 5);
      /* Oldest first: entry i of the recent ones every 12 hours of the last 14 days. */
      gint64 created = i >= n - recent ? now - (gint64) (n - i) * 12 * 3600 + 60
                                       : now - 14 * 24 * 3600 - (gint64) (n - recent - i) * (10 * 365 * 24 * 3600 / MAX (n, 1));

      for (guint k = 0; k < spots; k++)
        rr_assessment_add_region (a, regions[g_rand_int_range (rand, 0, n_regions)], g_rand_int_range (rand, 1, 9));
      for (guint k = g_rand_int_range (rand, 0, 3); k > 0; k--)
        rr_assessment_set_symptom (a, symptoms[g_rand_int_range (rand, 0, n_symptoms)], TRUE);
      if (rr_diary_add (diary, created, a, "ease-off", notes[i % G_N_ELEMENTS (notes)],
                        i % 2 ? 5.0 + i % 15 : -1, i % 2 ? 25 + (int) (i % 60) : -1, error) < 0)
        {
          g_rand_free (rand);
          return FALSE;
        }
    }
  g_rand_free (rand);
  return TRUE;
}

/* One process with the diary in XDG_DATA_HOME: the first frame, then a click on the
 * map, a save, the diary page, a scroll to its oldest entry and an export, each timed
 * from the action to the next painted frame (the export to its end). */
typedef struct {
  GApplication *app;
  RrWindow     *window;
  guint         stage;
  gint64        start_ns;
  char         *export_path;
} DiaryOnce;

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found)
        return found;
    }
  return NULL;
}

static gboolean
diary_export_wait_cb (gpointer user_data)
{
  DiaryOnce *once = user_data;

  g_autofree char *csv = NULL;
  gsize length = 0;

  if (g_strcmp0 (rr_window_get_toast (once->window), "Diary exported") != 0)
    return G_SOURCE_CONTINUE;
  printf ("export-us %.1f\n", (now_ns () - once->start_ns) / 1000.);
  g_file_get_contents (once->export_path, &csv, &length, NULL);
  printf ("export-bytes %" G_GSIZE_FORMAT "\n", length);
  printf ("vmhwm-kib %" G_GINT64_FORMAT "\n", read_vmhwm_kib ());
  fflush (stdout);
  g_unlink (once->export_path);
  g_application_quit (once->app);
  return G_SOURCE_REMOVE;
}

/* The next step, in an idle after a paint: what the runner does next. */
static gboolean
diary_step_cb (gpointer user_data)
{
  DiaryOnce *once = user_data;
  GtkWidget *list;

  /* Under callgrind, each step's dump holds that step and its frame alone. */
  CALLGRIND_ZERO_STATS;
  once->start_ns = now_ns ();
  switch (once->stage)
    {
    case 1:
      rr_window_toggle_region (once->window, "left-shin-inner");
      break;
    case 2:
      gtk_widget_activate_action (GTK_WIDGET (once->window), "win.save-to-diary", NULL);
      break;
    case 3:
      gtk_widget_activate_action (GTK_WIDGET (once->window), "win.show-diary", NULL);
      break;
    case 4:
      /* The entries: a one-column grid view (a list view before). */
      list = find_descendant (GTK_WIDGET (rr_window_get_diary_view (once->window)), GTK_TYPE_GRID_VIEW);
      if (list == NULL)
        list = find_descendant (GTK_WIDGET (rr_window_get_diary_view (once->window)), GTK_TYPE_LIST_VIEW);
      {
        GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));

        gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      }
      break;
    default:
      {
        g_autoptr(GFile) file = g_file_new_for_path (once->export_path);

        rr_window_export_diary (once->window, file);
        g_timeout_add (1, diary_export_wait_cb, once);
        return G_SOURCE_REMOVE;
      }
    }
  gtk_widget_queue_draw (GTK_WIDGET (once->window));
  return G_SOURCE_REMOVE;
}

static void
diary_painted (GtkWindow *window,
               guint      frame,
               gpointer   user_data)
{
  static const char * const names[] = { "first-paint-us", "click-us", "save-us", "page-us", "scroll-us" };
  DiaryOnce *once = user_data;
  double us = (now_ns () - (once->stage == 0 ? main_start_ns : once->start_ns)) / 1000.;

  if (once->stage >= G_N_ELEMENTS (names))
    return;
  once->window = RR_WINDOW (window);
  CALLGRIND_DUMP_STATS_AT (names[once->stage]);
  printf ("%s %.1f\n", names[once->stage], us);
  /* The memory of the start and the page, apart from the export's. */
  if (once->stage + 1 == G_N_ELEMENTS (names))
    printf ("page-vmhwm-kib %" G_GINT64_FORMAT "\n", read_vmhwm_kib ());
  fflush (stdout);
  once->stage++;
  g_idle_add_full (G_PRIORITY_HIGH, diary_step_cb, once, NULL);
}

static void
diary_window_added_cb (GtkApplication *app,
                       GtkWindow      *window,
                       DiaryOnce      *once)
{
  if (RR_IS_WINDOW (window))
    watch_paints (window, diary_painted, once);
}

static int
diary_once (void)
{
  g_autoptr(RrAssessment) preset = two_spot_preset ();
  g_autoptr(GApplication) app = G_APPLICATION (rr_application_new (preset));
  DiaryOnce once = { app, NULL, 0, 0, g_build_filename (g_get_user_data_dir (), "export.csv", NULL) };
  char *argv[] = { (char *) "rr-bench", NULL };
  int status;

  g_application_set_flags (app, G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (diary_window_added_cb), &once);
  status = g_application_run (app, 1, argv);
  g_free (once.export_path);
  return status;
}

static gboolean
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  if (!g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    {
      g_printerr ("diary: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

#define N_DIARY_RUNS 5

static void
remove_diary (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* Each size: a diary written once through the diary API, then copied afresh for every
 * run; the ratios compare each size with the empty diary, in the same run. */
static gboolean
bench_diary (void)
{
  static const guint sizes[] = { 0, 1000, 10000, 100000 };
  static const char * const keys[] = { "first-paint-us", "click-us", "save-us", "page-us", "scroll-us", "export-us",
                                       "page-vmhwm-kib", "vmhwm-kib" };
  static const char * const labels[] = { "first frame", "click", "save", "open page", "scroll to oldest", "export CSV",
                                         "peak RSS before the export", "peak RSS" };
  double medians[G_N_ELEMENTS (sizes)][G_N_ELEMENTS (keys)];
  g_autofree char *folder = g_build_filename (bench_data_home, "run-or-rest", NULL);
  g_autofree char *live = g_build_filename (folder, "diary.sqlite", NULL);

  g_mkdir_with_parents (folder, 0700);
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree char *name = g_strdup_printf ("diary-%u.sqlite", sizes[s]);
      g_autofree char *made = g_build_filename (bench_data_home, name, NULL);
      g_autoptr(GError) error = NULL;
      GArray *samples[G_N_ELEMENTS (keys)];

      if (!make_diary (made, sizes[s], &error))
        {
          g_printerr ("diary: %s\n", error->message);
          return FALSE;
        }
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        samples[k] = g_array_new (FALSE, FALSE, sizeof (double));

      for (guint run = 0; run <= N_DIARY_RUNS; run++)
        {
          const char *argv[] = { self_exe, "diary", "--once", NULL };
          g_autofree char *out = NULL;
          g_auto(GStrv) lines = NULL;
          int status;

          /* A fresh copy each time, without the log a previous run may have left:
           * another file's log would read as damage. */
          remove_diary (live);
          if (!copy_file (made, live))
            return FALSE;
          if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error) ||
              !g_spawn_check_wait_status (status, &error))
            {
              g_printerr ("diary --once: %s\n", error->message);
              return FALSE;
            }
          lines = g_strsplit (out, "\n", -1);
          for (guint i = 0; run > 0 && lines[i]; i++)   /* run 0 warms the caches */
            for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
              if (g_str_has_prefix (lines[i], keys[k]) && lines[i][strlen (keys[k])] == ' ')
                sample (samples[k], g_ascii_strtod (lines[i] + strlen (keys[k]) + 1, NULL) /
                                    (g_str_has_suffix (keys[k], "-kib") ? 1024. : 1000.));
        }
      remove_diary (live);
      remove_diary (made);

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          g_autofree char *figure = g_strdup_printf ("diary %u: %s", sizes[s], labels[k]);
          Figure *f;

          if (samples[k]->len == 0)
            {
              g_printerr ("diary %u: no %s\n", sizes[s], keys[k]);
              return FALSE;
            }
          f = add_figure (figure, g_str_has_suffix (keys[k], "-kib") ? "MiB" : "ms", samples[k], 0, INFORMATION);
          medians[s][k] = f->median;
          g_array_unref (samples[k]);
        }
    }

  /* The goals: each action at 100,000 entries within 1.2× of the empty diary (the
   * export excepted: it writes every entry), memory within 10 MiB. */
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      guint last = G_N_ELEMENTS (sizes) - 1;
      g_autofree char *figure = NULL;
      g_autoptr(GArray) one = g_array_new (FALSE, FALSE, sizeof (double));

      if (g_str_equal (keys[k], "export-us"))
        continue;
      if (g_str_has_suffix (keys[k], "-kib"))
        {
          figure = g_strdup_printf ("diary %u - 0: %s", sizes[last], labels[k]);
          sample (one, medians[last][k] - medians[0][k]);
          add_figure (figure, "MiB", one, 10, LOWER_IS_BETTER);
        }
      else
        {
          figure = g_strdup_printf ("diary %u / 0: %s", sizes[last], labels[k]);
          sample (one, medians[last][k] / medians[0][k]);
          add_figure (figure, "x", one, 1.2, LOWER_IS_BETTER);
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------------------ */
/* main                                                                            */
/* ------------------------------------------------------------------------------ */

static void
print_table (void)
{
  g_autofree char *model = NULL;
  g_autofree char *cpuinfo = NULL;

  if (g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL))
    {
      const char *line = strstr (cpuinfo, "model name");

      if (line && (line = strchr (line, ':')))
        model = g_strndup (line + 2, strcspn (line + 2, "\n"));
    }

  printf ("\nMachine: %u cores, %s; GSK_RENDERER=%s\n\n", g_get_num_processors (),
          model ? model : "unknown CPU", g_getenv ("GSK_RENDERER"));
  printf ("| figure | median | min | max | budget | |\n");
  printf ("| --- | ---: | ---: | ---: | ---: | --- |\n");
  for (guint i = 0; i < figures->len; i++)
    {
      Figure *f = g_ptr_array_index (figures, i);
      g_autofree char *budget = NULL;
      const char *verdict = "";

      if (f->kind == LOWER_IS_BETTER)
        {
          budget = g_strdup_printf ("≤ %g %s", f->budget, f->unit);
          verdict = f->median <= f->budget ? "PASS" : "MISS";
        }
      else if (f->kind == HIGHER_IS_BETTER)
        {
          budget = g_strdup_printf ("≥ %g %s", f->budget, f->unit);
          verdict = f->median >= f->budget ? "PASS" : "MISS";
        }
      printf ("| %s | %.3g %s | %.3g | %.3g | %s | %s |\n",
              f->name, f->median, f->unit, f->min, f->max, budget ? budget : "", verdict);
    }
}

/* The same conditions whoever starts the bench: software rendering, no saved state,
 * the schema of the build tree, and never the runner's own diary. */

static void
set_up_conditions (void)
{
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", RR_BENCH_BUILD_ROOT "/data", FALSE);
  g_setenv ("RR_LOCALEDIR", RR_BENCH_BUILD_ROOT "/po", FALSE);
}

static void
set_up_environment (void)
{
  g_autoptr(GError) error = NULL;

  /* Always a folder of its own, which the runs it starts inherit: never the runner's
   * diary, whatever the environment says. */
  bench_data_home = g_dir_make_tmp ("rr-bench-data-XXXXXX", &error);
  if (bench_data_home == NULL)
    g_error ("%s", error->message);
  g_setenv ("XDG_DATA_HOME", bench_data_home, TRUE);
}

static void
clean_up_environment (void)
{
  g_autofree char *diary_dir = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (bench_data_home == NULL)
    return;

  /* Only what the runs wrote: the diary folder, then the folder itself. */
  diary_dir = g_build_filename (bench_data_home, "run-or-rest", NULL);
  dir = g_dir_open (diary_dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (diary_dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (diary_dir);
  g_rmdir (bench_data_home);
  g_clear_pointer (&bench_data_home, g_free);
}

static int
usage (void)
{
  g_printerr ("Usage: rr-bench first-frame [--baseline] [--once] | evaluate | hit-test | hover | "
              "resize [--baseline] [--once] | drag [--once | --each] | export-pdf | memory | diary [--once] | "
              "diary-make N FILE | all\n");
  return 2;
}

int
main (int   argc,
      char *argv[])
{
  const char *command;
  gboolean baseline = FALSE, once = FALSE, drag_each = FALSE;
  gboolean ok = TRUE;

  main_start_ns = now_ns ();

  if (argc < 2)
    return usage ();
  command = argv[1];
  for (int i = 2; i < argc && !g_str_equal (command, "diary-make"); i++)
    {
      if (g_str_equal (argv[i], "--baseline"))
        baseline = TRUE;
      else if (g_str_equal (argv[i], "--once"))
        once = TRUE;
      else if (g_str_equal (argv[i], "--each") && g_str_equal (command, "drag"))
        drag_each = once = TRUE;
      else
        return usage ();
    }
  /* A --once run started by hand, under callgrind say, measures what the bench does. */
  set_up_conditions ();

  if (g_str_equal (command, "first-frame") && once)
    return first_frame_once (baseline);
  if (g_str_equal (command, "diary") && once)
    return diary_once ();
  if (g_str_equal (command, "resize") && once)
    return resize_once (baseline);
  if (g_str_equal (command, "drag") && once)
    return drag_once (drag_each);
  if (g_str_equal (command, "diary-make") && argc == 4)
    {
      g_autoptr(GError) error = NULL;

      if (!make_diary (argv[3], atoi (argv[2]), &error))
        g_error ("%s", error->message);
      return 0;
    }

  set_up_environment ();
  self_exe = g_file_test ("/proc/self/exe", G_FILE_TEST_EXISTS) ? "/proc/self/exe" : argv[0];
  figures = g_ptr_array_new_with_free_func (figure_free);

  if (g_str_equal (command, "first-frame"))
    ok = process_runs (N_PROCESS_RUNS, !baseline, TRUE, TRUE, FALSE);
  else if (g_str_equal (command, "memory"))
    ok = process_runs (N_MEMORY_RUNS, TRUE, TRUE, FALSE, TRUE);
  else if (g_str_equal (command, "evaluate"))
    ok = bench_evaluate () && bench_heavy_rulebook ();
  else if (g_str_equal (command, "hit-test"))
    ok = bench_hit_test ();
  else if (g_str_equal (command, "hover"))
    ok = bench_hover ();
  else if (g_str_equal (command, "resize"))
    {
      ok = bench_resize ();
      print_table ();
    }
  else if (g_str_equal (command, "drag"))
    {
      ok = bench_drag ();
      print_table ();
    }
  else if (g_str_equal (command, "export-pdf"))
    ok = bench_export_pdf ();
  else if (g_str_equal (command, "diary"))
    {
      ok = bench_diary ();
      print_table ();
    }
  else if (g_str_equal (command, "all"))
    {
      ok &= bench_evaluate ();
      ok &= bench_heavy_rulebook ();
      ok &= bench_hit_test ();
      ok &= bench_hover ();
      ok &= bench_resize ();
      ok &= bench_drag ();
      ok &= bench_export_pdf ();
      ok &= process_runs (N_PROCESS_RUNS, TRUE, TRUE, TRUE, TRUE);
      ok &= bench_diary ();
      print_table ();
    }
  else
    {
      clean_up_environment ();
      return usage ();
    }

  clean_up_environment ();
  g_ptr_array_unref (figures);
  return ok ? 0 : 1;
}
