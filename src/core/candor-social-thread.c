/* candor-social-thread.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-social-thread"

#include "config.h"

#include <pango/pango.h>
#include <string.h>

#include "candor-enum-types.h"
#include "candor-dialect.h"
#include "candor-social-thread.h"

/* What each network counts, from its own rules:
 * (the limits and their units are rows of the dialect table, candor-dialect.c)
 * - Mastodon: 500 grapheme clusters (StatusLengthValidator), every URL as 23.
 * - Bluesky: 300 graphemes of the text as posted; links are facets, and like
 *   the official app we show a shortened link text so a long URL does not eat
 *   the post, while the facet keeps the full URI.
 * - X: 280 weighted characters (twitter-text config v3): code points in the
 *   ranges below weigh 1, all others 2, an emoji sequence 2 in total, a URL 23,
 *   counted on the NFC form of the text. */
#define URL_WEIGHT 23

/* Bluesky's app keeps this much of a link's path before "...". */
#define BLUESKY_SHORT_PATH_MAX  15
#define BLUESKY_SHORT_PATH_KEEP 13

struct _CandorSocialThread
{
  GObject parent_instance;

  CandorDialect network;
  guint         limit; /* per post, in the network's units */
  GArray       *posts; /* of CandorSocialPost, owning their text and links */
};

G_DEFINE_FINAL_TYPE (CandorSocialThread, candor_social_thread, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NETWORK,
  PROP_N_POSTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  guint start; /* in characters, end exclusive */
  guint end;
  char *uri;
} UrlSpan;

/* The text prepared once for splitting: where each character starts, what
 * Pango says about breaking before it, and how much everything before it weighs. */
typedef struct
{
  char         *text;
  guint         n_chars;
  guint        *byte_at;
  PangoLogAttr *attrs;
  guint        *weight_before;
  guint        *url_at; /* per character: 1 + index into urls, or 0 */
  GArray       *urls;
} Measured;

static void
url_span_clear (UrlSpan *span)
{
  g_clear_pointer (&span->uri, g_free);
}

/* Line, word and sentence breaks never reach across a blank line, so each
 * paragraph is analysed on its own and remembered: when one field changes,
 * only its paragraphs go through Pango again. */
#define CACHE_MAX_PARAGRAPHS 512

struct _CandorSocialThreadCache
{
  GHashTable *paragraphs; /* "language\x1fparagraph" -> ParagraphAttrs */
  guint64     generation; /* one per thread split */
};

typedef struct
{
  guint         n_chars;
  PangoLogAttr *attrs; /* n_chars + 1 */
  guint64       last_used;
} ParagraphAttrs;

/* Paragraphs of the last few threads stay: the three networks of each
 * audience share most of them. */
#define CACHE_KEEP_GENERATIONS 16

static gboolean
paragraph_is_stale (gpointer key, gpointer value, gpointer user_data)
{
  const ParagraphAttrs *paragraph = value;
  const guint64        *generation = user_data;

  return paragraph->last_used + CACHE_KEEP_GENERATIONS < *generation;
}

static void
paragraph_attrs_free (gpointer data)
{
  ParagraphAttrs *paragraph = data;

  g_free (paragraph->attrs);
  g_free (paragraph);
}

CandorSocialThreadCache *
candor_social_thread_cache_new (void)
{
  CandorSocialThreadCache *cache = g_new0 (CandorSocialThreadCache, 1);

  cache->paragraphs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, paragraph_attrs_free);
  return cache;
}

void
candor_social_thread_cache_free (CandorSocialThreadCache *cache)
{
  if (cache == NULL)
    return;

  g_hash_table_unref (cache->paragraphs);
  g_free (cache);
}

static const ParagraphAttrs *
lookup_paragraph (CandorSocialThreadCache *cache,
                  const char              *start,
                  const char              *end,
                  const char              *language,
                  PangoLanguage           *pango_language)
{
  g_autofree char *key = NULL;
  ParagraphAttrs  *paragraph;

  key = g_strdup_printf ("%s\x1f%.*s", language, (int)(end - start), start);
  paragraph = g_hash_table_lookup (cache->paragraphs, key);
  if (paragraph != NULL)
    {
      paragraph->last_used = cache->generation;
      return paragraph;
    }

  /* Paragraphs as they were a few keystrokes ago are not worth keeping. */
  if (g_hash_table_size (cache->paragraphs) >= CACHE_MAX_PARAGRAPHS)
    {
      g_hash_table_foreach_remove (cache->paragraphs, paragraph_is_stale, &cache->generation);
      if (g_hash_table_size (cache->paragraphs) >= CACHE_MAX_PARAGRAPHS)
        g_hash_table_remove_all (cache->paragraphs);
    }

  paragraph = g_new0 (ParagraphAttrs, 1);
  paragraph->n_chars = g_utf8_strlen (start, end - start);
  paragraph->last_used = cache->generation;
  paragraph->attrs = g_new0 (PangoLogAttr, paragraph->n_chars + 1);
  pango_get_log_attrs (start, end - start, -1, pango_language, paragraph->attrs,
                       paragraph->n_chars + 1);
  g_hash_table_insert (cache->paragraphs, g_steal_pointer (&key), paragraph);

  return paragraph;
}

/* The same attributes pango_get_log_attrs() gives for the whole text, put
 * together from paragraphs that end after a blank line. */
static void
get_log_attrs (CandorSocialThreadCache *cache,
               const char              *text,
               gsize                    length,
               guint                    n_chars,
               const char              *language,
               PangoLogAttr            *attrs)
{
  PangoLanguage *pango_language = pango_language_from_string (language);
  const char    *start = text;
  const char    *text_end = text + length;
  guint          position = 0;

  if (cache == NULL)
    {
      pango_get_log_attrs (text, length, -1, pango_language, attrs, n_chars + 1);
      return;
    }

  cache->generation++;

  while (start < text_end)
    {
      const char           *blank = strstr (start, "\n\n");
      const char           *end = blank != NULL ? blank + 2 : text_end;
      const ParagraphAttrs *paragraph;
      PangoLogAttr          first;

      while (end < text_end && *end == '\n')
        end++;

      paragraph = lookup_paragraph (cache, start, end, language, pango_language);
      g_assert (position + paragraph->n_chars <= n_chars);

      /* Where two paragraphs meet, the break after the blank line is the
       * previous paragraph's, the character is the next one's. */
      first = paragraph->attrs[0];
      if (position > 0)
        {
          first.is_line_break |= attrs[position].is_line_break;
          first.is_mandatory_break |= attrs[position].is_mandatory_break;
          first.is_sentence_boundary |= attrs[position].is_sentence_boundary;
          first.is_cursor_position = TRUE;
        }
      memcpy (attrs + position, paragraph->attrs, (paragraph->n_chars + 1) * sizeof (PangoLogAttr));
      attrs[position] = first;

      position += paragraph->n_chars;
      start = end;
    }
}

static void
measured_clear (Measured *m)
{
  g_clear_pointer (&m->text, g_free);
  g_clear_pointer (&m->byte_at, g_free);
  g_clear_pointer (&m->attrs, g_free);
  g_clear_pointer (&m->weight_before, g_free);
  g_clear_pointer (&m->url_at, g_free);
  g_clear_pointer (&m->urls, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Measured, measured_clear)

static void
post_clear (CandorSocialPost *post)
{
  for (guint i = 0; i < post->n_links; i++)
    g_free ((char *)post->links[i].uri);
  g_free ((CandorSocialLink *)post->links);
  g_free ((char *)post->text);
}

gboolean
candor_social_network_is_social (CandorDialect format)
{
  return format < CANDOR_N_DIALECTS && candor_dialect_is_thread (format);
}

guint
candor_social_network_get_limit (CandorDialect network)
{
  g_return_val_if_fail (candor_social_network_is_social (network), 0);

  return candor_dialect_get_info (network)->limit;
}

static guint
x_code_point_weight (gunichar c)
{
  if (c <= 4351 || (c >= 8192 && c <= 8205) || (c >= 8208 && c <= 8223) || (c >= 8242 && c <= 8247))
    return 1;

  return 2;
}

/* Marks that only occur inside emoji sequences (variation selector 16, ZWJ
 * between pictographs, skin tones, keycaps, tag sequences of subdivision flags). */
static gboolean
is_emoji_sequence_mark (gunichar c)
{
  return c == 0xFE0F || c == 0x200D || c == 0x20E3 || (c >= 0x1F3FB && c <= 0x1F3FF) ||
         (c >= 0xE0020 && c <= 0xE007F);
}

static gboolean
is_pictographic_start (gunichar c)
{
  return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2190 && c <= 0x21FF) ||
         (c >= 0x2300 && c <= 0x23FF) || (c >= 0x25A0 && c <= 0x27BF) ||
         (c >= 0x2B00 && c <= 0x2BFF) || (c >= 0x2934 && c <= 0x2935) || c == 0x00A9 ||
         c == 0x00AE || c == 0x203C || c == 0x2049 || c == 0x2122 || c == 0x2139 || c == 0x3030 ||
         c == 0x303D || c == 0x3297 || c == 0x3299 || c == '#' || c == '*' ||
         (c >= '0' && c <= '9');
}

/* twitter-text counts a whole emoji sequence (a ZWJ family, a flag, a keycap,
 * a skin tone) as 2, not each of its code points: a grapheme cluster of more
 * than one code point that starts with a pictograph and carries an emoji mark,
 * or a pair of regional indicators. */
static gboolean
is_emoji_cluster (const char *start, const char *end)
{
  gunichar first = g_utf8_get_char (start);
  gboolean has_mark = FALSE;
  guint    n = 0;

  for (const char *p = start; p < end; p = g_utf8_next_char (p), n++)
    {
      if (p != start && is_emoji_sequence_mark (g_utf8_get_char (p)))
        has_mark = TRUE;
    }

  if (n < 2)
    return FALSE;

  if (first >= 0x1F1E6 && first <= 0x1F1FF)
    return TRUE;

  return has_mark && is_pictographic_start (first);
}

static gboolean
is_url_char (gunichar c)
{
  return !g_unichar_isspace (c) && !g_unichar_iscntrl (c) && c != '<' && c != '>' && c != '"';
}

/* A URL ends before trailing sentence punctuation, and before a closing
 * bracket it did not open: "(see https://x.org/a)." ends at "a". */
static const char *
trim_url_end (const char *start, const char *end)
{
  while (end > start)
    {
      const char *last = g_utf8_prev_char (end);
      gunichar    c = g_utf8_get_char (last);

      if (strchr (".,;:!?'*_", (int)c) != NULL && c < 0x80)
        {
          end = last;
          continue;
        }

      if (c == ')' || c == ']')
        {
          char open = c == ')' ? '(' : '[';
          gint balance = 0;

          for (const char *p = start; p < end; p++)
            {
              if (*p == open)
                balance++;
              else if (*p == (char)c)
                balance--;
            }
          if (balance < 0)
            {
              end = last;
              continue;
            }
        }

      break;
    }

  return end;
}

static gboolean
starts_url (const char *text, const char *p)
{
  if (p > text)
    {
      gunichar before = g_utf8_get_char (g_utf8_prev_char (p));

      if (g_unichar_isalnum (before))
        return FALSE;
    }

  return g_ascii_strncasecmp (p, "https://", 8) == 0 || g_ascii_strncasecmp (p, "http://", 7) == 0;
}

/* The link text Bluesky's own app shows: host and at most 13 characters of
 * the path, then "...". */
static char *
bluesky_short_url (const char *uri)
{
  const char      *host = strstr (uri, "://") + 3;
  const char      *path = host + strcspn (host, "/?#");
  g_autofree char *host_part = g_strndup (host, path - host);

  if (g_str_equal (path, "/"))
    path = "";

  if (g_utf8_strlen (path, -1) > BLUESKY_SHORT_PATH_MAX)
    {
      g_autofree char *kept = g_utf8_substring (path, 0, BLUESKY_SHORT_PATH_KEEP);

      return g_strconcat (host_part, kept, "...", NULL);
    }

  return g_strconcat (host_part, path, NULL);
}

/* Finds the URLs in @text. For Bluesky the text is rewritten with short link
 * texts; the returned spans are in bytes of the text returned. */
static char *
find_urls (CandorDialect network, const char *text, GArray *byte_spans)
{
  GString    *out = g_string_sized_new (strlen (text));
  const char *p = text;

  while (*p != '\0')
    {
      /* Every URL starts with "http": copy the runs in between at once. */
      const char *candidate = p + strcspn (p, "hH");

      g_string_append_len (out, p, candidate - p);
      p = candidate;
      if (*p == '\0')
        break;

      if (starts_url (text, p))
        {
          const char      *end = p;
          UrlSpan          span = { 0 };
          g_autofree char *uri = NULL;

          while (*end != '\0' && is_url_char (g_utf8_get_char (end)))
            end = g_utf8_next_char (end);
          end = trim_url_end (p, end);

          /* "https://" alone names no host: it is text, not a link. */
          if (end - p <=
              (gssize)strlen (g_ascii_strncasecmp (p, "https", 5) == 0 ? "https://" : "http://"))
            {
              g_string_append_c (out, *p);
              p++;
              continue;
            }

          uri = g_strndup (p, end - p);

          span.start = out->len;
          if (network == CANDOR_DIALECT_BLUESKY)
            {
              g_autofree char *shown = bluesky_short_url (uri);

              g_string_append (out, strlen (shown) < strlen (uri) ? shown : uri);
            }
          else
            g_string_append (out, uri);
          span.end = out->len;
          span.uri = g_steal_pointer (&uri);
          g_array_append_val (byte_spans, span);
          p = end;
          continue;
        }

      g_string_append_c (out, *p);
      p++;
    }

  return g_string_free (out, FALSE);
}

/* Characters NFC never changes and that never compose with what precedes
 * them: Latin up to U+02FF, Cyrillic, general punctuation from U+2002
 * including ZWJ, variation selectors, pictographs and flags. */
static gboolean
is_nfc_inert (const char *p)
{
  gunichar c;

  if ((guchar)*p < 0x80)
    return TRUE;

  c = g_utf8_get_char (p);
  return c < 0x300 || (c >= 0x400 && c <= 0x4FF) || (c >= 0x2002 && c <= 0x206F) ||
         (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0x1F000 && c <= 0x1FAFF);
}

/* @text in NFC, or NULL when it is already. Normalizing a whole text costs
 * as much as the rest of the split, and NFC only ever changes a run of other
 * characters (a combining mark) together with the character before it, so
 * only those runs are normalized. */
static char *
normalize_nfc (const char *text)
{
  GString    *out = NULL;
  const char *copied = text;
  const char *before = NULL; /* the character before @p */
  const char *p = text;

  while (*p != '\0')
    {
      const char      *start, *end;
      g_autofree char *nfc = NULL;

      if (is_nfc_inert (p))
        {
          before = p;
          p = g_utf8_next_char (p);
          continue;
        }

      start = before != NULL ? before : p;
      for (end = p; *end != '\0' && !is_nfc_inert (end);)
        end = g_utf8_next_char (end);

      if (out == NULL)
        out = g_string_sized_new (strlen (text) + 16);
      g_string_append_len (out, copied, start - copied);
      nfc = g_utf8_normalize (start, end - start, G_NORMALIZE_NFC);
      g_string_append (out, nfc);
      copied = p = end;
      before = NULL;
    }

  if (out == NULL)
    return NULL;

  g_string_append (out, copied);
  return g_string_free (out, FALSE);
}

/* What Telegram counts: a code point beyond the BMP is a surrogate pair. */
static guint
utf16_units_between (const char *start, const char *end)
{
  guint units = 0;

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    units += g_utf8_get_char (p) > 0xFFFF ? 2 : 1;

  return units;
}

static void
measure (Measured                *m,
         CandorSocialThreadCache *cache,
         CandorDialect            network,
         const char              *text,
         const char              *language)
{
  g_autoptr (GArray) byte_spans = g_array_new (FALSE, TRUE, sizeof (UrlSpan));
  g_autofree char  *normalized = NULL;
  const char       *p;
  guint             i, next_url = 0;
  CandorLengthUnits units = candor_dialect_get_info (network)->units;

  /* X counts the NFC form; posting that form is the same text to a reader. */
  if (units == CANDOR_LENGTH_UNITS_WEIGHTED)
    normalized = normalize_nfc (text);

  m->text = find_urls (network, normalized != NULL ? normalized : text, byte_spans);
  m->n_chars = g_utf8_strlen (m->text, -1);
  m->byte_at = g_new (guint, m->n_chars + 1);
  m->attrs = g_new0 (PangoLogAttr, m->n_chars + 1);
  m->weight_before = g_new0 (guint, m->n_chars + 1);
  m->url_at = g_new0 (guint, m->n_chars + 1);
  m->urls = g_array_sized_new (FALSE, TRUE, sizeof (UrlSpan), byte_spans->len);
  g_array_set_clear_func (m->urls, (GDestroyNotify)url_span_clear);

  for (p = m->text, i = 0; i < m->n_chars; p = g_utf8_next_char (p), i++)
    m->byte_at[i] = p - m->text;
  m->byte_at[m->n_chars] = p - m->text;

  /* Byte spans to character spans, walking both in order. */
  for (i = 0; i < byte_spans->len; i++)
    {
      UrlSpan *span = &g_array_index (byte_spans, UrlSpan, i);
      UrlSpan  chars = { 0 };

      while (m->byte_at[next_url] < span->start)
        next_url++;
      chars.start = next_url;
      while (m->byte_at[next_url] < span->end)
        next_url++;
      chars.end = next_url;
      chars.uri = g_steal_pointer (&span->uri);
      g_array_append_val (m->urls, chars);
      for (guint c = chars.start; c < chars.end; c++)
        m->url_at[c] = m->urls->len;
    }

  get_log_attrs (cache, m->text, m->byte_at[m->n_chars], m->n_chars,
                 language != NULL ? language : "en", m->attrs);

  for (i = 0; i < m->n_chars;)
    {
      guint weight = 0;
      guint end = i + 1;

      if (m->url_at[i] != 0)
        {
          UrlSpan *url = &g_array_index (m->urls, UrlSpan, m->url_at[i] - 1);

          end = url->end;
          if (units == CANDOR_LENGTH_UNITS_UTF16)
            weight = utf16_units_between (m->text + m->byte_at[i], m->text + m->byte_at[end]);
          else if (units == CANDOR_LENGTH_UNITS_GRAPHEMES)
            {
              for (guint c = i; c < end; c++)
                weight += m->attrs[c].is_cursor_position ? 1 : 0;
            }
          else
            weight = URL_WEIGHT;
        }
      else
        {
          while (end < m->n_chars && !m->attrs[end].is_cursor_position && m->url_at[end] == 0)
            end++;

          if (units == CANDOR_LENGTH_UNITS_UTF16)
            weight = utf16_units_between (m->text + m->byte_at[i], m->text + m->byte_at[end]);
          else if (units != CANDOR_LENGTH_UNITS_WEIGHTED)
            weight = 1;
          else if (is_emoji_cluster (m->text + m->byte_at[i], m->text + m->byte_at[end]))
            weight = 2;
          else
            {
              for (guint c = i; c < end; c++)
                weight += x_code_point_weight (g_utf8_get_char (m->text + m->byte_at[c]));
            }
        }

      /* Everything a cluster or URL weighs is put on its first character,
       * so the prefix sums are exact at every place the text may be cut. */
      for (guint c = i; c < end; c++)
        m->weight_before[c + 1] = m->weight_before[c] + (c == i ? weight : 0);
      i = end;
    }
}

static gboolean
is_space_at (const Measured *m, guint i)
{
  return m->attrs[i].is_white;
}

static guint
weight_between (const Measured *m, guint start, guint end)
{
  return m->weight_before[end] - m->weight_before[start];
}

static guint
trim_end (const Measured *m, guint start, guint end)
{
  while (end > start && is_space_at (m, end - 1))
    end--;

  return end;
}

static guint
skip_space (const Measured *m, guint start)
{
  while (start < m->n_chars && is_space_at (m, start))
    start++;

  return start;
}

/* A cut goes between grapheme clusters and never inside a URL. */
static gboolean
can_cut_at (const Measured *m, guint i)
{
  if (!m->attrs[i].is_cursor_position)
    return FALSE;

  return m->url_at[i] == 0 || i == 0 || m->url_at[i - 1] != m->url_at[i];
}

static guint
next_sentence_end (const Measured *m, guint start)
{
  for (guint i = start + 1; i < m->n_chars; i++)
    {
      if (m->attrs[i].is_sentence_boundary && can_cut_at (m, i))
        return i;
    }

  return m->n_chars;
}

/* Where the post that starts at @start ends, given @capacity units for text:
 * after the last whole sentence that fits; within a sentence longer than a
 * post, after the last word that fits; within a word longer than a post,
 * after the last grapheme that fits. Returns a position > @start. */
static guint
find_cut (const Measured *m, guint start, guint capacity)
{
  guint last_sentence = 0, last_word = 0, last_any = 0;

  for (guint i = start + 1; i < m->n_chars; i++)
    {
      if (!can_cut_at (m, i))
        continue;

      if (weight_between (m, start, trim_end (m, start, i)) > capacity)
        break;

      last_any = i;
      if (m->attrs[i].is_sentence_boundary)
        last_sentence = i;
      if (m->attrs[i].is_line_break)
        last_word = i;
    }

  if (last_sentence != 0)
    {
      guint next_start = skip_space (m, last_sentence);
      guint next_end = trim_end (m, next_start, next_sentence_end (m, next_start));

      /* Only a sentence that would not fit a post of its own is split. */
      if (last_word <= last_sentence || weight_between (m, next_start, next_end) <= capacity)
        return last_sentence;
    }

  if (last_word != 0)
    return last_word;
  if (last_any != 0)
    return last_any;

  /* Not even one cluster or URL fits: it goes alone, and the post is over. */
  for (guint i = start + 1; i < m->n_chars; i++)
    {
      if (can_cut_at (m, i))
        return i;
    }

  return m->n_chars;
}

static guint
count_digits (guint n)
{
  guint digits = 1;

  while (n >= 10)
    {
      n /= 10;
      digits++;
    }

  return digits;
}

/* Fills @cuts with start/end pairs for a text capacity of @capacity per post. */
static void
split (const Measured *m, guint capacity, GArray *cuts)
{
  guint start = skip_space (m, 0);

  g_array_set_size (cuts, 0);
  while (start < m->n_chars)
    {
      guint whole_end = trim_end (m, start, m->n_chars);
      guint end;

      if (weight_between (m, start, whole_end) <= capacity)
        end = m->n_chars;
      else
        end = find_cut (m, start, capacity);

      g_array_append_val (cuts, start);
      end = trim_end (m, start, end);
      g_array_append_val (cuts, end);
      start = skip_space (m, end);
    }
}

static void
add_post (CandorSocialThread *self,
          const Measured     *m,
          guint               start,
          guint               end,
          guint               number,
          guint               n_posts)
{
  CandorSocialPost post = { 0 };
  GArray          *links = g_array_new (FALSE, FALSE, sizeof (CandorSocialLink));
  GString         *text =
    g_string_new_len (m->text + m->byte_at[start], m->byte_at[end] - m->byte_at[start]);

  post.length = weight_between (m, start, end);
  post.limit = self->limit;

  /* The numbering goes last so link offsets stay those of the text. */
  if (n_posts > 1)
    {
      gsize before = text->len;

      g_string_append_printf (text, " %u/%u", number, n_posts);
      post.length += text->len - before;
    }

  for (guint i = 0; i < m->urls->len; i++)
    {
      const UrlSpan   *url = &g_array_index (m->urls, UrlSpan, i);
      CandorSocialLink link;

      if (url->start < start || url->end > end)
        continue;

      link.byte_start = m->byte_at[url->start] - m->byte_at[start];
      link.byte_end = m->byte_at[url->end] - m->byte_at[start];
      link.uri = g_strdup (url->uri);
      g_array_append_val (links, link);
    }

  post.text = g_string_free (text, FALSE);
  post.n_links = links->len;
  post.links = (CandorSocialLink *)(void *)g_array_free (links, FALSE);
  g_array_append_val (self->posts, post);
}

static void
candor_social_thread_finalize (GObject *object)
{
  CandorSocialThread *self = (CandorSocialThread *)object;

  g_clear_pointer (&self->posts, g_array_unref);

  G_OBJECT_CLASS (candor_social_thread_parent_class)->finalize (object);
}

static void
candor_social_thread_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CandorSocialThread *self = CANDOR_SOCIAL_THREAD (object);

  switch (prop_id)
    {
      case PROP_NETWORK:
        g_value_set_enum (value, self->network);
        break;

      case PROP_N_POSTS:
        g_value_set_uint (value, self->posts->len);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_social_thread_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CandorSocialThread *self = CANDOR_SOCIAL_THREAD (object);

  switch (prop_id)
    {
      case PROP_NETWORK:
        self->network = g_value_get_enum (value);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
candor_social_thread_class_init (CandorSocialThreadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = candor_social_thread_finalize;
  object_class->get_property = candor_social_thread_get_property;
  object_class->set_property = candor_social_thread_set_property;

  properties[PROP_NETWORK] = g_param_spec_enum (
    "network", NULL, "The social network whose limits the thread follows", CANDOR_TYPE_DIALECT,
    CANDOR_DIALECT_MASTODON, G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_POSTS] =
    g_param_spec_uint ("n-posts", NULL, "How many posts the text needs", 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
candor_social_thread_init (CandorSocialThread *self)
{
  self->posts = g_array_new (FALSE, TRUE, sizeof (CandorSocialPost));
  g_array_set_clear_func (self->posts, (GDestroyNotify)post_clear);
}

static CandorSocialThread *
thread_new (CandorSocialThreadCache *cache,
            CandorDialect            network,
            const char              *text,
            const char              *language,
            guint                    limit)
{
  g_autoptr (CandorSocialThread) self = NULL;
  g_auto (Measured) m = { 0 };
  g_autoptr (GArray) cuts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_posts, digits;

  self = g_object_new (CANDOR_TYPE_SOCIAL_THREAD, "network", network, NULL);
  self->limit = limit;
  measure (&m, cache, network, text, language);

  split (&m, limit, cuts);
  n_posts = cuts->len / 2;

  /* The numbering takes " N/N" of every post; when the count gains a digit,
   * the posts lose one more each, so split again until the count holds. */
  for (digits = 1; n_posts > 1 && digits < 10; digits++)
    {
      guint reserve = 2 + 2 * digits;

      split (&m, limit > reserve ? limit - reserve : 1, cuts);
      n_posts = cuts->len / 2;
      if (count_digits (n_posts) <= digits)
        break;
    }

  for (guint i = 0; i < n_posts; i++)
    add_post (self, &m, g_array_index (cuts, guint, 2 * i), g_array_index (cuts, guint, 2 * i + 1),
              i + 1, n_posts);

  return g_steal_pointer (&self);
}

/**
 * candor_social_thread_new:
 * @network: a dialect whose text is a thread of posts (Mastodon, Bluesky, X, Telegram)
 * @text: plain text
 * @language: (nullable): the text's language, for sentence and word breaks
 *
 * Splits @text into as few posts as @network needs: one post without
 * numbering when it fits, otherwise posts numbered " 1/3" at their end, the
 * numbering counted in each post's length.
 */
CandorSocialThread *
candor_social_thread_new (CandorDialect network, const char *text, const char *language)
{
  return candor_social_thread_new_cached (NULL, network, text, language);
}

/**
 * candor_social_thread_new_cached:
 * @cache: (nullable): paragraph analyses kept from earlier threads
 *
 * Like candor_social_thread_new(), reusing the analysis of every paragraph
 * @cache has seen before, in any network's thread.
 */
CandorSocialThread *
candor_social_thread_new_cached (CandorSocialThreadCache *cache,
                                 CandorDialect            network,
                                 const char              *text,
                                 const char              *language)
{
  g_return_val_if_fail (candor_social_network_is_social (network), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  return thread_new (cache, network, text, language, candor_social_network_get_limit (network));
}

/**
 * candor_social_thread_new_with_limit:
 * @limit: what one post may measure, in @network's units, when the server
 *   says so (a Mastodon instance's configuration.statuses.max_characters)
 *
 * Like candor_social_thread_new(), for a server whose limit is not the
 * network's usual one.
 */
CandorSocialThread *
candor_social_thread_new_with_limit (CandorDialect network,
                                     const char   *text,
                                     const char   *language,
                                     guint         limit)
{
  g_return_val_if_fail (candor_social_network_is_social (network), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (limit > 0, NULL);

  return thread_new (NULL, network, text, language, limit);
}

CandorDialect
candor_social_thread_get_network (CandorSocialThread *self)
{
  g_return_val_if_fail (CANDOR_IS_SOCIAL_THREAD (self), 0);

  return self->network;
}

guint
candor_social_thread_get_n_posts (CandorSocialThread *self)
{
  g_return_val_if_fail (CANDOR_IS_SOCIAL_THREAD (self), 0);

  return self->posts->len;
}

const CandorSocialPost *
candor_social_thread_get_post (CandorSocialThread *self, guint index)
{
  g_return_val_if_fail (CANDOR_IS_SOCIAL_THREAD (self), NULL);
  g_return_val_if_fail (index < self->posts->len, NULL);

  return &g_array_index (self->posts, CandorSocialPost, index);
}

guint
candor_social_network_measure (CandorDialect network, const char *text, const char *language)
{
  g_auto (Measured) m = { 0 };

  g_return_val_if_fail (candor_social_network_is_social (network), 0);
  g_return_val_if_fail (text != NULL, 0);

  measure (&m, NULL, network, text, language);

  return m.weight_before[m.n_chars];
}
