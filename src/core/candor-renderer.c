/* candor-renderer.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-renderer"

#include "config.h"

#include <string.h>

#include "candor-channel.h"
#include "candor-dialect.h"
#include "candor-email.h"
#include "candor-enum-types.h"
#include "candor-language.h"
#include "candor-markdown.h"
#include "candor-mustache.h"
#include "candor-renderer.h"
#include "candor-rendition-private.h"

#define DEFAULT_EMAIL_FROM "noreply@localhost"

#define EMAIL_H1_STYLE "margin:0 0 16px 0;font-size:22px;line-height:1.3;font-weight:bold"
#define EMAIL_H2_STYLE "margin:24px 0 8px 0;font-size:17px;line-height:1.3;font-weight:bold"

/* The words around the fields are part of the message, so they follow the
 * incident's language, not the language of the desktop that writes it: a
 * table per message language rather than gettext. */
typedef struct
{
  const char *language;
  const char *headings[CANDOR_N_FIELDS];
  const char *root_cause;
  const char *kinds[4];
  const char *no_lasting_consequences;
  const char *next_update_by;
  const char *next_update_by_or_on_change;
  const char *next_update_on_change;
} Phrases;

static const Phrases phrase_tables[] = {
  {
    .language = "en",
    .headings = {
      [CANDOR_FIELD_IMPACT_NOW] = "What is affected",
      [CANDOR_FIELD_IMPACT_FUTURE] = "What may be affected next",
      [CANDOR_FIELD_LASTING_CONSEQUENCES] = "Lasting consequences",
      [CANDOR_FIELD_EXECUTIVE_SUMMARY] = "Summary",
      [CANDOR_FIELD_TECHNICAL_DETAILS] = "Technical details",
      [CANDOR_FIELD_ACTIONS_TAKEN] = "What we have done",
      [CANDOR_FIELD_ACTIONS_PLANNED] = "What we will do next",
      [CANDOR_FIELD_CONTACT] = "Contact",
      [CANDOR_FIELD_NEXT_UPDATE] = "Next update",
    },
    .root_cause = "Root cause",
    .kinds = { "Incident", "Update", "Resolved", "Post-incident report" },
    .no_lasting_consequences = "None: nothing is lost and nothing needs to be redone.",
    .next_update_by = "By %s.",
    .next_update_by_or_on_change = "By %s, or sooner if the situation changes.",
    .next_update_on_change = "As soon as the situation changes.",
  },
  {
    .language = "ru",
    .headings = {
      [CANDOR_FIELD_IMPACT_NOW] = "Что затронуто",
      [CANDOR_FIELD_IMPACT_FUTURE] = "Что может быть затронуто дальше",
      [CANDOR_FIELD_LASTING_CONSEQUENCES] = "Долгосрочные последствия",
      [CANDOR_FIELD_EXECUTIVE_SUMMARY] = "Кратко",
      [CANDOR_FIELD_TECHNICAL_DETAILS] = "Технические подробности",
      [CANDOR_FIELD_ACTIONS_TAKEN] = "Что сделано",
      [CANDOR_FIELD_ACTIONS_PLANNED] = "Что будет сделано",
      [CANDOR_FIELD_CONTACT] = "Контакт",
      [CANDOR_FIELD_NEXT_UPDATE] = "Следующее сообщение",
    },
    .root_cause = "Причина",
    .kinds = { "Инцидент", "Обновление", "Решено", "Отчёт об инциденте" },
    .no_lasting_consequences = "Нет: ничего не потеряно и ничего не нужно делать заново.",
    .next_update_by = "До %s.",
    .next_update_by_or_on_change = "До %s или раньше, если ситуация изменится.",
    .next_update_on_change = "Как только ситуация изменится.",
  },
};

/* One Markdown text, parsed once, written out per dialect when first asked. */
typedef struct
{
  char           *source;
  CandorMarkdown *markdown;
  char           *written[CANDOR_N_MARKUPS];
} ParsedText;

typedef struct
{
  CandorField field;
  const char *heading;
  ParsedText *parsed;
} Section;

typedef struct
{
  char               *text;
  CandorSocialThread *thread;
} CachedThread;

struct _CandorRenderer
{
  GObject parent_instance;

  ParsedText               fields[CANDOR_N_FIELDS];
  ParsedText               title;
  CandorChecker           *checker;
  gboolean                 checker_failed;
  char                    *email_from;
  char                    *email_to;
  GHashTable              *email_threads; /* channel id -> GStrv of Message-IDs */
  GHashTable              *threads;       /* "audience\x1fformat" -> CachedThread */
  CandorSocialThreadCache *thread_cache;
};

G_DEFINE_FINAL_TYPE (CandorRenderer, candor_renderer, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CHECKER,
  PROP_EMAIL_FROM,
  PROP_EMAIL_TO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
parsed_text_clear (ParsedText *parsed)
{
  g_clear_pointer (&parsed->source, g_free);
  g_clear_object (&parsed->markdown);
  for (guint i = 0; i < CANDOR_N_MARKUPS; i++)
    g_clear_pointer (&parsed->written[i], g_free);
}

/* The cache key is the text itself: an unchanged field costs one comparison. */
static void
parsed_text_update (ParsedText *parsed, const char *source)
{
  if (parsed->markdown != NULL && g_str_equal (parsed->source, source))
    return;

  parsed_text_clear (parsed);
  parsed->source = g_strdup (source);
  parsed->markdown = candor_markdown_new (source);
}

static const char *
parsed_text_write (ParsedText *parsed, CandorMarkup markup)
{
  if (parsed->written[markup] == NULL)
    {
      g_autofree char *written = candor_markdown_to_markup (parsed->markdown, markup);

      /* Sections are joined here, so no writer's trailing newline may add up. */
      g_strchomp (written);
      parsed->written[markup] = g_steal_pointer (&written);
    }

  return parsed->written[markup];
}

static void
cached_thread_free (gpointer data)
{
  CachedThread *cached = data;

  g_free (cached->text);
  g_clear_object (&cached->thread);
  g_free (cached);
}

static const Phrases *
phrases_for (CandorIncident *incident)
{
  const char *language = candor_incident_get_language (incident);

  for (guint i = 0; language != NULL && i < G_N_ELEMENTS (phrase_tables); i++)
    {
      gsize len = strlen (phrase_tables[i].language);

      /* "ru" also covers "ru_RU" and "ru-RU". */
      if (g_ascii_strncasecmp (language, phrase_tables[i].language, len) == 0 &&
          (language[len] == '\0' || language[len] == '_' || language[len] == '-'))
        return &phrase_tables[i];
    }

  return &phrase_tables[0];
}

/* The next-update time in the zone it was given in, with that zone's offset
 * spelled out so every reader can convert it. */
static char *
format_next_update (const Phrases *phrases, CandorUpdate *update)
{
  GDateTime       *at = candor_update_get_next_update_at (update);
  gboolean         on_change = candor_update_get_next_update_when_changed (update);
  g_autofree char *when = NULL;
  g_auto (GStrv) parts = NULL;

  if (at == NULL)
    return on_change ? g_strdup (phrases->next_update_on_change) : NULL;

  when = g_date_time_format (at, g_date_time_get_utc_offset (at) == 0 ? "%Y-%m-%d %H:%M UTC"
                                                                      : "%Y-%m-%d %H:%M UTC%:z");

  /* The phrase tables are data, not format strings: put the time in by hand. */
  parts = g_strsplit (on_change ? phrases->next_update_by_or_on_change : phrases->next_update_by,
                      "%s", 2);

  return g_strconcat (parts[0], when, parts[1], NULL);
}

/* A field's text as written, or what the wizard's structured answers say
 * when the author left the text empty. */
static char *
effective_field_text (const Phrases *phrases, CandorUpdate *update, CandorField field)
{
  const char *text = candor_update_get_field (update, field);
  const char *name, *reach;

  if (text != NULL && *text != '\0')
    return g_strdup (text);

  switch (field)
    {
      case CANDOR_FIELD_LASTING_CONSEQUENCES:
        if (candor_update_get_no_lasting_consequences (update))
          return g_strdup (phrases->no_lasting_consequences);
        break;

      case CANDOR_FIELD_NEXT_UPDATE:
        return format_next_update (phrases, update);

      case CANDOR_FIELD_CONTACT:
        name = candor_update_get_contact_name (update);
        reach = candor_update_get_contact_reach (update);
        if (name != NULL && *name != '\0' && reach != NULL && *reach != '\0')
          return g_strdup_printf ("%s: %s", name, reach);
        if (name != NULL && *name != '\0')
          return g_strdup (name);
        if (reach != NULL && *reach != '\0')
          return g_strdup (reach);
        break;

      default:
        break;
    }

  return NULL;
}

static guint
collect_sections (CandorRenderer *self,
                  const Phrases  *phrases,
                  CandorUpdate   *update,
                  CandorAudience *audience,
                  Section        *sections)
{
  CandorDetail       detail = candor_audience_get_detail (audience);
  CandorField        order[CANDOR_N_FIELDS];
  const CandorField *fields;
  guint              n_fields, n_order = 0, n_sections = 0;
  gboolean           seen[CANDOR_N_FIELDS] = { FALSE };

  fields = candor_audience_get_fields (audience, &n_fields);

  /* Executives read the summary first, wherever the audience lists it. */
  if (detail == CANDOR_DETAIL_SUMMARY_FIRST)
    {
      for (guint i = 0; i < n_fields; i++)
        {
          if (fields[i] == CANDOR_FIELD_EXECUTIVE_SUMMARY)
            {
              order[n_order++] = CANDOR_FIELD_EXECUTIVE_SUMMARY;
              seen[CANDOR_FIELD_EXECUTIVE_SUMMARY] = TRUE;
              break;
            }
        }
    }

  for (guint i = 0; i < n_fields && n_order < CANDOR_N_FIELDS; i++)
    {
      if (fields[i] >= CANDOR_N_FIELDS || seen[fields[i]] ||
          !candor_audience_shows_field (audience, fields[i]))
        continue;
      seen[fields[i]] = TRUE;
      order[n_order++] = fields[i];
    }

  for (guint i = 0; i < n_order; i++)
    {
      g_autofree char *text = effective_field_text (phrases, update, order[i]);
      ParsedText      *parsed = &self->fields[order[i]];

      if (text == NULL)
        continue;

      parsed_text_update (parsed, text);
      if (candor_markdown_is_empty (parsed->markdown))
        continue;

      sections[n_sections].field = order[i];
      sections[n_sections].heading =
        order[i] == CANDOR_FIELD_TECHNICAL_DETAILS &&
            candor_update_get_kind (update) >= CANDOR_UPDATE_KIND_RESOLUTION
          ? phrases->root_cause
          : phrases->headings[order[i]];
      sections[n_sections].parsed = parsed;
      n_sections++;
    }

  return n_sections;
}

/* The subject is text, not Markdown: every punctuation mark is escaped so
 * the dialect writers print it literally and escape it their own way. */
static void
update_title (CandorRenderer *self, const char *subject)
{
  GString *escaped = g_string_sized_new (strlen (subject) * 2);

  for (const char *p = subject; *p != '\0'; p++)
    {
      if (g_ascii_ispunct (*p))
        g_string_append_c (escaped, '\\');
      g_string_append_c (escaped, *p);
    }

  parsed_text_update (&self->title, escaped->str);
  g_string_free (escaped, TRUE);
}

/* The Slack title is wrapped in the renderer's own "*...*". The writer keeps
 * "*", "_" and "~" inside words as typed, which Slack does not read in running
 * text; inside bold it can, so there they become the look-alikes the writer
 * uses elsewhere. The title is plain text (see update_title), so these bytes
 * are never markup of its own. */
static char *
slack_bold_safe (const char *title)
{
  GString *out = g_string_sized_new (strlen (title) + 16);

  for (const char *p = title; *p != '\0'; p++)
    {
      switch (*p)
        {
          case '*':
            g_string_append (out, "\xe2\x88\x97"); /* ∗ */
            break;
          case '_':
            g_string_append (out, "\xcb\x8d"); /* ˍ */
            break;
          case '~':
            g_string_append (out, "\xe2\x88\xbc"); /* ∼ */
            break;
          default:
            g_string_append_c (out, *p);
            break;
        }
    }

  return g_string_free (out, FALSE);
}

static char *
make_subject (const Phrases *phrases, CandorIncident *incident, CandorUpdate *update)
{
  const char *title = candor_incident_get_title (incident);
  guint       kind = candor_update_get_kind (update);

  if (title == NULL || *title == '\0')
    return g_strdup (phrases->kinds[MIN (kind, 3)]);

  return g_strdup_printf ("%s: %s", phrases->kinds[MIN (kind, 3)], title);
}

/* "Title\n\nHeading\nText\n\nHeading\nText\n", the shape of every
 * text-based channel; @heading_open/@heading_close wrap each heading. */
static char *
compose_text (const char    *title,
              const Section *sections,
              guint          n_sections,
              CandorMarkup   markup,
              const char    *heading_open,
              const char    *heading_close,
              const char    *heading_gap)
{
  GString *out = g_string_sized_new (2048);

  if (title != NULL)
    {
      g_string_append (out, heading_open);
      g_string_append (out, title);
      g_string_append (out, heading_close);
    }

  for (guint i = 0; i < n_sections; i++)
    {
      if (out->len > 0)
        g_string_append (out, "\n\n");
      g_string_append (out, heading_open);
      g_string_append (out, sections[i].heading);
      g_string_append (out, heading_close);
      g_string_append (out, heading_gap);
      g_string_append (out, parsed_text_write (sections[i].parsed, markup));
    }

  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* Social posts have no room for heading lines: "Heading: text". */
static char *
compose_social_text (const char *subject, const Section *sections, guint n_sections)
{
  GString *out = g_string_sized_new (1024);

  g_string_append (out, subject);
  for (guint i = 0; i < n_sections; i++)
    {
      const char *text = parsed_text_write (sections[i].parsed, CANDOR_MARKUP_PLAIN);

      g_string_append (out, "\n\n");
      g_string_append (out, sections[i].heading);
      /* A list reads better starting on its own line. */
      g_string_append (out, g_str_has_prefix (text, "•") ? ":\n" : ": ");
      g_string_append (out, text);
    }

  return g_string_free (out, FALSE);
}

static char *
compose_html (const char    *title,
              const Section *sections,
              guint          n_sections,
              CandorMarkup   markup,
              const char    *title_open,
              const char    *title_close,
              const char    *heading_open,
              const char    *heading_close)
{
  GString         *out = g_string_sized_new (4096);
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);

  g_string_append (out, title_open);
  g_string_append (out, escaped_title);
  g_string_append (out, title_close);

  for (guint i = 0; i < n_sections; i++)
    {
      g_autofree char *escaped_heading = g_markup_escape_text (sections[i].heading, -1);

      g_string_append_c (out, '\n');
      g_string_append (out, heading_open);
      g_string_append (out, escaped_heading);
      g_string_append (out, heading_close);
      g_string_append_c (out, '\n');
      g_string_append (out, parsed_text_write (sections[i].parsed, markup));
    }

  return g_string_free (out, FALSE);
}

static char *
generate_json (JsonBuilder *builder)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
add_text_block (JsonBuilder *builder, const char *text, const char *size, const char *weight)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "TextBlock");
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "wrap");
  json_builder_add_boolean_value (builder, TRUE);
  if (size != NULL)
    {
      json_builder_set_member_name (builder, "size");
      json_builder_add_string_value (builder, size);
    }
  if (weight != NULL)
    {
      json_builder_set_member_name (builder, "weight");
      json_builder_add_string_value (builder, weight);
    }
  json_builder_end_object (builder);
}

static char *
build_teams_card (CandorRenderer *self, const Section *sections, guint n_sections)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "AdaptiveCard");
  json_builder_set_member_name (builder, "$schema");
  json_builder_add_string_value (builder, "http://adaptivecards.io/schemas/adaptive-card.json");
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, "1.4");
  json_builder_set_member_name (builder, "body");
  json_builder_begin_array (builder);
  add_text_block (builder, parsed_text_write (&self->title, CANDOR_MARKUP_TEAMS), "Large",
                  "Bolder");
  for (guint i = 0; i < n_sections; i++)
    {
      add_text_block (builder, sections[i].heading, "Medium", "Bolder");
      add_text_block (builder, parsed_text_write (sections[i].parsed, CANDOR_MARKUP_TEAMS), NULL,
                      NULL);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return generate_json (builder);
}

/* Matrix notifies a whole room for "@room" anywhere in a message's body
 * (push rule .m.rule.roomnotif, case-insensitive): a word joiner after the
 * "@" leaves the text as it reads and matches no rule. Takes @text. */
static char *
defuse_room_mentions (char *text)
{
  GString *out;

  if (strstr (text, "@") == NULL)
    return text;

  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    {
      g_string_append_c (out, *p);
      if (*p == '@' && g_ascii_strncasecmp (p + 1, "room", 4) == 0)
        g_string_append (out, "\xe2\x81\xa0"); /* U+2060 WORD JOINER */
    }
  g_free (text);

  return g_string_free (out, FALSE);
}

static char *
build_matrix_content (const char *body, const char *formatted_body)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "msgtype");
  json_builder_add_string_value (builder, "m.text");
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, body);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "org.matrix.custom.html");
  json_builder_set_member_name (builder, "formatted_body");
  json_builder_add_string_value (builder, formatted_body);
  json_builder_end_object (builder);

  return generate_json (builder);
}

/* A status page's incident entry: its name, its state, the body, and the
 * update's kind and the incident's severity, from which a status page API
 * tells a resolution from a progress update and sets its impact. */
static char *
build_status_page_entry (CandorIncident *incident, CandorUpdate *update, const char *body)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  const char *title = candor_incident_get_title (incident);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, title != NULL ? title : "");
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (
    builder,
    candor_enum_to_nick (CANDOR_TYPE_INCIDENT_STATE, candor_incident_get_state (incident)));
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, body);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (
    builder, candor_enum_to_nick (CANDOR_TYPE_UPDATE_KIND, candor_update_get_kind (update)));
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (
    builder, candor_enum_to_nick (CANDOR_TYPE_SEVERITY, candor_incident_get_severity (incident)));
  json_builder_end_object (builder);

  return generate_json (builder);
}

/* The messages of a Telegram thread, in order, as {"messages": [html...]}:
 * one message keeps its formatting; the posts of a longer text are cut from
 * the plain text at sentence ends, so no tag can straddle two of them, and
 * go out as escaped text. */
static char *
build_telegram_messages (const char *html, CandorSocialThread *thread)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  guint n_posts = candor_social_thread_get_n_posts (thread);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  if (n_posts <= 1)
    {
      g_autofree char *message = g_strchomp (g_strdup (html));

      json_builder_add_string_value (builder, message);
    }
  else
    {
      for (guint i = 0; i < n_posts; i++)
        {
          const char *text = candor_social_thread_get_post (thread, i)->text;
          g_autoptr (GString) message = g_string_new (NULL);

          candor_mustache_append_escaped (message, text, strlen (text),
                                          CANDOR_MUSTACHE_ESCAPE_HTML);
          json_builder_add_string_value (builder, message->str);
        }
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return generate_json (builder);
}

/* The "data" of a signed webhook's event (the client wraps it in the
 * Standard Webhooks envelope): the incident, the update, every section's
 * heading and plain text by its field's nick, and the whole plain text. */
static char *
build_webhook_data (CandorIncident *incident,
                    CandorUpdate   *update,
                    const char     *subject,
                    const Section  *sections,
                    guint           n_sections,
                    const char     *text)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  const char *title = candor_incident_get_title (incident);
  const char *language = candor_incident_get_language (incident);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "incident");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, candor_incident_get_id (incident));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title != NULL ? title : "");
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (
    builder,
    candor_enum_to_nick (CANDOR_TYPE_INCIDENT_STATE, candor_incident_get_state (incident)));
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (
    builder, candor_enum_to_nick (CANDOR_TYPE_SEVERITY, candor_incident_get_severity (incident)));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "update");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, candor_update_get_id (update));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (
    builder, candor_enum_to_nick (CANDOR_TYPE_UPDATE_KIND, candor_update_get_kind (update)));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, language != NULL ? language : "en");
  json_builder_set_member_name (builder, "subject");
  json_builder_add_string_value (builder, subject);

  json_builder_set_member_name (builder, "sections");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_sections; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder,
                                     candor_enum_to_nick (CANDOR_TYPE_FIELD, sections[i].field));
      json_builder_set_member_name (builder, "heading");
      json_builder_add_string_value (builder, sections[i].heading);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder,
                                     parsed_text_write (sections[i].parsed, CANDOR_MARKUP_PLAIN));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);

  return generate_json (builder);
}

static CandorChecker *
ensure_checker (CandorRenderer *self, CandorIncident *incident)
{
  g_autoptr (GError) error = NULL;
  const char *language = candor_incident_get_language (incident);

  if (self->checker != NULL || self->checker_failed)
    return self->checker;

  self->checker = candor_checker_new (language != NULL ? language : "en", &error);
  if (self->checker == NULL)
    {
      g_debug ("%s; checking lengths with the English checker", error->message);
      g_clear_error (&error);
      self->checker = candor_checker_new ("en", &error);
    }
  if (self->checker == NULL)
    {
      /* Only a broken installation lacks the English checks: say it once. */
      g_warning ("Cannot check message lengths: %s", error->message);
      self->checker_failed = TRUE;
    }

  return self->checker;
}

static void
check_length (CandorRenderer  *self,
              CandorIncident  *incident,
              CandorRendition *rendition,
              guint            length,
              guint            limit)
{
  CandorChecker *checker = ensure_checker (self, incident);

  if (checker != NULL && limit > 0)
    _candor_rendition_take_finding (
      rendition, candor_checker_check_length (checker, candor_rendition_get_format (rendition),
                                              length, limit));
}

static CandorSocialThread *
get_thread (CandorRenderer *self,
            const char     *audience_id,
            CandorDialect   format,
            const char     *text,
            const char     *language)
{
  g_autofree char *key = g_strdup_printf ("%s\x1f%d", audience_id, format);
  CachedThread    *cached = g_hash_table_lookup (self->threads, key);

  if (cached != NULL && g_str_equal (cached->text, text))
    return cached->thread;

  if (cached == NULL)
    {
      cached = g_new0 (CachedThread, 1);
      g_hash_table_insert (self->threads, g_steal_pointer (&key), cached);
    }

  g_free (cached->text);
  g_clear_object (&cached->thread);
  cached->text = g_strdup (text);
  cached->thread = candor_social_thread_new_cached (self->thread_cache, format, text, language);

  return cached->thread;
}

/* @plain is the text the posts are cut from: the rendition's own, but for
 * Telegram, whose rendition is HTML. */
static CandorSocialThread *
render_social (CandorRenderer  *self,
               CandorIncident  *incident,
               CandorAudience  *audience,
               CandorRendition *rendition,
               const char      *plain)
{
  CandorDialect       format = candor_rendition_get_format (rendition);
  CandorSocialThread *thread;
  guint               longest = 0;

  thread = get_thread (self, candor_audience_get_id (audience), format, plain,
                       candor_incident_get_language (incident));
  _candor_rendition_set_thread (rendition, thread);

  for (guint i = 0; i < candor_social_thread_get_n_posts (thread); i++)
    {
      const CandorSocialPost *post = candor_social_thread_get_post (thread, i);

      longest = MAX (longest, post->length);
      check_length (self, incident, rendition, post->length, post->limit);
    }

  _candor_rendition_set_length (rendition, longest, candor_social_network_get_limit (format));

  return thread;
}

/* @email_from and @email_to are the channel's; NULL takes the renderer's. */
static CandorRendition *
render_dialect (CandorRenderer *self,
                CandorIncident *incident,
                CandorUpdate   *update,
                CandorAudience *audience,
                CandorDialect   format,
                const char     *channel_id,
                const char     *email_from,
                const char     *email_to)
{
  const Phrases           *phrases;
  Section                  sections[CANDOR_N_FIELDS];
  guint                    n_sections;
  g_autofree char         *subject = NULL;
  CandorRendition         *rendition = NULL;
  const char              *audience_id;
  const char              *title_text;
  const CandorDialectInfo *info;

  g_return_val_if_fail (CANDOR_IS_RENDERER (self), NULL);
  g_return_val_if_fail (CANDOR_IS_INCIDENT (incident), NULL);
  g_return_val_if_fail (CANDOR_IS_UPDATE (update), NULL);
  g_return_val_if_fail (CANDOR_IS_AUDIENCE (audience), NULL);
  g_return_val_if_fail (format < CANDOR_N_DIALECTS, NULL);

  phrases = phrases_for (incident);
  n_sections = collect_sections (self, phrases, update, audience, sections);
  subject = make_subject (phrases, incident, update);
  update_title (self, subject);
  audience_id = candor_audience_get_id (audience);
  /* The table says which markup each dialect's text is written in; the
   * switch says how the message around it is built. */
  info = candor_dialect_get_info (format);

  switch (format)
    {
      case CANDOR_DIALECT_PLAIN:
        rendition = _candor_rendition_new (
          format, channel_id, audience_id, subject,
          compose_text (subject, sections, n_sections, info->markup, "", "", "\n"));
        break;

      case CANDOR_DIALECT_EMAIL:
        {
          g_autofree char *body = NULL;

          rendition = _candor_rendition_new (
            format, channel_id, audience_id, subject,
            compose_text (subject, sections, n_sections, CANDOR_MARKUP_PLAIN, "", "", "\n"));
          body = compose_html (subject, sections, n_sections, info->markup,
                               "<h1 style=\"" EMAIL_H1_STYLE "\">", "</h1>",
                               "<h2 style=\"" EMAIL_H2_STYLE "\">", "</h2>");
          _candor_rendition_take_html (
            rendition,
            candor_email_wrap_html (subject, body, candor_incident_get_language (incident)));
          /* The MIME message itself is built when it is first asked for. */
          _candor_rendition_set_email (
            rendition, email_from != NULL ? email_from : candor_renderer_get_email_from (self),
            email_to != NULL ? email_to : self->email_to,
            g_hash_table_lookup (self->email_threads, channel_id),
            candor_incident_get_language (incident), body);
        }
        break;

      case CANDOR_DIALECT_SLACK:
        {
          g_autofree char *bold_title =
            slack_bold_safe (parsed_text_write (&self->title, info->markup));

          rendition = _candor_rendition_new (
            format, channel_id, audience_id, subject,
            compose_text (bold_title, sections, n_sections, info->markup, "*", "*", "\n"));
        }
        break;

      case CANDOR_DIALECT_DISCORD:
      case CANDOR_DIALECT_MATTERMOST:
        title_text = parsed_text_write (&self->title, info->markup);
        rendition = _candor_rendition_new (
          format, channel_id, audience_id, subject,
          compose_text (title_text, sections, n_sections, info->markup, "**", "**", "\n"));
        break;

      case CANDOR_DIALECT_MATRIX:
        {
          g_autofree char *formatted = NULL;

          rendition = _candor_rendition_new (
            format, channel_id, audience_id, subject,
            defuse_room_mentions (
              compose_text (subject, sections, n_sections, CANDOR_MARKUP_PLAIN, "", "", "\n")));
          formatted = defuse_room_mentions (compose_html (
            subject, sections, n_sections, info->markup, "<h3>", "</h3>", "<h4>", "</h4>"));
          _candor_rendition_take_json (
            rendition, build_matrix_content (candor_rendition_get_text (rendition), formatted));
          _candor_rendition_take_html (rendition, g_steal_pointer (&formatted));
        }
        break;

      case CANDOR_DIALECT_TEAMS:
        title_text = parsed_text_write (&self->title, info->markup);
        rendition = _candor_rendition_new (
          format, channel_id, audience_id, subject,
          compose_text (title_text, sections, n_sections, info->markup, "**", "**", "\n\n"));
        _candor_rendition_take_json (rendition, build_teams_card (self, sections, n_sections));
        break;

      case CANDOR_DIALECT_STATUS_PAGE:
        /* The entry's name is the title, so the body starts with the first section. */
        rendition = _candor_rendition_new (
          format, channel_id, audience_id, subject,
          compose_text (NULL, sections, n_sections, info->markup, "", "", "\n"));
        _candor_rendition_take_json (
          rendition,
          build_status_page_entry (incident, update, candor_rendition_get_text (rendition)));
        break;

      case CANDOR_DIALECT_MASTODON:
      case CANDOR_DIALECT_BLUESKY:
      case CANDOR_DIALECT_X:
        rendition = _candor_rendition_new (format, channel_id, audience_id, subject,
                                           compose_social_text (subject, sections, n_sections));
        render_social (self, incident, audience, rendition, candor_rendition_get_text (rendition));
        return rendition;

      case CANDOR_DIALECT_TELEGRAM:
        {
          g_autofree char *plain =
            compose_text (subject, sections, n_sections, CANDOR_MARKUP_PLAIN, "", "", "\n");
          CandorSocialThread *thread;

          /* The plain text is as long as the HTML's parsed text or longer
           * (a link shows its address), so its posts fit as HTML too. */
          title_text = parsed_text_write (&self->title, info->markup);
          rendition = _candor_rendition_new (
            format, channel_id, audience_id, subject,
            compose_text (title_text, sections, n_sections, info->markup, "<b>", "</b>", "\n"));
          thread = render_social (self, incident, audience, rendition, plain);
          _candor_rendition_take_json (
            rendition, build_telegram_messages (candor_rendition_get_text (rendition), thread));
        }
        return rendition;

      case CANDOR_DIALECT_SIGNED_WEBHOOK:
        rendition = _candor_rendition_new (
          format, channel_id, audience_id, subject,
          compose_text (subject, sections, n_sections, info->markup, "", "", "\n"));
        _candor_rendition_take_json (
          rendition, build_webhook_data (incident, update, subject, sections, n_sections,
                                         candor_rendition_get_text (rendition)));
        break;

      default:
        g_return_val_if_reached (NULL);
    }

  if (info->units == CANDOR_LENGTH_UNITS_BYTES)
    _candor_rendition_set_length (rendition, strlen (candor_rendition_get_json (rendition)),
                                  info->limit);
  else
    _candor_rendition_set_length (
      rendition, g_utf8_strlen (candor_rendition_get_text (rendition), -1), info->limit);

  check_length (self, incident, rendition, candor_rendition_get_length (rendition),
                candor_rendition_get_limit (rendition));

  return rendition;
}

/* The rendition is in the incident's language: the composition hands in a
 * view of the incident in each rendition's language. */
static CandorRendition *
render (CandorRenderer *self,
        CandorIncident *incident,
        CandorUpdate   *update,
        CandorAudience *audience,
        CandorDialect   format,
        const char     *channel_id,
        const char     *email_from,
        const char     *email_to)
{
  CandorRendition *rendition =
    render_dialect (self, incident, update, audience, format, channel_id, email_from, email_to);
  const char *language = candor_incident_get_language (incident);

  if (rendition != NULL)
    _candor_rendition_set_language (
      rendition, language != NULL && *language != '\0' ? language : CANDOR_LANGUAGE_DEFAULT);

  return rendition;
}

CandorRendition *
candor_renderer_render (CandorRenderer *self,
                        CandorIncident *incident,
                        CandorUpdate   *update,
                        CandorAudience *audience,
                        CandorDialect   format)
{
  return render (self, incident, update, audience, format, candor_dialect_get_nick (format), NULL,
                 NULL);
}

CandorRendition *
candor_renderer_render_for_channel (CandorRenderer *self,
                                    CandorIncident *incident,
                                    CandorUpdate   *update,
                                    CandorAudience *audience,
                                    CandorChannel  *channel)
{
  g_return_val_if_fail (CANDOR_IS_CHANNEL (channel), NULL);

  return render (self, incident, update, audience, candor_channel_get_dialect (channel),
                 candor_channel_get_id (channel), candor_channel_get_setting (channel, "from"),
                 candor_channel_get_setting (channel, "to"));
}

GPtrArray *
candor_renderer_render_all (CandorRenderer *self,
                            CandorIncident *incident,
                            CandorUpdate   *update,
                            GPtrArray      *audiences,
                            GPtrArray      *channels)
{
  g_autoptr (GPtrArray) defaults = NULL;
  GPtrArray *renditions;

  g_return_val_if_fail (CANDOR_IS_RENDERER (self), NULL);
  g_return_val_if_fail (audiences != NULL, NULL);

  if (channels == NULL)
    channels = defaults = candor_channel_new_defaults ();

  renditions = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < audiences->len; i++)
    {
      CandorAudience    *audience = g_ptr_array_index (audiences, i);
      const char *const *ids = candor_audience_get_channels (audience);

      for (guint j = 0; ids[j] != NULL; j++)
        {
          CandorChannel *channel = candor_channel_find (channels, ids[j]);

          if (channel != NULL)
            g_ptr_array_add (renditions, candor_renderer_render_for_channel (self, incident, update,
                                                                             audience, channel));
        }
    }

  return renditions;
}

static void
candor_renderer_finalize (GObject *object)
{
  CandorRenderer *self = (CandorRenderer *)object;

  for (guint i = 0; i < CANDOR_N_FIELDS; i++)
    parsed_text_clear (&self->fields[i]);
  parsed_text_clear (&self->title);
  g_clear_object (&self->checker);
  g_clear_pointer (&self->email_from, g_free);
  g_clear_pointer (&self->email_to, g_free);
  g_clear_pointer (&self->email_threads, g_hash_table_unref);
  g_clear_pointer (&self->threads, g_hash_table_unref);
  g_clear_pointer (&self->thread_cache, candor_social_thread_cache_free);

  G_OBJECT_CLASS (candor_renderer_parent_class)->finalize (object);
}

static void
candor_renderer_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorRenderer *self = CANDOR_RENDERER (object);

  switch (prop_id)
    {
      case PROP_CHECKER:
        g_value_set_object (value, self->checker);
        break;

      case PROP_EMAIL_FROM:
        g_value_set_string (value, candor_renderer_get_email_from (self));
        break;

      case PROP_EMAIL_TO:
        g_value_set_string (value, self->email_to);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_renderer_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CandorRenderer *self = CANDOR_RENDERER (object);

  switch (prop_id)
    {
      case PROP_CHECKER:
        candor_renderer_set_checker (self, g_value_get_object (value));
        break;

      case PROP_EMAIL_FROM:
        candor_renderer_set_email_from (self, g_value_get_string (value));
        break;

      case PROP_EMAIL_TO:
        candor_renderer_set_email_to (self, g_value_get_string (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_renderer_class_init (CandorRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = candor_renderer_finalize;
  object_class->get_property = candor_renderer_get_property;
  object_class->set_property = candor_renderer_set_property;

  properties[PROP_CHECKER] =
    g_param_spec_object ("checker", NULL, "The checker that judges lengths", CANDOR_TYPE_CHECKER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_EMAIL_FROM] =
    g_param_spec_string ("email-from", NULL, "The sender of email renditions", DEFAULT_EMAIL_FROM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_EMAIL_TO] =
    g_param_spec_string ("email-to", NULL, "The recipients of email renditions", NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
candor_renderer_init (CandorRenderer *self)
{
  self->threads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cached_thread_free);
  self->email_threads =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_strfreev);
  self->thread_cache = candor_social_thread_cache_new ();
}

CandorRenderer *
candor_renderer_new (void)
{
  return g_object_new (CANDOR_TYPE_RENDERER, NULL);
}

CandorChecker *
candor_renderer_get_checker (CandorRenderer *self)
{
  g_return_val_if_fail (CANDOR_IS_RENDERER (self), NULL);

  return self->checker;
}

void
candor_renderer_set_checker (CandorRenderer *self, CandorChecker *checker)
{
  g_return_if_fail (CANDOR_IS_RENDERER (self));
  g_return_if_fail (checker == NULL || CANDOR_IS_CHECKER (checker));

  if (g_set_object (&self->checker, checker))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKER]);
}

const char *
candor_renderer_get_email_from (CandorRenderer *self)
{
  g_return_val_if_fail (CANDOR_IS_RENDERER (self), NULL);

  return self->email_from != NULL ? self->email_from : DEFAULT_EMAIL_FROM;
}

void
candor_renderer_set_email_from (CandorRenderer *self, const char *from)
{
  g_return_if_fail (CANDOR_IS_RENDERER (self));

  if (g_strcmp0 (self->email_from, from) == 0)
    return;

  g_free (self->email_from);
  self->email_from = g_strdup (from);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL_FROM]);
}

const char *
candor_renderer_get_email_to (CandorRenderer *self)
{
  g_return_val_if_fail (CANDOR_IS_RENDERER (self), NULL);

  return self->email_to;
}

void
candor_renderer_set_email_to (CandorRenderer *self, const char *to)
{
  g_return_if_fail (CANDOR_IS_RENDERER (self));

  if (g_strcmp0 (self->email_to, to) == 0)
    return;

  g_free (self->email_to);
  self->email_to = g_strdup (to);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL_TO]);
}

/* Each email channel has a thread of its own: its readers received only
 * its messages, so a follow-up replies to those. */
void
candor_renderer_set_email_thread (CandorRenderer    *self,
                                  const char        *channel_id,
                                  const char *const *message_ids)
{
  g_return_if_fail (CANDOR_IS_RENDERER (self));
  g_return_if_fail (channel_id != NULL);

  if (message_ids != NULL && message_ids[0] != NULL)
    g_hash_table_replace (self->email_threads, g_strdup (channel_id),
                          g_strdupv ((char **)message_ids));
  else
    g_hash_table_remove (self->email_threads, channel_id);
}
