/* test-secrets.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsecret/secret.h>
#include <string.h>

#include "candor-publish-error.h"
#include "candor-secrets.h"

/* .ci/headless unlocks the test keyring with this password. */
#define KEYRING_PASSWORD "candor-test"

/* A keyring that shows a prompt nobody can see waits forever instead of
 * failing: give each operation this long, then fail loudly. */
#define KEYRING_TIMEOUT_SECONDS 20

/* Every log line written while the tests ran, to look for secrets in. */
static GString *logged;

static GLogWriterOutput
log_writer (GLogLevelFlags log_level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
      g_string_append_printf (logged, "%s\n", (const char *)fields[i].value);

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  g_error ("The keyring did not answer within %d s: a prompt may be waiting on a display nobody "
           "sees (see HEADLESS.md)",
           KEYRING_TIMEOUT_SECONDS);
  return G_SOURCE_REMOVE;
}

static void
store_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  guint timeout_id = g_timeout_add_seconds (KEYRING_TIMEOUT_SECONDS, on_timeout_cb, NULL);

  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);

  return *result;
}

static gboolean
store (const char *channel_id, const char *secret, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  candor_secrets_store_async (channel_id, "slack", "Slack", "Ops", secret, NULL, store_result_cb,
                              &result);

  return candor_secrets_store_finish (wait_for (&result), error);
}

static char *
lookup (const char *channel_id, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  candor_secrets_lookup_async (channel_id, NULL, store_result_cb, &result);

  return candor_secrets_lookup_finish (wait_for (&result), error);
}

static gboolean
clear (const char *channel_id, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  candor_secrets_clear_async (channel_id, NULL, store_result_cb, &result);

  return candor_secrets_clear_finish (wait_for (&result), error);
}

/* Compares without printing: a failing assertion must not leak the secret. */
static void
assert_secret (char *secret, const char *expected)
{
  g_assert_true (g_strcmp0 (secret, expected) == 0);
  secret_password_free (secret);
}

/* What `secret-tool search --all channel-id ID` shows, as a person would
 * check it. */
static char *
secret_tool_search (const char *channel_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) process = NULL;
  char *output = NULL;

  process =
    g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error,
                      "secret-tool", "search", "--all", "channel-id", channel_id, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, &error);
  g_assert_no_error (error);

  return output;
}

static guint
count_lines_starting (const char *text, const char *prefix)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  guint count = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      count++;

  return count;
}

static SecretCollection *
get_login_collection (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SecretService) service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  SecretCollection *collection;

  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);

  return collection;
}

static void
test_store_lookup_overwrite_clear (void)
{
  static const char *channel_id = "test-channel-5f2c";
  g_autoptr (GError) error = NULL;
  g_autofree char *found = NULL;

  g_assert_true (store (channel_id, "s3cr3t-token", &error));
  g_assert_no_error (error);
  assert_secret (lookup (channel_id, &error), "s3cr3t-token");
  g_assert_no_error (error);

  /* Storing again replaces the item instead of adding a second one. */
  g_assert_true (store (channel_id, "n3w-s3cr3t-token", &error));
  g_assert_no_error (error);
  assert_secret (lookup (channel_id, &error), "n3w-s3cr3t-token");
  g_assert_no_error (error);
  found = secret_tool_search (channel_id);
  g_assert_cmpuint (count_lines_starting (found, "["), ==, 1);

  g_assert_null (lookup ("no-such-channel", &error));
  g_assert_no_error (error);

  g_assert_true (clear (channel_id, &error));
  g_assert_no_error (error);
  g_assert_null (lookup (channel_id, &error));
  g_assert_no_error (error);

  /* Nothing left to clear is no error either. */
  g_assert_true (clear (channel_id, &error));
  g_assert_no_error (error);
}

static void
test_attributes_and_label (void)
{
  static const char *channel_id = "test-channel-8a1d";
  g_autoptr (GError) error = NULL;
  g_autoptr (SecretCollection) login = get_login_collection ();
  g_autoptr (SecretService) service = NULL;
  g_autoptr (GHashTable) attributes = NULL;
  g_autofree char *found = NULL;
  g_autofree char *prefix = NULL;
  GList           *items;

  g_assert_true (store (channel_id, "another-s3cr3t", &error));
  g_assert_no_error (error);

  found = secret_tool_search (channel_id);
  g_assert_nonnull (strstr (found, "\nlabel = Candor: Slack channel “Ops”\n"));
  g_assert_nonnull (strstr (found, "\nschema = " CANDOR_SECRETS_SCHEMA_NAME "\n"));
  g_assert_nonnull (strstr (found, "\nattribute.channel-id = test-channel-8a1d\n"));
  g_assert_nonnull (strstr (found, "\nattribute.kind = slack\n"));
  g_assert_cmpuint (count_lines_starting (found, "attribute."), ==, 2);

  /* In the login keyring, where the session unlocks it. */
  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (attributes, (char *)"channel-id", (char *)channel_id);
  items = secret_service_search_sync (service, NULL, attributes, SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  prefix = g_strconcat (g_dbus_proxy_get_object_path (G_DBUS_PROXY (login)), "/", NULL);
  g_assert_true (g_str_has_prefix (g_dbus_proxy_get_object_path (items->data), prefix));
  g_list_free_full (items, g_object_unref);

  g_assert_true (clear (channel_id, &error));
  g_assert_no_error (error);
}

/* Unlocks the login keyring without a prompt, the way gnome-keyring lets
 * the session's login do it: only this test needs that. */
static void
unlock_with_password (SecretCollection *collection)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr (GVariant) opened = NULL;
  g_autoptr (GVariant) unlocked = NULL;
  const char *session;

  g_assert_no_error (error);
  opened = g_dbus_connection_call_sync (
    bus, "org.freedesktop.secrets", "/org/freedesktop/secrets", "org.freedesktop.Secret.Service",
    "OpenSession", g_variant_new ("(sv)", "plain", g_variant_new_string ("")),
    G_VARIANT_TYPE ("(vo)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (opened, "(v&o)", NULL, &session);

  unlocked = g_dbus_connection_call_sync (
    bus, "org.freedesktop.secrets", "/org/freedesktop/secrets",
    "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface", "UnlockWithMasterPassword",
    g_variant_new ("(o(o@ay@ays))", g_dbus_proxy_get_object_path (G_DBUS_PROXY (collection)),
                   session, g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, "", 0, 1),
                   g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, KEYRING_PASSWORD,
                                              strlen (KEYRING_PASSWORD), 1),
                   "text/plain"),
    NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  g_dbus_connection_call_sync (bus, "org.freedesktop.secrets", session,
                               "org.freedesktop.Secret.Session", "Close", NULL, NULL,
                               G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

static void
assert_locked_error (const GError *error)
{
  g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_KEYRING);
  g_assert_true (g_str_has_prefix (error->message, "The keyring is locked: unlock it"));
  g_assert_null (strstr (error->message, "l0cked-s3cr3t"));
}

static void
test_locked (void)
{
  static const char *channel_id = "test-channel-c47e";
  g_autoptr (GError) error = NULL;
  g_autoptr (SecretCollection) login = get_login_collection ();
  g_autoptr (SecretService) service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_autoptr (GList) objects = g_list_append (NULL, login);
  char *secret;

  g_assert_no_error (error);
  g_assert_true (store (channel_id, "l0cked-s3cr3t", &error));
  g_assert_no_error (error);

  g_assert_cmpint (secret_service_lock_sync (service, objects, NULL, NULL, &error), ==, 1);
  g_assert_no_error (error);

  /* The attempt to unlock asks gnome-keyring for a prompt; here its prompter
   * cannot open a display (the D-Bus daemon that starts it has none), so it
   * gives up at once and the keyring stays locked. */
  secret = lookup (channel_id, &error);
  g_assert_null (secret);
  assert_locked_error (error);
  g_clear_error (&error);

  g_assert_false (store (channel_id, "other-s3cr3t", &error));
  assert_locked_error (error);
  g_clear_error (&error);

  g_assert_false (clear (channel_id, &error));
  assert_locked_error (error);
  g_clear_error (&error);

  /* Unlocked again, the secret is as it was: nothing was written or
   * cleared while locked. */
  unlock_with_password (login);
  assert_secret (lookup (channel_id, &error), "l0cked-s3cr3t");
  g_assert_no_error (error);

  g_assert_true (clear (channel_id, &error));
  g_assert_no_error (error);
}

static void
test_no_keyring (void)
{
  if (g_test_subprocess ())
    {
      /* A session bus of its own on which nothing provides a keyring. */
      g_autoptr (GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_autoptr (GError) error = NULL;

      g_test_dbus_up (bus);
      g_assert_null (lookup ("test-channel-0000", &error));
      g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_KEYRING);
      g_assert_true (g_str_has_prefix (error->message, "No keyring is available: install"));
      g_clear_error (&error);

      g_assert_false (store ("test-channel-0000", "s3cr3t", &error));
      g_assert_error (error, CANDOR_PUBLISH_ERROR, CANDOR_PUBLISH_ERROR_KEYRING);
      g_assert_null (strstr (error->message, "s3cr3t"));

      secret_service_disconnect ();
      g_test_dbus_down (bus);
      return;
    }

  g_test_trap_subprocess (NULL, KEYRING_TIMEOUT_SECONDS * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_logs_keep_secrets (void)
{
  /* Runs last: everything the tests above made the code log. */
  g_assert_null (strstr (logged->str, "s3cr3t"));
}

int
main (int argc, char *argv[])
{
  int status;

  logged = g_string_new (NULL);
  g_log_set_writer_func (log_writer, NULL, NULL);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/publish/secrets/store-lookup-overwrite-clear",
                   test_store_lookup_overwrite_clear);
  g_test_add_func ("/publish/secrets/attributes-and-label", test_attributes_and_label);
  g_test_add_func ("/publish/secrets/locked", test_locked);
  g_test_add_func ("/publish/secrets/no-keyring", test_no_keyring);
  g_test_add_func ("/publish/secrets/logs-keep-secrets", test_logs_keep_secrets);

  status = g_test_run ();

  /* libsecret keeps its connection to the keyring until told to let go. */
  secret_service_disconnect ();
  g_string_free (logged, TRUE);

  return status;
}
