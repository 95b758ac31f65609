#!/usr/bin/env python3
"""Where live intake's time went during a bulk import, hop by hop: case-service's own time (its Tomcat access log)
and the gateway's (its access line, which includes case-service's), per phase of `./amends bench --incident`.

Usage: start the run with case-service's access log on, e.g.
  AMENDS_JAVA_OPTS="<the launcher's default options> -Dserver.tomcat.accesslog.enabled=true \
    -Dserver.tomcat.accesslog.directory=/tmp/access -Dserver.tomcat.accesslog.pattern=%t|%r|%s|%D" \
    ./amends bench --incident 100000
then, with the job's start and end and the time the last case.acknowledged was published (HH:MM:SS, UTC, from the
run's output: the job's createdAt and updatedAt, and createdAt plus "published after"):
  python3 benchmark/scripts/live-hops.py 03:29:09 03:29:25 03:30:09 /tmp/access .amends/logs
"alone" is the 60 s before the job (the benchmark's baseline). The gateway's figures are whole milliseconds (its
access line rounds down).
"""
import datetime
import glob
import os
import re
import sys

GATEWAY_LINE = re.compile(r"\S+T(\d\d:\d\d:\d\d)\.\d+Z .*gateway\.access\s+: POST /api/cases -> \d+ \w+ in (\d+) ms")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, -(-len(ordered) * p // 100) - 1))]


def main(start, end, last, tomcat_dir, gateway_dir):
    alone = (datetime.datetime.strptime(start, "%H:%M:%S") - datetime.timedelta(seconds=60)).strftime("%H:%M:%S")

    def phase(at):
        if alone <= at < start:
            return "alone"
        if start <= at < end:
            return "job"
        if end <= at < last:
            return "after"
        return None

    hops = {"case-service": {}, "gateway": {}}
    for path in glob.glob(os.path.join(tomcat_dir, "access_log*")):
        for line in open(path):
            fields = line.rstrip().split("|")
            if len(fields) >= 4 and fields[1].startswith("POST /api/cases HTTP"):
                at = phase(fields[0][13:21])
                if at:
                    hops["case-service"].setdefault(at, []).append(int(fields[3]) / 1000)
    for path in glob.glob(os.path.join(gateway_dir, "gateway.log*")):
        for line in open(path):
            match = GATEWAY_LINE.match(line)
            at = phase(match.group(1)) if match else None
            if at:
                hops["gateway"].setdefault(at, []).append(int(match.group(2)))
    print("| hop | phase | requests | p50 ms | p95 ms | p99 ms | max ms |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for hop, phases in hops.items():
        for name in ("alone", "job", "after"):
            values = phases.get(name, [])
            if values:
                print("| %s | %s | %d | %.1f | %.1f | %.1f | %.1f |" % (
                    hop, name, len(values), percentile(values, 50), percentile(values, 95), percentile(values, 99),
                    max(values)))


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    main(*sys.argv[1:])
