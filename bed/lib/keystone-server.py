"""Serves Keystone's public API with one thread per request.

The packaged keystone-wsgi-public development server answers one request at a time; many test
runs share this Keystone, and one slow request must not stall the others.
Usage: keystone-server.py HOST PORT (configuration from OS_KEYSTONE_CONFIG_FILES).
"""

import socketserver
import sys
from wsgiref import simple_server

from keystone.server.wsgi import initialize_public_application


class ThreadingWSGIServer(socketserver.ThreadingMixIn, simple_server.WSGIServer):
    daemon_threads = True


def main():
    host, port = sys.argv[1], int(sys.argv[2])
    application = initialize_public_application()
    server = simple_server.make_server(
        host, port, application, server_class=ThreadingWSGIServer)
    print("keystone public API on http://%s:%d/" % (host, port), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
