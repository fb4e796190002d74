#!/usr/bin/env python3
"""Bounded load on the studio over loopback (not in CI): CLIENTS clients (default 20) ask for one
random sample each at the same moment from a 128-px model, through POST /api/models/{id}/run/sample.
Checks that every request is answered 200 with its own result and that none is lost (as many results
in /api/results as requests), then prints p50/p99/max latency. Plugin runs take turns in the server
(one `singan-edit sample` process at a time), so the latency grows with the position in the queue.

Usage: python3 Benchmarks/studio_load.py [path/to/singan-edit] [clients] [model.sgn]
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/release/singan-edit"))
CLIENTS = int(sys.argv[2]) if len(sys.argv) > 2 else 20
MODEL = sys.argv[3] if len(sys.argv) > 3 else os.path.join(ROOT, "Samples/models/rocket-128.sgn")


def multipart(fields):
    boundary = "load-" + uuid.uuid4().hex
    body = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items())
    return body + f"--{boundary}--\r\n".encode(), "multipart/form-data; boundary=" + boundary


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def main():
    work = tempfile.mkdtemp(prefix="studio-load-")
    models = os.path.join(work, "models")
    os.makedirs(models)
    shutil.copy(MODEL, os.path.join(models, "model.sgn"))
    server = subprocess.Popen([BINARY, "serve", "--models", models, "--port", "0"], stdout=subprocess.PIPE, text=True)
    base = server.stdout.readline().split(" ", 1)[1].strip().rstrip("/")
    latencies, failures = [None] * CLIENTS, []
    start = threading.Barrier(CLIENTS)

    def client(i):
        body, content_type = multipart({"count": "1", "seed": str(i + 1)})
        request = urllib.request.Request(base + "/api/models/model/run/sample", data=body, method="POST",
                                         headers={"Content-Type": content_type})
        start.wait()
        began = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=900) as reply:
                result = json.load(reply)
                if reply.status != 200 or len(result["files"]) != 1:
                    failures.append((i, reply.status, result))
        except Exception as error:  # an HTTP error or a lost connection
            failures.append((i, "error", str(error)))
        latencies[i] = time.perf_counter() - began

    try:
        threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
        began = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - began
        with urllib.request.urlopen(base + "/api/results") as reply:
            stored = json.load(reply)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
        shutil.rmtree(work, ignore_errors=True)
    print(f"{CLIENTS} clients, one 128-px sample each ({os.path.basename(MODEL)}): "
          f"{CLIENTS - len(failures)} answered 200, {len(failures)} failed, {len(stored)} results stored")
    print(f"latency p50 {percentile(latencies, 50):.2f} s, p99 {percentile(latencies, 99):.2f} s, "
          f"max {max(latencies):.2f} s; all answered in {wall:.2f} s ({wall / CLIENTS:.2f} s a request)")
    if failures or len(stored) != CLIENTS:
        print("FAIL:", failures[:3])
        sys.exit(1)


if __name__ == "__main__":
    main()
