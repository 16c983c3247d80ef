/* bench-wizard-typing.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <epoxy/gl.h>
#include <gtksourceview/gtksource.h>
#include <stdio.h>
#include <stdlib.h>

#include "candor-application.h"
#include "candor-field-editor.h"
#include "candor-wizard.h"

/* Types 1000 characters into the executive summary through the
 * GtkTextBuffer, the main loop running between keystrokes as it would for a
 * fast typist, and measures what the user would feel:
 *   - the longest single stall of the main loop (a keystroke's handlers, or
 *     one main-loop dispatch such as the preview render or a frame): must
 *     stay < 50 ms;
 *   - the latency from the update's "changed" to the preview's "updated"
 *     (the preview model is current): median and p95 must stay < 2 ms;
 *   - how long each frame takes (frame clock "before-paint" to the end of
 *     "after-paint": layout, snapshot, render and swap), and the first
 *     frame after the window is shown, which pays the one-time costs
 *     (GL context, shaders, glyph atlas).
 *
 * The renderer is whatever GTK picks (GL, since GTK 4.4 the former "ngl";
 * GTK 4.8 no longer knows the name "ngl"), or GSK_RENDERER=cairo|gl; the one
 * actually used is printed with the GL implementation behind it, because the
 * numbers mean different things: GTK's GL renderer redraws the whole window
 * on every frame when the GL implementation cannot say which parts of the
 * back buffer are still valid (no EGL/GLX_EXT_buffer_age, as with Mesa's
 * llvmpipe under Xvfb), so there every keystroke costs a full-window
 * software rasterization; cairo repaints only what changed.
 * meson registers one run per renderer (suite "wizard-typing").
 *
 * `bench-wizard-typing --bare` types into a GtkSourceView alone in a window
 * with the wizard's size and chrome (AdwWindow with a header bar): what the
 * toolkit and the renderer cost without any of the wizard's content.
 *
 * Otherwise the preview shows the executives, who read the summary being
 * typed in an email, Slack and Teams, or the audience whose id is the first
 * argument ("technical" has six channels on screen, "customers" none that
 * show the summary).
 * Needs a display: run it under .ci/headless. */

#define N_KEYSTROKES      1000
#define MSEC_BETWEEN_KEYS 8
#define MAX_STALL_USEC    (50 * 1000)
#define MAX_LATENCY_USEC  (2 * 1000)
#define WINDOW_WIDTH      1100
#define WINDOW_HEIGHT     720

typedef struct
{
  gint64  pending_since;
  GArray *latencies;
} Measure;

typedef struct
{
  gint64  shown_at;
  gint64  first_frame_done_at;
  gint64  first_frame_usec;
  gint64  frame_started_at;
  GArray *durations;
} Frames;

static void
on_update_changed_cb (CandorUpdate *update, Measure *measure)
{
  if (measure->pending_since == 0)
    measure->pending_since = g_get_monotonic_time ();
}

static void
on_preview_updated_cb (CandorPreview *preview, Measure *measure)
{
  gint64 latency;

  if (measure->pending_since == 0)
    return;

  latency = g_get_monotonic_time () - measure->pending_since;
  g_array_append_val (measure->latencies, latency);
  measure->pending_since = 0;
}

static void
on_before_paint_cb (GdkFrameClock *clock, Frames *frames)
{
  frames->frame_started_at = g_get_monotonic_time ();
}

static void
on_after_paint_cb (GdkFrameClock *clock, Frames *frames)
{
  gint64 now = g_get_monotonic_time ();
  gint64 duration;

  if (frames->frame_started_at == 0)
    return;

  duration = now - frames->frame_started_at;
  frames->frame_started_at = 0;
  if (frames->first_frame_done_at == 0)
    {
      frames->first_frame_done_at = now;
      frames->first_frame_usec = duration;
    }
  if (frames->durations != NULL)
    g_array_append_val (frames->durations, duration);
}

static int
compare_int64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

static gint64
percentile (GArray *sorted, guint percent)
{
  if (sorted->len == 0)
    return 0;
  return g_array_index (sorted, gint64, MIN (sorted->len * percent / 100, sorted->len - 1));
}

static guint n_slow_iterations;

static gint64
run_main_loop_for (guint msec)
{
  gint64 until = g_get_monotonic_time () + msec * G_TIME_SPAN_MILLISECOND;
  gint64 longest = 0;

  while (g_get_monotonic_time () < until)
    {
      gint64 start = g_get_monotonic_time ();

      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (200);
      else
        {
          gint64 duration = g_get_monotonic_time () - start;

          longest = MAX (longest, duration);
          if (duration > 16 * 1000)
            n_slow_iterations++;
        }
    }

  return longest;
}

static GtkWidget *
find_editor (GtkWidget *root, CandorField field)
{
  if (CANDOR_IS_FIELD_EDITOR (root) &&
      candor_field_editor_get_field (CANDOR_FIELD_EDITOR (root)) == field)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_editor (child, field);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* What draws the frames: the renderer's type, and for GL the implementation
 * (a software rasterizer such as llvmpipe, or a GPU driver). */
static char *
describe_renderer (GtkWindow *window)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  const char  *requested = g_getenv ("GSK_RENDERER");
  g_autoptr (GdkGLContext) context = NULL;
  g_autofree char *implementation = NULL;

  if (g_str_equal (G_OBJECT_TYPE_NAME (renderer), "GskGLRenderer"))
    {
      context = gdk_surface_create_gl_context (gtk_native_get_surface (GTK_NATIVE (window)), NULL);
      if (context != NULL && gdk_gl_context_realize (context, NULL))
        {
          gdk_gl_context_make_current (context);
          implementation = g_strdup_printf (", GL: %s, %s", (const char *)glGetString (GL_RENDERER),
                                            (const char *)glGetString (GL_VERSION));
          gdk_gl_context_clear_current ();
        }
    }

  return g_strdup_printf ("%s%s (GSK_RENDERER=%s)", G_OBJECT_TYPE_NAME (renderer),
                          implementation != NULL ? implementation : "",
                          requested != NULL ? requested : "unset, GTK's default");
}

/* The window a bare run types into: the wizard's size and chrome, and an
 * editor configured like the field editor, with nothing else. */
static GtkWindow *
bare_window_new (GtkApplication *app, GtkTextBuffer **buffer)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view;

  gtk_source_init ();
  view = gtk_source_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_source_buffer_set_language (
    GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view))),
    gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (),
                                              "markdown"));
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_application (GTK_WINDOW (window), app);
  gtk_window_set_default_size (GTK_WINDOW (window), WINDOW_WIDTH, WINDOW_HEIGHT);

  *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  return GTK_WINDOW (window);
}

int
main (int argc, char *argv[])
{
  g_autoptr (CandorApplication) app = NULL;
  g_autoptr (CandorIncident) incident = candor_incident_new ("Checkout is slow");
  g_autoptr (CandorUpdate) update = candor_update_new (CANDOR_UPDATE_KIND_PROGRESS);
  g_autoptr (CandorDraft) draft = NULL;
  g_autofree char *data_home = g_dir_make_tmp ("candor-bench-XXXXXX", NULL);
  g_autofree char *renderer = NULL;
  const char      *words = "Checkout takes up to a minute for about a third of customers; ";
  Measure          measure = { 0, g_array_new (FALSE, FALSE, sizeof (gint64)) };
  Frames           frames = { 0 };
  gboolean         bare = argc > 1 && g_str_equal (argv[1], "--bare");
  const char      *audience = !bare && argc > 1 ? argv[1] : "executives";
  CandorWizard    *wizard = NULL;
  GtkWindow       *window;
  GtkTextBuffer   *buffer = NULL;
  GdkFrameClock   *clock;
  gint64           max_stall = 0;
  gint64           pause_stall;
  guint            n_slow_while_typing;
  gint64           stall;
  gint64           present_usec;
  gboolean         ok;

  /* Autosave writes where it cannot touch a real user's drafts. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_init ();

  app = candor_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);

  if (bare)
    window = bare_window_new (GTK_APPLICATION (app), &buffer);
  else
    {
      candor_incident_set_severity (incident, CANDOR_SEVERITY_MAJOR);
      draft = candor_draft_new (incident, update);
      wizard = candor_wizard_new (GTK_APPLICATION (app), NULL, draft);
      window = GTK_WINDOW (wizard);
    }

  /* Realizing the window creates the renderer (for GL: the context and its
   * shaders), so the present call and the first frame hold the one-time
   * costs; they are reported apart from the typing. */
  frames.shown_at = g_get_monotonic_time ();
  gtk_window_present (window);
  present_usec = g_get_monotonic_time () - frames.shown_at;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint_cb), &frames);
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &frames);
  if (wizard != NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL);
      gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL);
      candor_preview_set_audience (candor_wizard_get_preview (wizard), audience);
      printf ("audience on screen: %s\n", audience);
    }
  run_main_loop_for (1000);

  if (wizard != NULL)
    {
      GtkWidget *editor = find_editor (GTK_WIDGET (wizard), CANDOR_FIELD_EXECUTIVE_SUMMARY);

      buffer = candor_field_editor_get_buffer (CANDOR_FIELD_EDITOR (editor));
      if (!gtk_widget_get_mapped (editor))
        g_error ("The summary editor is not on screen");
      g_signal_connect (update, "changed", G_CALLBACK (on_update_changed_cb), &measure);
      g_signal_connect (candor_wizard_get_preview (wizard), "updated",
                        G_CALLBACK (on_preview_updated_cb), &measure);
    }

  n_slow_iterations = 0;
  frames.durations = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < N_KEYSTROKES; i++)
    {
      const char *c = words + i % strlen (words);
      gint64      start = g_get_monotonic_time ();

      gtk_text_buffer_insert_interactive_at_cursor (buffer, c, 1, TRUE);
      stall = g_get_monotonic_time () - start;
      max_stall = MAX (max_stall, stall);
      stall = run_main_loop_for (MSEC_BETWEEN_KEYS);
      max_stall = MAX (max_stall, stall);
    }
  stall = run_main_loop_for (100);
  max_stall = MAX (max_stall, stall);

  /* Channels scrolled out of view catch up once the typing pauses: a stall
   * then is not felt as lag, but is reported. */
  n_slow_while_typing = n_slow_iterations;
  pause_stall = run_main_loop_for (1500);

  renderer = describe_renderer (window);
  printf ("%s\n", bare ? "bare window: a GtkSourceView in an AdwWindow with a header bar"
                       : "wizard: executive summary step");
  printf ("renderer: %s\n", renderer);
  printf ("window: %dx%d, %s\n",
          gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window))),
          gdk_surface_get_height (gtk_native_get_surface (GTK_NATIVE (window))),
          gtk_widget_has_css_class (GTK_WIDGET (window), "solid-csd")
            ? "client-side frame drawn for a display without a compositor (solid-csd)"
            : "decorated as usual");
  printf ("first frame: present %.1f ms, then its first frame took %.1f ms (%.1f ms after "
          "present)\n",
          present_usec / 1000.0, frames.first_frame_usec / 1000.0,
          (frames.first_frame_done_at - frames.shown_at) / 1000.0);

  g_array_sort (frames.durations, compare_int64);
  printf ("frames while typing: %u, median %.2f ms, p95 %.2f ms, max %.2f ms\n",
          frames.durations->len, percentile (frames.durations, 50) / 1000.0,
          percentile (frames.durations, 95) / 1000.0, percentile (frames.durations, 100) / 1000.0);
  printf ("keystrokes: %u, max main-loop stall: %.2f ms (limit 50 ms), %u dispatches over 16 ms\n",
          N_KEYSTROKES, max_stall / 1000.0, n_slow_while_typing);
  printf ("after the typing paused: longest stall %.2f ms (channels out of view catching up)\n",
          pause_stall / 1000.0);
  ok = max_stall < MAX_STALL_USEC;

  if (wizard != NULL)
    {
      g_array_sort (measure.latencies, compare_int64);
      printf ("preview renders: %u, update latency: median %.3f ms, p95 %.3f ms, max %.3f ms "
              "(limit 2 ms)\n",
              measure.latencies->len, percentile (measure.latencies, 50) / 1000.0,
              percentile (measure.latencies, 95) / 1000.0,
              percentile (measure.latencies, 100) / 1000.0);
      ok = ok && measure.latencies->len > 0 &&
           percentile (measure.latencies, 95) < MAX_LATENCY_USEC &&
           g_strcmp0 (candor_update_get_field (update, CANDOR_FIELD_EXECUTIVE_SUMMARY), NULL) != 0;
      candor_draft_autosave_discard (candor_wizard_get_autosave (wizard));
    }

  g_signal_handlers_disconnect_by_data (clock, &frames);
  gtk_window_destroy (window);
  run_main_loop_for (100);
  g_array_unref (measure.latencies);
  g_array_unref (frames.durations);

  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
