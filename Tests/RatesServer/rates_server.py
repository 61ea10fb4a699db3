#!/usr/bin/env python3
"""A local HTTP server for the `rates update` tests: never the internet.

    rates_server.py FOLDER

Listens on 127.0.0.1 on a free port and writes the port to FOLDER/.port.
Serves the files of FOLDER, and:
  /NAME.zip          FOLDER/NAME.csv zipped (deflate), when FOLDER/NAME.zip is absent
  /truncated/NAME    the first half of what /NAME gives
  /status/CODE       an HTML page with that status (200 is an HTML page)
  /hang              accepts the request and never answers
  /redirect/PATH     302 to /PATH
  /big               51,000,000 bytes, with Content-Length
  /bomb.zip          a zip whose CSV expands to 201,000,000 bytes
CONNECT requests (a client using this server as its https proxy) are written
to FOLDER/connect.log and answered 502.
"""
import http.server
import io
import os
import sys
import threading
import time
import zipfile

FOLDER = sys.argv[1]


def zipped(name, data):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, data)
    return buffer.getvalue()


def bomb():
    buffer = io.BytesIO()
    line = b"2026-10-30,1.1172,175.68\n"
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        with z.open("eurofxref-hist.csv", "w", force_zip64=True) as f:
            f.write(b"Date,USD,JPY,\n")
            block = line * 40000
            written = 14
            while written < 201_000_000:
                f.write(block)
                written += len(block)
    return buffer.getvalue()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, content_type="application/octet-stream", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_CONNECT(self):
        with open(os.path.join(FOLDER, "connect.log"), "a") as log:
            log.write(self.path + "\n")
        self.send(502, b"no tunnels here\n", "text/plain")

    def body(self, path):
        """The bytes for a plain path, or None."""
        name = path.lstrip("/")
        if "/" in name or name.startswith("."):
            return None
        full = os.path.join(FOLDER, name)
        if os.path.isfile(full):
            with open(full, "rb") as f:
                return f.read()
        if name.endswith(".zip"):
            csv = os.path.join(FOLDER, name[:-4] + ".csv")
            if os.path.isfile(csv):
                with open(csv, "rb") as f:
                    return zipped("eurofxref-hist.csv", f.read())
        return None

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/hang":
            time.sleep(120)
            return
        if path.startswith("/status/"):
            code = int(path[len("/status/"):])
            page = b"<!DOCTYPE html><html><body><h1>Maintenance</h1></body></html>\n"
            return self.send(code, page, "text/html")
        if path.startswith("/redirect/"):
            return self.send(302, b"", "text/plain", [("Location", "/" + path[len("/redirect/"):])])
        if path == "/big":
            size = 51_000_000
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.send_header("Content-Length", str(size))
            self.end_headers()
            chunk = b"9" * 1_000_000
            for _ in range(size // len(chunk)):
                self.wfile.write(chunk)
            return
        if path == "/bomb.zip":
            return self.send(200, bomb(), "application/zip")
        if path.startswith("/truncated/"):
            data = self.body(path[len("/truncated"):])
            if data is not None:
                return self.send(200, data[: len(data) // 2], "application/zip")
        else:
            data = self.body(path)
            if data is not None:
                return self.send(200, data, "text/csv")
        self.send(404, b"not found\n", "text/plain")


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(os.path.join(FOLDER, ".port.tmp"), "w") as f:
    f.write(str(server.server_address[1]))
os.rename(os.path.join(FOLDER, ".port.tmp"), os.path.join(FOLDER, ".port"))
server.serve_forever()
