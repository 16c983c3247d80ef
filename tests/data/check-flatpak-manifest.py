#!/usr/bin/env python3
# Checks what can be checked of the Flatpak manifest without downloading a runtime:
# it parses, names the app and its command, and builds the modules the runtime lacks.
import json
import sys

path = sys.argv[1]
try:
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)
except (OSError, json.JSONDecodeError) as e:
    sys.exit(f"{path}: {e}")

errors = []
def expect(condition, message):
    if not condition:
        errors.append(message)

expect(manifest.get("id") == "io.github.candor.Candor", "id must be io.github.candor.Candor")
expect(manifest.get("command") == "candor", "command must be candor")
expect(manifest.get("runtime") == "org.gnome.Platform", "runtime must be org.gnome.Platform")
expect(manifest.get("sdk") == "org.gnome.Sdk", "sdk must be org.gnome.Sdk")
expect(str(manifest.get("runtime-version", "")).isdigit(), "runtime-version must be a GNOME release number")

args = manifest.get("finish-args", [])
for needed in ("--share=network", "--share=ipc", "--socket=fallback-x11", "--socket=wayland",
               "--device=dri", "--talk-name=org.freedesktop.secrets"):
    expect(needed in args, f"finish-args must contain {needed}")
for forbidden in ("--filesystem=home", "--filesystem=host", "--socket=session-bus", "--talk-name=org.freedesktop.Flatpak"):
    expect(forbidden not in args, f"finish-args must not contain {forbidden}")

modules = manifest.get("modules", [])
names = [m.get("name") for m in modules if isinstance(m, dict)]
for needed in ("cmark", "gmime", "candor"):
    expect(needed in names, f"modules must build {needed}")
expect(names and names[-1] == "candor", "candor must be the last module")
for module in modules:
    if not isinstance(module, dict) or module.get("name") == "candor":
        continue
    for source in module.get("sources", []):
        if source.get("type") == "archive":
            expect(len(source.get("sha256", "")) == 64, f"{module['name']}: archive needs a sha256")
            expect(source.get("url", "").startswith("https://"), f"{module['name']}: archive url must be https")

if errors:
    sys.exit("\n".join(f"{path}: {e}" for e in errors))
print(f"{path}: valid")
