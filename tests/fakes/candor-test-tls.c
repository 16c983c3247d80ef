/* candor-test-tls.c
 *
 * Copyright 2026 The Candor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "candor-test-tls"

#include "config.h"

#include <glib/gstdio.h>

#include "candor-test-tls.h"

struct _CandorTestTls
{
  char            *dir;
  char            *ca_file;
  char            *cert_file;
  char            *key_file;
  GTlsCertificate *server_certificate;
  GTlsDatabase    *database;
};

/* The server certificate's extensions: the names a test connects to, and the
 * key usage GnuTLS checks for a TLS server.
 */
static const char server_extensions[] = "basicConstraints = critical, CA:FALSE\n"
                                        "keyUsage = critical, digitalSignature\n"
                                        "extendedKeyUsage = serverAuth\n"
                                        "subjectAltName = IP:127.0.0.1, IP:::1, DNS:localhost\n";

static gboolean
run_openssl (const char *const *argv, GError **error)
{
  g_autoptr (GSubprocess) process = NULL;
  g_autofree char *errors = NULL;

  process = g_subprocess_newv (
    argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, error);
  if (process == NULL)
    return FALSE;

  if (!g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &errors, error))
    return FALSE;

  if (!g_subprocess_get_successful (process))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "openssl %s failed: %s", argv[1],
                   errors != NULL ? errors : "");
      return FALSE;
    }

  return TRUE;
}

CandorTestTls *
candor_test_tls_new (GError **error)
{
  g_autoptr (CandorTestTls) self = g_new0 (CandorTestTls, 1);
  g_autofree char *ca_key_file = NULL;
  g_autofree char *request_file = NULL;
  g_autofree char *extensions_file = NULL;

  self->dir = g_dir_make_tmp ("candor-tls-XXXXXX", error);
  if (self->dir == NULL)
    return NULL;

  self->ca_file = g_build_filename (self->dir, "ca.pem", NULL);
  self->cert_file = g_build_filename (self->dir, "server.pem", NULL);
  self->key_file = g_build_filename (self->dir, "server-key.pem", NULL);
  ca_key_file = g_build_filename (self->dir, "ca-key.pem", NULL);
  request_file = g_build_filename (self->dir, "server.csr", NULL);
  extensions_file = g_build_filename (self->dir, "server.ext", NULL);

  /* P-256 keys: made in milliseconds, where RSA would slow every test down. */
  {
    /* clang-format off */
    const char *const ca_argv[] = {
      "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
      "-nodes", "-keyout", ca_key_file, "-out", self->ca_file, "-days", "2",
      "-subj", "/CN=Candor test authority",
      "-addext", "basicConstraints=critical,CA:TRUE",
      "-addext", "keyUsage=critical,keyCertSign,cRLSign",
      NULL
    };
    const char *const request_argv[] = {
      "openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
      "-nodes", "-keyout", self->key_file, "-out", request_file, "-subj", "/CN=localhost",
      NULL
    };
    const char *const sign_argv[] = {
      "openssl", "x509", "-req", "-in", request_file, "-CA", self->ca_file,
      "-CAkey", ca_key_file, "-set_serial", "2", "-days", "2",
      "-extfile", extensions_file, "-out", self->cert_file,
      NULL
    };
    /* clang-format on */

    if (!g_file_set_contents (extensions_file, server_extensions, -1, error) ||
        !run_openssl (ca_argv, error) || !run_openssl (request_argv, error) ||
        !run_openssl (sign_argv, error))
      return NULL;
  }

  self->server_certificate =
    g_tls_certificate_new_from_files (self->cert_file, self->key_file, error);
  if (self->server_certificate == NULL)
    return NULL;

  self->database = g_tls_file_database_new (self->ca_file, error);
  if (self->database == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

const char *
candor_test_tls_get_ca_file (CandorTestTls *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->ca_file;
}

const char *
candor_test_tls_get_cert_file (CandorTestTls *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->cert_file;
}

const char *
candor_test_tls_get_key_file (CandorTestTls *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->key_file;
}

GTlsCertificate *
candor_test_tls_get_server_certificate (CandorTestTls *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->server_certificate;
}

GTlsDatabase *
candor_test_tls_get_database (CandorTestTls *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->database;
}

void
candor_test_tls_free (CandorTestTls *self)
{
  if (self == NULL)
    return;

  if (self->dir != NULL)
    {
      g_autoptr (GDir) dir = g_dir_open (self->dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (self->dir, name, NULL);

          g_unlink (path);
        }
      g_rmdir (self->dir);
    }

  g_clear_object (&self->server_certificate);
  g_clear_object (&self->database);
  g_free (self->dir);
  g_free (self->ca_file);
  g_free (self->cert_file);
  g_free (self->key_file);
  g_free (self);
}
