/* candor-publication-row.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-publication-row"

#include "config.h"

#include <glib/gi18n.h>

#include "candor-publication-row.h"

/* One publication on the review step while and after it is published: the
 * channel, the audience it reaches, and in words where it stands, with what
 * to do when it needs the author. The words are the row's subtitle, so a
 * screen reader reads them with the channel's name. */
struct _CandorPublicationRow
{
  AdwActionRow parent_instance;

  GtkStack      *indicator;
  GtkSpinner    *spinner;
  GtkImage      *icon;
  GtkLinkButton *link;

  char    *audience_id;
  char    *audience_name;
  char    *channel_id;
  char    *status;
  gboolean finished;
};

G_DEFINE_FINAL_TYPE (CandorPublicationRow, candor_publication_row, ADW_TYPE_ACTION_ROW)

static void set_state (CandorPublicationRow  *self,
                       CandorPublicationState state,
                       gboolean               in_flight,
                       gboolean               online,
                       GDateTime             *next_attempt,
                       const char            *remote_url,
                       const char            *last_error);

static void
candor_publication_row_finalize (GObject *object)
{
  CandorPublicationRow *self = CANDOR_PUBLICATION_ROW (object);

  g_free (self->audience_id);
  g_free (self->audience_name);
  g_free (self->channel_id);
  g_free (self->status);

  G_OBJECT_CLASS (candor_publication_row_parent_class)->finalize (object);
}

static void
candor_publication_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CANDOR_TYPE_PUBLICATION_ROW);

  G_OBJECT_CLASS (candor_publication_row_parent_class)->dispose (object);
}

static void
candor_publication_row_class_init (CandorPublicationRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = candor_publication_row_finalize;
  object_class->dispose = candor_publication_row_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/candor/Candor/candor-publication-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CandorPublicationRow, indicator);
  gtk_widget_class_bind_template_child (widget_class, CandorPublicationRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, CandorPublicationRow, icon);
  gtk_widget_class_bind_template_child (widget_class, CandorPublicationRow, link);
}

static void
candor_publication_row_init (CandorPublicationRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
candor_publication_row_new (const char *audience_id,
                            const char *audience_name,
                            const char *channel_id,
                            const char *channel_name)
{
  CandorPublicationRow *self;

  g_return_val_if_fail (audience_id != NULL, NULL);
  g_return_val_if_fail (channel_id != NULL, NULL);

  self = g_object_new (CANDOR_TYPE_PUBLICATION_ROW, NULL);
  self->audience_id = g_strdup (audience_id);
  self->audience_name = g_strdup (audience_name != NULL ? audience_name : audience_id);
  self->channel_id = g_strdup (channel_id);
  /* Both names are the user's text: the template turns markup off. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 channel_name != NULL ? channel_name : channel_id);
  set_state (self, CANDOR_PUBLICATION_STATE_WAITING, TRUE, TRUE, NULL, NULL, NULL);

  return GTK_WIDGET (self);
}

const char *
candor_publication_row_get_audience_id (CandorPublicationRow *self)
{
  g_return_val_if_fail (CANDOR_IS_PUBLICATION_ROW (self), NULL);

  return self->audience_id;
}

const char *
candor_publication_row_get_channel_id (CandorPublicationRow *self)
{
  g_return_val_if_fail (CANDOR_IS_PUBLICATION_ROW (self), NULL);

  return self->channel_id;
}

static char *
describe (CandorPublicationState state,
          gboolean               in_flight,
          gboolean               online,
          GDateTime             *next_attempt,
          const char            *last_error,
          const char           **icon_name)
{
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *at = NULL;

  *icon_name = NULL;
  if (in_flight)
    return g_strdup (_("Sending…"));

  switch (state)
    {
      case CANDOR_PUBLICATION_STATE_SENT:
        *icon_name = "emblem-ok-symbolic";
        return g_strdup (_("Sent"));
      case CANDOR_PUBLICATION_STATE_WAITING:
        *icon_name = "network-offline-symbolic";
        if (!online)
          return g_strdup (_("Waiting for the network — it goes out once the computer is online"));
        *icon_name = "content-loading-symbolic";
        if (next_attempt == NULL)
          return g_strdup (_("Waiting to be sent"));
        local = g_date_time_to_local (next_attempt);
        /* Translators: the time of day of the next attempt, see the strftime manual */
        at = g_date_time_format (local, _("%H:%M"));
        /* Translators: %s is a time of day, "Waiting — retrying at 11:05" */
        return g_strdup_printf (_("Waiting — retrying at %s"), at);
      case CANDOR_PUBLICATION_STATE_FAILED:
        *icon_name = "dialog-error-symbolic";
        /* Translators: %s is the service's own error message, which already
         * says what to do */
        return g_strdup_printf (
          _("Failed: %s"), last_error != NULL ? last_error : _("the service gave no reason"));
      case CANDOR_PUBLICATION_STATE_VERIFY:
        *icon_name = "dialog-warning-symbolic";
        return g_strdup (_("Check whether it arrived: the connection ended before the service "
                           "answered. Look in the channel before sending it again."));
      default:
        g_assert_not_reached ();
    }
}

static void
set_state (CandorPublicationRow  *self,
           CandorPublicationState state,
           gboolean               in_flight,
           gboolean               online,
           GDateTime             *next_attempt,
           const char            *remote_url,
           const char            *last_error)
{
  const char      *icon_name;
  g_autofree char *state_text = NULL;
  gboolean         openable;

  state_text = describe (state, in_flight, online, next_attempt, last_error, &icon_name);
  g_free (self->status);
  /* Translators: an audience's name, then where its publication stands: "Customers · Sent" */
  self->status = g_strdup_printf (_("%s · %s"), self->audience_name, state_text);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), self->status);

  gtk_spinner_set_spinning (self->spinner, in_flight);
  if (icon_name != NULL)
    gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_stack_set_visible_child_name (self->indicator, in_flight ? "sending" : "icon");

  gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "success");
  if (!in_flight && state == CANDOR_PUBLICATION_STATE_FAILED)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  else if (!in_flight && state == CANDOR_PUBLICATION_STATE_VERIFY)
    gtk_widget_add_css_class (GTK_WIDGET (self), "warning");
  else if (!in_flight && state == CANDOR_PUBLICATION_STATE_SENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "success");

  /* Only a web address is offered to open: the service chose it, not the author. */
  openable = !in_flight && state == CANDOR_PUBLICATION_STATE_SENT && remote_url != NULL &&
             g_str_has_prefix (remote_url, "https://");
  gtk_widget_set_visible (GTK_WIDGET (self->link), openable);
  if (openable)
    {
      g_autofree char *label = NULL;

      gtk_link_button_set_uri (self->link, remote_url);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->link), remote_url);
      /* Translators: the accessible name of the button opening a sent post; %s is the channel */
      label = g_strdup_printf (_("Open the post in %s"),
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->link), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
    }

  self->finished = !in_flight && state != CANDOR_PUBLICATION_STATE_WAITING;
}

void
candor_publication_row_set_publication (CandorPublicationRow    *self,
                                        const CandorPublication *publication,
                                        gboolean                 online)
{
  g_return_if_fail (CANDOR_IS_PUBLICATION_ROW (self));
  g_return_if_fail (publication != NULL);

  set_state (self, publication->state, publication->in_flight_since != NULL, online,
             publication->next_attempt_at, publication->remote_url, publication->last_error);
}

const char *
candor_publication_row_get_status (CandorPublicationRow *self)
{
  g_return_val_if_fail (CANDOR_IS_PUBLICATION_ROW (self), NULL);

  return self->status;
}

gboolean
candor_publication_row_get_finished (CandorPublicationRow *self)
{
  g_return_val_if_fail (CANDOR_IS_PUBLICATION_ROW (self), FALSE);

  return self->finished;
}
