#!/usr/bin/env python3
"""Cores each part of the machine uses, every 5 s, until stopped: where the CPU goes, phase by phase, beside a run.

Usage: python3 benchmark/scripts/cpu-timeline.py > cpu.log &   (then e.g. ./amends bench --incident 100000; kill it)
Each line: the time, then group=cores for every group that used any (utime + stime from /proc/<pid>/stat; a service
by its name in the command line, PostgreSQL the sum of its processes). cpu-per-process.sh gives one total per command.
"""
import os
import time

TICKS = os.sysconf("SC_CLK_TCK")
SERVICES = ("case-service", "remedy-service", "insight-service", "gateway", "keycloak", "benchmark")
EVERY = 5


def group(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            command = f.read().replace(b"\0", b" ").decode(errors="replace")
        with open(f"/proc/{pid}/comm") as f:
            name = f.read().strip()
    except OSError:
        return None
    for service in SERVICES:
        if service in command:
            return service
    if name.startswith("postgres"):
        return "postgres"
    if name.startswith("beam") or "rabbitmq" in command:
        return "rabbitmq"
    if name.startswith("redis"):
        return "redis"
    return None


def ticks_by_process():
    found = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        part = group(pid) if int(pid) != os.getpid() else None
        if part is None:
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[(pid, part)] = int(fields[11]) + int(fields[12])
    return found


def main():
    before, since = ticks_by_process(), time.time()
    while True:
        time.sleep(EVERY)
        now, at = ticks_by_process(), time.time()
        used = {}
        for (pid, part), ticks in now.items():
            # A process that started since the last sample counts from this one on.
            used[part] = used.get(part, 0) + ticks - before.get((pid, part), ticks)
        cores = " ".join(
            f"{part}={ticks / TICKS / (at - since):.2f}" for part, ticks in sorted(used.items()) if ticks > 0)
        print(time.strftime("%T"), cores, flush=True)
        before, since = now, at


if __name__ == "__main__":
    main()
