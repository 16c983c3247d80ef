#!/usr/bin/env python3
# Fails when a user-visible string would reach a user untranslated:
#  - a source file with translatable strings is missing from po/POTFILES.in;
#  - a string is not in the template extracted from those files;
#  - a language in po/LINGUAS lacks a translation, or has a fuzzy one.
# To fix: add the file to POTFILES.in, then `meson compile -C build candor-update-po`
# and translate what msgmerge left empty or fuzzy.
import os
import re
import subprocess
import sys
import tempfile

root = sys.argv[1]
po_dir = os.path.join(root, "po")
problems = []

def read_list(name):
    with open(os.path.join(po_dir, name), encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]

potfiles = read_list("POTFILES.in")
linguas = read_list("LINGUAS")

for path in potfiles:
    if not os.path.exists(os.path.join(root, path)):
        problems.append(f"po/POTFILES.in lists {path}, which does not exist")

marker = {
    ".c": re.compile(r'\b(?:N?C?_|g_dpgettext2|ngettext)\s*\('),
    ".ui": re.compile(r'translatable="yes"'),
    ".in": re.compile(r"."),
}
for top in ("src", "data"):
    for dirpath, _, files in os.walk(os.path.join(root, top)):
        for name in files:
            path = os.path.relpath(os.path.join(dirpath, name), root)
            ext = os.path.splitext(name)[1]
            if name.endswith(".gschema.xml"):
                ext = ".in"
            if ext not in marker or path.startswith("data/templates"):
                continue
            with open(os.path.join(root, path), encoding="utf-8") as f:
                text = f.read()
            if ext == ".c":
                # Strip comments so that a "_(" in prose does not count.
                text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
            if marker[ext].search(text) and path not in potfiles:
                problems.append(f"{path} has translatable strings but is not in po/POTFILES.in")

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "candor.pot")
    subprocess.run(
        ["xgettext", "--from-code=UTF-8", "--add-comments", "--package-name=candor",
         "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
         "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
         "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
         "--flag=g_strdup_printf:1:c-format", "--flag=g_string_printf:2:c-format",
         "--flag=g_set_error:4:c-format", "--flag=g_printerr:1:c-format", "--flag=g_print:1:c-format",
         "-D", root, "-o", pot] + potfiles,
        check=True)

    for lang in linguas:
        po = os.path.join(po_dir, f"{lang}.po")
        if not os.path.exists(po):
            problems.append(f"po/LINGUAS names {lang} but po/{lang}.po does not exist")
            continue
        merged = os.path.join(tmp, f"{lang}.po")
        subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged, po, pot], check=True)
        check = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, merged],
                               capture_output=True, text=True)
        if check.returncode != 0:
            problems.append(f"po/{lang}.po: msgfmt --check failed:\n{check.stderr}")
        for kind in ("untranslated", "fuzzy"):
            listing = subprocess.run(["msgattrib", f"--only-{kind}" if kind == "fuzzy" else "--untranslated",
                                      "--no-obsolete", "--no-wrap", merged],
                                     capture_output=True, text=True, check=True).stdout
            for msgid in re.findall(r'^msgid "(.+)"$', listing, flags=re.M):
                problems.append(f"po/{lang}.po: {kind}: \"{msgid}\"")

if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"{len(potfiles)} files, {len(linguas)} languages: every string is extracted and translated")
