#!/usr/bin/env python3
"""Check the MetaInfo file and the Flatpak manifest against the rules Flathub
applies today, without the network.

check-metainfo-rules.py METAINFO MANIFEST

- the manifest uses org.gnome.Platform 50 (GNOME 48 reached its end of life
  in March 2026) and still has x-checker-data on the libpcap source;
- <content_rating type="oars-1.1"> (an empty one means no such content);
- <releases> with at least one <release version date> that has a
  <description> of its own, newest first;
- <developer id="…"> with a <name>;
- <branding> with a primary colour for the light and for the dark scheme,
  as #rrggbb, and the two different;
- <screenshots> with a default one, each with a <caption> and an <image>;
- <launchable type="desktop-id"> naming the app id's desktop file;
- <url type="homepage"> and <url type="vcs-browser">, https.
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

failures = []


def check(cond, msg):
    print(('ok    ' if cond else 'FAIL  ') + msg)
    if not cond:
        failures.append(msg)


def version_key(v):
    return [int(x) if x.isdigit() else x for x in re.split(r'[.-]', v)]


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    metainfo, manifest_path = sys.argv[1:]
    root = ET.parse(metainfo).getroot()
    with open(manifest_path, encoding='utf-8') as f:
        manifest = json.load(f)

    check(manifest.get('runtime') == 'org.gnome.Platform'
          and str(manifest.get('runtime-version')) == '50',
          f'runtime org.gnome.Platform 50 ({manifest.get("runtime")} {manifest.get("runtime-version")})')
    pcap = [m for m in manifest.get('modules', []) if isinstance(m, dict) and m.get('name') == 'libpcap']
    checker = [s.get('x-checker-data') for m in pcap for s in m.get('sources', []) if isinstance(s, dict)]
    check(any(c and c.get('url', '').startswith('https://') for c in checker),
          'the libpcap source keeps its x-checker-data')

    app_id = (root.findtext('id') or '').strip()

    rating = root.find('content_rating')
    check(rating is not None and rating.get('type') == 'oars-1.1', 'content_rating type="oars-1.1"')

    releases = root.findall('releases/release')
    check(len(releases) > 0, f'releases: {len(releases)}')
    for r in releases:
        v, d = r.get('version'), r.get('date')
        check(bool(v) and bool(d) and re.fullmatch(r'\d{4}-\d{2}-\d{2}', d or '') is not None,
              f'release {v} has a version and a date ({d})')
        desc = r.find('description')
        text = ''.join(desc.itertext()).strip() if desc is not None else ''
        check(len(text) >= 20, f'release {v} has notes ({len(text)} characters)')
    versions = [r.get('version') or '' for r in releases]
    check(versions == sorted(versions, key=version_key, reverse=True), 'releases newest first')

    dev = root.find('developer')
    check(dev is not None and bool(dev.get('id')) and bool((dev.findtext('name') or '').strip()),
          'developer with an id and a name')

    colours = {c.get('scheme_preference'): (c.text or '').strip()
               for c in root.findall('branding/color') if c.get('type') == 'primary'}
    for scheme in ('light', 'dark'):
        check(re.fullmatch(r'#[0-9a-fA-F]{6}', colours.get(scheme, '')) is not None,
              f'branding primary colour for {scheme} ({colours.get(scheme)})')
    check(colours.get('light') != colours.get('dark'), 'the light and dark branding colours differ')

    shots = root.findall('screenshots/screenshot')
    check(len(shots) > 0, f'screenshots: {len(shots)}')
    check(sum(1 for s in shots if s.get('type') == 'default') == 1, 'exactly one default screenshot')
    for i, s in enumerate(shots):
        check(bool((s.findtext('caption') or '').strip()), f'screenshot {i + 1} has a caption')
        check((s.findtext('image') or '').strip().startswith('https://'), f'screenshot {i + 1} has an https image')

    launch = root.find('launchable')
    check(launch is not None and launch.get('type') == 'desktop-id'
          and (launch.text or '').strip() == app_id + '.desktop',
          'launchable desktop-id names the desktop file')

    urls = {u.get('type'): (u.text or '').strip() for u in root.findall('url')}
    for kind in ('homepage', 'vcs-browser'):
        check(urls.get(kind, '').startswith('https://'), f'url {kind} ({urls.get(kind)})')

    if failures:
        print(f'{len(failures)} check(s) failed')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
