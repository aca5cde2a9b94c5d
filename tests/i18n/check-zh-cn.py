#!/usr/bin/env python3
"""Check that tcpviz speaks Simplified Chinese.

check-zh-cn.py TCPVIZ BUILD_PO_DIR CAPTURES_DIR

Runs the program with LANGUAGE=zh_CN LANG=zh_CN.UTF-8 against the catalogue
compiled in the build tree (BUILD_PO_DIR/zh_CN/LC_MESSAGES/tcpviz.mo, found
through TCPVIZ_LOCALEDIR) and a zh_CN.UTF-8 locale generated with localedef
into a temporary folder (LOCPATH), so nothing on the system is touched, and
checks --explain, --summary, --export (a PDF read back with pdftotext) and
--help. The same commands under LANG=C must stay English, so a pass means
the translation was used rather than that the strings were Chinese anyway.

Exits 77 (skipped) when localedef cannot make the locale.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

problems = []


def check(cond, what):
    print(('ok    ' if cond else 'FAIL  ') + what)
    if not cond:
        problems.append(what)


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        return 2
    tcpviz, podir, captures = sys.argv[1:]
    handshake = os.path.join(captures, 'textbook-handshake.pcap')
    mo = os.path.join(podir, 'zh_CN', 'LC_MESSAGES', 'tcpviz.mo')
    if not os.path.exists(mo):
        print(f'FAIL: {mo} is not built (ninja -C BUILDDIR tcpviz-gmo)')
        return 1

    localedef = shutil.which('localedef')
    if localedef is None:
        print('SKIP: localedef is not installed (Debian package libc-bin), '
              'so the zh_CN.UTF-8 locale cannot be generated')
        return 77

    with tempfile.TemporaryDirectory(prefix='tcpviz-i18n-') as tmp:
        locpath = os.path.join(tmp, 'locale')
        os.makedirs(locpath)
        r = subprocess.run([localedef, '-i', 'zh_CN', '-f', 'UTF-8',
                            os.path.join(locpath, 'zh_CN.UTF-8')],
                           capture_output=True, text=True)
        if not os.path.isdir(os.path.join(locpath, 'zh_CN.UTF-8')):
            print('SKIP: localedef could not make zh_CN.UTF-8 (are the locale '
                  f'sources in /usr/share/i18n installed? package locales): {r.stderr.strip()}')
            return 77

        base = {k: v for k, v in os.environ.items()
                if not k.startswith('LC_') and k not in ('LANG', 'LANGUAGE')}
        base.update(TCPVIZ_LOCALEDIR=podir, GSETTINGS_BACKEND='memory')
        zh = dict(base, LOCPATH=locpath, LANGUAGE='zh_CN', LANG='zh_CN.UTF-8')
        en = dict(base, LANG='C')

        def run(env, *args):
            r = subprocess.run([tcpviz] + list(args), env=env, capture_output=True,
                               timeout=60)
            out = r.stdout.decode('utf-8', 'replace') + r.stderr.decode('utf-8', 'replace')
            if r.returncode != 0:
                problems.append(f'tcpviz {" ".join(args)} exited {r.returncode}')
                print(f'FAIL  tcpviz {" ".join(args)} exited {r.returncode}:\n{out}')
            return out

        # --explain: the plain-words explanations, with the real numbers
        out = run(zh, '--explain', handshake)
        print('--- tcpviz --explain (zh_CN), first lines:')
        print('\n'.join(out.splitlines()[:12]))
        check('三次握手' in out, '--explain says 三次握手')
        check('确认号' in out and '序列号' in out, '--explain says 序列号 and 确认号')
        check('第 1 步，共 11 步：客户端发出 SYN' in out, '--explain titles step 1 in Chinese')
        check('3626544836' in out, '--explain shows the client ISN 3626544836')
        check('Step 1 of' not in out and 'The client' not in out, '--explain holds no English sentence')
        # say() puts no space after 。 (the text is wrapped, so look within lines)
        check(not re.search(r'[。，；：！？）] ', out), '--explain has no space after Chinese punctuation')
        # durations: the number as before, the unit translated (毫秒, 秒)
        flat = re.sub(r'\s*\n\s*', ' ', out)
        check(re.search(r'612 微秒', flat) is not None,
              '--explain writes the SYN-ACK delay as 612 微秒 (tv_format_duration)')
        check(re.search(r'653 微秒', flat) is not None,
              '--explain writes the handshake RTT as 653 微秒 (tv_format_duration)')
        check(re.search(r'\d ms\b', flat) is None, '--explain writes no English "ms" after a number')
        out = run(zh, '--explain', os.path.join(captures, 'tcp-keepalive.pcap'))
        # the sentences only: not the line above each one ("第 7 帧  45.001641 s  C → S …",
        # tv-cli.c's time column)
        flat = re.sub(r'\s*\n\s*', ' ', '\n'.join(l for l in out.splitlines() if '帧' not in l))
        check(re.search(r'静默 45\.0 秒之后', flat) is not None,
              '--explain writes the keep-alive idle time as 45.0 秒')
        check(re.search(r'\d s\b', flat) is None, '--explain writes no English "s" after a number')
        out = run(zh, '--explain', '--absolute', handshake)
        check('3626544837' in out, '--explain --absolute shows seq 3626544837')
        check('绝对值' in out, '--explain --absolute says the numbers are absolute (绝对值)')

        # --summary: the header and the counts
        out = run(zh, '--summary', handshake)
        print('--- tcpviz --summary (zh_CN):')
        print(out.rstrip())
        lines = out.splitlines()
        check(len(lines) >= 3 and all(w in lines[0] for w in ('客户端', '服务器', '报文段', '握手')),
              '--summary prints its Chinese header')
        check('1 个连接，11 个 TCP 报文段' in out, '--summary counts in Chinese')
        if len(lines) >= 2:
            # in a terminal a Chinese character takes two columns: the header
            # must line up with the numbers by columns, not by bytes
            def col(line, text, end=False):
                i = line.find(text)
                if i < 0:
                    return -1
                if end:
                    i += len(text)
                return sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in line[:i])
            check(col(lines[0], '服务器') == col(lines[1], '192.168.1.123:7788')
                  and col(lines[0], '握手', True) == col(lines[1], '653 微秒', True),
                  '--summary: the Chinese header lines up with the rows in terminal columns')

        # --export: the diagram's words in a PDF
        pdf = os.path.join(tmp, 'out.pdf')
        run(zh, '--export', pdf, handshake)
        if shutil.which('pdftotext') is None:
            print('skip  --export: pdftotext is not installed (poppler-utils)')
        elif os.path.exists(pdf):
            text = subprocess.run(['pdftotext', pdf, '-'], capture_output=True,
                                  text=True).stdout
            check('客户端' in text and '服务器' in text, '--export PDF: the lifelines are 客户端 and 服务器')
            check(all(t in text for t in ('三次握手', '数据传输', '四次挥手')),
                  '--export PDF: the phases are 三次握手, 数据传输, 四次挥手')
            check('Client' not in text and 'Handshake' not in text, '--export PDF: no English title')
        else:
            check(False, '--export wrote the PDF')

        # --help
        out = run(zh, '--help')
        check('用法' in out and '每个 TCP 连接输出一行' in out, '--help is Chinese')

        # the control: without the Chinese locale the same program is English
        out = run(en, '--explain', handshake)
        check('Step 1 of 11' in out and '三次握手' not in out, 'under LANG=C --explain stays English')
        check(re.search(r'612 (µs|\?s|us) after the SYN', re.sub(r'\s*\n\s*', ' ', out)) is not None,
              'under LANG=C the durations stay in µs (? where the charset has no µ)')
        out = run(en, '--summary', handshake)
        check('CLIENT' in out, 'under LANG=C --summary stays English')

    for p in problems:
        print('FAIL: ' + p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
