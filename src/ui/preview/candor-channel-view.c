/* candor-channel-view.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-channel-view"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-dialect.h"
#include "candor-channel-view.h"
#include "candor-chat-markup.h"
#include "candor-social-thread.h"
#include "candor-wrap-bin.h"

/* One channel's message drawn the way that channel shows it: an email with
 * its headers, a chat message, a status-page entry, or a social thread with a
 * character counter on every post. */
struct _CandorChannelView
{
  AdwBin parent_instance;

  GtkLabel *channel_label;
  GtkStack *stack;
  GtkLabel *email_from_label;
  GtkLabel *email_to_label;
  GtkLabel *email_subject_label;
  GtkLabel *email_body_label;
  GtkLabel *chat_body_label;
  GtkLabel *status_title_label;
  GtkLabel *status_body_label;
  GtkBox   *social_box;
  /* Who a chat message is posted as: the sender in Preferences. */
  AdwAvatar *chat_avatar;
  GtkLabel  *chat_sender_label;

  CandorDialect format;
  /* What the chat message was last drawn from: most keystrokes change only
   * some of the channels, and the others need not be read again. */
  char *chat_source;
  /* The message to draw once the view is on screen (see set_rendition()). */
  CandorRendition *pending;
  gboolean         has_pending;
  guint            pause_source_id;
  GtkAdjustment   *scroll_adjustment;
  /* The post cards of the social thread, reused from one keystroke to the next. */
  GPtrArray *post_cards;
};

G_DEFINE_FINAL_TYPE (CandorChannelView, candor_channel_view, ADW_TYPE_BIN)

/* A second without a keystroke: long enough to be a pause in the typing. */
#define TYPING_PAUSE_MSEC 1000

static void draw_pending (CandorChannelView *self);
static void on_scrolled_cb (CandorChannelView *self);

/* Labels are only touched when their text really changed: a relayout of
 * every channel on every keystroke is what would make typing stutter. */
static void
set_label_text (GtkLabel *label, const char *text)
{
  if (text == NULL)
    text = "";
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_label (label, text);
}

static void
set_label_markup (GtkLabel *label, const char *markup)
{
  if (g_strcmp0 (gtk_label_get_label (label), markup) != 0)
    gtk_label_set_markup (label, markup);
}

static void
draw_chat_message (CandorChannelView *self, CandorRendition *rendition)
{
  const char      *source = rendition != NULL ? candor_chat_markup_get_source (rendition) : "";
  g_autofree char *markup = NULL;

  if (self->chat_source != NULL && g_str_equal (self->chat_source, source))
    return;

  g_free (self->chat_source);
  self->chat_source = g_strdup (source);
  markup = candor_chat_markup_from_source (self->format, source);
  set_label_markup (self->chat_body_label, markup);
}

static const char *
page_for_format (CandorDialect format)
{
  switch (format)
    {
      case CANDOR_DIALECT_EMAIL:
        return "email";
      case CANDOR_DIALECT_STATUS_PAGE:
        return "status";
      case CANDOR_DIALECT_MASTODON:
      case CANDOR_DIALECT_BLUESKY:
      case CANDOR_DIALECT_X:
        return "social";
      case CANDOR_DIALECT_PLAIN:
      case CANDOR_DIALECT_SLACK:
      case CANDOR_DIALECT_DISCORD:
      case CANDOR_DIALECT_MATTERMOST:
      case CANDOR_DIALECT_MATRIX:
      case CANDOR_DIALECT_TEAMS:
      case CANDOR_DIALECT_TELEGRAM:
      case CANDOR_DIALECT_SIGNED_WEBHOOK:
      default:
        return "chat";
    }
}

static GtkWidget *
post_card_new (void)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *text = gtk_label_new (NULL);
  GtkWidget *counter = gtk_label_new (NULL);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "channel-post");
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_widget_set_margin_start (text, 12);
  gtk_widget_set_margin_end (text, 12);
  gtk_widget_set_margin_top (text, 12);
  gtk_label_set_xalign (GTK_LABEL (counter), 1);
  gtk_widget_set_margin_end (counter, 12);
  gtk_widget_set_margin_bottom (counter, 8);
  gtk_widget_add_css_class (counter, "caption");
  gtk_widget_add_css_class (counter, "numeric");
  gtk_box_append (GTK_BOX (card), candor_wrap_bin_new (text));
  gtk_box_append (GTK_BOX (card), counter);

  return card;
}

static void
show_thread (CandorChannelView *self, CandorSocialThread *thread)
{
  guint n_posts = thread != NULL ? candor_social_thread_get_n_posts (thread) : 0;

  while (self->post_cards->len < n_posts)
    {
      GtkWidget *card = post_card_new ();

      gtk_box_append (self->social_box, card);
      g_ptr_array_add (self->post_cards, card);
    }

  for (guint i = 0; i < self->post_cards->len; i++)
    {
      GtkWidget *card = g_ptr_array_index (self->post_cards, i);
      GtkWidget *text =
        candor_wrap_bin_get_child (CANDOR_WRAP_BIN (gtk_widget_get_first_child (card)));
      GtkWidget              *counter = gtk_widget_get_last_child (card);
      const CandorSocialPost *post;
      g_autofree char        *count = NULL;

      gtk_widget_set_visible (card, i < n_posts);
      if (i >= n_posts)
        continue;

      post = candor_social_thread_get_post (thread, i);
      /* TRANSLATORS: a social post's length: "123/500", then its place in the thread */
      count = g_strdup_printf (_("%u/%u · %u of %u"), post->length, post->limit, i + 1, n_posts);
      set_label_text (GTK_LABEL (text), post->text);
      set_label_text (GTK_LABEL (counter), count);
      if (post->length > post->limit)
        gtk_widget_add_css_class (counter, "error");
      else
        gtk_widget_remove_css_class (counter, "error");
    }
}

/* The preview is a proof, not a browser: a click meant to select text, or a
 * link whose address is still a placeholder, must not open one mid-incident.
 * The address shows in the link's tooltip and "Copy Link Address" still works. */
static gboolean
on_chat_body_label_activate_link_cb (GtkLabel *label, const char *uri, CandorChannelView *self)
{
  return TRUE;
}

static void
candor_channel_view_map (GtkWidget *widget)
{
  CandorChannelView *self = CANDOR_CHANNEL_VIEW (widget);
  GtkWidget         *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);

  /* Drawn before the labels are mapped, so that they are laid out once. */
  draw_pending (self);

  if (scroller != NULL)
    {
      self->scroll_adjustment =
        g_object_ref (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)));
      g_signal_connect_object (self->scroll_adjustment, "value-changed",
                               G_CALLBACK (on_scrolled_cb), self, G_CONNECT_SWAPPED);
    }

  GTK_WIDGET_CLASS (candor_channel_view_parent_class)->map (widget);
}

static void
candor_channel_view_unmap (GtkWidget *widget)
{
  CandorChannelView *self = CANDOR_CHANNEL_VIEW (widget);

  if (self->scroll_adjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->scroll_adjustment, self);
  g_clear_object (&self->scroll_adjustment);

  GTK_WIDGET_CLASS (candor_channel_view_parent_class)->unmap (widget);
}

static void
candor_channel_view_dispose (GObject *object)
{
  CandorChannelView *self = CANDOR_CHANNEL_VIEW (object);

  g_clear_pointer (&self->post_cards, g_ptr_array_unref);
  g_clear_pointer (&self->chat_source, g_free);
  g_clear_handle_id (&self->pause_source_id, g_source_remove);
  if (self->scroll_adjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->scroll_adjustment, self);
  g_clear_object (&self->scroll_adjustment);
  g_clear_object (&self->pending);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANDOR_TYPE_CHANNEL_VIEW);

  G_OBJECT_CLASS (candor_channel_view_parent_class)->dispose (object);
}

static void
candor_channel_view_class_init (CandorChannelViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = candor_channel_view_dispose;
  widget_class->map = candor_channel_view_map;
  widget_class->unmap = candor_channel_view_unmap;

  g_type_ensure (CANDOR_TYPE_WRAP_BIN);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/candor/Candor/candor-channel-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorChannelView, channel_label);
  gtk_widget_class_bind_template_child (widget_class, CandorChannelView, stack);
  gtk_widget_class_bind_template_child (widget_class, CandorChannelView, email_from_label);
  gtk_widget_class_bind_template_child (widget_class, CandorChannelView, email_to_label);
  gtk_widget_class_bind_template_child (widget_class, CandorChannelView, email_subject_label);
  gtk_widget_class_bind_template_child (widget_class, CandorChannelView, email_body_label);
  gtk_widget_class_bind_template_child (widget_class, CandorChannelView, chat_avatar);
  gtk_widget_class_bind_template_child (widget_class, CandorChannelView, chat_sender_label);
  gtk_widget_class_bind_template_child (widget_class, CandorChannelView, chat_body_label);
  gtk_widget_class_bind_template_child (widget_class, CandorChannelView, status_title_label);
  gtk_widget_class_bind_template_child (widget_class, CandorChannelView, status_body_label);
  gtk_widget_class_bind_template_child (widget_class, CandorChannelView, social_box);
  gtk_widget_class_bind_template_callback (widget_class, on_chat_body_label_activate_link_cb);
}

static void
candor_channel_view_init (CandorChannelView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->post_cards = g_ptr_array_new ();
}

CandorChannelView *
candor_channel_view_new (CandorDialect format)
{
  CandorChannelView *self;

  g_return_val_if_fail (format < CANDOR_N_DIALECTS, NULL);

  self = g_object_new (CANDOR_TYPE_CHANNEL_VIEW, NULL);
  self->format = format;
  gtk_label_set_label (self->channel_label, candor_dialect_get_label (format));
  gtk_stack_set_visible_child_name (self->stack, page_for_format (format));

  return self;
}

CandorDialect
candor_channel_view_get_format (CandorChannelView *self)
{
  g_return_val_if_fail (CANDOR_IS_CHANNEL_VIEW (self), CANDOR_DIALECT_PLAIN);

  return self->format;
}

static void
draw (CandorChannelView *self, CandorRendition *rendition)
{
  const char *text;

  text = rendition != NULL ? candor_rendition_get_text (rendition) : "";

  switch (self->format)
    {
      case CANDOR_DIALECT_EMAIL:
        {
          const char *to = rendition != NULL ? candor_rendition_get_email_to (rendition) : NULL;

          /* The headers the message goes out with, the channel's own. */
          set_label_text (self->email_from_label,
                          rendition != NULL ? candor_rendition_get_email_from (rendition) : "");
          set_label_text (self->email_to_label, rendition == NULL ? ""
                                                : to != NULL      ? to
                                                                  : "undisclosed-recipients:;");
          set_label_text (self->email_subject_label,
                          rendition != NULL ? candor_rendition_get_subject (rendition) : "");
          set_label_text (self->email_body_label, text);
        }
        break;

      case CANDOR_DIALECT_STATUS_PAGE:
        set_label_text (self->status_title_label,
                        rendition != NULL ? candor_rendition_get_subject (rendition) : "");
        set_label_text (self->status_body_label, text);
        break;

      case CANDOR_DIALECT_MASTODON:
      case CANDOR_DIALECT_BLUESKY:
      case CANDOR_DIALECT_X:
        show_thread (self, rendition != NULL ? candor_rendition_get_thread (rendition) : NULL);
        break;

      /* One message shows formatted; a longer text as the thread it goes out as. */
      case CANDOR_DIALECT_TELEGRAM:
        {
          CandorSocialThread *thread =
            rendition != NULL ? candor_rendition_get_thread (rendition) : NULL;
          gboolean several = thread != NULL && candor_social_thread_get_n_posts (thread) > 1;

          gtk_stack_set_visible_child_name (self->stack, several ? "social" : "chat");
          if (several)
            show_thread (self, thread);
          else
            draw_chat_message (self, rendition);
        }
        break;

      case CANDOR_DIALECT_PLAIN:
      case CANDOR_DIALECT_SLACK:
      case CANDOR_DIALECT_DISCORD:
      case CANDOR_DIALECT_MATTERMOST:
      case CANDOR_DIALECT_MATRIX:
      case CANDOR_DIALECT_TEAMS:
      case CANDOR_DIALECT_SIGNED_WEBHOOK:
      default:
        draw_chat_message (self, rendition);
        break;
    }
}

static void
draw_pending (CandorChannelView *self)
{
  g_autoptr (CandorRendition) rendition = NULL;

  g_clear_handle_id (&self->pause_source_id, g_source_remove);
  if (!self->has_pending)
    return;

  rendition = g_steal_pointer (&self->pending);
  self->has_pending = FALSE;
  draw (self, rendition);
}

/* Whether any of the view shows in its scrolled window. */
static gboolean
is_on_screen (CandorChannelView *self)
{
  GtkWidget      *scroller;
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return FALSE;

  scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  if (scroller == NULL || !gtk_widget_compute_bounds (GTK_WIDGET (self), scroller, &bounds))
    return TRUE;

  return bounds.origin.y < gtk_widget_get_height (scroller) &&
         bounds.origin.y + bounds.size.height > 0;
}

static void
on_scrolled_cb (CandorChannelView *self)
{
  if (self->has_pending && is_on_screen (self))
    draw_pending (self);
}

static gboolean
typing_paused_cb (gpointer data)
{
  CandorChannelView *self = data;

  self->pause_source_id = 0;
  draw_pending (self);

  return G_SOURCE_REMOVE;
}

/* Drawn at once when on screen. A channel of an audience the preview does
 * not show waits until it is shown, and one scrolled out of view until it
 * is scrolled back or the typing pauses: relaying out every channel's long
 * text on every keystroke is what made typing stutter with six channels. */
void
candor_channel_view_set_rendition (CandorChannelView *self, CandorRendition *rendition)
{
  g_return_if_fail (CANDOR_IS_CHANNEL_VIEW (self));
  g_return_if_fail (rendition == NULL || CANDOR_IS_RENDITION (rendition));

  g_set_object (&self->pending, rendition);
  self->has_pending = TRUE;

  if (is_on_screen (self))
    draw_pending (self);
  else if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      g_clear_handle_id (&self->pause_source_id, g_source_remove);
      self->pause_source_id = g_timeout_add (TYPING_PAUSE_MSEC, typing_paused_cb, self);
    }
}

/* Draws what waits, wherever the view is: for tests and screenshots. */
void
candor_channel_view_flush (CandorChannelView *self)
{
  g_return_if_fail (CANDOR_IS_CHANNEL_VIEW (self));

  draw_pending (self);
}

/* The name a chat message is posted under: the sender's, as the email says. */
void
candor_channel_view_set_sender_name (CandorChannelView *self, const char *name)
{
  g_return_if_fail (CANDOR_IS_CHANNEL_VIEW (self));
  g_return_if_fail (name != NULL);

  gtk_label_set_label (self->chat_sender_label, name);
  adw_avatar_set_text (self->chat_avatar, name);
}

/* The heading: the channel's own name, so that two channels of one kind
 * (a hosted status page and a static site) tell themselves apart. */
void
candor_channel_view_set_channel_name (CandorChannelView *self, const char *name)
{
  g_return_if_fail (CANDOR_IS_CHANNEL_VIEW (self));
  g_return_if_fail (name != NULL);

  gtk_label_set_label (self->channel_label, name);
}
