/* candor-composition.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-composition"

#include "config.h"

#include "candor-composition-private.h"
#include "candor-language.h"
#include "candor-update-private.h"

struct _CandorComposition
{
  GObject parent_instance;

  CandorIncident *incident;
  CandorUpdate   *update;
  GPtrArray      *audiences;
  GPtrArray      *channels; /* CandorChannel, each owned copy */

  /* One renderer for the life of the composition: it keeps each field's
   * parsed Markdown between keystrokes. */
  CandorRenderer *renderer;
  CandorChecker  *checker;
  char           *checker_language;
  GError         *checker_error;
  /* The primary text as last checked, and the findings on it: a keystroke
   * in another language does not check the primary one again. */
  CandorUpdate *checked_update;
  GPtrArray    *checked;
  guint         checked_serial;

  /* The other languages some rendition was written in, kept between
   * keystrokes (CandorCompositionLanguage). */
  GPtrArray  *languages;
  guint       incident_serial;
  GHashTable *email_threads; /* channel id -> GStrv, for each language's renderer */

  GPtrArray  *renditions;
  GPtrArray  *findings;
  GHashTable *acknowledged; /* finding_key () */

  gboolean dirty;
};

G_DEFINE_FINAL_TYPE (CandorComposition, candor_composition, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_AUDIENCES,
  PROP_CHANNELS,
  PROP_DIRTY,
  PROP_EMAIL_FROM,
  PROP_EMAIL_TO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The only place that says how a rendition is found again. A scan, not a
 * table: a few dozen comparisons cost less than building keys on every
 * keystroke. */
static gboolean
rendition_has_key (CandorRendition *rendition, const char *audience_id, const char *channel_id)
{
  return g_str_equal (candor_rendition_get_channel_id (rendition), channel_id) &&
         g_str_equal (candor_rendition_get_audience_id (rendition), audience_id);
}

/* Findings on the whole message are told apart by what they quote: a
 * translation missing for the title is not one missing for the message. */
static char *
finding_key (CandorFinding *finding)
{
  const char *language = candor_finding_get_language (finding);
  const char *quote = candor_finding_get_quote (finding);
  int         field = candor_finding_get_field (finding);

  if (field == CANDOR_FINDING_WHOLE_MESSAGE && quote != NULL)
    return g_strdup_printf ("%s/%d/%s/%s", candor_finding_get_rule_id (finding), field,
                            language != NULL ? language : "", quote);

  return g_strdup_printf ("%s/%d/%s", candor_finding_get_rule_id (finding), field,
                          language != NULL ? language : "");
}

static void
set_dirty (CandorComposition *self, gboolean dirty)
{
  if (self->dirty == dirty)
    return;

  self->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

static void
on_input_changed_cb (CandorComposition *self)
{
  set_dirty (self, TRUE);
}

static void
on_checked_update_changed_cb (CandorComposition *self)
{
  g_clear_pointer (&self->checked, g_ptr_array_unref);
}

static void
on_incident_changed_cb (CandorComposition *self)
{
  self->incident_serial++;
  set_dirty (self, TRUE);
}

/* The checker is loaded again only when the language changes, and a
 * language without checks is not looked up again on every keystroke. */
static void
ensure_checker (CandorComposition *self)
{
  /* "ru_RU.UTF-8", "ru-RU" and "RU" all check as "ru". */
  g_autofree char *language =
    candor_language_get_primary_tag (candor_incident_get_language (self->incident));

  if (g_strcmp0 (language, self->checker_language) == 0)
    return;

  g_clear_object (&self->checker);
  g_clear_error (&self->checker_error);
  self->checker = candor_checker_new (language, &self->checker_error);
  g_free (self->checker_language);
  self->checker_language = g_steal_pointer (&language);

  /* Without checks for the language the renderer judges lengths with its
   * own: the "over-limit" rule does not depend on the language. */
  candor_renderer_set_checker (self->renderer, self->checker);
}

/* The channel's language, else the audience's; NULL for the primary one. */
static const char *
rendition_language (CandorComposition *self, CandorAudience *audience, CandorChannel *channel)
{
  const char *language = candor_channel_get_language (channel);

  if (language == NULL)
    language = candor_audience_get_language (audience);
  if (language == NULL ||
      candor_language_equal (language, candor_incident_get_language (self->incident)))
    return NULL;

  return language;
}

static CandorCompositionLanguage *
ensure_language (CandorComposition *self, const char *language)
{
  CandorCompositionLanguage *state = NULL;
  GHashTableIter             iter;
  gpointer                   channel_id, message_ids;

  for (guint i = 0; i < self->languages->len; i++)
    {
      state = g_ptr_array_index (self->languages, i);
      if (candor_language_equal (state->language, language))
        return state;
    }

  state = _candor_composition_language_new (language);
  candor_renderer_set_email_from (state->renderer, candor_renderer_get_email_from (self->renderer));
  candor_renderer_set_email_to (state->renderer, candor_renderer_get_email_to (self->renderer));
  g_hash_table_iter_init (&iter, self->email_threads);
  while (g_hash_table_iter_next (&iter, &channel_id, &message_ids))
    candor_renderer_set_email_thread (state->renderer, channel_id, message_ids);
  g_ptr_array_add (self->languages, state);

  return state;
}

/* What @audience receives through @channel, in its language when that
 * language has any text; otherwise in the primary language, which
 * "translation-missing" then says. */
static CandorRendition *
render (CandorComposition *self, CandorAudience *audience, CandorChannel *channel)
{
  const char                *language = rendition_language (self, audience, channel);
  CandorCompositionLanguage *state;

  if (language == NULL)
    return candor_renderer_render_for_channel (self->renderer, self->incident, self->update,
                                               audience, channel);

  state = ensure_language (self, language);
  if (state->audiences->len == 0 ||
      g_ptr_array_index (state->audiences, state->audiences->len - 1) != audience)
    g_ptr_array_add (state->audiences, audience);

  if (!candor_update_has_translation (self->update, state->language))
    return candor_renderer_render_for_channel (self->renderer, self->incident, self->update,
                                               audience, channel);

  if (!state->current)
    {
      _candor_composition_language_refresh (state, self->incident, self->incident_serial,
                                            self->update);
      state->current = TRUE;
    }

  return candor_renderer_render_for_channel (state->renderer, state->incident, state->update,
                                             audience, channel);
}

static void
add_unacknowledged (CandorComposition *self, GPtrArray *findings)
{
  for (guint i = 0; i < findings->len; i++)
    {
      CandorFinding   *finding = g_ptr_array_index (findings, i);
      g_autofree char *key = finding_key (finding);

      if (!g_hash_table_contains (self->acknowledged, key))
        g_ptr_array_add (self->findings, g_object_ref (finding));
    }
}

static GPtrArray *
check_primary (CandorComposition *self)
{
  if (self->checked_update == NULL)
    {
      self->checked_update = candor_update_copy (self->update);
      g_signal_connect_swapped (self->checked_update, "changed",
                                G_CALLBACK (on_checked_update_changed_cb), self);
    }
  else
    _candor_update_refresh_in_language (self->checked_update, self->update, NULL);

  if (self->checked_serial != self->incident_serial)
    {
      g_clear_pointer (&self->checked, g_ptr_array_unref);
      self->checked_serial = self->incident_serial;
    }

  if (self->checked == NULL)
    self->checked =
      candor_checker_check_update (self->checker, self->incident, self->checked_update);

  return self->checked;
}

static void
recompute (CandorComposition *self)
{
  g_autoptr (GPtrArray) findings = NULL;
  guint n_renditions = 0;

  g_ptr_array_set_size (self->findings, 0);

  if (self->update == NULL)
    {
      g_ptr_array_set_size (self->renditions, 0);
      return;
    }

  ensure_checker (self);
  for (guint i = 0; i < self->languages->len; i++)
    {
      CandorCompositionLanguage *state = g_ptr_array_index (self->languages, i);

      g_ptr_array_set_size (state->audiences, 0);
      state->current = FALSE;
    }

  /* Each rendition replaces its predecessor as soon as it is made, so the
   * allocator reuses the memory just freed instead of a whole batch at once. */
  for (guint i = 0; i < self->audiences->len; i++)
    {
      CandorAudience    *audience = g_ptr_array_index (self->audiences, i);
      const char *const *ids = candor_audience_get_channels (audience);

      for (guint j = 0; ids[j] != NULL; j++)
        {
          CandorChannel   *channel = candor_channel_find (self->channels, ids[j]);
          CandorRendition *rendition;

          /* The channel may have been removed since the audience was set up. */
          if (channel == NULL)
            continue;

          rendition = render (self, audience, channel);

          if (n_renditions < self->renditions->len)
            {
              g_object_unref (g_ptr_array_index (self->renditions, n_renditions));
              self->renditions->pdata[n_renditions] = rendition;
            }
          else
            g_ptr_array_add (self->renditions, rendition);
          n_renditions++;
        }
    }
  g_ptr_array_set_size (self->renditions, n_renditions);

  if (self->checker != NULL)
    add_unacknowledged (self, check_primary (self));

  /* Each other language some audience reads, in the order first read. */
  findings = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->languages->len; i++)
    {
      CandorCompositionLanguage *state = g_ptr_array_index (self->languages, i);

      if (state->audiences->len > 0)
        _candor_composition_language_check (state, self->incident, self->update, findings);
    }
  add_unacknowledged (self, findings);
}

static void
ensure_current (CandorComposition *self)
{
  if (!self->dirty)
    return;

  /* Clean before "changed": its handlers read the results without
   * computing them again. */
  recompute (self);
  set_dirty (self, FALSE);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
disconnect_draft (CandorComposition *self)
{
  if (self->update != NULL)
    g_signal_handlers_disconnect_by_data (self->update, self);
  if (self->incident != NULL)
    g_signal_handlers_disconnect_by_data (self->incident, self);
  for (guint i = 0; self->audiences != NULL && i < self->audiences->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->audiences, i), self);
  g_clear_object (&self->update);
  g_clear_object (&self->incident);
  g_clear_pointer (&self->audiences, g_ptr_array_unref);
}

static void
candor_composition_dispose (GObject *object)
{
  CandorComposition *self = CANDOR_COMPOSITION (object);

  disconnect_draft (self);
  g_clear_object (&self->renderer);
  g_clear_object (&self->checker);
  g_clear_object (&self->checked_update);
  g_clear_pointer (&self->checked, g_ptr_array_unref);
  g_clear_pointer (&self->channels, g_ptr_array_unref);
  g_clear_pointer (&self->renditions, g_ptr_array_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->acknowledged, g_hash_table_unref);
  g_clear_pointer (&self->languages, g_ptr_array_unref);
  g_clear_pointer (&self->email_threads, g_hash_table_unref);

  G_OBJECT_CLASS (candor_composition_parent_class)->dispose (object);
}

static void
candor_composition_finalize (GObject *object)
{
  CandorComposition *self = CANDOR_COMPOSITION (object);

  g_free (self->checker_language);
  g_clear_error (&self->checker_error);

  G_OBJECT_CLASS (candor_composition_parent_class)->finalize (object);
}

static void
candor_composition_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorComposition *self = CANDOR_COMPOSITION (object);

  switch (prop_id)
    {
      case PROP_AUDIENCES:
        g_value_set_boxed (value, self->audiences);
        break;

      case PROP_CHANNELS:
        g_value_set_boxed (value, self->channels);
        break;

      case PROP_DIRTY:
        g_value_set_boolean (value, self->dirty);
        break;

      case PROP_EMAIL_FROM:
        g_value_set_string (value, candor_composition_get_email_from (self));
        break;

      case PROP_EMAIL_TO:
        g_value_set_string (value, candor_composition_get_email_to (self));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_composition_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CandorComposition *self = CANDOR_COMPOSITION (object);

  switch (prop_id)
    {
      case PROP_EMAIL_FROM:
        candor_composition_set_email_from (self, g_value_get_string (value));
        break;

      case PROP_EMAIL_TO:
        candor_composition_set_email_to (self, g_value_get_string (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_composition_class_init (CandorCompositionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = candor_composition_dispose;
  object_class->finalize = candor_composition_finalize;
  object_class->get_property = candor_composition_get_property;
  object_class->set_property = candor_composition_set_property;

  properties[PROP_CHANNELS] = g_param_spec_boxed (
    "channels", NULL, "The configured channels the audiences point to", G_TYPE_PTR_ARRAY,
    G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_AUDIENCES] =
    g_param_spec_boxed ("audiences", NULL, "The audiences the draft goes to", G_TYPE_PTR_ARRAY,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, "Whether the results are out of date", FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_EMAIL_FROM] =
    g_param_spec_string ("email-from", NULL, "The sender of email renditions", NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_EMAIL_TO] =
    g_param_spec_string ("email-to", NULL, "The recipients of email renditions", NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CandorComposition::changed:
   *
   * The renditions and findings have just been computed again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
}

static void
candor_composition_init (CandorComposition *self)
{
  self->renderer = candor_renderer_new ();
  self->channels = candor_channel_new_defaults ();
  self->renditions = g_ptr_array_new_with_free_func (g_object_unref);
  self->findings = g_ptr_array_new_with_free_func (g_object_unref);
  self->acknowledged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->languages = g_ptr_array_new_with_free_func (_candor_composition_language_free);
  self->email_threads =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_strfreev);
}

CandorComposition *
candor_composition_new (void)
{
  return g_object_new (CANDOR_TYPE_COMPOSITION, NULL);
}

CandorComposition *
candor_composition_new_for_draft (CandorDraft *draft)
{
  CandorComposition *self;

  g_return_val_if_fail (CANDOR_IS_DRAFT (draft), NULL);

  self = candor_composition_new ();
  candor_composition_set_draft (self, candor_draft_get_incident (draft),
                                candor_draft_get_update (draft),
                                candor_draft_get_audiences (draft));

  return self;
}

void
candor_composition_set_draft (CandorComposition *self,
                              CandorIncident    *incident,
                              CandorUpdate      *update,
                              GPtrArray         *audiences)
{
  g_return_if_fail (CANDOR_IS_COMPOSITION (self));
  g_return_if_fail (CANDOR_IS_INCIDENT (incident));
  g_return_if_fail (CANDOR_IS_UPDATE (update));
  g_return_if_fail (audiences != NULL);

  if (update != self->update)
    g_hash_table_remove_all (self->acknowledged);

  g_object_ref (incident);
  g_object_ref (update);
  g_ptr_array_ref (audiences);
  disconnect_draft (self);
  self->incident = incident;
  self->update = update;
  self->audiences = audiences;
  self->incident_serial++;

  g_signal_connect_object (update, "changed", G_CALLBACK (on_input_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (incident, "notify", G_CALLBACK (on_incident_changed_cb), self,
                           G_CONNECT_SWAPPED);
  for (guint i = 0; i < audiences->len; i++)
    g_signal_connect_object (g_ptr_array_index (audiences, i), "changed",
                             G_CALLBACK (on_input_changed_cb), self, G_CONNECT_SWAPPED);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIENCES]);
  set_dirty (self, TRUE);
}

/**
 * candor_composition_set_channels:
 * @channels: (element-type CandorChannel): the configured channels
 *
 * The channels the audiences' channel ids name. The composition keeps a copy
 * of each, so a channel edited later changes nothing until set again.
 */
void
candor_composition_set_channels (CandorComposition *self, GPtrArray *channels)
{
  g_return_if_fail (CANDOR_IS_COMPOSITION (self));
  g_return_if_fail (channels != NULL);

  g_ptr_array_set_size (self->channels, 0);
  for (guint i = 0; i < channels->len; i++)
    g_ptr_array_add (self->channels, candor_channel_copy (g_ptr_array_index (channels, i)));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNELS]);
  set_dirty (self, TRUE);
}

/* Returns: (transfer none) (element-type CandorChannel) */
GPtrArray *
candor_composition_get_channels (CandorComposition *self)
{
  g_return_val_if_fail (CANDOR_IS_COMPOSITION (self), NULL);

  return self->channels;
}

CandorIncident *
candor_composition_get_incident (CandorComposition *self)
{
  g_return_val_if_fail (CANDOR_IS_COMPOSITION (self), NULL);

  return self->incident;
}

CandorUpdate *
candor_composition_get_update (CandorComposition *self)
{
  g_return_val_if_fail (CANDOR_IS_COMPOSITION (self), NULL);

  return self->update;
}

GPtrArray *
candor_composition_get_audiences (CandorComposition *self)
{
  g_return_val_if_fail (CANDOR_IS_COMPOSITION (self), NULL);

  return self->audiences;
}

const char *
candor_composition_get_email_from (CandorComposition *self)
{
  g_return_val_if_fail (CANDOR_IS_COMPOSITION (self), NULL);

  return candor_renderer_get_email_from (self->renderer);
}

void
candor_composition_set_email_from (CandorComposition *self, const char *from)
{
  g_return_if_fail (CANDOR_IS_COMPOSITION (self));

  if (g_strcmp0 (candor_renderer_get_email_from (self->renderer), from) == 0)
    return;

  candor_renderer_set_email_from (self->renderer, from);
  for (guint i = 0; i < self->languages->len; i++)
    candor_renderer_set_email_from (
      ((CandorCompositionLanguage *)g_ptr_array_index (self->languages, i))->renderer, from);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL_FROM]);
  set_dirty (self, TRUE);
}

const char *
candor_composition_get_email_to (CandorComposition *self)
{
  g_return_val_if_fail (CANDOR_IS_COMPOSITION (self), NULL);

  return candor_renderer_get_email_to (self->renderer);
}

void
candor_composition_set_email_to (CandorComposition *self, const char *to)
{
  g_return_if_fail (CANDOR_IS_COMPOSITION (self));

  if (g_strcmp0 (candor_renderer_get_email_to (self->renderer), to) == 0)
    return;

  candor_renderer_set_email_to (self->renderer, to);
  for (guint i = 0; i < self->languages->len; i++)
    candor_renderer_set_email_to (
      ((CandorCompositionLanguage *)g_ptr_array_index (self->languages, i))->renderer, to);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL_TO]);
  set_dirty (self, TRUE);
}

void
candor_composition_set_email_thread (CandorComposition *self,
                                     const char        *channel_id,
                                     const char *const *message_ids)
{
  g_return_if_fail (CANDOR_IS_COMPOSITION (self));
  g_return_if_fail (channel_id != NULL);

  candor_renderer_set_email_thread (self->renderer, channel_id, message_ids);
  for (guint i = 0; i < self->languages->len; i++)
    candor_renderer_set_email_thread (
      ((CandorCompositionLanguage *)g_ptr_array_index (self->languages, i))->renderer, channel_id,
      message_ids);
  if (message_ids != NULL && message_ids[0] != NULL)
    g_hash_table_replace (self->email_threads, g_strdup (channel_id),
                          g_strdupv ((char **)message_ids));
  else
    g_hash_table_remove (self->email_threads, channel_id);
  set_dirty (self, TRUE);
}

gboolean
candor_composition_get_dirty (CandorComposition *self)
{
  g_return_val_if_fail (CANDOR_IS_COMPOSITION (self), FALSE);

  return self->dirty;
}

gboolean
candor_composition_update (CandorComposition *self, GError **error)
{
  g_return_val_if_fail (CANDOR_IS_COMPOSITION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ensure_current (self);

  if (self->checker_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->checker_error));
      return FALSE;
    }

  for (guint i = 0; i < self->languages->len; i++)
    {
      CandorCompositionLanguage *state = g_ptr_array_index (self->languages, i);

      if (state->current && state->checker_error != NULL)
        {
          g_propagate_error (error, g_error_copy (state->checker_error));
          return FALSE;
        }
    }

  return TRUE;
}

CandorRendition *
candor_composition_get_rendition (CandorComposition *self,
                                  const char        *audience_id,
                                  const char        *channel_id)
{
  g_return_val_if_fail (CANDOR_IS_COMPOSITION (self), NULL);
  g_return_val_if_fail (audience_id != NULL, NULL);
  g_return_val_if_fail (channel_id != NULL, NULL);

  ensure_current (self);
  for (guint i = 0; i < self->renditions->len; i++)
    {
      CandorRendition *rendition = g_ptr_array_index (self->renditions, i);

      if (rendition_has_key (rendition, audience_id, channel_id))
        return rendition;
    }

  return NULL;
}

GPtrArray *
candor_composition_get_renditions (CandorComposition *self)
{
  g_return_val_if_fail (CANDOR_IS_COMPOSITION (self), NULL);

  ensure_current (self);

  return self->renditions;
}

GPtrArray *
candor_composition_get_findings (CandorComposition *self)
{
  g_return_val_if_fail (CANDOR_IS_COMPOSITION (self), NULL);

  ensure_current (self);

  return self->findings;
}

void
candor_composition_acknowledge (CandorComposition *self, CandorFinding *finding)
{
  g_return_if_fail (CANDOR_IS_COMPOSITION (self));
  g_return_if_fail (CANDOR_IS_FINDING (finding));

  /* A placeholder is never right as it is: only filling it in or deleting
   * it clears it. */
  if (!candor_finding_get_acknowledgeable (finding))
    return;

  /* The author has read the translation and it still says the same: that
   * is a fact about the update, kept with it, not with this composition. */
  if (g_str_equal (candor_finding_get_rule_id (finding), "translation-outdated") &&
      candor_finding_get_language (finding) != NULL &&
      candor_finding_get_field (finding) != CANDOR_FINDING_WHOLE_MESSAGE && self->update != NULL)
    {
      candor_update_mark_translation_current (self->update, candor_finding_get_language (finding),
                                              candor_finding_get_field (finding));
      return;
    }

  /* The same for the title, which the incident keeps. */
  if (g_str_equal (candor_finding_get_rule_id (finding), "translation-outdated") &&
      candor_finding_get_language (finding) != NULL && self->incident != NULL &&
      candor_finding_get_field (finding) == CANDOR_FINDING_WHOLE_MESSAGE)
    {
      candor_incident_mark_title_current_in (self->incident, candor_finding_get_language (finding));
      return;
    }

  if (g_hash_table_add (self->acknowledged, finding_key (finding)))
    set_dirty (self, TRUE);
}
