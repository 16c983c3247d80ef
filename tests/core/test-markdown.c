/* test-markdown.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "candor-markdown.h"

#define P_OPEN  "<p style=\"margin:0 0 1em 0;line-height:1.5\">"
#define UL_OPEN "<ul style=\"margin:0 0 1em 0;padding-left:1.5em\">"
#define OL_OPEN "<ol style=\"margin:0 0 1em 0;padding-left:1.5em\">"
#define LI_OPEN "<li style=\"margin:0 0 0.25em 0\">"
#define A_STYLE "style=\"color:#1c71d8;text-decoration:underline\""
#define ZWSP    "\xe2\x80\x8b"

/* One expected output per dialect, in CandorMarkup order. */
typedef struct
{
  const char *input;
  const char *expected[CANDOR_N_MARKUPS];
} Case;

static void
assert_case (const Case *c)
{
  g_autoptr (CandorMarkdown) md = candor_markdown_new (c->input);

  for (int markup = 0; markup < CANDOR_N_MARKUPS; markup++)
    {
      g_autofree char *out = candor_markdown_to_markup (md, markup);

      if (g_strcmp0 (out, c->expected[markup]) != 0)
        g_test_message ("markup %d of %s", markup, c->input);
      g_assert_cmpstr (out, ==, c->expected[markup]);
      g_assert_true (g_utf8_validate (out, -1, NULL));
    }
}

static void
test_markdown_paragraphs (void)
{
  const Case c = {
    "First paragraph\nsame paragraph.\n\n\n\nSecond paragraph.",
    {
      [CANDOR_MARKUP_PLAIN] = "First paragraph\nsame paragraph.\n\nSecond paragraph.",
      [CANDOR_MARKUP_HTML_EMAIL] =
        P_OPEN "First paragraph<br>\nsame paragraph.</p>\n" P_OPEN "Second paragraph.</p>",
      [CANDOR_MARKUP_SLACK] = "First paragraph\nsame paragraph.\n\nSecond paragraph.",
      [CANDOR_MARKUP_DISCORD] = "First paragraph\nsame paragraph.\n\nSecond paragraph.",
      [CANDOR_MARKUP_MATRIX_HTML] = "<p>First paragraph<br>\nsame paragraph.</p>\n"
                                    "<p>Second paragraph.</p>",
      /* Teams joins lines that a blank line does not set apart. */
      [CANDOR_MARKUP_TEAMS] = "First paragraph\n\nsame paragraph.\n\nSecond paragraph.",
      [CANDOR_MARKUP_STATUS_PAGE] = "First paragraph\nsame paragraph.\n\nSecond paragraph.",
      [CANDOR_MARKUP_TELEGRAM_HTML] = "First paragraph\n"
                                      "same paragraph.\n"
                                      "\n"
                                      "Second paragraph.",
    },
  };

  assert_case (&c);
}

static void
test_markdown_nested_lists (void)
{
  const Case c = {
    "Steps:\n\n3. Restart\n   - web\n   - api\n\n     still api\n4. Verify",
    {
      [CANDOR_MARKUP_PLAIN] = "Steps:\n\n3. Restart\n   \xe2\x80\xa2 web\n\n   \xe2\x80\xa2 api\n\n"
                              "     still api\n4. Verify",
      [CANDOR_MARKUP_HTML_EMAIL] =
        P_OPEN "Steps:</p>\n"
               "<ol start=\"3\" style=\"margin:0 0 1em 0;padding-left:1.5em\">\n" LI_OPEN
               "Restart\n" UL_OPEN "\n" LI_OPEN P_OPEN "web</p>\n</li>\n" LI_OPEN P_OPEN
               "api</p>\n" P_OPEN "still api</p>\n</li>\n"
               "</ul>\n</li>\n" LI_OPEN "Verify</li>\n</ol>",
      [CANDOR_MARKUP_SLACK] = "Steps:\n\n3. Restart\n   \xe2\x80\xa2 web\n\n   \xe2\x80\xa2 api\n\n"
                              "     still api\n4. Verify",
      [CANDOR_MARKUP_DISCORD] =
        "Steps:\n\n3. Restart\n   - web\n\n   - api\n\n     still api\n4. Verify",
      [CANDOR_MARKUP_MATRIX_HTML] =
        "<p>Steps:</p>\n<ol start=\"3\">\n<li>Restart\n<ul>\n"
        "<li><p>web</p>\n</li>\n<li><p>api</p>\n<p>still api</p>\n</li>\n"
        "</ul>\n</li>\n<li>Verify</li>\n</ol>",
      [CANDOR_MARKUP_TEAMS] =
        "Steps:\n\n3. Restart\n   - web\n\n   - api\n\n     still api\n4. Verify",
      [CANDOR_MARKUP_STATUS_PAGE] =
        "Steps:\n\n3. Restart\n   - web\n\n   - api\n\n     still api\n4. Verify",
      [CANDOR_MARKUP_TELEGRAM_HTML] = "Steps:\n"
                                      "\n"
                                      "3. Restart\n"
                                      "   • web\n"
                                      "\n"
                                      "   • api\n"
                                      "\n"
                                      "     still api\n"
                                      "4. Verify",
    },
  };

  assert_case (&c);
}

/* Inline code keeps its look where the dialect has one; a backtick inside it
 * gets a longer fence (Discord) or Slack's look-alike, and HTML is escaped. */
#define CODE_OPEN "<code style=\"font-family:monospace;font-size:0.95em\">"
static void
test_markdown_inline_code (void)
{
  const Case c = {
    "Run `curl -v` and `` a`b `` then `<x>&`",
    {
      [CANDOR_MARKUP_PLAIN] = "Run curl -v and a`b then <x>&",
      [CANDOR_MARKUP_HTML_EMAIL] = P_OPEN "Run " CODE_OPEN "curl -v</code> and " CODE_OPEN
                                          "a`b</code> then " CODE_OPEN "&lt;x&gt;&amp;</code></p>",
      [CANDOR_MARKUP_SLACK] = "Run `curl -v` and `a\xcb\x8b"
                              "b` then `&lt;x&gt;&amp;`",
      [CANDOR_MARKUP_DISCORD] = "Run `curl -v` and ``a`b`` then \\<x\\>\\&",
      [CANDOR_MARKUP_MATRIX_HTML] = "<p>Run <code>curl -v</code> and <code>a`b</code> then "
                                    "<code>&lt;x&gt;&amp;</code></p>",
      [CANDOR_MARKUP_TEAMS] = "Run curl -v and a\\`b then <x>\\&",
      [CANDOR_MARKUP_STATUS_PAGE] = "Run curl -v and a`b then <x>&",
      [CANDOR_MARKUP_TELEGRAM_HTML] = "Run <code>curl -v</code> and <code>a`b</code> then "
                                      "<code>&lt;x&gt;&amp;</code>",
    },
  };

  assert_case (&c);
}

static void
test_markdown_emphasis (void)
{
  const Case c = {
    "*em* **strong** ***both*** _under_ a**b**c",
    {
      [CANDOR_MARKUP_PLAIN] = "em strong both under abc",
      [CANDOR_MARKUP_HTML_EMAIL] = P_OPEN "<em>em</em> <strong>strong</strong> "
                                          "<em><strong>both</strong></em> <em>under</em> "
                                          "a<strong>b</strong>c</p>",
      [CANDOR_MARKUP_SLACK] = "_em_ *strong* _*both*_ _under_ a*b*c",
      [CANDOR_MARKUP_DISCORD] = "*em* **strong** ***both*** *under* a**b**c",
      [CANDOR_MARKUP_MATRIX_HTML] = "<p><em>em</em> <strong>strong</strong> "
                                    "<em><strong>both</strong></em> <em>under</em> "
                                    "a<strong>b</strong>c</p>",
      [CANDOR_MARKUP_TEAMS] = "_em_ **strong** _**both**_ _under_ a**b**c",
      [CANDOR_MARKUP_STATUS_PAGE] = "em strong both under abc",
      [CANDOR_MARKUP_TELEGRAM_HTML] =
        "<i>em</i> <b>strong</b> <i><b>both</b></i> <i>under</i> a<b>b</b>c",
    },
  };
  /* Strong inside strong has no chat form and means nothing more in HTML:
   * only the outer one is marked. */
  const Case nested = {
    "****x**** *a *b* c*",
    {
      [CANDOR_MARKUP_PLAIN] = "x a b c",
      [CANDOR_MARKUP_HTML_EMAIL] = P_OPEN "<strong>x</strong> <em>a b c</em></p>",
      [CANDOR_MARKUP_SLACK] = "*x* _a b c_",
      [CANDOR_MARKUP_DISCORD] = "**x** *a b c*",
      [CANDOR_MARKUP_MATRIX_HTML] = "<p><strong>x</strong> <em>a b c</em></p>",
      [CANDOR_MARKUP_TEAMS] = "**x** _a b c_",
      [CANDOR_MARKUP_STATUS_PAGE] = "x a b c",
      [CANDOR_MARKUP_TELEGRAM_HTML] = "<b>x</b> <i>a b c</i>",
    },
  };

  assert_case (&c);
  assert_case (&nested);
}

static void
test_markdown_links (void)
{
  const Case c = {
    "[Status](https://status.example.com) and <ops@example.com>, https://example.com/a_(b).\n"
    "[Mail us](mailto:ops@example.com) [x](ftp://old \"t\")",
    {
      [CANDOR_MARKUP_PLAIN] = "Status (https://status.example.com) and ops@example.com, "
                              "https://example.com/a_(b).\nMail us (ops@example.com) x (ftp://old)",
      [CANDOR_MARKUP_HTML_EMAIL] = P_OPEN
      "<a href=\"https://status.example.com\" " A_STYLE ">Status</a> and "
      "<a href=\"mailto:ops@example.com\" " A_STYLE ">ops@example.com</a>, "
      "<a href=\"https://example.com/a_(b)\" " A_STYLE ">https://example.com/a_(b)</a>.<br>\n"
      "<a href=\"mailto:ops@example.com\" " A_STYLE ">Mail us</a> x (ftp://old)</p>",
      [CANDOR_MARKUP_SLACK] = "<https://status.example.com|Status> and "
                              "<mailto:ops@example.com|ops@example.com>, "
                              "<https://example.com/a_(b)>.\n"
                              "<mailto:ops@example.com|Mail us> x (ftp://old)",
      [CANDOR_MARKUP_DISCORD] = "[Status](https://status.example.com) and ops@example.com, "
                                "<https://example.com/a_%28b%29>.\n"
                                "Mail us (ops@example.com) x (ftp://old)",
      [CANDOR_MARKUP_MATRIX_HTML] =
        "<p><a href=\"https://status.example.com\">Status</a> and "
        "<a href=\"mailto:ops@example.com\">ops@example.com</a>, "
        "<a href=\"https://example.com/a_(b)\">https://example.com/a_(b)</a>.<br>\n"
        "<a href=\"mailto:ops@example.com\">Mail us</a> x (ftp://old)</p>",
      [CANDOR_MARKUP_TEAMS] = "[Status](https://status.example.com) and "
                              "[ops@example.com](mailto:ops@example.com), "
                              "[https://example.com/a\\_(b)](https://example.com/a_%28b%29).\n\n"
                              "[Mail us](mailto:ops@example.com) x (ftp://old)",
      [CANDOR_MARKUP_STATUS_PAGE] =
        "Status (https://status.example.com) and ops@example.com, "
        "https://example.com/a_(b).\nMail us (ops@example.com) x (ftp://old)",
      [CANDOR_MARKUP_TELEGRAM_HTML] =
        "<a href=\"https://status.example.com\">Status</a> and ops@example.com, <a "
        "href=\"https://example.com/a_(b)\">https://example.com/a_(b)</a>.\n"
        "Mail us (ops@example.com) x (ftp://old)",
    },
  };
  /* Characters that would end the link in a dialect are percent-encoded. */
  const Case hostile_url = {
    "[a](<https://x.test/a b\"c|d>)",
    {
      [CANDOR_MARKUP_PLAIN] = "a (https://x.test/a b\"c|d)",
      [CANDOR_MARKUP_HTML_EMAIL] =
        P_OPEN "<a href=\"https://x.test/a%20b%22c%7Cd\" " A_STYLE ">a</a></p>",
      [CANDOR_MARKUP_SLACK] = "<https://x.test/a%20b%22c%7Cd|a>",
      [CANDOR_MARKUP_DISCORD] = "[a](https://x.test/a%20b%22c%7Cd)",
      [CANDOR_MARKUP_MATRIX_HTML] = "<p><a href=\"https://x.test/a%20b%22c%7Cd\">a</a></p>",
      [CANDOR_MARKUP_TEAMS] = "[a](https://x.test/a%20b%22c%7Cd)",
      [CANDOR_MARKUP_STATUS_PAGE] = "a (https://x.test/a b\"c|d)",
      [CANDOR_MARKUP_TELEGRAM_HTML] = "<a href=\"https://x.test/a%20b%22c%7Cd\">a</a>",
    },
  };

  /* A link without text shows its URL, in every dialect. */
  const Case empty_label = {
    "[](mailto:a@b.c) ![](https://i.test) [**](https://x) [`<x>`](https://y)",
    {
      [CANDOR_MARKUP_PLAIN] = "a@b.c https://i.test ** (https://x) <x> (https://y)",
      [CANDOR_MARKUP_HTML_EMAIL] =
        P_OPEN "<a href=\"mailto:a@b.c\" " A_STYLE ">a@b.c</a> "
               "<a href=\"https://i.test\" " A_STYLE ">https://i.test</a> "
               "<a href=\"https://x\" " A_STYLE ">**</a> "
               "<a href=\"https://y\" " A_STYLE
               "><code style=\"font-family:monospace;font-size:0.95em\">&lt;x&gt;</code></a></p>",
      [CANDOR_MARKUP_SLACK] = "<mailto:a@b.c|a@b.c> <https://i.test|https://i.test> "
                              "<https://x|\xe2\x88\x97\xe2\x88\x97> <https://y|&lt;x&gt;>",
      [CANDOR_MARKUP_DISCORD] = "a@b.c <https://i.test> [\\*\\*](https://x) [\\<x\\>](https://y)",
      [CANDOR_MARKUP_MATRIX_HTML] =
        "<p><a href=\"mailto:a@b.c\">a@b.c</a> <a href=\"https://i.test\">https://i.test</a> "
        "<a href=\"https://x\">**</a> <a href=\"https://y\"><code>&lt;x&gt;</code></a></p>",
      [CANDOR_MARKUP_TEAMS] = "[a@b.c](mailto:a@b.c) [https://i.test](https://i.test) "
                              "[\\*\\*](https://x) [<x>](https://y)",
      [CANDOR_MARKUP_STATUS_PAGE] = "a@b.c https://i.test ** (https://x) <x> (https://y)",
      [CANDOR_MARKUP_TELEGRAM_HTML] =
        "a@b.c <a href=\"https://i.test\">https://i.test</a> <a href=\"https://x\">**</a> <a "
        "href=\"https://y\"><code>&lt;x&gt;</code></a>",
    },
  };

  assert_case (&c);
  assert_case (&hostile_url);
  assert_case (&empty_label);
}

static void
test_markdown_hostile (void)
{
  const Case c = {
    "Hi <script>alert('x')</script> & <@U123> <!here> @everyone @here @channel @all @allison "
    "@everyoneX @all. @all.hands\n\n"
    "[click](javascript:alert(1)) <img src=x onerror=alert(1)>",
    {
      [CANDOR_MARKUP_PLAIN] = "Hi <script>alert('x')</script> & <@U123> <!here> @everyone @here "
                              "@channel @all @allison @everyoneX @all. @all.hands\n\n"
                              "click (javascript:alert(1)) <img src=x onerror=alert(1)>",
      [CANDOR_MARKUP_HTML_EMAIL] =
        P_OPEN "Hi &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;@U123&gt; "
               "&lt;!here&gt; @everyone @here @channel @all @allison @everyoneX @all. "
               "@all.hands</p>\n" P_OPEN
               "click (javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt;</p>",
      [CANDOR_MARKUP_SLACK] =
        "Hi &lt;script&gt;alert('x')&lt;/script&gt; &amp; &lt;@U123&gt; "
        "&lt;!here&gt; @everyone @here @channel @all @allison @everyoneX @all. @all.hands\n\n"
        "click (javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt;",
      [CANDOR_MARKUP_DISCORD] =
        "Hi \\<script\\>alert('x')\\</script\\> \\& \\<@U123\\> \\<!here\\> "
        "@" ZWSP "everyone @" ZWSP "here @" ZWSP "channel @" ZWSP "all "
        "@allison @" ZWSP "everyoneX @" ZWSP "all. @all.hands\n\n"
        "click (javascript:alert(1)) \\<img src=x onerror=alert(1)\\>",
      [CANDOR_MARKUP_MATRIX_HTML] =
        "<p>Hi &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;@U123&gt; "
        "&lt;!here&gt; @everyone @here @channel @all @allison @everyoneX @all. @all.hands</p>\n"
        "<p>click (javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt;</p>",
      [CANDOR_MARKUP_TEAMS] = "Hi <script>alert('x')</script> \\& <@U123> <!here> @everyone @here "
                              "@channel @all @allison @everyoneX @all. @all.hands\n\n"
                              "click (javascript:alert(1)) <img src=x onerror=alert(1)>",
      [CANDOR_MARKUP_STATUS_PAGE] = "Hi <script>alert('x')</script> & <@U123> <!here> @everyone "
                                    "@here @channel @all @allison @everyoneX @all. @all.hands\n\n"
                                    "click (javascript:alert(1)) <img src=x onerror=alert(1)>",
      [CANDOR_MARKUP_TELEGRAM_HTML] =
        "Hi &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;@U123&gt; &lt;!here&gt; "
        "@everyone @here @channel @all @allison @everyoneX @all. @all.hands\n"
        "\n"
        "click (javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt;",
    },
  };
  /* A raw HTML block is text too, escaped like any other. */
  const Case html_block = {
    "<script>\nalert(1)\n</script>",
    {
      [CANDOR_MARKUP_PLAIN] = "<script>\nalert(1)\n</script>",
      [CANDOR_MARKUP_HTML_EMAIL] = P_OPEN "&lt;script&gt;<br>\nalert(1)<br>\n&lt;/script&gt;</p>",
      [CANDOR_MARKUP_SLACK] = "&lt;script&gt;\nalert(1)\n&lt;/script&gt;",
      [CANDOR_MARKUP_DISCORD] = "\\<script\\>\nalert(1)\n\\</script\\>",
      [CANDOR_MARKUP_MATRIX_HTML] = "<p>&lt;script&gt;<br>\nalert(1)<br>\n&lt;/script&gt;</p>",
      [CANDOR_MARKUP_TEAMS] = "<script>\n\nalert(1)\n\n</script>",
      [CANDOR_MARKUP_STATUS_PAGE] = "<script>\nalert(1)\n</script>",
      [CANDOR_MARKUP_TELEGRAM_HTML] = "&lt;script&gt;\n"
                                      "alert(1)\n"
                                      "&lt;/script&gt;",
    },
  };
  /* Text that reads as markup in a Markdown dialect stays text there (Slack,
   * which has no escape, gets look-alikes of its markup characters). */
  const Case markup_text = {
    "\\- dash\n\\# hash\n2\\. two \\*not em\\* \\[x\\]\\(y\\) a|b ~c~ `d` \\&copy; &copy;",
    {
      [CANDOR_MARKUP_PLAIN] = "- dash\n# hash\n2. two *not em* [x](y) a|b ~c~ d &copy; \xc2\xa9",
      [CANDOR_MARKUP_HTML_EMAIL] =
        P_OPEN "- dash<br>\n# hash<br>\n2. two *not em* [x](y) a|b ~c~ " CODE_OPEN
               "d</code> &amp;copy; \xc2\xa9</p>",
      [CANDOR_MARKUP_SLACK] =
        "- dash\n# hash\n2. two \xe2\x88\x97not em\xe2\x88\x97 [x](y) a|b \xe2\x88\xbc"
        "c\xe2\x88\xbc `d` &amp;copy; \xc2\xa9",
      [CANDOR_MARKUP_DISCORD] = "\\- dash\n\\# hash\n2\\. two \\*not em\\* \\[x\\](y) a\\|b "
                                "\\~c\\~ `d` \\&copy; \xc2\xa9",
      [CANDOR_MARKUP_MATRIX_HTML] =
        "<p>- dash<br>\n# hash<br>\n2. two *not em* [x](y) a|b ~c~ <code>d</code> "
        "&amp;copy; \xc2\xa9</p>",
      [CANDOR_MARKUP_TEAMS] = "\\- dash\n\n\\# hash\n\n2\\. two \\*not em\\* \\[x\\](y) a|b "
                              "\\~c\\~ d \\&copy; \xc2\xa9",
      [CANDOR_MARKUP_STATUS_PAGE] =
        "- dash\n# hash\n2. two *not em* [x](y) a|b ~c~ d &copy; \xc2\xa9",
      [CANDOR_MARKUP_TELEGRAM_HTML] = "- dash\n"
                                      "# hash\n"
                                      "2. two *not em* [x](y) a|b ~c~ <code>d</code> &amp;copy; ©",
    },
  };

  assert_case (&c);
  assert_case (&html_block);
  assert_case (&markup_text);
}

/* Emphasis nested in emphasis is dropped, which joins "@eve" and "ryone" only
 * in the output: the mention must be defused there too. */
static void
test_markdown_split_mention (void)
{
  g_autoptr (CandorMarkdown) md = candor_markdown_new ("*a *@eve*ryone b* x@HERE.test");
  g_autofree char *discord = candor_markdown_to_markup (md, CANDOR_MARKUP_DISCORD);
  g_autofree char *plain = candor_markdown_to_markup (md, CANDOR_MARKUP_PLAIN);

  g_assert_cmpstr (discord, ==, "*a @" ZWSP "everyone b* x@" ZWSP "HERE.test");
  g_assert_cmpstr (plain, ==, "a @everyone b x@HERE.test");
}

static void
test_markdown_unterminated (void)
{
  const Case c = {
    "**bold *em [link](http://",
    {
      [CANDOR_MARKUP_PLAIN] = "**bold *em [link](http://",
      [CANDOR_MARKUP_HTML_EMAIL] = P_OPEN "**bold *em [link](http://</p>",
      [CANDOR_MARKUP_SLACK] = "\xe2\x88\x97\xe2\x88\x97"
                              "bold \xe2\x88\x97"
                              "em [link](http://",
      [CANDOR_MARKUP_DISCORD] = "\\*\\*bold \\*em \\[link\\](http://",
      [CANDOR_MARKUP_MATRIX_HTML] = "<p>**bold *em [link](http://</p>",
      [CANDOR_MARKUP_TEAMS] = "\\*\\*bold \\*em \\[link\\](http://",
      [CANDOR_MARKUP_STATUS_PAGE] = "**bold *em [link](http://",
      [CANDOR_MARKUP_TELEGRAM_HTML] = "**bold *em [link](http://",
    },
  };

  assert_case (&c);
}

/* Headings, code, quotes, images and rules are not Markdown-lite: their text
 * stays, their markup goes. */
static void
test_markdown_degrades (void)
{
  const Case c = {
    "# Heading *x*\n\n> quoted\n\n```\ncode <a>\n  line2\n```\n\n---\n\n"
    "![graph](https://img.test/g.png) [a ![b](http://i.test) c](https://l.test)",
    {
      [CANDOR_MARKUP_PLAIN] =
        "Heading x\n\nquoted\n\ncode <a>\n  line2\n\n"
        "graph (https://img.test/g.png) a b (http://i.test) c (https://l.test)",
      [CANDOR_MARKUP_HTML_EMAIL] =
        P_OPEN "Heading <em>x</em></p>\n" P_OPEN "quoted</p>\n" P_OPEN
               "code &lt;a&gt;<br>\n  line2</p>\n" P_OPEN
               "<a href=\"https://img.test/g.png\" " A_STYLE ">graph</a> "
               "<a href=\"https://l.test\" " A_STYLE ">a b (http://i.test) c</a></p>",
      [CANDOR_MARKUP_SLACK] =
        "Heading _x_\n\nquoted\n\ncode &lt;a&gt;\n  line2\n\n"
        "<https://img.test/g.png|graph> <https://l.test|a b (http://i.test) c>",
      [CANDOR_MARKUP_DISCORD] =
        "Heading *x*\n\nquoted\n\ncode \\<a\\>\nline2\n\n"
        "[graph](https://img.test/g.png) [a b (http://i.test) c](https://l.test)",
      [CANDOR_MARKUP_MATRIX_HTML] =
        "<p>Heading <em>x</em></p>\n<p>quoted</p>\n<p>code &lt;a&gt;<br>\n  line2</p>\n"
        "<p><a href=\"https://img.test/g.png\">graph</a> "
        "<a href=\"https://l.test\">a b (http://i.test) c</a></p>",
      [CANDOR_MARKUP_TEAMS] =
        "Heading _x_\n\nquoted\n\ncode <a>\n\nline2\n\n"
        "[graph](https://img.test/g.png) [a b (http://i.test) c](https://l.test)",
      [CANDOR_MARKUP_STATUS_PAGE] =
        "Heading x\n\nquoted\n\ncode <a>\n  line2\n\n"
        "graph (https://img.test/g.png) a b (http://i.test) c (https://l.test)",
      [CANDOR_MARKUP_TELEGRAM_HTML] = "Heading <i>x</i>\n"
                                      "\n"
                                      "quoted\n"
                                      "\n"
                                      "code &lt;a&gt;\n"
                                      "  line2\n"
                                      "\n"
                                      "<a href=\"https://img.test/g.png\">graph</a> <a "
                                      "href=\"https://l.test\">a b (http://i.test) c</a>",
    },
  };

  assert_case (&c);
}

static void
test_markdown_unicode (void)
{
  const Case c = {
    "Сервис **недоступен** 🔥 — см. [статус](https://пример.рф/статус) "
    "👩🏽‍💻",
    {
      [CANDOR_MARKUP_PLAIN] = "Сервис недоступен 🔥 — см. статус (https://пример.рф/статус) "
                              "👩🏽‍💻",
      [CANDOR_MARKUP_HTML_EMAIL] = P_OPEN "Сервис <strong>недоступен</strong> 🔥 — см. "
                                          "<a href=\"https://пример.рф/статус\" " A_STYLE
                                          ">статус</a> 👩🏽‍💻</p>",
      [CANDOR_MARKUP_SLACK] = "Сервис *недоступен* 🔥 — см. <https://пример.рф/статус|статус> "
                              "👩🏽‍💻",
      [CANDOR_MARKUP_DISCORD] = "Сервис **недоступен** 🔥 — см. [статус](https://пример.рф/статус) "
                                "👩🏽‍💻",
      [CANDOR_MARKUP_MATRIX_HTML] =
        "<p>Сервис <strong>недоступен</strong> 🔥 — см. "
        "<a href=\"https://пример.рф/статус\">статус</a> 👩🏽‍💻</p>",
      [CANDOR_MARKUP_TEAMS] = "Сервис **недоступен** 🔥 — см. [статус](https://пример.рф/статус) "
                              "👩🏽‍💻",
      [CANDOR_MARKUP_STATUS_PAGE] = "Сервис недоступен 🔥 — см. статус (https://пример.рф/статус) "
                                    "👩🏽‍💻",
      [CANDOR_MARKUP_TELEGRAM_HTML] =
        "Сервис <b>недоступен</b> 🔥 — см. <a href=\"https://пример.рф/статус\">статус</a> "
        "👩🏽‍💻",
    },
  };

  assert_case (&c);
}

/* Invalid UTF-8 and control characters are replaced, never passed on: each
 * byte of a broken sequence by one U+FFFD, as g_utf8_make_valid() does. */
static void
test_markdown_invalid_utf8 (void)
{
  const Case c = {
    "\xff\xfe ok \xd0 \xe2\x82 \x1b[31mred\x7f *\xc3\x28*",
    {
      [CANDOR_MARKUP_PLAIN] = "\xef\xbf\xbd\xef\xbf\xbd ok \xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd "
                              "\xef\xbf\xbd[31mred\xef\xbf\xbd \xef\xbf\xbd(",
      [CANDOR_MARKUP_HTML_EMAIL] =
        P_OPEN "\xef\xbf\xbd\xef\xbf\xbd ok \xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd "
               "\xef\xbf\xbd[31mred\xef\xbf\xbd <em>\xef\xbf\xbd(</em></p>",
      [CANDOR_MARKUP_SLACK] = "\xef\xbf\xbd\xef\xbf\xbd ok \xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd "
                              "\xef\xbf\xbd[31mred\xef\xbf\xbd _\xef\xbf\xbd(_",
      [CANDOR_MARKUP_DISCORD] = "\xef\xbf\xbd\xef\xbf\xbd ok \xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd "
                                "\xef\xbf\xbd\\[31mred\xef\xbf\xbd *\xef\xbf\xbd(*",
      [CANDOR_MARKUP_MATRIX_HTML] =
        "<p>\xef\xbf\xbd\xef\xbf\xbd ok \xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd "
        "\xef\xbf\xbd[31mred\xef\xbf\xbd <em>\xef\xbf\xbd(</em></p>",
      [CANDOR_MARKUP_TEAMS] = "\xef\xbf\xbd\xef\xbf\xbd ok \xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd "
                              "\xef\xbf\xbd\\[31mred\xef\xbf\xbd _\xef\xbf\xbd(_",
      [CANDOR_MARKUP_STATUS_PAGE] =
        "\xef\xbf\xbd\xef\xbf\xbd ok \xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd "
        "\xef\xbf\xbd[31mred\xef\xbf\xbd \xef\xbf\xbd(",
      [CANDOR_MARKUP_TELEGRAM_HTML] = "�� ok � �� �[31mred� <i>�(</i>",
    },
  };
  g_autoptr (CandorMarkdown) md = candor_markdown_new ("a\xc0\xafz");

  assert_case (&c);
  /* An overlong "/" is not a "/". */
  g_assert_cmpstr (candor_markdown_get_text (md), ==, "a\xef\xbf\xbd\xef\xbf\xbdz");
}

static void
test_markdown_long_line (void)
{
  g_autoptr (GString) input = g_string_new (NULL);
  g_autoptr (CandorMarkdown) md = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *slack = NULL;
  g_autofree char *discord = NULL;
  guint            n_links;

  for (guint i = 0; i < 20000; i++)
    g_string_append (input, "word_x *em* & ");
  g_string_append (input, "https://end.test/");

  md = candor_markdown_new (input->str);
  plain = candor_markdown_to_markup (md, CANDOR_MARKUP_PLAIN);
  slack = candor_markdown_to_markup (md, CANDOR_MARKUP_SLACK);
  discord = candor_markdown_to_markup (md, CANDOR_MARKUP_DISCORD);

  /* One line in, one line out, every word kept. */
  g_assert_null (strchr (plain, '\n'));
  g_assert_cmpuint (strlen (plain), ==,
                    20000 * strlen ("word_x em & ") + strlen ("https://end.test/"));
  g_assert_true (g_str_has_prefix (slack, "word_x _em_ &amp; word_x"));
  g_assert_true (g_str_has_suffix (slack, "&amp; <https://end.test/>"));
  g_assert_true (g_str_has_prefix (discord, "word\\_x *em* \\& word\\_x"));
  candor_markdown_get_links (md, &n_links);
  g_assert_cmpuint (n_links, ==, 1);
}

/* A list nested deeper than anyone types still renders, without a line
 * growing with the depth. */
static void
test_markdown_deep_nesting (void)
{
  g_autoptr (GString) input = g_string_new (NULL);
  g_autoptr (CandorMarkdown) md = NULL;
  g_autofree char *plain = NULL;
  g_auto (GStrv) lines = NULL;

  for (guint depth = 0; depth < 1000; depth++)
    {
      for (guint i = 0; i < depth * 2; i++)
        g_string_append_c (input, ' ');
      g_string_append_printf (input, "- level %u\n", depth);
    }

  md = candor_markdown_new (input->str);
  plain = candor_markdown_to_markup (md, CANDOR_MARKUP_PLAIN);
  lines = g_strsplit (plain, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 1000);
  g_assert_cmpstr (lines[0], ==, "\xe2\x80\xa2 level 0");
  g_assert_cmpstr (lines[1], ==, "  \xe2\x80\xa2 level 1");
  g_assert_cmpstr (lines[999], ==, "                \xe2\x80\xa2 level 999");
}

static void
test_markdown_links_offsets (void)
{
  g_autoptr (CandorMarkdown) md =
    candor_markdown_new ("Сбой: [статус](https://status.test/x) и https://пример.рф/a.\n\n"
                         "- <ops@example.com> [no](javascript:x) ![img](https://i.test/p.png)");
  g_autofree char          *plain = candor_markdown_to_markup (md, CANDOR_MARKUP_PLAIN);
  const CandorMarkdownLink *links;
  guint                     n_links;

  g_assert_cmpstr (plain, ==,
                   "Сбой: статус (https://status.test/x) и https://пример.рф/a.\n\n"
                   "\xe2\x80\xa2 ops@example.com no (javascript:x) img (https://i.test/p.png)");

  links = candor_markdown_get_links (md, &n_links);
  g_assert_cmpuint (n_links, ==, 4);

  for (guint i = 0; i < n_links; i++)
    {
      g_assert_cmpmem (plain + links[i].text_start, links[i].text_end - links[i].text_start,
                       links[i].text, strlen (links[i].text));
      g_assert_true (g_utf8_validate (plain + links[i].text_start,
                                      links[i].text_end - links[i].text_start, NULL));
    }

  g_assert_cmpstr (links[0].text, ==, "статус");
  g_assert_cmpstr (links[0].url, ==, "https://status.test/x");
  g_assert_cmpuint (links[0].text_start, ==, strlen ("Сбой: "));
  g_assert_cmpuint (links[0].text_end, ==, strlen ("Сбой: статус"));
  g_assert_cmpuint (links[0].url_start, ==, strlen ("Сбой: статус ("));
  g_assert_cmpuint (links[0].url_end, ==, strlen ("Сбой: статус (https://status.test/x"));

  /* A bare URL is its own text; the sentence's full stop is not part of it. */
  g_assert_cmpstr (links[1].text, ==, "https://пример.рф/a");
  g_assert_cmpstr (links[1].url, ==, "https://пример.рф/a");
  g_assert_cmpuint (links[1].text_start, ==, links[1].url_start);
  g_assert_cmpuint (links[1].text_end, ==, links[1].url_end);
  g_assert_cmpmem (plain + links[1].url_start, links[1].url_end - links[1].url_start,
                   "https://пример.рф/a", strlen ("https://пример.рф/a"));

  /* The address is shown without "mailto:", the link keeps it. */
  g_assert_cmpstr (links[2].text, ==, "ops@example.com");
  g_assert_cmpstr (links[2].url, ==, "mailto:ops@example.com");
  g_assert_cmpuint (links[2].text_start, ==, links[2].url_start);

  /* javascript: is no link; an image is a link to the image. */
  g_assert_cmpstr (links[3].text, ==, "img");
  g_assert_cmpstr (links[3].url, ==, "https://i.test/p.png");
  g_assert_cmpmem (plain + links[3].url_start, links[3].url_end - links[3].url_start,
                   "https://i.test/p.png", strlen ("https://i.test/p.png"));
}

static void
test_markdown_bare_urls (void)
{
  const char *const cases[][2] = {
    { "see https://a.test/x.", "https://a.test/x" },
    { "(https://a.test/wiki/A_(b))", "https://a.test/wiki/A_(b)" },
    { "(see https://a.test/p)", "https://a.test/p" },
    { "HTTPS://A.TEST/?q=1&r=2!", "HTTPS://A.TEST/?q=1&r=2" },
    { "https://a.test/<b>", "https://a.test/" },
    { "xhttps://a.test", NULL },
    { "https://", NULL },
    { "https://.", NULL },
    { "ftp://a.test", NULL },
    { "`https://in.code`", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CandorMarkdown) md = candor_markdown_new (cases[i][0]);
      const CandorMarkdownLink *links;
      guint                     n_links;

      links = candor_markdown_get_links (md, &n_links);
      g_test_message ("%s", cases[i][0]);
      if (cases[i][1] == NULL)
        g_assert_cmpuint (n_links, ==, 0);
      else
        {
          g_assert_cmpuint (n_links, ==, 1);
          g_assert_cmpstr (links[0].url, ==, cases[i][1]);
        }
    }
}

static void
test_markdown_empty (void)
{
  const char *const empty[] = { NULL, "",   "   ", "\n\n\t\n", "---",
                                "#",  "- ", "1.",  "> ",       "\xc2\xa0" };
  const char *const filled[] = { "a", "<!-- -->", "`x`", "![](https://i.test)" };

  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    {
      g_autoptr (CandorMarkdown) md = candor_markdown_new (empty[i]);

      g_assert_true (candor_markdown_is_empty (md));
    }

  for (guint i = 0; i < G_N_ELEMENTS (filled); i++)
    {
      g_autoptr (CandorMarkdown) md = candor_markdown_new (filled[i]);

      g_test_message ("%s", filled[i]);
      g_assert_false (candor_markdown_is_empty (md));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/markdown/paragraphs", test_markdown_paragraphs);
  g_test_add_func ("/core/markdown/nested-lists", test_markdown_nested_lists);
  g_test_add_func ("/core/markdown/emphasis", test_markdown_emphasis);
  g_test_add_func ("/core/markdown/inline-code", test_markdown_inline_code);
  g_test_add_func ("/core/markdown/links", test_markdown_links);
  g_test_add_func ("/core/markdown/hostile", test_markdown_hostile);
  g_test_add_func ("/core/markdown/split-mention", test_markdown_split_mention);
  g_test_add_func ("/core/markdown/unterminated", test_markdown_unterminated);
  g_test_add_func ("/core/markdown/degrades", test_markdown_degrades);
  g_test_add_func ("/core/markdown/unicode", test_markdown_unicode);
  g_test_add_func ("/core/markdown/invalid-utf8", test_markdown_invalid_utf8);
  g_test_add_func ("/core/markdown/long-line", test_markdown_long_line);
  g_test_add_func ("/core/markdown/deep-nesting", test_markdown_deep_nesting);
  g_test_add_func ("/core/markdown/links-offsets", test_markdown_links_offsets);
  g_test_add_func ("/core/markdown/bare-urls", test_markdown_bare_urls);
  g_test_add_func ("/core/markdown/empty", test_markdown_empty);

  return g_test_run ();
}
