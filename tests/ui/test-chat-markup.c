/* test-chat-markup.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "candor-channel-view.h"
#include "candor-chat-markup.h"
#include "candor-dialect.h"
#include "candor-draft.h"
#include "candor-renderer.h"

#define CODE      "<span font_family=\"monospace\" bgcolor=\"#808080\" bgalpha=\"20%\">"
#define MENTION   "<span weight=\"bold\" bgcolor=\"#3584e4\" bgalpha=\"25%\">"
#define BAR       "<span fgalpha=\"45%\">\xe2\x96\x8e</span> "
#define BAR_T     "\xe2\x96\x8e "
#define LINK(url) "<a href=\"" url "\" title=\"" url "\">"
#define ZWSP      "\xe2\x80\x8b"

/* One message as sent, the markup expected for it (NULL: only checked for
 * being valid) and the text a reader sees. */
typedef struct
{
  const char *source;
  const char *markup;
  const char *text;
} Case;

static gboolean have_display;

/* Pango does not know GtkLabel's links: they become spans to check the rest,
 * and must be exactly what GtkLabel reads, never nested. */
static char *
links_as_spans (const char *markup)
{
  g_autoptr (GRegex) open = g_regex_new ("<a href=\"[^\"<>]*\" title=\"[^\"<>]*\">", 0, 0, NULL);
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GMatchInfo) match = NULL;
  const char *p = markup;
  gboolean    in_link = FALSE;

  while (*p != '\0')
    {
      gint start, end;

      if (g_str_has_prefix (p, "<a"))
        {
          g_assert_true (g_regex_match (open, p, G_REGEX_MATCH_ANCHORED, &match));
          g_match_info_fetch_pos (match, 0, &start, &end);
          g_clear_pointer (&match, g_match_info_free);
          if (in_link)
            g_error ("A link inside a link in “%s”", markup);
          in_link = TRUE;
          g_string_append (out, "<span>");
          p += end;
        }
      else if (g_str_has_prefix (p, "</a>"))
        {
          if (!in_link)
            g_error ("A link closed that is not open in “%s”", markup);
          in_link = FALSE;
          g_string_append (out, "</span>");
          p += 4;
        }
      else
        g_string_append_c (out, *p++);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The text a reader sees, asserting that @markup is valid for Pango and for
 * a real GtkLabel (which warns, fatally in a test, on anything else). */
static char *
visible_text (const char *markup)
{
  g_autofree char *spans = links_as_spans (markup);
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  if (!pango_parse_markup (spans, -1, 0, NULL, &text, NULL, &error))
    g_error ("Invalid markup “%s”: %s", markup, error->message);

  if (have_display)
    {
      GtkWidget *label = g_object_ref_sink (gtk_label_new (NULL));

      gtk_label_set_markup (GTK_LABEL (label), markup);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, text);
      g_object_unref (label);
    }

  return text;
}

static void
assert_cases (CandorDialect format, const Case *cases, guint n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *markup = candor_chat_markup_from_source (format, cases[i].source);
      g_autofree char *text = visible_text (markup);

      g_test_message ("source: %s\nmarkup: %s", cases[i].source, markup);
      if (cases[i].markup != NULL)
        g_assert_cmpstr (markup, ==, cases[i].markup);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_chat_markup_slack (void)
{
  static const Case cases[] = {
    { "*bold* _italic_ ~struck~ `code`",
      "<b>bold</b> <i>italic</i> <s>struck</s> " CODE "code</span>", "bold italic struck code" },
    { "*Incident: Checkout &amp; login*\n\n*Summary*\nText",
      "<b>Incident: Checkout &amp; login</b>\n\n<b>Summary</b>\nText",
      "Incident: Checkout & login\n\nSummary\nText" },
    /* Slack pairs markers at word edges only, and on one line. */
    { "a*b*c snake_case_name 2*3*4 * not * *line\nbreak*",
      "a*b*c snake_case_name 2*3*4 * not * *line\nbreak*",
      "a*b*c snake_case_name 2*3*4 * not * *line\nbreak*" },
    { "*unbalanced and _open ~too", NULL, "*unbalanced and _open ~too" },
    { "*bold _both_* _italic *both*_ (*in parens*)",
      "<b>bold <i>both</i></b> <i>italic <b>both</b></i> (<b>in parens</b>)",
      "bold both italic both (in parens)" },
    /* The one escape Slack has: three entities, the rest is text. */
    { "&lt;b&gt; &amp; &amp;amp; &copy; & < <> a>b", NULL, "<b> & &amp; &copy; & < <> a>b" },
    { "<https://x.test/?a=1&amp;b=2|Status &amp; *more*> <https://x.test/a%7Cb> "
      "<mailto:ops@example.com|ops@example.com>",
      LINK ("https://x.test/?a=1&amp;b=2") "Status &amp; *more*</a> " LINK (
        "https://x.test/a%7Cb") "https://x.test/a%7Cb</a> " LINK ("mailto:ops@example.com") "ops@"
                                                                                            "exampl"
                                                                                            "e.com<"
                                                                                            "/a>",
      "Status & *more* https://x.test/a%7Cb ops@example.com" },
    { "<https://x.test unterminated <javascript:alert(1)|x> <ftp://old>",
      "&lt;" LINK ("https://x.test") "https://x.test</a> unterminated "
                                     "&lt;javascript:alert(1)|x&gt; &lt;ftp://old&gt;",
      "<https://x.test unterminated <javascript:alert(1)|x> <ftp://old>" },
    /* Slack links bare URLs too; what ends a sentence is not part of them. */
    { "See https://x.test/a?b=1&amp;c=2. *https://y.test/*z*",
      "See " LINK ("https://x.test/a?b=1&amp;c=2") "https://x.test/a?b=1&amp;c=2</a>. <b>" LINK (
        "https://y.test/*z") "https://y.test/*z</a></b>",
      "See https://x.test/a?b=1&c=2. https://y.test/*z" },
    { "<@U123> <!here> <#C42|ops> <!subteam^S1>",
      MENTION "@U123</span> " MENTION "@here</span> " MENTION "#ops</span> " MENTION "@S1</span>",
      "@U123 @here #ops @S1" },
    { "*Сбой* _оплаты_ слово*жирное* ~Ёж~", "<b>Сбой</b> <i>оплаты</i> слово*жирное* <s>Ёж</s>",
      "Сбой оплаты слово*жирное* Ёж" },
    /* A marker inside code or a link does not close one outside. */
    { "*a `b*` c* *d <https://x.test/*|e*> f*",
      "<b>a " CODE "b*</span> c</b> <b>d " LINK ("https://x.test/*") "e*</a> f</b>",
      "a b* c d e* f" },
    { "&gt; quoted *bold*\n> also\nnot &gt; a quote",
      BAR "quoted <b>bold</b>\n" BAR "also\nnot &gt; a quote",
      BAR_T "quoted bold\n" BAR_T "also\nnot > a quote" },
    { "before\n&gt;&gt;&gt; all\nof this", NULL, "before\n" BAR_T "all\n" BAR_T "of this" },
    { "Run ```ls *x*\n&lt;y&gt;``` now", "Run \n" CODE "ls *x*\n&lt;y&gt;</span>\n now",
      "Run \nls *x*\n<y>\n now" },
    { "``` unclosed `and` *b*", NULL, "`` unclosed and` b" },
    { "\xe2\x80\xa2 item *one*\n1. two\n", "\xe2\x80\xa2 item <b>one</b>\n1. two",
      "\xe2\x80\xa2 item one\n1. two" },
  };

  assert_cases (CANDOR_DIALECT_SLACK, cases, G_N_ELEMENTS (cases));
}

static void
test_chat_markup_discord (void)
{
  static const Case cases[] = {
    { "**bold** *italic* _italic_ __under__ ~~struck~~ ||spoiler|| `code`",
      "<b>bold</b> <i>italic</i> <i>italic</i> <u>under</u> <s>struck</s> "
      "<span bgcolor=\"#808080\" bgalpha=\"45%\">spoiler</span> " CODE "code</span>",
      "bold italic italic under struck spoiler code" },
    { "***both*** *a **b*** **a *b***", "<i><b>both</b></i> <i>a <b>b</b></i> <b>a <i>b</i></b>",
      "both a b a b" },
    /* What the writer escapes is text again. */
    { "\\*not\\* \\_x\\_ \\\\ \\<x\\> \\& 2\\. a\\|b \\~c\\~ \\[x\\](y) \\q",
      "*not* _x_ \\ &lt;x&gt; &amp; 2. a|b ~c~ [x](y) \\q",
      "*not* _x_ \\ <x> & 2. a|b ~c~ [x](y) \\q" },
    { "**unclosed *open __under ~~s ||p `c", NULL, "**unclosed *open __under ~~s ||p `c" },
    { "[Status](https://status.example.com) <https://x.test/a_%28b%29> https://bare.test/x_y.",
      LINK ("https://status.example.com") "Status</a> " LINK (
        "https://x.test/a_%28b%29") "https://x.test/a_%28b%29</a> " LINK ("https://bare.test/"
                                                                          "x_y") "https://"
                                                                                 "bare.test/"
                                                                                 "x_y</a>.",
      "Status https://x.test/a_%28b%29 https://bare.test/x_y." },
    /* Discord links only the web; a label keeps its emphasis. */
    { "[mail](mailto:a@b.c) [x](javascript:alert(1)) [**b** *i*](https://x.test/?a=1&b=2)",
      "[mail](mailto:a@b.c) [x](javascript:alert(1)) " LINK (
        "https://x.test/?a=1&amp;b=2") "<b>b</b> <i>i</i></a>",
      "[mail](mailto:a@b.c) [x](javascript:alert(1)) b i" },
    { "# Big\n## Mid\n### Small\n#### not\n\\# escaped\n#none",
      "<span weight=\"bold\" size=\"x-large\">Big</span>\n"
      "<span weight=\"bold\" size=\"large\">Mid</span>\n"
      "<span weight=\"bold\">Small</span>\n#### not\n# escaped\n#none",
      "Big\nMid\nSmall\n#### not\n# escaped\n#none" },
    { "> quote *x*\n>no\n>>> rest\nof it", BAR "quote <i>x</i>\n&gt;no\n" BAR "rest\n" BAR "of it",
      BAR_T "quote x\n>no\n" BAR_T "rest\n" BAR_T "of it" },
    { "- a\n* b\n   - nested **x**\n3. three\n\\- text", NULL,
      "\xe2\x80\xa2 a\n\xe2\x80\xa2 b\n   \xe2\x80\xa2 nested x\n3. three\n- text" },
    { "```sh\nls *x* <y>\n```\nafter", CODE "ls *x* &lt;y&gt;</span>\nafter", "ls *x* <y>\nafter" },
    { "**Сбой** *оплаты* @" ZWSP "everyone", "<b>Сбой</b> <i>оплаты</i> @" ZWSP "everyone",
      "Сбой оплаты @" ZWSP "everyone" },
    /* Emphasis goes on over a line end. */
    { "**two\nlines**", "<b>two\nlines</b>", "two\nlines" },
  };

  assert_cases (CANDOR_DIALECT_DISCORD, cases, G_N_ELEMENTS (cases));
}

static void
test_chat_markup_mattermost (void)
{
  static const Case cases[] = {
    /* CommonMark's strong "__", quotes without a space, six heading levels. */
    { "__bold__ >x\n>quote\n#### Four\n[mail](mailto:a@b.c)",
      "<b>bold</b> &gt;x\n" BAR
      "quote\n<span weight=\"bold\">Four</span>\n" LINK ("mailto:a@b.c") "mail</a>",
      "bold >x\n" BAR_T "quote\nFour\nmail" },
    /* Not inside a word, and not around spaces. */
    { "snake_case_name слово_с_подчёркиванием_ ** a ** _ b _", NULL,
      "snake_case_name слово_с_подчёркиванием_ ** a ** _ b _" },
    { "||no spoiler||", "||no spoiler||", "||no spoiler||" },
  };

  assert_cases (CANDOR_DIALECT_MATTERMOST, cases, G_N_ELEMENTS (cases));
}

static void
test_chat_markup_matrix (void)
{
  static const Case cases[] = {
    { "<h3>Update: A &amp; B</h3>\n<h4>Summary</h4>\n<p>Text <strong>bold</strong> <em>it</em> "
      "<a href=\"https://x.test/?a=1&amp;b=2\">link</a>.</p>\n<p>Line<br>\nbreak</p>",
      "<span weight=\"bold\" size=\"large\">Update: A &amp; B</span>\n\n"
      "<span weight=\"bold\" size=\"medium\">Summary</span>\n\n"
      "Text <b>bold</b> <i>it</i> " LINK ("https://x.test/?a=1&amp;b=2") "link</a>.\n\n"
                                                                         "Line\nbreak",
      "Update: A & B\n\nSummary\n\nText bold it link.\n\nLine\nbreak" },
    { "<p>Steps:</p>\n<ol start=\"3\">\n<li>Restart\n<ul>\n<li><p>web</p>\n</li>\n"
      "<li><p>api</p>\n<p>still api</p>\n</li>\n</ul>\n</li>\n<li>Verify</li>\n</ol>",
      NULL,
      /* Paragraphs in items are set apart, as their margins do in a browser. */
      "Steps:\n\n3. Restart\n\n    \xe2\x97\xa6 web\n\n    \xe2\x97\xa6 api\n\n       still api\n\n"
      "4. Verify" },
    /* What Matrix clients drop: scripts, replies' quotes, unsafe link targets. */
    { "<script>alert(1)</script><style>p{}</style><mx-reply><blockquote>old</blockquote>"
      "</mx-reply>Reply <a href=\"javascript:alert(1)\">x</a> <img src=\"mxc://a\" alt=\"pic\">",
      "Reply x pic", "Reply x pic" },
    { "<b>unclosed <i>mis</b>nested</i> </u>stray <p>a < b && c",
      "<b>unclosed <i>mis</i></b>nested stray\n\na &lt; b &amp;&amp; c",
      "unclosed misnested stray\n\na < b && c" },
    { "&#x1F600; &#0; &#xD800; &#8; &bogus; &amp &nbsp;x &#39;", NULL,
      "\xf0\x9f\x98\x80 \xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd &bogus; &amp \xc2\xa0x '" },
    { "<font data-mx-color=\"#ff0000\">red</font> <font color=\"red\">named</font> "
      "<span data-mx-bg-color=\"#00ff00\" data-mx-spoiler>s</span> <del>d</del> <code>c</code>",
      "<span foreground=\"#ff0000\">red</span> named "
      "<span bgcolor=\"#808080\" bgalpha=\"45%\">s</span> <s>d</s> " CODE "c</span>",
      "red named s d c" },
    { "<blockquote><p>q1</p><p>q2</p></blockquote><p>after</p>", NULL,
      BAR_T "q1\n" BAR_T "\n" BAR_T "q2\n\nafter" },
    { "<pre><code>x  y\n  z</code></pre>tail", CODE "x  y\n  z</span>\n\ntail",
      "x  y\n  z\n\ntail" },
    { "<a href=\"https://x.test\">out <a href=\"https://y.test\">in</a></a> "
      "<a href=\"https://z.test\"></a><!-- c -->end",
      LINK ("https://x.test") "out in</a> end", "out in end" },
    { "<p>text <b title=\"t>\" x=1 y>bold</b> <b", NULL, "text bold" },
    { "<ul><li>a<li>b</ul><hr><h1>H1</h1>", NULL,
      "\xe2\x80\xa2 a\n\xe2\x80\xa2 "
      "b\n\n\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
      "\n\nH1" },
  };

  assert_cases (CANDOR_DIALECT_MATRIX, cases, G_N_ELEMENTS (cases));
}

static void
test_chat_markup_teams (void)
{
  static const Case cases[] = {
    { "{\"type\":\"AdaptiveCard\",\"body\":["
      "{\"type\":\"TextBlock\",\"text\":\"Title \\\\& "
      "more\",\"size\":\"Large\",\"weight\":\"Bolder\"},"
      "{\"type\":\"TextBlock\",\"text\":\"Summary\",\"size\":\"Medium\",\"weight\":\"Bolder\"},"
      "{\"type\":\"TextBlock\",\"text\":\"One\\ntwo\\n\\n**b** _i_ [l](https://x.test/?a=1&b=2)\\n"
      "- x\\n- y\"}]}",
      "<span size=\"x-large\" weight=\"bold\">Title &amp; more</span>\n"
      "<span size=\"large\" weight=\"bold\">Summary</span>\n"
      "<span>One two\n\n<b>b</b> <i>i</i> " LINK (
        "https://x.test/?a=1&amp;b=2") "l</a>\n\xe2\x80\xa2 x\n\xe2\x80\xa2 y</span>",
      "Title & more\nSummary\nOne two\n\nb i l\n\xe2\x80\xa2 x\n\xe2\x80\xa2 y" },
    /* Adaptive Cards draw no code, strikes, quotes or headings, nor HTML. */
    { "{\"body\":[{\"type\":\"TextBlock\",\"text\":\"~~s~~ `c` > q # h <b>x</b> \\\\*e\\\\*\"}]}",
      "<span>~~s~~ `c` &gt; q # h &lt;b&gt;x&lt;/b&gt; *e*</span>",
      "~~s~~ `c` > q # h <b>x</b> *e*" },
    { "{\"body\":[{\"type\":\"Container\",\"items\":[{\"type\":\"TextBlock\",\"text\":\"in\","
      "\"isSubtle\":true}]},{\"type\":\"Image\",\"url\":\"x\"},3,{\"type\":\"TextBlock\","
      "\"text\":7},{\"type\":\"TextBlock\",\"text\":\"ok\",\"size\":[1]}]}",
      "<span fgalpha=\"70%\">in</span>\n<span></span>\n<span>ok</span>", "in\n\nok" },
    { "not json <b>", "not json &lt;b&gt;", "not json <b>" },
    { "{\"nobody\":1}", "", "" },
  };

  assert_cases (CANDOR_DIALECT_TEAMS, cases, G_N_ELEMENTS (cases));
}

/* Plain text is only escaped, exactly as GLib escapes it. */
static void
test_chat_markup_plain (void)
{
  static const char *const sources[] = {
    "a & b < c > d \"e\" 'f'",
    "Сбой \xc2\x85 \xc2\x80 \xc2\x9f \x01 \x7f \t tab",
    "*not* _formatted_ <https://x|y>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_autofree char *markup = candor_chat_markup_from_source (CANDOR_DIALECT_PLAIN, sources[i]);
      g_autofree char *expected = g_markup_escape_text (sources[i], -1);
      g_autofree char *text = visible_text (markup);

      g_assert_cmpstr (markup, ==, expected);
      g_assert_cmpstr (text, ==, sources[i]);
    }
}

/* Whatever is sent, the markup is valid: random texts of markers and
 * entities, and long walls of unpaired markers that must not take long. */
static void
test_chat_markup_hostile (void)
{
  static const char *const pieces[] = {
    "*",
    "**",
    "_",
    "__",
    "~",
    "~~",
    "|",
    "||",
    "`",
    "```",
    "\\",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "&",
    "&amp;",
    "&gt;",
    "&#x41;",
    "&#",
    "#",
    "# ",
    "> ",
    ">>> ",
    "- ",
    "1. ",
    "\n",
    "\n\n",
    " ",
    "a",
    "Ж",
    "https://x.test/?a=1&b=2|c",
    "mailto:a@b.c",
    "<https://y.test|l>",
    "<b>",
    "</b>",
    "<p>",
    "</p>",
    "<a href=\"https://z.test\">",
    "</a>",
    "<li>",
    "<ul>",
    "</ol>",
    "<blockquote>",
    "<pre>",
    "<!--",
    "\"",
    "'",
    "\xc2\x85",
    "\x01",
    "{\"",
    "\":",
  };
  static const CandorDialect formats[] = {
    CANDOR_DIALECT_PLAIN,      CANDOR_DIALECT_SLACK,  CANDOR_DIALECT_DISCORD,
    CANDOR_DIALECT_MATTERMOST, CANDOR_DIALECT_MATRIX, CANDOR_DIALECT_TEAMS,
  };
  static const char *const walls[] = { "*a ",  "_a ",    "**a ",   "`a`` ", "[a](", "<a ",
                                       "~~a ", "&gt; *", "<b><i>", "*_~",   "[[[[" };

  for (guint round = 0; round < 3000; round++)
    {
      g_autoptr (GString) source = g_string_new (NULL);
      guint n = g_test_rand_int_range (0, 24);

      for (guint i = 0; i < n; i++)
        g_string_append (source, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);

      for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
        {
          g_autofree char *markup = candor_chat_markup_from_source (formats[f], source->str);
          g_autofree char *text = visible_text (markup);

          g_assert_true (g_utf8_validate (markup, -1, NULL));
        }
    }

  for (guint w = 0; w < G_N_ELEMENTS (walls); w++)
    {
      g_autoptr (GString) source = g_string_new (NULL);

      while (source->len < 40000)
        g_string_append (source, walls[w]);

      for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
        {
          g_autoptr (GTimer) timer = g_timer_new ();
          g_autofree char *markup = candor_chat_markup_from_source (formats[f], source->str);
          g_autofree char *spans = links_as_spans (markup);

          g_test_message ("wall “%s” in format %d: %.1f ms", walls[w], formats[f],
                          g_timer_elapsed (timer, NULL) * 1000);
          g_assert_true (pango_parse_markup (spans, -1, 0, NULL, NULL, NULL, NULL));
        }
    }

  /* Invalid UTF-8 is replaced, not passed on. */
  {
    g_autofree char *markup = candor_chat_markup_from_source (CANDOR_DIALECT_SLACK, "*a\xff*");

    g_assert_cmpstr (markup, ==, "<b>a\xef\xbf\xbd</b>");
  }
}

/* The last audience reached through @format: the one told the most. */
static CandorRendition *
render_draft (CandorDraft *draft, CandorRenderer *renderer, CandorDialect format)
{
  GPtrArray *audiences = candor_draft_get_audiences (draft);

  for (guint i = audiences->len; i > 0; i--)
    {
      CandorAudience *audience = g_ptr_array_index (audiences, i - 1);

      if (candor_audience_has_channel (audience, candor_dialect_get_nick (format)))
        return candor_renderer_render (renderer, candor_draft_get_incident (draft),
                                       candor_draft_get_update (draft), audience, format);
    }

  g_assert_not_reached ();
}

/* What the renderer writes is drawn, not shown as markup: headings, emphasis
 * and links of a real draft, in every chat format. */
static void
test_chat_markup_renditions (void)
{
  static const CandorDialect formats[] = {
    CANDOR_DIALECT_SLACK,  CANDOR_DIALECT_DISCORD, CANDOR_DIALECT_MATTERMOST,
    CANDOR_DIALECT_MATRIX, CANDOR_DIALECT_TEAMS,
  };
  g_autofree char *path =
    g_test_build_filename (G_TEST_DIST, "data", "drafts", "full-major-en.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (CandorDraft) draft = candor_draft_load_from_file (file, NULL, &error);
  g_autoptr (CandorRenderer) renderer = candor_renderer_new ();

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr (CandorRendition) rendition = render_draft (draft, renderer, formats[i]);
      const char      *source = candor_chat_markup_get_source (rendition);
      g_autofree char *markup = candor_chat_markup_from_source (formats[i], source);
      g_autofree char *text = visible_text (markup);

      g_test_message ("%s", markup);
      g_assert_nonnull (strstr (markup, "<b>one in three card payments</b>"));
      g_assert_nonnull (strstr (markup, "<a href="));
      if (strstr (source, "/incidents/2026-11-30-payments") != NULL)
        g_assert_nonnull (strstr (
          markup,
          LINK ("https://status.example.com/incidents/2026-11-30-payments") "status page</a>"));
      g_assert_nonnull (strstr (text, "What is affected\n"));
      g_assert_nonnull (strstr (text, "\xe2\x80\xa2 card payments in the web shop"));
      g_assert_null (strstr (text, "*"));
      g_assert_null (strstr (text, "]("));
      g_assert_null (strstr (text, "<"));
      g_assert_null (strstr (text, "&"));
    }
}

static GtkLabel *
find_markup_label (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_label_get_use_markup (GTK_LABEL (root)))
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_markup_label (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The view draws a chat message once it is on screen, and a click on one of
 * its links opens nothing. */
static void
test_chat_markup_channel_view (void)
{
  g_autofree char *path =
    g_test_build_filename (G_TEST_DIST, "data", "drafts", "full-major-en.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (CandorDraft) draft = candor_draft_load_from_file (file, NULL, NULL);
  g_autoptr (CandorRenderer) renderer = candor_renderer_new ();
  g_autoptr (CandorRendition) rendition = NULL;
  g_autofree char   *expected = NULL;
  CandorChannelView *view;
  GtkWidget         *window;
  GtkLabel          *label;
  gboolean           handled = FALSE;

  if (!have_display)
    {
      g_test_skip ("No display");
      return;
    }

  g_assert_nonnull (draft);
  rendition = render_draft (draft, renderer, CANDOR_DIALECT_SLACK);
  expected = candor_chat_markup_from_source (CANDOR_DIALECT_SLACK,
                                             candor_chat_markup_get_source (rendition));

  view = candor_channel_view_new (CANDOR_DIALECT_SLACK);
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  label = find_markup_label (GTK_WIDGET (view));
  g_assert_nonnull (label);

  /* Not on screen: nothing is read yet. */
  candor_channel_view_set_rendition (view, rendition);
  g_assert_cmpstr (gtk_label_get_label (label), ==, "");

  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (view)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (gtk_label_get_label (label), ==, expected);

  g_signal_emit_by_name (label, "activate-link", "https://status.example.com/", &handled);
  g_assert_true (handled);

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkLabel *
find_label_with_text (GtkWidget *root, const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_with_text (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* An email shows the From and To it goes out with: its channel's. */
static void
test_chat_markup_email_view (void)
{
  g_autofree char *path =
    g_test_build_filename (G_TEST_DIST, "data", "drafts", "full-major-en.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (CandorDraft) draft = candor_draft_load_from_file (file, NULL, NULL);
  g_autoptr (CandorRenderer) renderer = candor_renderer_new ();
  g_autoptr (CandorChannel) channel = candor_channel_new ("ops-list", "email", "Ops list");
  g_autoptr (CandorRendition) rendition = NULL;
  CandorChannelView *view;
  GtkWidget         *window;

  if (!have_display)
    {
      g_test_skip ("No display");
      return;
    }

  g_assert_nonnull (draft);
  g_assert_true (candor_channel_set_setting (channel, "from", "Status <status@example.com>", NULL));
  g_assert_true (candor_channel_set_setting (channel, "to", "ops@example.com", NULL));
  rendition = candor_renderer_render_for_channel (
    renderer, candor_draft_get_incident (draft), candor_draft_get_update (draft),
    g_ptr_array_index (candor_draft_get_audiences (draft), 0), channel);

  view = candor_channel_view_new (CANDOR_DIALECT_EMAIL);
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (view)))
    g_main_context_iteration (NULL, TRUE);
  candor_channel_view_set_rendition (view, rendition);

  g_assert_nonnull (find_label_with_text (GTK_WIDGET (view), "Status <status@example.com>"));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (view), "ops@example.com"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The labels check needs a display; the markup itself does not. */
  have_display = gtk_init_check ();

  g_test_add_func ("/chat-markup/slack", test_chat_markup_slack);
  g_test_add_func ("/chat-markup/discord", test_chat_markup_discord);
  g_test_add_func ("/chat-markup/mattermost", test_chat_markup_mattermost);
  g_test_add_func ("/chat-markup/matrix", test_chat_markup_matrix);
  g_test_add_func ("/chat-markup/teams", test_chat_markup_teams);
  g_test_add_func ("/chat-markup/plain", test_chat_markup_plain);
  g_test_add_func ("/chat-markup/hostile", test_chat_markup_hostile);
  g_test_add_func ("/chat-markup/renditions", test_chat_markup_renditions);
  g_test_add_func ("/chat-markup/channel-view", test_chat_markup_channel_view);
  g_test_add_func ("/chat-markup/email-view", test_chat_markup_email_view);

  return g_test_run ();
}
