"""gunicorn's settings for one app server: `gunicorn -c gunicorn.conf.py`.

Everything a machine decides comes from the environment (README, "Deployment").
"""

import os

wsgi_app = "network.wsgi:application"

# Where the load balancer reaches this server.
bind = [os.environ.get("GUNICORN_BIND") or f"0.0.0.0:{os.environ.get('PORT', '8000')}"]

# Worker processes: about two per core; each holds one database connection at a time.
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)

# Nothing slow runs inside a request (background work goes to the task workers), so a
# request that takes longer than this is stuck: its worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# A deploy or scale-down lets running requests finish for this long.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Longer than most load balancers wait between requests on a kept-alive connection.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Workers are renewed now and then, so that a slow leak never grows.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = max_requests // 10

# The addresses whose X-Forwarded-* headers gunicorn believes: the load balancer's.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Access and error log on standard output and error, for the platform's log collector.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The client's address as the load balancer reports it, and the time taken in µs.
access_log_format = '%({x-forwarded-for}i)s %(h)s %(t)s "%(r)s" %(s)s %(b)s %(D)s "%(a)s"'

# gunicorn's control socket has one default path per user, which several servers on
# one machine would share; it is on only where asked for.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True
