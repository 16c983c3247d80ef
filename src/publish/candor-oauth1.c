/* candor-oauth1.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-oauth1"

#include "config.h"

#include <string.h>

#include "candor-oauth1.h"

typedef struct
{
  char *name;  /* percent-encoded */
  char *value; /* percent-encoded */
} Param;

static void
param_clear (Param *param)
{
  g_free (param->name);
  g_free (param->value);
}

/* RFC 5849 3.6: everything but the unreserved characters, as %XX in capitals. */
static char *
encode (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) * 3 / 2);

  for (const guchar *p = (const guchar *)text; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '.' || *p == '_' || *p == '~')
        g_string_append_c (out, *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }

  return g_string_free (out, FALSE);
}

static void
add_param (GArray *params, const char *name, const char *value)
{
  Param param = { encode (name), encode (value) };

  g_array_append_val (params, param);
}

static int
compare_params (gconstpointer a, gconstpointer b)
{
  const Param *x = a, *y = b;
  int          by_name = strcmp (x->name, y->name);

  return by_name != 0 ? by_name : strcmp (x->value, y->value);
}

/* The query's pairs, decoded ("+" is a space in a query, RFC 5849 3.4.1.3.1). */
static void
add_query_params (GArray *params, const char *query)
{
  g_auto (GStrv) pairs = NULL;

  if (query == NULL || *query == '\0')
    return;

  pairs = g_strsplit (query, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_autofree char *pair = g_strdelimit (g_strdup (pairs[i]), "+", ' ');
      char            *equals = strchr (pair, '=');
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (equals != NULL)
        *equals = '\0';
      name = g_uri_unescape_string (pair, NULL);
      value = g_uri_unescape_string (equals != NULL ? equals + 1 : "", NULL);
      if (name != NULL && value != NULL)
        add_param (params, name, value);
    }
}

/* RFC 5849 3.4.1.2: scheme and host in lower case, the port only when it is
 * not the scheme's own, the path, no query. */
static char *
base_string_uri (GUri *uri)
{
  g_autofree char *scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  g_autofree char *host = g_ascii_strdown (g_uri_get_host (uri), -1);
  int              port = g_uri_get_port (uri);
  const char      *path = g_uri_get_path (uri);

  if (port == -1 || (g_str_equal (scheme, "https") && port == 443) ||
      (g_str_equal (scheme, "http") && port == 80))
    return g_strdup_printf ("%s://%s%s", scheme, host, *path != '\0' ? path : "/");

  return g_strdup_printf ("%s://%s:%d%s", scheme, host, port, *path != '\0' ? path : "/");
}

char *
candor_oauth1_authorization (const char             *method,
                             const char             *url,
                             const char *const      *form_params,
                             const CandorOAuth1Keys *keys,
                             const char             *nonce,
                             gint64                  timestamp)
{
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GArray) params = g_array_new (FALSE, FALSE, sizeof (Param));
  g_autoptr (GArray) oauth = g_array_new (FALSE, FALSE, sizeof (Param));
  g_autofree char *made_nonce = NULL;
  g_autofree char *timestamp_text = NULL;
  g_autofree char *base_uri = NULL;
  g_autofree char *encoded_consumer_secret = NULL;
  g_autofree char *encoded_token_secret = NULL;
  g_autofree char *signing_key = NULL;
  g_autofree char *signature = NULL;
  g_autoptr (GString) normalized = g_string_new (NULL);
  g_autoptr (GString) base = g_string_new (NULL);
  g_autoptr (GString) header = g_string_new ("OAuth ");
  g_autoptr (GHmac) hmac = NULL;
  guint8 digest[20];
  gsize  digest_length = sizeof digest;

  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (keys != NULL && keys->consumer_key != NULL &&
                          keys->consumer_secret != NULL && keys->token != NULL &&
                          keys->token_secret != NULL,
                        NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  g_array_set_clear_func (params, (GDestroyNotify)param_clear);
  g_array_set_clear_func (oauth, (GDestroyNotify)param_clear);

  if (nonce == NULL)
    {
      /* 128 random bits, as letters and digits. */
      made_nonce = g_strdup_printf ("%08x%08x%08x%08x", g_random_int (), g_random_int (),
                                    g_random_int (), g_random_int ());
      nonce = made_nonce;
    }
  if (timestamp == 0)
    timestamp = g_get_real_time () / G_USEC_PER_SEC;
  timestamp_text = g_strdup_printf ("%" G_GINT64_FORMAT, timestamp);

  add_param (oauth, "oauth_consumer_key", keys->consumer_key);
  add_param (oauth, "oauth_nonce", nonce);
  add_param (oauth, "oauth_signature_method", "HMAC-SHA1");
  add_param (oauth, "oauth_timestamp", timestamp_text);
  add_param (oauth, "oauth_token", keys->token);
  add_param (oauth, "oauth_version", "1.0");

  /* RFC 5849 3.4.1.3: the query, the form body and the oauth_ parameters,
   * sorted by encoded name, then value. */
  add_query_params (params, g_uri_get_query (uri));
  for (guint i = 0; form_params != NULL && form_params[i] != NULL && form_params[i + 1] != NULL;
       i += 2)
    add_param (params, form_params[i], form_params[i + 1]);
  for (guint i = 0; i < oauth->len; i++)
    {
      const Param *param = &g_array_index (oauth, Param, i);
      Param        copy = { g_strdup (param->name), g_strdup (param->value) };

      g_array_append_val (params, copy);
    }
  g_array_sort (params, compare_params);
  for (guint i = 0; i < params->len; i++)
    {
      const Param *param = &g_array_index (params, Param, i);

      g_string_append_printf (normalized, "%s%s=%s", i > 0 ? "&" : "", param->name, param->value);
    }

  /* RFC 5849 3.4.1.1: METHOD&URI&PARAMETERS, each encoded. */
  base_uri = base_string_uri (uri);
  {
    g_autofree char *upper = g_ascii_strup (method, -1);
    g_autofree char *encoded_uri = encode (base_uri);
    g_autofree char *encoded_params = encode (normalized->str);

    g_string_append_printf (base, "%s&%s&%s", upper, encoded_uri, encoded_params);
  }

  /* RFC 5849 3.4.2: HMAC-SHA1 keyed with both secrets, in Base64. */
  encoded_consumer_secret = encode (keys->consumer_secret);
  encoded_token_secret = encode (keys->token_secret);
  signing_key = g_strconcat (encoded_consumer_secret, "&", encoded_token_secret, NULL);
  hmac = g_hmac_new (G_CHECKSUM_SHA1, (const guchar *)signing_key, strlen (signing_key));
  g_hmac_update (hmac, (const guchar *)base->str, base->len);
  g_hmac_get_digest (hmac, digest, &digest_length);
  signature = g_base64_encode (digest, digest_length);
  memset (signing_key, 0, strlen (signing_key));

  /* RFC 5849 3.5.1: the oauth_ parameters and the signature, encoded and quoted. */
  {
    g_autofree char *encoded_signature = encode (signature);

    for (guint i = 0; i < oauth->len; i++)
      {
        const Param *param = &g_array_index (oauth, Param, i);

        g_string_append_printf (header, "%s=\"%s\", ", param->name, param->value);
        if (g_str_equal (param->name, "oauth_nonce"))
          g_string_append_printf (header, "oauth_signature=\"%s\", ", encoded_signature);
      }
  }
  g_string_truncate (header, header->len - 2);

  return g_string_free (g_steal_pointer (&header), FALSE);
}
