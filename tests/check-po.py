#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the translations as a translator and a runner would meet them.

  check-po.py sources SRCDIR            every file with strings is in POTFILES.in, and the
                                        committed pot holds exactly the marked strings
  check-po.py language SRCDIR LANG EXE EN_LOCALE LOCALE
                                        LANG.po compiles, is complete (no fuzzy, no
                                        untranslated), and the app speaks it in LOCALE
                                        (a real one, like a runner's desktop: de_DE.UTF-8)
"""
import json, os, re, subprocess, sys, tempfile, unicodedata

XGETTEXT_ARGS = [
    "--from-code=UTF-8", "--add-comments=Translators",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dpgettext2:2c,3", "--keyword=ngettext:1,2",
]


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def read_po(path):
    """Returns {(context, msgid): msgstr} of a .po or .pot file, without the header."""
    entries, key, field, parts = {}, None, None, {}
    def flush():
        if "msgid" in parts and parts["msgid"] != "":
            entries[(parts.get("msgctxt"), parts["msgid"])] = parts.get("msgstr", parts.get("msgstr[0]", ""))
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("#~"):
            continue
        m = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
        if m:
            if m.group(1) in ("msgctxt", "msgid") and (field or "").startswith("msgstr"):
                flush()
                parts = {}
            field = m.group(1)
            parts[field] = m.group(2)
        elif line.startswith('"') and field:
            parts[field] += line[1:-1]
    flush()
    return entries


def potfiles(srcdir):
    with open(os.path.join(srcdir, "po", "POTFILES.in"), encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def check_sources(srcdir):
    listed = set(potfiles(srcdir))
    marked = re.compile(r'\b(?:N?C?_|ngettext|g_dpgettext2) ?\(')
    for folder, ext, pattern in (("src", ".c", marked), ("ui", ".ui", re.compile(r'translatable="yes"'))):
        for name in sorted(os.listdir(os.path.join(srcdir, folder))):
            rel = f"{folder}/{name}"
            if name.endswith(ext) and pattern.search(open(os.path.join(srcdir, rel), encoding="utf-8").read()):
                if rel not in listed:
                    fail(f"{rel} has translatable strings but is not in po/POTFILES.in")
    for rel in listed:
        if not os.path.exists(os.path.join(srcdir, rel)):
            fail(f"po/POTFILES.in lists {rel}, which does not exist")

    with tempfile.TemporaryDirectory() as tmp:
        files = os.path.join(tmp, "files")
        open(files, "w").write("\n".join(potfiles(srcdir)) + "\n")
        pot = os.path.join(tmp, "fresh.pot")
        env = dict(os.environ, GETTEXTDATADIRS=os.path.join(srcdir, "data"))
        subprocess.run(["xgettext", *XGETTEXT_ARGS, "-D", srcdir, "-f", files, "-o", pot],
                       check=True, env=env, capture_output=True)
        fresh = set(read_po(pot))
    committed = set(read_po(os.path.join(srcdir, "po", "run-or-rest.pot")))
    if fresh != committed:
        missing = sorted(m[1][:60] for m in fresh - committed)
        stale = sorted(m[1][:60] for m in committed - fresh)
        fail(f"po/run-or-rest.pot is out of date (meson compile -C build run-or-rest-pot): "
             f"{len(missing)} new, e.g. {missing[:3]}; {len(stale)} gone, e.g. {stale[:3]}")
    print(f"ok: {len(fresh)} strings, all files listed, pot up to date")


def language_env(lang, locale):
    return dict(os.environ, LANGUAGE=lang, LC_ALL=locale)


def run_json(exe, env, args):
    out = subprocess.run([exe, "--json", *args], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def check_language(srcdir, lang, exe, en_locale, locale):
    po = os.path.join(srcdir, "po", f"{lang}.po")
    result = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, po],
                            capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"msgfmt --check {lang}.po: {result.stderr.strip()}")
    if "fuzzy" in result.stderr or "untranslated" in result.stderr:
        fail(f"{lang}.po is not complete: {result.stderr.strip()}")

    entries = read_po(po)
    pot = read_po(os.path.join(srcdir, "po", "run-or-rest.pot"))
    missing = [k[1][:60] for k in pot if not entries.get(k)]
    if missing:
        fail(f"{lang}.po lacks {len(missing)} strings of the pot, e.g. {missing[:3]}")

    # The app speaks the language, and says the same thing in it.
    args = ["--region=left-knee-outer", "--pain=5", "--symptom=swelling", "--region=right-heel:2"]
    env = language_env(lang, locale)
    english, translated = run_json(exe, language_env("en", en_locale), args), run_json(exe, env, args)
    if english["verdict"] != translated["verdict"] or english["level"] != translated["level"]:
        fail(f"{lang}: verdict {translated['verdict']} differs from {english['verdict']}")
    if [c["id"] for c in english["conditions"]] != [c["id"] for c in translated["conditions"]]:
        fail(f"{lang}: the conditions differ from English")
    for field in ("verdict_name", "headline"):
        expected = entries.get((None, english[field]))
        if translated[field] != expected:
            fail(f"{lang}: {field} is {translated[field]!r}, the catalogue says {expected!r}")
    for spot_en, spot in zip(english["regions"], translated["regions"]):
        if spot["name"] != entries.get((None, spot_en["name"])):
            fail(f"{lang}: region name {spot['name']!r} is not the translation of {spot_en['name']!r}")

    summary = subprocess.run([exe, "--summary", *args], env=env, capture_output=True, text=True, check=True).stdout
    if translated["verdict_name"] not in summary or entries[(None, english["disclaimer"])].split()[0] not in summary:
        fail(f"{lang}: --summary is not in {lang}")
    check_sheet_direction(exe, lang, env, entries, args)
    print(f"ok: {lang}.po complete ({len(entries)} strings); the app speaks {lang}")


def check_sheet_direction(exe, lang, env, entries, args):
    """The printed sheet reads in the language's direction: mirrored for Arabic, with
    the first column (and the first piece of advice) on the right and the date on
    the left; the references, in Latin script, stay where they are."""
    title = entries[(None, "Run or Rest — guidance sheet")]
    first_strong = next(unicodedata.bidirectional(c) for c in title if unicodedata.bidirectional(c) in ("L", "R", "AL"))
    rtl = first_strong in ("R", "AL")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = os.path.join(tmp, "sheet.pdf")
        subprocess.run([exe, f"--export-pdf={pdf}", *args], env=env, check=True)
        bbox = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, check=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', bbox).group(1))
    words = [(float(x0), float(x1), float(y0), text) for x0, y0, x1, text in
             re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', bbox)]

    def where(pattern, lowest=False):
        found = sorted((w for w in words if re.fullmatch(pattern, w[3])), key=lambda w: w[2])
        if not found:
            fail(f"{lang}: the sheet has no word like {pattern!r}")
        return found[-1 if lowest else 0]

    # The date, in the locale's own format ("01.12.2026", "01/12/26", "01 ديس, 2026"), is
    # the first thing on the page with a digit in it.
    # The list of sources is at the foot of the page, under every "[1]" cited above it.
    date = where(r".*\d.*")
    first, source = where(r"1\."), where(r"\[1\]", lowest=True)
    if rtl != (date[1] < width / 2) or rtl != (first[0] > width * 0.6) or source[0] > width * 0.2:
        fail(f"{lang}: the sheet is not laid out {'right to left' if rtl else 'left to right'}: "
             f"date at {date[0]:.0f}, first advice at {first[0]:.0f}, first source at {source[0]:.0f} "
             f"of {width:.0f} points")


if __name__ == "__main__":
    if sys.argv[1] == "sources":
        check_sources(sys.argv[2])
    else:
        check_language(*sys.argv[2:7])
