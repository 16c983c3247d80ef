/* candor-fake-smtp.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "candor-fake-smtp.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParser, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeFilter, g_object_unref)

struct _CandorFakeSmtp
{
  CandorTestTls *tls;
  char          *user;
  char          *password;
  char          *folder;
  GSubprocess   *server;
  guint          port;
};

void
candor_received_mail_free (CandorReceivedMail *mail)
{
  g_free (mail->mail_from);
  g_strfreev (mail->rcpt_tos);
  g_bytes_unref (mail->data);
  g_clear_object (&mail->message);
  g_free (mail);
}

/* The server is not running until candor_fake_smtp_start(); @tls must
 * outlive it. */
CandorFakeSmtp *
candor_fake_smtp_new (CandorTestTls *tls, const char *user, const char *password)
{
  CandorFakeSmtp *self = g_new0 (CandorFakeSmtp, 1);
  g_autoptr (GError) error = NULL;

  self->tls = tls;
  self->user = g_strdup (user);
  self->password = g_strdup (password);
  self->folder = g_dir_make_tmp ("candor-smtp-XXXXXX", &error);
  g_assert_no_error (error);

  return self;
}

/* Stops the server and deletes what it received. */
void
candor_fake_smtp_free (CandorFakeSmtp *self)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  candor_fake_smtp_stop (self);

  dir = g_dir_open (self->folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (self->folder, name, NULL);

      g_unlink (path);
    }
  g_rmdir (self->folder);

  g_free (self->folder);
  g_free (self->user);
  g_free (self->password);
  g_free (self);
}

/* Starts the server with the options that follow, up to NULL (smtp-server.py's,
 * such as "--implicit-tls" or "--reject", ADDRESS), and waits for the port it
 * prints once it listens. A server already running is stopped first. */
void
candor_fake_smtp_start (CandorFakeSmtp *self, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDataInputStream) out = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;
  const char      *python = g_getenv ("CANDOR_PYTHON");
  va_list          options;

  candor_fake_smtp_stop (self);

  g_ptr_array_add (argv, g_strdup (python != NULL ? python : "python3"));
  g_ptr_array_add (argv, g_test_build_filename (G_TEST_DIST, "fakes", "smtp-server.py", NULL));
  g_ptr_array_add (argv, g_strdup ("--cert"));
  g_ptr_array_add (argv, g_strdup (candor_test_tls_get_cert_file (self->tls)));
  g_ptr_array_add (argv, g_strdup ("--key"));
  g_ptr_array_add (argv, g_strdup (candor_test_tls_get_key_file (self->tls)));
  g_ptr_array_add (argv, g_strdup ("--folder"));
  g_ptr_array_add (argv, g_strdup (self->folder));
  g_ptr_array_add (argv, g_strdup ("--user"));
  g_ptr_array_add (argv, g_strdup (self->user));
  g_ptr_array_add (argv, g_strdup ("--password"));
  g_ptr_array_add (argv, g_strdup (self->password));
  va_start (options, self);
  for (const char *option = va_arg (options, const char *); option != NULL;
       option = va_arg (options, const char *))
    g_ptr_array_add (argv, g_strdup (option));
  va_end (options);
  g_ptr_array_add (argv, NULL);

  self->server =
    g_subprocess_newv ((const char *const *)argv->pdata,
                       G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->server));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  self->port = (guint)g_ascii_strtoull (line, NULL, 10);
  g_assert_cmpuint (self->port, >, 0);
}

/* Ends the server, as a server that goes away would; what it received stays. */
void
candor_fake_smtp_stop (CandorFakeSmtp *self)
{
  if (self->server == NULL)
    return;

  g_subprocess_force_exit (self->server);
  g_subprocess_wait (self->server, NULL, NULL);
  g_clear_object (&self->server);
}

guint
candor_fake_smtp_get_port (CandorFakeSmtp *self)
{
  return self->port;
}

guint
candor_fake_smtp_count_received (CandorFakeSmtp *self)
{
  g_autoptr (GDir) dir = g_dir_open (self->folder, 0, NULL);
  guint count = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    count++;

  return count;
}

/* The @number-th message the server accepted, counting from 1. */
CandorReceivedMail *
candor_fake_smtp_read_received (CandorFakeSmtp *self, guint number)
{
  g_autofree char *name = g_strdup_printf ("message-%03u.json", number);
  g_autofree char *path = g_build_filename (self->folder, name, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GMimeStream) wire = NULL;
  g_autoptr (GMimeStream) stream = NULL;
  g_autoptr (GMimeFilter) dos2unix = g_mime_filter_dos2unix_new (FALSE);
  g_autoptr (GMimeParser) mime_parser = NULL;
  g_autoptr (CandorReceivedMail) received = g_new0 (CandorReceivedMail, 1);
  JsonObject *record;
  JsonArray  *rcpt_tos;
  guchar     *data;
  gsize       size;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  record = json_node_get_object (json_parser_get_root (parser));

  received->mail_from = g_strdup (json_object_get_string_member (record, "mail_from"));
  rcpt_tos = json_object_get_array_member (record, "rcpt_tos");
  received->rcpt_tos = g_new0 (char *, json_array_get_length (rcpt_tos) + 1);
  for (guint i = 0; i < json_array_get_length (rcpt_tos); i++)
    received->rcpt_tos[i] = g_strdup (json_array_get_string_element (rcpt_tos, i));
  data = g_base64_decode (json_object_get_string_member (record, "data"), &size);
  received->data = g_bytes_new_take (data, size);

  /* Parsed with Unix line ends, as a mail store on this system keeps it:
   * GMime's parser misreads folded encoded words in CRLF text. */
  wire = g_mime_stream_mem_new_with_buffer ((const char *)data, size);
  stream = g_mime_stream_filter_new (wire);
  g_mime_stream_filter_add (GMIME_STREAM_FILTER (stream), dos2unix);
  mime_parser = g_mime_parser_new_with_stream (stream);
  received->message = g_mime_parser_construct_message (mime_parser, NULL);
  g_assert_nonnull (received->message);

  return g_steal_pointer (&received);
}
