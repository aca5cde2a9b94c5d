#!/usr/bin/env python3
"""Check that every GSettings key the C sources name exists in the schema.

check-gsettings-keys.py SCHEMA_FILE SRCDIR

GSettings aborts the program when it is asked for a key its schema does not
have, so a misspelt key is a crash at run time. This finds calls such as
g_settings_get_int (settings, "window-width") or
g_settings_bind (settings, "spacing", …) in SRCDIR/**/*.c and checks each
key against SCHEMA_FILE. It also lists the schema's keys no source uses
(information only).
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

CALL = re.compile(r'\bg_settings_(?:get|set|bind|create_action|reset|is_writable|'
                  r'get_user_value|get_default_value|get_value|set_value)\w*\s*\(\s*'
                  r'[^,()]+(?:\([^()]*\))?\s*,\s*"([^"]+)"', re.S)


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    schema_file, srcdir = sys.argv[1:]
    keys = {k.get('name') for k in ET.parse(schema_file).getroot().iter('key')}
    used = {}
    for root, _dirs, files in os.walk(srcdir):
        for name in files:
            if not name.endswith('.c'):
                continue
            path = os.path.join(root, name)
            with open(path, encoding='utf-8', errors='replace') as f:
                text = f.read()
            for m in CALL.finditer(text):
                line = text.count('\n', 0, m.start()) + 1
                used.setdefault(m.group(1), []).append(f'{os.path.relpath(path, srcdir)}:{line}')
    bad = sorted(k for k in used if k not in keys)
    for k in sorted(used):
        print(('ok    ' if k in keys else 'FAIL  ') + f'"{k}" used at ' + ', '.join(used[k]))
    for k in sorted(keys - set(used)):
        print(f'note  schema key "{k}" is not used by the sources (yet)')
    if bad:
        print('FAIL: keys used in the sources but missing from ' + schema_file + ': ' + ', '.join(bad))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
