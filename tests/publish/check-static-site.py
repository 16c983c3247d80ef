#!/usr/bin/env python3
# The static status site as its readers get it: a sample site (written by
# static-site-sample) opened in headless Chromium, which must render every
# page; every link and #fragment must lead to a file and an id that exist;
# the pages keep their landmarks, headings, language and no script; the
# colours keep WCAG AA contrast in both schemes; feed.atom is read by
# feedparser and status.json by json. Screenshots of the index and an
# incident page, light and dark, are left in OUTDIR to look at.
#
# Usage: check-static-site.py SAMPLE_PROGRAM OUTDIR
import html.parser
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import urllib.parse
import zlib

import feedparser

sample, outdir = sys.argv[1], sys.argv[2]
problems = []


def problem(text):
    problems.append(text)
    print("not ok:", text)


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.ids = set()
        self.tags = []
        self.headings = []
        self.lang = None
        self.nav_labels = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag in ("a", "link") and "href" in attrs:
            self.links.append(attrs["href"])
        if tag == "nav":
            self.nav_labels.append(attrs.get("aria-label"))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))

    def handle_data(self, data):
        self.text.append(data)


def parse_page(path):
    page = Page()
    with open(path, encoding="utf-8") as f:
        page.feed(f.read())
    return page


def check_pages(site):
    pages = {}
    for dirpath, _, files in os.walk(site):
        for name in files:
            if name.endswith(".html"):
                path = os.path.join(dirpath, name)
                pages[os.path.relpath(path, site)] = parse_page(path)

    for rel, page in sorted(pages.items()):
        if page.lang not in ("en", "ru"):
            problem(f"{rel}: <html lang> is {page.lang!r}")
        if page.tags.count("main") != 1 or "header" not in page.tags or "footer" not in page.tags:
            problem(f"{rel}: wants one <main>, a <header> and a <footer>")
        if "script" in page.tags:
            problem(f"{rel}: has a <script>")
        if None in page.nav_labels:
            problem(f"{rel}: a <nav> without aria-label")
        if page.headings[:1] != [1] or page.headings.count(1) != 1:
            problem(f"{rel}: wants exactly one <h1>, first: {page.headings}")
        for before, after in zip(page.headings, page.headings[1:]):
            if after > before + 1:
                problem(f"{rel}: heading level jumps from h{before} to h{after}")
        for href in page.links:
            url = urllib.parse.urlsplit(href)
            if url.scheme in ("http", "https", "mailto"):
                continue
            target = os.path.normpath(os.path.join(os.path.dirname(rel), url.path)) if url.path else rel
            if not os.path.isfile(os.path.join(site, target)):
                problem(f"{rel}: link {href} leads to nothing")
                continue
            if url.fragment:
                ids = pages[target].ids if target in pages else set()
                if url.fragment not in ids:
                    problem(f"{rel}: link {href} names an id that is not there")
    print(f"# {len(pages)} pages, {sum(len(p.links) for p in pages.values())} links checked")
    return pages


def luminance(hex_colour):
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def check_contrast(site):
    with open(os.path.join(site, "style.css"), encoding="utf-8") as f:
        css = f.read()
    light_block = css.split("@media")[0]
    dark_block = css.split("@media")[1]
    pairs = [("text", "surface"), ("text", "bg"), ("muted", "surface"), ("muted", "bg"),
             ("link", "surface"), ("link", "bg")]
    for state in ("investigating", "identified", "monitoring", "resolved"):
        pairs.append((state, state + "-bg"))
    for severity in ("minor", "major", "critical"):
        pairs.append(("sev-" + severity, "sev-" + severity + "-bg"))
    for scheme, block in (("light", light_block), ("dark", dark_block)):
        colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", block))
        for fg, bg in pairs:
            ratio = contrast(colours[fg], colours[bg])
            if ratio < 4.5:
                problem(f"{scheme}: --{fg} on --{bg} has contrast {ratio:.2f}, under 4.5")
        for banner in ("ok", "minor", "major", "critical"):
            ratio = contrast("#ffffff", colours[banner])
            if ratio < 4.5:
                problem(f"{scheme}: white on the {banner} banner has contrast {ratio:.2f}")


def check_feed(site, expected_entries):
    feed = feedparser.parse(os.path.join(site, "feed.atom"))
    if feed.bozo:
        problem(f"feed.atom does not parse: {feed.bozo_exception}")
        return
    if feed.version != "atom10":
        problem(f"feed.atom is read as {feed.version!r}, not Atom 1.0")
    for field in ("id", "title", "updated_parsed", "author"):
        if not feed.feed.get(field):
            problem(f"feed.atom: the feed has no {field}")
    if len(feed.entries) != expected_entries:
        problem(f"feed.atom: {len(feed.entries)} entries, expected {expected_entries}")
    ids = set()
    previous = None
    for entry in feed.entries:
        for field in ("id", "title", "updated_parsed", "link", "content"):
            if not entry.get(field):
                problem(f"feed.atom: an entry has no {field}")
        ids.add(entry.id)
        if previous is not None and entry.updated_parsed > previous:
            problem("feed.atom: entries are not newest first")
        previous = entry.updated_parsed
        link = urllib.parse.urlsplit(entry.link)
        path = link.path
        if link.scheme == "file" or os.path.isabs(path):
            path = os.path.relpath(path, site)
        target = os.path.join(site, path)
        if not os.path.isfile(target):
            problem(f"feed.atom: entry link {entry.link} leads to nothing")
        elif link.fragment not in parse_page(target).ids:
            problem(f"feed.atom: entry link {entry.link} names no update on its page")
    if len(ids) != len(feed.entries):
        problem("feed.atom: entry ids are not unique")
    titles = " ".join(entry.title for entry in feed.entries)
    if "for some" not in titles or "<script" in titles:
        problem("feed.atom: titles lost their text or carry markup")
    print(f"# feed.atom: {len(feed.entries)} entries read by feedparser {feedparser.__version__}")


def check_json(site):
    with open(os.path.join(site, "status.json"), encoding="utf-8") as f:
        status = json.load(f)
    if status["status"]["indicator"] != "critical" or status["status"]["active_incidents"] != 2:
        problem(f"status.json: status is {status['status']}")
    for incident in status["incidents"]:
        if not os.path.isfile(os.path.join(site, incident["url"])):
            problem(f"status.json: {incident['url']} does not exist")
    return sum(len(incident["updates"]) for incident in status["incidents"])


def chromium(profile, *args):
    command = ["chromium", "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
               "--hide-scrollbars", "--user-data-dir=" + profile] + list(args)
    return subprocess.run(command, capture_output=True, text=True, timeout=90)


def png_pixel(path, x):
    """The RGB of pixel (x, 0): enough of PNG to read a screenshot's first row."""
    with open(path, "rb") as f:
        data = f.read()
    pos, idat, width, colour_type = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, _, depth, colour_type = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    channels = {2: 3, 6: 4}[colour_type]
    raw = zlib.decompressobj().decompress(idat, 1 + width * channels)
    kind, row = raw[0], bytearray(raw[1:1 + width * channels])
    for i in range(len(row)):
        left = row[i - channels] if i >= channels else 0
        if kind == 1 or kind == 4:
            row[i] = (row[i] + left) & 0xFF
        elif kind == 3:
            row[i] = (row[i] + left // 2) & 0xFF
    return tuple(row[x * channels:x * channels + 3])


def check_browser(site, pages):
    if shutil.which("chromium") is None:
        problem("chromium is not installed (.ci/deps installs it)")
        return
    os.makedirs(outdir, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        # One page of each kind (a browser start each): the rest share their shape.
        incidents = sorted(p for p in pages if p.startswith("incidents/"))
        months = sorted(p for p in pages if re.match(r"archive/\d{4}-\d{2}\.html$", p))
        for rel in ["index.html", "archive/index.html", months[0], incidents[0], incidents[-1]]:
            url = "file://" + os.path.join(site, rel)
            result = chromium(profile, "--dump-dom", url)
            dom = result.stdout
            title = re.search(r"<h1[^>]*>(.*?)</h1>", dom, re.S)
            if result.returncode != 0 or "<main" not in dom or title is None:
                problem(f"{rel}: Chromium did not render it ({result.returncode}): "
                        f"{result.stderr[-300:]}")
        incident = incidents[0]
        for name, rel in (("index", "index.html"), ("incident", incident)):
            for scheme in ("light", "dark"):
                shot = os.path.join(outdir, f"{name}-{scheme}.png")
                if os.path.exists(shot):
                    os.unlink(shot)
                extra = ["--force-dark-mode", "--blink-settings=preferredColorScheme=0"] \
                    if scheme == "dark" else []
                chromium(profile, *extra, "--screenshot=" + shot, "--window-size=1000,1400",
                         "file://" + os.path.join(site, rel))
                if not os.path.isfile(shot):
                    problem(f"no screenshot of {rel} in {scheme}")
                    continue
                # The header's background, at the top left corner.
                red, green, blue = png_pixel(shot, 5)
                bright = (red + green + blue) / 3
                if (scheme == "light") != (bright > 128):
                    problem(f"{rel} in {scheme}: the header is {red},{green},{blue}")
                print(f"# {shot}: header {red},{green},{blue}")


with tempfile.TemporaryDirectory() as tmp:
    site = os.path.join(tmp, "site")
    subprocess.run([sample, site], check=True)
    pages = check_pages(site)
    check_contrast(site)
    n_updates = check_json(site)
    check_feed(site, n_updates)
    check_browser(site, pages)

if problems:
    print(f"{len(problems)} problems")
    sys.exit(1)
print("The site renders, its links resolve, and its feed parses")
