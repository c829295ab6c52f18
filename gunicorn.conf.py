"""Gunicorn, the app server in production: `gunicorn -c gunicorn.conf.py community.wsgi`.

See docs/deploy.md. PORT and WEB_CONCURRENCY (the number of worker processes) are read by
gunicorn itself; the values below are the community's defaults for one app server.
"""

import os

wsgi_app = "community.wsgi:application"
bind = [f"0.0.0.0:{os.environ.get('PORT', '8000')}"]
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# One thread per worker: gunicorn's sync workers, each taking one request at a time, so that the
# kernel spreads requests over all of them. With threads (gthread), one worker accepts every
# keep-alive connection it can and the others sit idle: measured with wrk, 8 connections on 2
# cores, one worker at 100% CPU and the other two near 0%. Slow clients are the proxy's job
# (nginx buffers requests and responses), as gunicorn's documentation advises for sync workers.
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request that takes longer is stuck: gunicorn replaces its worker and logs the trace.
timeout = 30
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so that a slow leak never takes a server down. Not often enough
# to show in the latency: a worker serving cached pages answers 400 requests a second or more,
# and each recycling costs a fork, new connections to the database and the cache, and caches
# that fill again, which the requests queued behind it wait for (with 10,000, visitors' p99
# jumped to 437–700 ms in 2-minute benchmark runs, issue 33). At 50,000 a worker lives
# about two minutes at full load and hours at ordinary load, so a 2-minute run at 800 requests
# a second recycles each of two workers about once. The jitter spreads the recyclings out, so
# that the workers do not restart together.
max_requests = 50_000
max_requests_jitter = 5_000
# Load the site once in the master process and warm it there (see when_ready), so that every
# worker, recycled ones included, starts with the views imported and the templates compiled.
# New code therefore needs a restart of the service, not a HUP (docs/deploy.md, Upgrading).
preload_app = True
# The site writes one JSON line per request itself (community.observability); gunicorn's own
# access log would repeat it. Gunicorn's messages go to standard error, as JSON too.
accesslog = None
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "community.observability.JsonFormatter"}},
    "handlers": {
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        }
    },
    "root": {"level": "INFO", "handlers": []},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False}
    },
}
# Gunicorn's control socket (for `gunicornc`) is not used here; it would need a writable home.
control_socket_disable = True
# Trust X-Forwarded-* only from the proxies in front (comma-separated addresses, or * when the
# app servers are reachable from the proxies alone).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server):
    """Before the first worker forks: what each worker's first request would otherwise do."""
    if server.cfg.preload_app:
        from community.warmup import warm_up

        warm_up()
