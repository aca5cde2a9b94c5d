#!/usr/bin/env python3
"""Check the Flatpak manifest without the network.

check-flatpak-manifest.py MANIFEST DESKTOP_FILE METAINFO_FILE SCHEMA_FILE

- MANIFEST is valid JSON with the keys flatpak-builder needs;
- its app-id equals the desktop file's basename, the metainfo <id> and the
  GSettings schema id;
- runtime is org.gnome.Platform, sdk org.gnome.Sdk, runtime-version >= 47;
- finish-args grant no network and no home or host file system;
- every module source of type archive or file has a 64-hex-digit sha256
  (and an https URL);
- if flatpak-builder is installed, `flatpak-builder --show-manifest MANIFEST`
  accepts it (otherwise that part is reported as skipped).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

failures = []


def check(cond, msg):
    print(('ok    ' if cond else 'FAIL  ') + msg)
    if not cond:
        failures.append(msg)


def strip_suffixes(name):
    for suffix in ('.in', '.desktop'):
        if name.endswith(suffix):
            name = name[:-len(suffix)]
    return name


def walk_modules(modules, path=''):
    for m in modules:
        if isinstance(m, str):
            # A module kept in a separate file, relative to the manifest.
            yield path + m, None
            continue
        name = path + m.get('name', '?')
        yield name, m
        yield from walk_modules(m.get('modules', []), name + '/')


def main():
    if len(sys.argv) != 5:
        print(__doc__)
        return 2
    manifest_path, desktop, metainfo, schema = sys.argv[1:]

    try:
        with open(manifest_path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f'FAIL  {manifest_path} is not valid JSON: {e}')
        return 1
    check(True, f'{os.path.basename(manifest_path)} is valid JSON')

    app_id = manifest.get('app-id') or manifest.get('id')
    check(bool(app_id), f'app-id is set ({app_id})')
    check(os.path.basename(manifest_path) == f'{app_id}.json',
          'the manifest is named after the app-id')

    desktop_id = strip_suffixes(os.path.basename(desktop))
    check(app_id == desktop_id, f'app-id equals the desktop file basename ({desktop_id})')

    root = ET.parse(metainfo).getroot()
    meta_id = (root.findtext('id') or '').strip()
    check(app_id == meta_id, f'app-id equals the metainfo id ({meta_id})')
    launch = (root.findtext('launchable') or '').strip()
    check(launch == f'{app_id}.desktop', f'the metainfo launchable names the desktop file ({launch})')

    schema_ids = [s.get('id') for s in ET.parse(schema).getroot().iter('schema')]
    check(app_id in schema_ids, f'app-id equals the GSettings schema id ({", ".join(schema_ids)})')

    check(manifest.get('runtime') == 'org.gnome.Platform', 'runtime is org.gnome.Platform')
    check(manifest.get('sdk') == 'org.gnome.Sdk', 'sdk is org.gnome.Sdk')
    version = str(manifest.get('runtime-version', ''))
    m = re.fullmatch(r'(\d+)(?:\.\d+)?', version)
    check(m is not None and int(m.group(1)) >= 47, f'runtime-version >= 47 ({version})')
    check(manifest.get('command') == 'tcpviz', 'command is tcpviz')

    finish = manifest.get('finish-args', [])
    for bad in ('--share=network', '--filesystem=home', '--filesystem=host',
                '--filesystem=host-os', '--device=all', '--socket=x11'):
        check(bad not in finish, f'finish-args do not contain {bad}')
    for good in ('--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri'):
        check(good in finish, f'finish-args contain {good}')

    modules = list(walk_modules(manifest.get('modules', [])))
    check(len(modules) > 0, 'there are modules')
    names = [n for n, _ in modules]
    check(names and names[-1].split('/')[-1] == 'tcpviz', 'the last module is tcpviz')
    for name, mod in modules:
        if mod is None:
            check(False, f'module {name}: kept in another file; inline it so it is checked here')
            continue
        for i, src in enumerate(mod.get('sources', [])):
            if isinstance(src, str):
                continue
            kind = src.get('type')
            where = f'module {name} source {i} ({kind})'
            if kind in ('archive', 'file'):
                sha = src.get('sha256', '')
                check(re.fullmatch(r'[0-9a-f]{64}', sha) is not None,
                      f'{where} has a 64-hex sha256')
                if 'url' in src:
                    check(src['url'].startswith('https://'), f'{where} URL is https')
                else:
                    check('path' in src, f'{where} has a url or a path')
            elif kind == 'git':
                check(bool(src.get('commit') or src.get('tag')),
                      f'{where} pins a commit or tag')
            elif kind == 'dir':
                p = os.path.join(os.path.dirname(os.path.abspath(manifest_path)), src.get('path', ''))
                check(os.path.isfile(os.path.join(p, 'meson.build')),
                      f'{where} points at the source tree')

    fb = shutil.which('flatpak-builder')
    if fb is None:
        print('skip  flatpak-builder is not installed: --show-manifest not run')
    else:
        r = subprocess.run([fb, '--show-manifest', manifest_path],
                           capture_output=True, text=True,
                           cwd=os.path.dirname(os.path.abspath(manifest_path)))
        out = (r.stdout + r.stderr)
        ok = r.returncode == 0
        if ok:
            try:
                shown = json.loads(r.stdout)
                ok = (shown.get('app-id') or shown.get('id')) == app_id
            except ValueError:
                ok = False
        if not ok:
            print(out)
        check(ok, 'flatpak-builder --show-manifest accepts the manifest')
        warnings = [l for l in r.stderr.splitlines() if l.strip()]
        for w in warnings:
            print('      flatpak-builder said: ' + w)

    if failures:
        print(f'{len(failures)} check(s) failed')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
