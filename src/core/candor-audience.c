/* candor-audience.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-audience"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "candor-audience.h"
#include "candor-dialect.h"
#include "candor-enum-types.h"
#include "candor-json.h"
#include "candor-language.h"
#include "candor-time-zones.h"

#define MINUTES_PER_DAY (24 * 60)

struct _CandorAudience
{
  GObject parent_instance;

  char        *id;
  char        *name;
  GArray      *fields;   /* CandorField */
  GStrv        channels; /* ids of CandorChannels */
  GStrv        time_zones;
  char        *language;
  guint        office_opens;
  guint        office_closes;
  CandorDetail detail;
};

G_DEFINE_FINAL_TYPE (CandorAudience, candor_audience, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DETAIL,
  PROP_TIME_ZONES,
  PROP_LANGUAGE,
  PROP_OFFICE_OPENS,
  PROP_OFFICE_CLOSES,
  N_PROPS
};

enum
{
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

static const char *const json_keys[] = {
  "id",      "name",       "detail",   "fields",       "channels",
  "formats", "time-zones", "language", "office-hours", NULL,
};

static const char *const office_hours_keys[] = { "opens", "closes", NULL };

static void
emit_changed (CandorAudience *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
array_equal (GArray *array, gconstpointer data, guint n_elements)
{
  if (array->len != n_elements)
    return FALSE;

  return n_elements == 0 ||
         memcmp (array->data, data, n_elements * g_array_get_element_size (array)) == 0;
}

static void
candor_audience_finalize (GObject *object)
{
  CandorAudience *self = (CandorAudience *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->fields, g_array_unref);
  g_clear_pointer (&self->channels, g_strfreev);
  g_clear_pointer (&self->time_zones, g_strfreev);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (candor_audience_parent_class)->finalize (object);
}

static void
candor_audience_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorAudience *self = CANDOR_AUDIENCE (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_string (value, self->id);
        break;

      case PROP_NAME:
        g_value_set_string (value, self->name);
        break;

      case PROP_DETAIL:
        g_value_set_enum (value, self->detail);
        break;

      case PROP_TIME_ZONES:
        g_value_set_boxed (value, self->time_zones);
        break;

      case PROP_LANGUAGE:
        g_value_set_string (value, self->language);
        break;

      case PROP_OFFICE_OPENS:
        g_value_set_uint (value, self->office_opens);
        break;

      case PROP_OFFICE_CLOSES:
        g_value_set_uint (value, self->office_closes);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_audience_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CandorAudience *self = CANDOR_AUDIENCE (object);

  switch (prop_id)
    {
      case PROP_ID:
        /* Construct-only: the id is how templates, channels and drafts refer to it. */
        self->id = g_value_dup_string (value);
        if (self->id == NULL)
          self->id = g_uuid_string_random ();
        break;

      case PROP_NAME:
        candor_audience_set_name (self, g_value_get_string (value));
        break;

      case PROP_DETAIL:
        candor_audience_set_detail (self, g_value_get_enum (value));
        break;

      case PROP_TIME_ZONES:
        candor_audience_set_time_zones (self, g_value_get_boxed (value));
        break;

      case PROP_LANGUAGE:
        candor_audience_set_language (self, g_value_get_string (value));
        break;

      case PROP_OFFICE_OPENS:
        candor_audience_set_office_hours (self, g_value_get_uint (value), self->office_closes);
        break;

      case PROP_OFFICE_CLOSES:
        candor_audience_set_office_hours (self, self->office_opens, g_value_get_uint (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_audience_class_init (CandorAudienceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = candor_audience_finalize;
  object_class->get_property = candor_audience_get_property;
  object_class->set_property = candor_audience_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, "Stable identifier (customers, executives, technical, ...)",
                         NULL, G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, "The name shown to the author", NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_DETAIL] = g_param_spec_enum (
    "detail", NULL, "How much this audience is told", CANDOR_TYPE_DETAIL, CANDOR_DETAIL_FULL,
    G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TIME_ZONES] = g_param_spec_boxed (
    "time-zones", NULL, "IANA ids of the zones the audience works in", G_TYPE_STRV,
    G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LANGUAGE] = g_param_spec_string (
    "language", NULL, "The language the audience reads, or NULL for the incident's primary one",
    NULL, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_OFFICE_OPENS] = g_param_spec_uint (
    "office-opens", NULL, "Minutes after local midnight the office opens", 0, MINUTES_PER_DAY - 1,
    9 * 60, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_OFFICE_CLOSES] = g_param_spec_uint (
    "office-closes", NULL, "Minutes after local midnight the office closes", 1, MINUTES_PER_DAY,
    18 * 60, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CandorAudience::changed:
   *
   * Emitted once for every effective change, including the fields and formats
   * lists, which have no property of their own.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
}

static void
candor_audience_init (CandorAudience *self)
{
  self->fields = g_array_new (FALSE, FALSE, sizeof (CandorField));
  self->channels = g_new0 (char *, 1);
  self->time_zones = g_new0 (char *, 1);
  self->detail = CANDOR_DETAIL_FULL;
  self->office_opens = 9 * 60;
  self->office_closes = 18 * 60;

  /* Until told otherwise an audience sees everything, in the wizard's order. */
  for (CandorField field = 0; field < CANDOR_N_FIELDS; field++)
    g_array_append_val (self->fields, field);
}

CandorAudience *
candor_audience_new (const char *id, const char *name)
{
  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  return g_object_new (CANDOR_TYPE_AUDIENCE, "id", id, "name", name != NULL ? name : id, NULL);
}

static CandorAudience *
new_default (const char        *id,
             const char        *name,
             CandorDetail       detail,
             const CandorField *fields,
             guint              n_fields,
             const char *const *channels,
             const char *const *time_zones)
{
  CandorAudience *audience = candor_audience_new (id, name);

  candor_audience_set_detail (audience, detail);
  candor_audience_set_fields (audience, fields, n_fields);
  candor_audience_set_channels (audience, channels);
  candor_audience_set_time_zones (audience, time_zones);
  candor_audience_set_office_hours (audience, 9 * 60, 18 * 60);

  return audience;
}

GPtrArray *
candor_audience_new_defaults (void)
{
  /* Customers want to know what it means for them and when they hear more. */
  static const CandorField customer_fields[] = {
    CANDOR_FIELD_IMPACT_NOW, CANDOR_FIELD_IMPACT_FUTURE, CANDOR_FIELD_LASTING_CONSEQUENCES,
    CANDOR_FIELD_CONTACT,    CANDOR_FIELD_NEXT_UPDATE,
  };
  static const char *const customer_channels[] = {
    "email", "status-page", "mastodon", "bluesky", "x", NULL,
  };
  static const char *const customer_zones[] = { "Europe/Berlin", "America/New_York", NULL };

  /* Executives read the first paragraph and decide whether to read on. */
  static const CandorField executive_fields[] = {
    CANDOR_FIELD_EXECUTIVE_SUMMARY,    CANDOR_FIELD_IMPACT_NOW,  CANDOR_FIELD_IMPACT_FUTURE,
    CANDOR_FIELD_LASTING_CONSEQUENCES, CANDOR_FIELD_NEXT_UPDATE, CANDOR_FIELD_CONTACT,
  };
  static const char *const executive_channels[] = { "email", "slack", "teams", NULL };
  static const char *const executive_zones[] = { "Europe/Berlin", NULL };

  /* Engineers want everything, including the root cause and the actions. */
  static const CandorField technical_fields[] = {
    CANDOR_FIELD_EXECUTIVE_SUMMARY,    CANDOR_FIELD_IMPACT_NOW,        CANDOR_FIELD_IMPACT_FUTURE,
    CANDOR_FIELD_LASTING_CONSEQUENCES, CANDOR_FIELD_TECHNICAL_DETAILS, CANDOR_FIELD_ACTIONS_TAKEN,
    CANDOR_FIELD_ACTIONS_PLANNED,      CANDOR_FIELD_CONTACT,           CANDOR_FIELD_NEXT_UPDATE,
  };
  static const char *const technical_channels[] = {
    "email", "slack", "discord", "mattermost", "matrix", "status-page", NULL,
  };
  static const char *const technical_zones[] = { "Europe/Berlin", "America/New_York", NULL };

  GPtrArray *audiences = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (audiences,
                   new_default ("customers", C_("audience", "Customers"), CANDOR_DETAIL_SHORT,
                                                 customer_fields, G_N_ELEMENTS (customer_fields),
                                                 customer_channels, customer_zones));
  g_ptr_array_add (audiences,
                   new_default ("executives", C_("audience", "Executives"),
                                                  CANDOR_DETAIL_SUMMARY_FIRST, executive_fields,
                                                  G_N_ELEMENTS (executive_fields),
                                                  executive_channels, executive_zones));
  g_ptr_array_add (audiences,
                   new_default ("technical", C_("audience", "Technical"), CANDOR_DETAIL_FULL,
                                                 technical_fields, G_N_ELEMENTS (technical_fields),
                                                 technical_channels, technical_zones));

  return audiences;
}

const char *
candor_audience_get_id (CandorAudience *self)
{
  g_return_val_if_fail (CANDOR_IS_AUDIENCE (self), NULL);

  return self->id;
}

const char *
candor_audience_get_name (CandorAudience *self)
{
  g_return_val_if_fail (CANDOR_IS_AUDIENCE (self), NULL);

  return self->name;
}

void
candor_audience_set_name (CandorAudience *self, const char *name)
{
  g_return_if_fail (CANDOR_IS_AUDIENCE (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  emit_changed (self);
}

CandorDetail
candor_audience_get_detail (CandorAudience *self)
{
  g_return_val_if_fail (CANDOR_IS_AUDIENCE (self), CANDOR_DETAIL_FULL);

  return self->detail;
}

void
candor_audience_set_detail (CandorAudience *self, CandorDetail detail)
{
  g_return_if_fail (CANDOR_IS_AUDIENCE (self));
  g_return_if_fail (detail <= CANDOR_DETAIL_FULL);

  if (self->detail == detail)
    return;

  self->detail = detail;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
  emit_changed (self);
}

const CandorField *
candor_audience_get_fields (CandorAudience *self, guint *n_fields)
{
  g_return_val_if_fail (CANDOR_IS_AUDIENCE (self), NULL);
  g_return_val_if_fail (n_fields != NULL, NULL);

  *n_fields = self->fields->len;
  return (const CandorField *)self->fields->data;
}

void
candor_audience_set_fields (CandorAudience *self, const CandorField *fields, guint n_fields)
{
  g_return_if_fail (CANDOR_IS_AUDIENCE (self));
  g_return_if_fail (fields != NULL || n_fields == 0);

  for (guint i = 0; i < n_fields; i++)
    g_return_if_fail (fields[i] < CANDOR_N_FIELDS);

  if (array_equal (self->fields, fields, n_fields))
    return;

  g_array_set_size (self->fields, 0);
  g_array_append_vals (self->fields, fields, n_fields);
  emit_changed (self);
}

gboolean
candor_audience_has_field (CandorAudience *self, CandorField field)
{
  g_return_val_if_fail (CANDOR_IS_AUDIENCE (self), FALSE);

  for (guint i = 0; i < self->fields->len; i++)
    {
      if (g_array_index (self->fields, CandorField, i) == field)
        return TRUE;
    }

  return FALSE;
}

gboolean
candor_audience_shows_field (CandorAudience *self, CandorField field)
{
  g_return_val_if_fail (CANDOR_IS_AUDIENCE (self), FALSE);

  /* Customers get the plain story: what it means for them, never the internals. */
  if (self->detail == CANDOR_DETAIL_SHORT && field == CANDOR_FIELD_TECHNICAL_DETAILS)
    return FALSE;

  return candor_audience_has_field (self, field);
}

/**
 * candor_audience_get_channels:
 *
 * Returns: (transfer none): the ids of the channels this audience is reached
 *   through, in order, %NULL-terminated
 */
const char *const *
candor_audience_get_channels (CandorAudience *self)
{
  g_return_val_if_fail (CANDOR_IS_AUDIENCE (self), NULL);

  return (const char *const *)self->channels;
}

void
candor_audience_set_channels (CandorAudience *self, const char *const *channel_ids)
{
  static const char *const none[] = { NULL };

  g_return_if_fail (CANDOR_IS_AUDIENCE (self));

  if (channel_ids == NULL)
    channel_ids = none;
  for (guint i = 0; channel_ids[i] != NULL; i++)
    g_return_if_fail (*channel_ids[i] != '\0');

  if (g_strv_equal ((const char *const *)self->channels, channel_ids))
    return;

  g_strfreev (self->channels);
  self->channels = g_strdupv ((char **)channel_ids);
  emit_changed (self);
}

gboolean
candor_audience_has_channel (CandorAudience *self, const char *channel_id)
{
  g_return_val_if_fail (CANDOR_IS_AUDIENCE (self), FALSE);
  g_return_val_if_fail (channel_id != NULL, FALSE);

  return g_strv_contains ((const char *const *)self->channels, channel_id);
}

const char *const *
candor_audience_get_time_zones (CandorAudience *self)
{
  g_return_val_if_fail (CANDOR_IS_AUDIENCE (self), NULL);

  return (const char *const *)self->time_zones;
}

void
candor_audience_set_time_zones (CandorAudience *self, const char *const *zones)
{
  static const char *const none[] = { NULL };

  g_return_if_fail (CANDOR_IS_AUDIENCE (self));

  if (zones == NULL)
    zones = none;

  if (g_strv_equal ((const char *const *)self->time_zones, zones))
    return;

  g_strfreev (self->time_zones);
  self->time_zones = g_strdupv ((char **)zones);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_ZONES]);
  emit_changed (self);
}

const char *
candor_audience_get_language (CandorAudience *self)
{
  g_return_val_if_fail (CANDOR_IS_AUDIENCE (self), NULL);

  return self->language;
}

void
candor_audience_set_language (CandorAudience *self, const char *language)
{
  g_return_if_fail (CANDOR_IS_AUDIENCE (self));

  /* "" is no language at all: the incident's primary one. */
  if (language != NULL && *language == '\0')
    language = NULL;
  if (g_strcmp0 (self->language, language) == 0)
    return;

  g_free (self->language);
  self->language = g_strdup (language);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
  emit_changed (self);
}

guint
candor_audience_get_office_opens (CandorAudience *self)
{
  g_return_val_if_fail (CANDOR_IS_AUDIENCE (self), 0);

  return self->office_opens;
}

guint
candor_audience_get_office_closes (CandorAudience *self)
{
  g_return_val_if_fail (CANDOR_IS_AUDIENCE (self), 0);

  return self->office_closes;
}

void
candor_audience_set_office_hours (CandorAudience *self, guint opens, guint closes)
{
  gboolean opens_changed, closes_changed;

  g_return_if_fail (CANDOR_IS_AUDIENCE (self));
  /* Offices that stay open past midnight are not modelled: opening must come first. */
  g_return_if_fail (opens < closes);
  g_return_if_fail (closes <= MINUTES_PER_DAY);

  opens_changed = self->office_opens != opens;
  closes_changed = self->office_closes != closes;
  if (!opens_changed && !closes_changed)
    return;

  self->office_opens = opens;
  self->office_closes = closes;
  if (opens_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFICE_OPENS]);
  if (closes_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFICE_CLOSES]);
  emit_changed (self);
}

static char *
format_minutes (guint minutes)
{
  return g_strdup_printf ("%02u:%02u", minutes / 60, minutes % 60);
}

JsonNode *
candor_audience_to_json (CandorAudience *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *opens = NULL;
  g_autofree char *closes = NULL;

  g_return_val_if_fail (CANDOR_IS_AUDIENCE (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  json_builder_set_member_name (builder, "detail");
  json_builder_add_string_value (builder, candor_enum_to_nick (CANDOR_TYPE_DETAIL, self->detail));

  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->fields->len; i++)
    json_builder_add_string_value (
      builder,
      candor_enum_to_nick (CANDOR_TYPE_FIELD, g_array_index (self->fields, CandorField, i)));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "channels");
  json_builder_begin_array (builder);
  for (guint i = 0; self->channels[i] != NULL; i++)
    json_builder_add_string_value (builder, self->channels[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "time-zones");
  json_builder_begin_array (builder);
  for (guint i = 0; self->time_zones[i] != NULL; i++)
    json_builder_add_string_value (builder, self->time_zones[i]);
  json_builder_end_array (builder);

  /* Absent, not null, for the primary language: what drafts written before
   * audiences had languages say. */
  if (self->language != NULL)
    {
      json_builder_set_member_name (builder, "language");
      json_builder_add_string_value (builder, self->language);
    }

  opens = format_minutes (self->office_opens);
  closes = format_minutes (self->office_closes);
  json_builder_set_member_name (builder, "office-hours");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "opens");
  json_builder_add_string_value (builder, opens);
  json_builder_set_member_name (builder, "closes");
  json_builder_add_string_value (builder, closes);
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* "09:00" -> 540. "24:00" is allowed as a closing time: open until midnight. */
static gboolean
parse_minutes (const char *text, guint *minutes)
{
  guint hours, mins;

  if (!g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) || text[2] != ':' ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]) || text[5] != '\0')
    return FALSE;

  hours = (text[0] - '0') * 10 + (text[1] - '0');
  mins = (text[3] - '0') * 10 + (text[4] - '0');
  if (mins > 59 || hours > 24 || (hours == 24 && mins != 0))
    return FALSE;

  *minutes = hours * 60 + mins;
  return TRUE;
}

static gboolean
read_office_time (JsonObject *object,
                  const char *path,
                  const char *key,
                  guint      *minutes,
                  GError    **error)
{
  g_autofree char *key_path = NULL;
  const char      *text = NULL;

  if (!candor_json_get_string (object, path, key, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  if (!parse_minutes (text, minutes))
    {
      key_path = candor_json_path_join (path, key);
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
                   _("%s: “%s” is not a time of day; write it as HH:MM, e.g. 09:00"), key_path,
                      text);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_office_hours (CandorAudience *self, JsonObject *object, const char *path, GError **error)
{
  g_autofree char *hours_path = candor_json_path_join (path, "office-hours");
  JsonNode        *node = json_object_get_member (object, "office-hours");
  JsonObject      *hours;
  guint            opens = self->office_opens;
  guint            closes = self->office_closes;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  hours = candor_json_expect_object (node, hours_path, office_hours_keys, error);
  if (hours == NULL)
    return FALSE;

  if (!read_office_time (hours, hours_path, "opens", &opens, error) ||
      !read_office_time (hours, hours_path, "closes", &closes, error))
    return FALSE;

  if (opens >= closes || opens >= MINUTES_PER_DAY)
    {
      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
                   _("%s: the office must open before it closes, on the same day"), hours_path);
      return FALSE;
    }

  candor_audience_set_office_hours (self, opens, closes);
  return TRUE;
}

/* Reads a list of enum nicks into @array, refusing duplicates: a field shown
 * twice is always a mistake. */
static gboolean
read_enum_list (JsonObject *object,
                const char *path,
                const char *key,
                GType       enum_type,
                const char *what,
                GArray    **array,
                GError    **error)
{
  g_auto (GStrv) nicks = NULL;

  if (!candor_json_get_strv (object, path, key, &nicks, error))
    return FALSE;
  if (nicks == NULL)
    return TRUE;

  *array = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; nicks[i] != NULL; i++)
    {
      g_autofree char *element_path = NULL;
      int              value;

      element_path =
        g_strdup_printf ("%s%s%s[%u]", path ? path : "", path && *path ? "." : "", key, i);
      if (!candor_json_enum_from_string (nicks[i], element_path, enum_type, what, &value, error))
        return FALSE;

      for (guint j = 0; j < (*array)->len; j++)
        {
          if (g_array_index (*array, int, j) == value)
            {
              g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
                           _("%s: “%s” is listed twice"), element_path, nicks[i]);
              return FALSE;
            }
        }
      g_array_append_val (*array, value);
    }

  return TRUE;
}

/* Reads "channels", a list of channel ids, or what audiences wrote before
 * channels were configured, "formats": a list of dialect nicks, each the id of
 * the default channel of its kind. */
static gboolean
read_channels (JsonObject *object, const char *path, GStrv *channels, GError **error)
{
  g_autoptr (GArray) formats = NULL;

  if (json_object_has_member (object, "channels") && json_object_has_member (object, "formats"))
    {
      g_autofree char *key_path = candor_json_path_join (path, "formats");

      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
                   _("%s: an audience lists its channels, not its formats as well"), key_path);
      return FALSE;
    }

  if (!read_enum_list (object, path, "formats", CANDOR_TYPE_DIALECT,
                       _("a format"), &formats, error))
    return FALSE;
  if (formats != NULL)
    {
      *channels = g_new0 (char *, formats->len + 1);
      for (guint i = 0; i < formats->len; i++)
        (*channels)[i] = g_strdup (candor_dialect_get_nick (g_array_index (formats, int, i)));
      return TRUE;
    }

  if (!candor_json_get_strv (object, path, "channels", channels, error))
    return FALSE;
  for (guint i = 0; *channels != NULL && (*channels)[i] != NULL; i++)
    {
      g_autofree char *element_path =
        g_strdup_printf ("%s%schannels[%u]", path ? path : "", path && *path ? "." : "", i);

      if (*(*channels)[i] == '\0')
        {
          g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
                       _("%s: empty; a channel is named by its id"), element_path);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        {
          if (g_str_equal ((*channels)[j], (*channels)[i]))
            {
              g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
                           _("%s: “%s” is listed twice"), element_path, (*channels)[i]);
              return FALSE;
            }
        }
    }

  return TRUE;
}

CandorAudience *
candor_audience_new_from_json_at (JsonNode *node, const char *path, GError **error)
{
  g_autoptr (CandorAudience) self = NULL;
  g_autoptr (GArray) fields = NULL;
  g_auto (GStrv) channels = NULL;
  g_auto (GStrv) zones = NULL;
  JsonObject *object;
  const char *id = NULL;
  const char *name = NULL;
  const char *language = NULL;
  int         detail = CANDOR_DETAIL_FULL;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = candor_json_expect_object (node, path, json_keys, error);
  if (object == NULL)
    return NULL;

  if (!candor_json_get_string (object, path, "id", &id, error))
    return NULL;
  if (id == NULL || *id == '\0')
    {
      g_autofree char *key_path = candor_json_path_join (path, "id");

      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_MISSING_KEY,
                   _("%s: missing; every audience needs an id such as “customers”"), key_path);
      return NULL;
    }

  if (!candor_json_get_string (object, path, "name", &name, error) ||
      !candor_json_get_enum (
        object, path, "detail", CANDOR_TYPE_DETAIL, _("a detail level"), &detail, error) ||
        !read_enum_list (object, path, "fields", CANDOR_TYPE_FIELD,
                         _("a field"), &fields, error) ||
                         !read_channels (object, path, &channels, error) ||
                         !candor_json_get_strv (object, path, "time-zones", &zones, error) ||
                         !candor_json_get_string (object, path, "language", &language, error))
    return NULL;

  if (language != NULL && *language != '\0' && !candor_language_is_valid (language))
    {
      g_autofree char *key_path = candor_json_path_join (path, "language");

      g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
                   _("%s: “%s” is not a language code; use one such as en or ru"), key_path,
                      language);
      return NULL;
    }

  for (guint i = 0; zones != NULL && zones[i] != NULL; i++)
    {
      g_autoptr (GTimeZone) zone = candor_time_zone_lookup (zones[i]);

      if (zone == NULL)
        {
          g_autofree char *zone_path =
            g_strdup_printf ("%s%stime-zones[%u]", path ? path : "", path && *path ? "." : "", i);

          g_set_error (error, CANDOR_JSON_ERROR, CANDOR_JSON_ERROR_VALUE,
                       _("%s: “%s” is not a time zone; use an IANA name such as Europe/Berlin"),
                          zone_path, zones[i]);
          return NULL;
        }
    }

  self = candor_audience_new (id, name);
  candor_audience_set_detail (self, detail);
  if (fields != NULL)
    candor_audience_set_fields (self, (const CandorField *)fields->data, fields->len);
  if (channels != NULL)
    candor_audience_set_channels (self, (const char *const *)channels);
  if (zones != NULL)
    candor_audience_set_time_zones (self, (const char *const *)zones);
  candor_audience_set_language (self, language);

  if (!read_office_hours (self, object, path, error))
    return NULL;

  return g_steal_pointer (&self);
}

CandorAudience *
candor_audience_new_from_json (JsonNode *node, GError **error)
{
  return candor_audience_new_from_json_at (node, NULL, error);
}
