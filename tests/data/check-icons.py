#!/usr/bin/env python3
"""Check the application icons.

check-icons.py APP_ID ICONS_DIR

- hicolor/scalable/apps/APP_ID.svg: well-formed SVG on a 128x128 canvas;
- hicolor/symbolic/apps/APP_ID-symbolic.svg: 16x16, drawn only with filled
  <path>/<rect>/<circle> in #2e3436 and no strokes. GTK recolours a symbolic
  icon by overriding the fill of path, rect and circle elements; a stroke or
  another element would keep its colour and look wrong in the dark style.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'
failures = []


def check(cond, msg):
    print(('ok    ' if cond else 'FAIL  ') + msg)
    if not cond:
        failures.append(msg)


def canvas(root):
    vb = (root.get('viewBox') or '').split()
    return root.get('width'), root.get('height'), vb


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    app_id, icons = sys.argv[1:]
    full = os.path.join(icons, 'hicolor', 'scalable', 'apps', app_id + '.svg')
    sym = os.path.join(icons, 'hicolor', 'symbolic', 'apps', app_id + '-symbolic.svg')

    root = ET.parse(full).getroot()
    w, h, vb = canvas(root)
    check(root.tag == SVG + 'svg', f'{os.path.basename(full)} is an SVG')
    check((w, h) == ('128', '128') and vb == ['0', '0', '128', '128'],
          f'{os.path.basename(full)} is 128x128 ({w}x{h}, viewBox {" ".join(vb)})')

    root = ET.parse(sym).getroot()
    w, h, vb = canvas(root)
    check(root.tag == SVG + 'svg', f'{os.path.basename(sym)} is an SVG')
    check((w, h) == ('16', '16') and vb == ['0', '0', '16', '16'],
          f'{os.path.basename(sym)} is 16x16 ({w}x{h}, viewBox {" ".join(vb)})')
    shapes = 0
    for el in root.iter():
        tag = el.tag.replace(SVG, '')
        if tag in ('svg', 'title', 'desc', 'g', 'defs', 'metadata'):
            continue
        style = el.get('style', '')
        fill = el.get('fill') or (re.search(r'fill:\s*([^;]+)', style) or [None, None])[1]
        stroke = el.get('stroke') or (re.search(r'stroke:\s*([^;]+)', style) or [None, None])[1]
        check(tag in ('path', 'rect', 'circle'), f'symbolic: <{tag}> is a path, rect or circle')
        check(fill in ('#2e3436', None), f'symbolic: <{tag}> is filled with #2e3436 ({fill})')
        check(stroke in (None, 'none'), f'symbolic: <{tag}> has no stroke')
        shapes += 1
    check(shapes > 0, 'symbolic: the icon draws something')

    if failures:
        print(f'{len(failures)} check(s) failed')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
