#!/usr/bin/env python3
# Fails when ui/ starts a thread or blocks the main loop on I/O. Widgets show
# and edit state; the session owns it and every store access goes through the
# session or the store's _async/_finish calls, which run on the store's
# ordered worker (a thread of ui/'s own would bypass that order). Reports
# file:line and what to use instead.
import os
import re
import sys

root = sys.argv[1]
ui_dir = os.path.join(root, "src", "ui")

THREADS = ("g_task_run_in_thread", "g_task_run_in_thread_sync", "g_thread_new",
           "g_thread_try_new", "g_thread_pool_new")
# Synchronous file I/O. Each has an _async twin; for GLib's g_file_get_contents
# and g_file_set_contents they are g_file_load_contents_async and
# g_file_replace_contents_async.
BLOCKING_FILE = ("g_file_replace_contents", "g_file_load_contents", "g_file_get_contents",
                 "g_file_set_contents", "g_file_set_contents_full", "g_file_read",
                 "g_file_replace", "g_file_create", "g_file_query_info",
                 "g_file_enumerate_children", "g_file_copy", "g_file_delete",
                 "g_file_make_directory", "g_file_make_directory_with_parents")
# The store's calls that do no I/O.
STORE_GETTERS = ("get_type", "get_path", "get_salvage", "error_quark")

call = re.compile(r"(?<![A-Za-z0-9_])([A-Za-z_][A-Za-z0-9_]*)\s*\(")
# Comments and string or character literals, replaced by blanks (newlines kept).
noise = re.compile(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)


def blank(match):
    return re.sub(r"[^\n]", " ", match.group(0))


def problem_with(name):
    if name in THREADS:
        return "starts a thread: ask the session or the store's _async calls instead"
    if name in BLOCKING_FILE:
        return "blocks the main loop on file I/O: use its _async twin"
    if name.startswith("candor_store_"):
        rest = name[len("candor_store_"):]
        if rest.endswith("_async") or rest.endswith("_finish") or rest in STORE_GETTERS:
            return None
        return ("a blocking store call on the main loop: use the session or "
                f"{name}_async/_finish")
    return None


problems = []
for dirpath, _, files in os.walk(ui_dir):
    for file_name in sorted(files):
        if not file_name.endswith((".c", ".h")):
            continue
        path = os.path.join(dirpath, file_name)
        with open(path, encoding="utf-8") as f:
            code = noise.sub(blank, f.read())
        for match in call.finditer(code):
            problem = problem_with(match.group(1))
            if problem is not None:
                line = code.count("\n", 0, match.start()) + 1
                problems.append(f"{os.path.relpath(path, root)}:{line}: {match.group(1)} {problem}")

if not os.path.isdir(ui_dir):
    problems.append(f"{ui_dir} does not exist")

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
