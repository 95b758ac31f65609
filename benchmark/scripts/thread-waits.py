#!/usr/bin/env python3
"""Where one thread of a service spent its time during a JFR recording: socket reads and writes by remote port,
monitor waits and parks by where they waited, and CPU samples.

Usage, with the platform up (./amends up) and a load running:
  jcmd <pid> JFR.start name=waits settings=$PWD/benchmark/scripts/thread-waits.jfc filename=/tmp/waits.jfr
  ... the load ...
  jcmd <pid> JFR.stop name=waits
  python3 benchmark/scripts/thread-waits.py /tmp/waits.jfr outbox-relay
Each line: seconds in all, how many events, what (jdk.SocketRead:5432 is time waiting for PostgreSQL's answers). The
outbox relay's thread is outbox-relay; the import's, incident-import. Needs JDK 25's jfr (JAVA_HOME or the path).
"""
import collections
import json
import os
import re
import subprocess
import sys

EVENTS = "jdk.SocketRead,jdk.SocketWrite,jdk.JavaMonitorWait,jdk.ThreadPark,jdk.ExecutionSample"


def seconds(duration):
    match = re.match(r"PT(?:(\d+)H)?(?:(\d+)M)?([\d.]+)S", duration or "")
    if not match:
        return 0.0
    return int(match.group(1) or 0) * 3600 + int(match.group(2) or 0) * 60 + float(match.group(3))


def waited_at(values):
    frames = (values.get("stackTrace") or {}).get("frames") or []
    names = [f["method"]["type"]["name"].split("/")[-1] + "." + f["method"]["name"] for f in frames[:8]]
    return " < ".join(n for n in names if "Lock" not in n and not n.startswith("Object.wait"))[:160]


def main(recording, thread):
    jfr = os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "jfr") if os.environ.get("JAVA_HOME") else "jfr"
    printed = subprocess.run([jfr, "print", "--json", "--events", EVENTS, recording],
                             check=True, capture_output=True, text=True).stdout
    totals = collections.defaultdict(lambda: [0, 0.0])
    for event in json.loads(printed)["recording"]["events"]:
        values = event["values"]
        owner = values.get("eventThread") or values.get("sampledThread") or {}
        if owner.get("javaName") != thread:
            continue
        kind = event["type"]
        if kind == "jdk.ExecutionSample":
            totals["CPU samples (one each 10 ms on the CPU)"][0] += 1
            continue
        if "port" in values:
            kind += ":" + str(values["port"])
        elif kind in ("jdk.JavaMonitorWait", "jdk.ThreadPark"):
            kind += " " + waited_at(values)
        totals[kind][0] += 1
        totals[kind][1] += seconds(values.get("duration"))
    for what, (count, total) in sorted(totals.items(), key=lambda item: -item[1][1]):
        print(f"{total:9.2f} s {count:9d}  {what}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
