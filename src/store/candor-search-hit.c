/* candor-search-hit.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-search-hit"

#include "config.h"

#include <string.h>

#include "candor-store-private.h"

struct _CandorSearchHit
{
  GObject parent_instance;

  CandorSearchHitKind kind;
  char               *incident_id;
  char               *incident_title;
  CandorIncidentState state;
  CandorSeverity      severity;
  char               *update_id;
  char               *audience;
  int                 format;
  char               *language;
  GDateTime          *at;
  char               *snippet;
};

G_DEFINE_FINAL_TYPE (CandorSearchHit, candor_search_hit, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_INCIDENT_ID,
  PROP_INCIDENT_TITLE,
  PROP_AT,
  PROP_SNIPPET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
candor_search_hit_finalize (GObject *object)
{
  CandorSearchHit *self = (CandorSearchHit *)object;

  g_clear_pointer (&self->incident_id, g_free);
  g_clear_pointer (&self->incident_title, g_free);
  g_clear_pointer (&self->update_id, g_free);
  g_clear_pointer (&self->audience, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->at, g_date_time_unref);
  g_clear_pointer (&self->snippet, g_free);

  G_OBJECT_CLASS (candor_search_hit_parent_class)->finalize (object);
}

static void
candor_search_hit_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorSearchHit *self = CANDOR_SEARCH_HIT (object);

  switch (prop_id)
    {
      case PROP_INCIDENT_ID:
        g_value_set_string (value, self->incident_id);
        break;

      case PROP_INCIDENT_TITLE:
        g_value_set_string (value, self->incident_title);
        break;

      case PROP_AT:
        g_value_set_boxed (value, self->at);
        break;

      case PROP_SNIPPET:
        g_value_set_string (value, self->snippet);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_search_hit_class_init (CandorSearchHitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = candor_search_hit_finalize;
  object_class->get_property = candor_search_hit_get_property;

  /* Read-only: a hit describes the history at the moment of the search. */
  properties[PROP_INCIDENT_ID] =
    g_param_spec_string ("incident-id", NULL, "The incident the hit belongs to", NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INCIDENT_TITLE] =
    g_param_spec_string ("incident-title", NULL, "The incident's title", NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AT] = g_param_spec_boxed (
    "at", NULL, "When the incident started or the rendition was sent", G_TYPE_DATE_TIME,
    G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNIPPET] =
    g_param_spec_string ("snippet", NULL, "The matching passage with match markers", NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
candor_search_hit_init (CandorSearchHit *self)
{
  self->format = -1;
}

CandorSearchHit *
_candor_search_hit_new (CandorSearchHitKind kind,
                        const char         *incident_id,
                        const char         *incident_title,
                        CandorIncidentState state,
                        CandorSeverity      severity,
                        const char         *update_id,
                        const char         *audience,
                        int                 format,
                        const char         *language,
                        GDateTime          *at,
                        const char         *snippet)
{
  CandorSearchHit *self = g_object_new (CANDOR_TYPE_SEARCH_HIT, NULL);

  self->kind = kind;
  self->incident_id = g_strdup (incident_id);
  self->incident_title = g_strdup (incident_title);
  self->state = state;
  self->severity = severity;
  self->update_id = g_strdup (update_id);
  self->audience = g_strdup (audience);
  self->format = format;
  self->language = g_strdup (language);
  self->at = at != NULL ? g_date_time_ref (at) : NULL;
  self->snippet = g_strdup (snippet != NULL ? snippet : "");

  return self;
}

CandorSearchHitKind
candor_search_hit_get_kind (CandorSearchHit *self)
{
  g_return_val_if_fail (CANDOR_IS_SEARCH_HIT (self), CANDOR_SEARCH_HIT_INCIDENT);

  return self->kind;
}

const char *
candor_search_hit_get_incident_id (CandorSearchHit *self)
{
  g_return_val_if_fail (CANDOR_IS_SEARCH_HIT (self), NULL);

  return self->incident_id;
}

const char *
candor_search_hit_get_incident_title (CandorSearchHit *self)
{
  g_return_val_if_fail (CANDOR_IS_SEARCH_HIT (self), NULL);

  return self->incident_title;
}

CandorIncidentState
candor_search_hit_get_state (CandorSearchHit *self)
{
  g_return_val_if_fail (CANDOR_IS_SEARCH_HIT (self), CANDOR_INCIDENT_STATE_INVESTIGATING);

  return self->state;
}

CandorSeverity
candor_search_hit_get_severity (CandorSearchHit *self)
{
  g_return_val_if_fail (CANDOR_IS_SEARCH_HIT (self), CANDOR_SEVERITY_MINOR);

  return self->severity;
}

const char *
candor_search_hit_get_update_id (CandorSearchHit *self)
{
  g_return_val_if_fail (CANDOR_IS_SEARCH_HIT (self), NULL);

  return self->update_id;
}

const char *
candor_search_hit_get_audience (CandorSearchHit *self)
{
  g_return_val_if_fail (CANDOR_IS_SEARCH_HIT (self), NULL);

  return self->audience;
}

int
candor_search_hit_get_format (CandorSearchHit *self)
{
  g_return_val_if_fail (CANDOR_IS_SEARCH_HIT (self), -1);

  return self->format;
}

const char *
candor_search_hit_get_language (CandorSearchHit *self)
{
  g_return_val_if_fail (CANDOR_IS_SEARCH_HIT (self), NULL);

  return self->language;
}

GDateTime *
candor_search_hit_get_at (CandorSearchHit *self)
{
  g_return_val_if_fail (CANDOR_IS_SEARCH_HIT (self), NULL);

  return self->at;
}

const char *
candor_search_hit_get_snippet (CandorSearchHit *self)
{
  g_return_val_if_fail (CANDOR_IS_SEARCH_HIT (self), NULL);

  return self->snippet;
}

char *
candor_search_hit_get_snippet_markup (CandorSearchHit *self)
{
  g_return_val_if_fail (CANDOR_IS_SEARCH_HIT (self), NULL);

  return candor_search_snippet_to_markup (self->snippet);
}

char *
candor_search_snippet_to_markup (const char *snippet)
{
  GString *markup;

  g_return_val_if_fail (snippet != NULL, NULL);

  markup = g_string_sized_new (strlen (snippet) + 32);
  /* Escape each run between markers on its own, so the markers never meet
   * the escaping and a stray marker cannot open a tag it does not close. */
  for (const char *p = snippet; *p != '\0';)
    {
      size_t           run = strcspn (p, CANDOR_SEARCH_MATCH_START CANDOR_SEARCH_MATCH_END);
      g_autofree char *escaped = g_markup_escape_text (p, run);

      g_string_append (markup, escaped);
      p += run;
      if (*p == CANDOR_SEARCH_MATCH_START[0])
        {
          const char *end = strchr (p + 1, CANDOR_SEARCH_MATCH_END[0]);

          if (end != NULL)
            {
              g_autofree char *match = g_markup_escape_text (p + 1, end - p - 1);

              g_string_append_printf (markup, "<b>%s</b>", match);
              p = end + 1;
            }
          else
            p++;
        }
      else if (*p != '\0')
        p++;
    }

  return g_string_free (markup, FALSE);
}
