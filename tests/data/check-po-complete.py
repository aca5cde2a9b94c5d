#!/usr/bin/env python3
"""Check that a translation is complete.

check-po-complete.py PO_FILE
    msgfmt --check --statistics PO_FILE must succeed and report neither
    untranslated nor fuzzy messages.

check-po-complete.py PO_FILE --sources SRCDIR
    Also build the message template from SRCDIR/po/POTFILES.in with xgettext,
    as `ninja tcpviz-pot` does, merge PO_FILE with it and check the result the
    same way: this catches strings that are in the sources but not yet in the
    .po file (run `ninja -C BUILDDIR tcpviz-update-po` and translate them).

Exits 77 (skipped) when gettext's tools are missing.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

# The xgettext options of po/meson.build (preset glib plus ours).
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments=Translators',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3', '--keyword=ngettext:1,2',
]


def need(tool):
    if shutil.which(tool) is None:
        print(f'SKIP: {tool} is not installed (Debian package gettext).')
        sys.exit(77)


def statistics(po, label):
    """Return a list of problems msgfmt finds in po."""
    r = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po],
                       capture_output=True, text=True)
    out = (r.stdout + r.stderr).strip()
    print(f'{label}: {out}')
    problems = []
    if r.returncode != 0:
        problems.append(f'{label}: msgfmt --check failed (exit {r.returncode})')
    if re.search(r'\buntranslated\b', out):
        problems.append(f'{label}: has untranslated messages')
    if re.search(r'\bfuzzy\b', out):
        problems.append(f'{label}: has fuzzy messages')
    if not re.search(r'\d+ translated message', out):
        problems.append(f'{label}: msgfmt reported no translated messages')
    return problems


def cut_short(pot):
    """Find messages that a macro cut short.

    In _("%" G_GUINT64_FORMAT " frames") or _("looked in " PKGDATADIR),
    xgettext cannot see past the macro: the template gets "%" or
    "looked in ", and the string the program asks for at run time is never
    in the catalogue. Use "%" PRIu64 (xgettext and gettext know the
    <inttypes.h> macros) or pass the value through %s.
    """
    r = subprocess.run(['msgcat', '--no-wrap', pot], capture_output=True, text=True)
    found = []
    entry_refs = ''
    for line in r.stdout.splitlines():
        if line.startswith('#:'):
            entry_refs = line[2:].strip()
            continue
        m = re.match(r'^msgid(?:_plural)? "(.*)"$', line)
        if not m or not m.group(1):
            continue
        text = m.group(1)
        # An odd run of % at the end, with nothing after the last one but
        # flags, width or precision: a directive whose conversion was cut off.
        if re.search(r"(?<!%)(?:%%)*%[-+ #0']*[0-9]*(?:\.[0-9]+)?$", text) or \
           re.search(r'\($|\([^)]*$', text) and text.endswith(' '):
            found.append(f'{entry_refs}: "{text}" is cut short by a macro '
                         '(use "%" PRIu64 or a %s argument instead of a macro in the string)')
    return sorted(set(found))


def list_untranslated(po):
    r = subprocess.run(['msgattrib', '--untranslated', '--no-wrap', po],
                       capture_output=True, text=True)
    ids = re.findall(r'^msgid "(.+)"$', r.stdout, re.M)
    for i in ids[:40]:
        print(f'  missing: {i}')
    if len(ids) > 40:
        print(f'  … and {len(ids) - 40} more')
    r = subprocess.run(['msgattrib', '--only-fuzzy', '--no-wrap', po],
                       capture_output=True, text=True)
    for i in re.findall(r'^msgid "(.+)"$', r.stdout, re.M)[:40]:
        print(f'  fuzzy: {i}')


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    po = args[0]
    need('msgfmt')
    problems = statistics(po, os.path.basename(po))
    if problems:
        list_untranslated(po)

    if len(args) >= 3 and args[1] == '--sources':
        srcdir = args[2]
        for t in ('xgettext', 'msgmerge', 'msgattrib'):
            need(t)
        potfiles = os.path.join(srcdir, 'po', 'POTFILES.in')
        with open(potfiles, encoding='utf-8') as f:
            files = [l.strip() for l in f if l.strip() and not l.startswith('#')]
        missing = [f for f in files if not os.path.exists(os.path.join(srcdir, f))]
        if missing:
            problems.append('POTFILES.in names files that do not exist: ' + ', '.join(missing))
        with tempfile.TemporaryDirectory() as tmp:
            pot = os.path.join(tmp, 'tcpviz.pot')
            r = subprocess.run(['xgettext', '--package-name=tcpviz', '-o', pot,
                                f'--directory={srcdir}', f'--files-from={potfiles}']
                               + XGETTEXT_ARGS, capture_output=True, text=True)
            if r.stderr.strip():
                print(r.stderr.strip())
            if r.returncode != 0:
                problems.append('xgettext failed on the files of POTFILES.in')
            else:
                problems += cut_short(pot)
                merged = os.path.join(tmp, 'merged.po')
                subprocess.run(['msgmerge', '--quiet', '-o', merged, po, pot], check=True)
                p = statistics(merged, os.path.basename(po) + ' merged with the sources')
                if p:
                    list_untranslated(merged)
                    print('Run `ninja -C BUILDDIR tcpviz-update-po` and translate '
                          'these in ' + po + ' (terms: po/GLOSSARY-zh_CN.md).')
                problems += p

    for p in problems:
        print('FAIL: ' + p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
