"""Django settings for the town portal, read from environment variables.

With nothing set, the portal refuses to start without a secret key (production is the default);
``DJANGO_DEBUG=1`` gives a local site on SQLite that just works.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    return os.environ.get(name, default).strip()


def env_bool(name, default=False):
    value = env(name)
    if not value:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = env(name)
    return int(value) if value else default


def env_float(name, default):
    value = env(name)
    return float(value) if value else default


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def database_from_url(url):
    """Turn ``sqlite:///path`` or ``postgres://user:pass@host:port/name`` into a DATABASES entry."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///var/db.sqlite3 is relative to the project, sqlite:////srv/db.sqlite3 absolute.
        name = Path(unquote(parts.path)[1:])
        name = name if name.is_absolute() else BASE_DIR / name
        name.parent.mkdir(parents=True, exist_ok=True)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name,
            # Workers keep their connection, as on PostgreSQL: with one per request, the last to
            # close checkpoints the WAL with an fsync after every write (a visit is a write).
            "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", 60),
            "OPTIONS": {
                # WAL lets readers go on while one gunicorn worker writes; synchronous=NORMAL is
                # what SQLite advises with WAL: never corrupt, and only a power cut (not an app
                # crash) may lose the last commits. IMMEDIATE takes the write lock up front, so
                # two writers wait for each other instead of failing with "database is locked".
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    if parts.scheme in {"postgres", "postgresql"}:
        return {
            # Django's backend, with a health check that needs no round trip (core/postgresql).
            "ENGINE": "core.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", 60),
            # A restarted database costs no reader an error page.
            "CONN_HEALTH_CHECKS": True,
            # Off behind a pooler that shares server sessions between transactions.
            "PREPARED_STATEMENTS": env_bool("DATABASE_PREPARED_STATEMENTS", True),
        }
    raise ImproperlyConfigured(f"DATABASE_URL scheme {parts.scheme!r} is not supported.")


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            "(for a local site, set DJANGO_DEBUG=1)."
        )
    SECRET_KEY = "insecure-local-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Public address of the site, used in feeds, sitemaps, canonical links and Open Graph tags.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
TOWN_NAME = env("TOWN_NAME", "Thị xã Hồng Lĩnh")
# The town's name on the English pages (/en/).
TOWN_NAME_EN = env("TOWN_NAME_EN", "Hong Linh Town")
SITE_NAME = env("SITE_NAME", f"Cổng thông tin điện tử {TOWN_NAME[:1].lower()}{TOWN_NAME[1:]}")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "ckeditor",
    "ckeditor_uploader",
    "captcha",
    "csp",
    # Revisions of reviewed items (articles, documents, pages), restored exactly (review app).
    "reversion",
    # django-axes, named in Vietnamese in the admin.
    "portal.axes_app.AxesConfig",
    # django-otp: TOTP devices (authenticator apps) and static tokens (recovery codes) for staff.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # The project (settings, URLs, the template environment, staff groups, demo content).
    "portal",
    # The apps, one job each; they build on the ground floor, core/ (not an app: no models).
    "news",
    "sidebar",
    "ratings",
    "stats",
    "schedule",
    "documents",
    "alerts",
    "organisation",
    "questions",
    "consultations",
    "polls",
    # django-mailer's queue, and the outbox app that sends through it and shows it to staff.
    "mailer",
    "outbox",
    "twofactor",
    "contact",
    "pages",
    "review",
    "audit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Next to SecurityMiddleware, outside everything that can answer early, so that every
    # answer (a 400 or 405 from core.security, a lockout, an error page) has the CSP and
    # X-Frame-Options as well as SecurityMiddleware's headers.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.security.ContentSecurityPolicyMiddleware",
    "core.security.RefuseMalformedRequestsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETags and 304s for the cached public pages (core.pagecache).
    "django.middleware.http.ConditionalGetMiddleware",
    "stats.middleware.VisitCounterMiddleware",  # sees every 200 page, cached or not (stats app)
    # Vietnamese unless a view says otherwise; no negotiation (core/language.py).
    "core.language.SiteLanguageMiddleware",
    # A page this process served from the page cache is served again from here, below what every
    # answer needs and above what an anonymous reader's GET leaves with nothing to do
    # (core/pagecache.py).
    "core.pagecache.CachedPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Django's messages, with their storage made only when a request uses it (core/messages.py).
    "core.messages.LazyMessageMiddleware",
    # request.user.is_verified(): whether this session passed the second factor (django-otp).
    "django_otp.middleware.OTPMiddleware",
    # Staff without a verified second factor reach only the code step and enrolment (twofactor).
    "twofactor.middleware.StaffSecondFactorMiddleware",
    # Lets the audit log name the staff member and address behind changes made by signals.
    "audit.context.RequestContextMiddleware",
    # Runs a GET view once more if the database connection died under it (core/dbretry.py).
    "core.dbretry.RetryOnLostConnectionMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# checks/ (the outside-tool harness) mounts its planted faults through its own URLconf.
ROOT_URLCONF = env("DJANGO_ROOT_URLCONF", "portal.urls")
# The admin can be moved away from the address every scanner tries first.
ADMIN_URL = env("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"
WSGI_APPLICATION = "portal.wsgi.application"

# The public site's templates (templates/) are Jinja2: rendering them under Django's template
# language was a third of an uncached article page's time (DEVELOPERS.md). The admin and the
# libraries' own templates stay Django templates, found in the apps.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "portal.jinja2.environment",
            "context_processors": [
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
            ],
            # Templates are read once per process, as Django's cached loader does, unless DEBUG.
            "auto_reload": DEBUG,
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The project's overrides of admin templates (the admin home), ahead of the apps'.
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": database_from_url(env("DATABASE_URL", "sqlite:///var/portal.sqlite3"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Our own vi formats: 06/04/2023 08:30 and 3.569.012, as the town's readers write them.
FORMAT_MODULE_PATH = ["portal.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploads live on this machine's disk, or, with S3_BUCKET set, in an S3-compatible store that
# every app server shares (needs the "s3" extra: pip install -e ".[s3]").
S3_BUCKET = env("S3_BUCKET")
MEDIA_STORAGE = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env("S3_ENDPOINT_URL") or None,
            "region_name": env("S3_REGION") or None,
            "access_key": env("S3_ACCESS_KEY_ID") or None,
            "secret_key": env("S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": env("S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    if S3_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
# Files only staff may read (a citizen's attachment to a message or a question): outside MEDIA_ROOT,
# which the web server serves, and served only through the admin. With S3, a prefix of the
# same bucket, read through signed URLs only (the bucket must not be public for it).
PRIVATE_MEDIA_ROOT = Path(env("DJANGO_PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
PRIVATE_STORAGE = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **MEDIA_STORAGE["OPTIONS"],
            "location": "private",
            "custom_domain": None,
            "querystring_auth": True,
        },
    }
    if S3_BUCKET
    else {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # No address serves this folder: a URL asked of it would be wrong, not public.
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": "/khong-cong-khai/"},
    }
)
STORAGES = {
    "default": MEDIA_STORAGE,
    "private": PRIVATE_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads: staff images, audio and documents. Anything larger is refused with a Vietnamese message.
IMAGE_UPLOAD_MAX_BYTES = env_int("IMAGE_UPLOAD_MAX_BYTES", 8 * 1024 * 1024)
AUDIO_UPLOAD_MAX_BYTES = env_int("AUDIO_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
DOCUMENT_UPLOAD_MAX_BYTES = env_int("DOCUMENT_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# Where to report a vulnerability (mailto: or https: URL), served in /.well-known/security.txt.
SECURITY_CONTACT = env("SECURITY_CONTACT")

# E-mail. Everything the portal sends is first a row in django-mailer's queue, saved in the
# transaction that saves what it reports (outbox.services.queue_mail), then sent through
# MAILER_EMAIL_BACKEND: SMTP when EMAIL_HOST is set, otherwise printed on the console. A failed
# send stays queued; `manage.py retry_deferred && manage.py send_mail` (cron) sends it again.
EMAIL_BACKEND = "mailer.backend.DbBackend"
EMAIL_HOST = env("EMAIL_HOST")
MAILER_EMAIL_BACKEND = env(
    "MAILER_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", not env_bool("EMAIL_USE_SSL"))
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
# A stuck mail server must not hold a citizen's request for long.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Cổng thông tin <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Row locks (select_for_update nowait) keep two senders from sending one message twice; no lock
# file in the working directory.
MAILER_USE_FILE_LOCK = False

# Number of reverse proxies in front of the app whose X-Forwarded-For entries can be trusted.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# A shared Redis cache when REDIS_URL is set (several app servers); otherwise files on this
# machine, which every gunicorn worker sees (a per-process cache would keep stale pages).
REDIS_URL = env("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "core.cache.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env("DJANGO_CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    )
}
# bench/run.py measures pages against a bare view mounted only when this is set.
BENCHMARK_BARE_VIEW = env_bool("PORTAL_BENCH_BARE_VIEW")

# How long a public page stays cached; edits refresh pages at once through versioned keys.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# How long each app process reuses the page versions it read from the shared cache: an edit
# made through another process (or server) shows there after at most this long.
PAGE_CACHE_LOCAL_SECONDS = env_float("PAGE_CACHE_LOCAL_SECONDS", 1.0)

# django-ckeditor: only Pillow-verified images, and the upload view is reached only through
# news.admin's wrapper (see portal/urls.py).
CKEDITOR_UPLOAD_PATH = "editor/"
CKEDITOR_IMAGE_BACKEND = "ckeditor_uploader.backends.PillowBackend"
CKEDITOR_ALLOW_NONIMAGE_FILES = False
CKEDITOR_RESTRICT_BY_DATE = True
CKEDITOR_BROWSE_SHOW_DIRS = False
CKEDITOR_FILENAME_GENERATOR = "core.editor.generated_filename"
CKEDITOR_CONFIGS = {
    "default": {
        "language": "vi",
        "height": 420,
        "width": "100%",
        "toolbar": "Custom",
        "toolbar_Custom": [
            ["Format", "Bold", "Italic", "Underline", "Strike", "RemoveFormat"],
            [
                "NumberedList",
                "BulletedList",
                "Blockquote",
                "-",
                "JustifyLeft",
                "JustifyCenter",
                "JustifyRight",
                "JustifyBlock",
            ],
            ["Link", "Unlink", "Image", "Table", "HorizontalRule"],
            ["Undo", "Redo", "Source", "Maximize"],
        ],
        "removePlugins": "exportpdf",
        # Uploads go by XHR so that static/js/editor-csrf.js can add Django's CSRF header.
        "filebrowserUploadMethod": "xhr",
        "image_prefillDimensions": True,
    }
}
SILENCED_SYSTEM_CHECKS = [
    # ckeditor.W001: CKEditor 4 is out of support. The client chose it; bodies are sanitised with
    # nh3 on save, the upload view is wrapped (staff, CSRF, Pillow-checked images only), and
    # README.md says how to swap the editor.
    "ckeditor.W001",
]

CAPTCHA_IMAGE_SIZE = (150, 44)
CAPTCHA_FONT_SIZE = 30
# Digits only (core.captcha.digits_challenge): easiest to read out and hear in Vietnamese.
CAPTCHA_CHALLENGE_FUNCT = "core.captcha.digits_challenge"
# Tilted less than the library's ±35°, so that no digit leans out of the image's edges.
CAPTCHA_LETTER_ROTATION = (-20, 20)
# Minutes a key lives. Keys are one try each and new ones are limited per address block, so a
# long life costs little, and a slow writer (30 minutes from the first keystroke) can post.
CAPTCHA_TIMEOUT = 40
CAPTCHA_LENGTH = 5
# espeak-ng reads the captcha aloud in Vietnamese (core.captcha.audio; `make speech` installs it).
CAPTCHA_ESPEAK_PATH = os.environ.get("CAPTCHA_ESPEAK_PATH", "/usr/bin/espeak-ng")
# New captchas one address block (an IPv4 address, an IPv6 /64) may ask for in a minute
# (core.captcha); a reader needs one per comment, a robot asked for hundreds a second.
CAPTCHAS_PER_ADDRESS_BLOCK_PER_MINUTE = env_int("CAPTCHAS_PER_ADDRESS_BLOCK_PER_MINUTE", 30)

# Production hardening: on whenever DEBUG is off; DJANGO_HTTPS=0 only for a plain-HTTP test bench.
HTTPS = env_bool("DJANGO_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS and env_bool("DJANGO_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT else None
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
# The __Host- prefix makes browsers refuse these cookies unless Secure, host-only and Path=/, so
# a sibling subdomain cannot plant them (OWASP ASVS 5.0, 3.3.1). Browsers drop it over plain HTTP.
SESSION_COOKIE_NAME = "__Host-sessionid" if HTTPS else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if HTTPS else "csrftoken"
# Our scripts take the token from the form field or a JSON endpoint, never from the cookie.
CSRF_COOKIE_HTTPONLY = True

# django-csp: no inline script anywhere on the public site (DEVELOPERS.md); nothing may frame us.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Style attributes only, no <style> element: article bodies keep the alignment and image
        # sizes set in the editor, limited to the layout properties core.richtext lets through.
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Added only to the admin pages that carry CKEditor 4 and to its image browser
# (core.security): the editor puts onclick handlers on its toolbar, writes an inline script and
# styles into its editing frame, and pastes images as blob: URLs. The rest of the admin runs under
# the strict policy above (checked in chromium: no violation).
CONTENT_SECURITY_POLICY_EDITOR = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
}

# django-axes: after 5 wrong passwords for one username from one address, that pair waits 30
# minutes. A superuser unlocks early in the admin ("Access attempts") or with
# `manage.py axes_reset_username USERNAME` / `axes_reset_ip IP` / `axes_reset`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# A login is complete only after the second factor, so a right password alone does not wipe
# the failures: twofactor resets them once the login is complete (the password when no second
# factor is required, the code otherwise), and wrong codes count toward the same lock.
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "core.clientip.client_ip"
AXES_LOCKOUT_CALLABLE = "core.security.admin_locked_out"
AXES_HTTP_RESPONSE_CODE = 429

# Two-factor login for staff (twofactor app, django-otp): every staff account enrols an
# authenticator app (TOTP) on its first login and then gives a code after its password. On in
# production; off by default with DJANGO_DEBUG=1 (`make run`, tests) unless set to 1.
STAFF_TWO_FACTOR_REQUIRED = env_bool("STAFF_TWO_FACTOR_REQUIRED", default=not DEBUG)
# The name the authenticator app shows beside the account.
OTP_TOTP_ISSUER = SITE_NAME
# Recovery codes handed out at enrolment (each works once).
TWO_FACTOR_RECOVERY_CODES = 10

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Each line says which request failed: method, path, user id and client IP (or dashes).
    "filters": {"request_context": {"()": "core.security.RequestContextFilter"}},
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s "
            "[%(method)s %(path)s user=%(user_id)s ip=%(client_ip)s]"
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_context"],
        },
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

NEWS_PAGE_SIZE = 12

# Readers' feedback (ratings app). Votes: how many different readers one IP address may add to
# one article in 24 hours. Comments: per IP per hour, their length, and whether a moderator
# approves them before they show (False publishes at once).
RATINGS_VOTES_PER_IP_PER_DAY = env_int("RATINGS_VOTES_PER_IP_PER_DAY", 5)
RATINGS_COMMENTS_PER_IP_PER_HOUR = env_int("RATINGS_COMMENTS_PER_IP_PER_HOUR", 5)
RATINGS_COMMENT_MAX_LENGTH = env_int("RATINGS_COMMENT_MAX_LENGTH", 2000)
RATINGS_COMMENTS_NEED_APPROVAL = env_bool("RATINGS_COMMENTS_NEED_APPROVAL", default=True)
# Citizens' comments on a consultation's draft (consultations/): per address block and hour,
# and how long one may be (a draft's comment is longer than an article's).
CONSULTATIONS_COMMENTS_PER_IP_PER_HOUR = env_int("CONSULTATIONS_COMMENTS_PER_IP_PER_HOUR", 5)
CONSULTATIONS_COMMENT_MAX_LENGTH = env_int("CONSULTATIONS_COMMENT_MAX_LENGTH", 5000)
# Poll votes (polls/): new voters per poll from one address block per day, as star ratings.
POLLS_VOTES_PER_IP_PER_DAY = env_int("POLLS_VOTES_PER_IP_PER_DAY", 5)

# Citizens' messages (contact app): the address each message is e-mailed to (empty: the admin
# inbox only), and how many messages one address block may send per hour.
CONTACT_EMAIL = env("CONTACT_EMAIL")
CONTACT_MESSAGES_PER_IP_PER_HOUR = env_int("CONTACT_MESSAGES_PER_IP_PER_HOUR", 5)
CONTACT_MESSAGE_MAX_LENGTH = env_int("CONTACT_MESSAGE_MAX_LENGTH", 5000)
# Citizens' questions (questions app): days the town gives itself to answer one (later ones are
# shown overdue to staff), questions one address block may send in 24 hours, and wrong tracking
# codes one address block may try per hour before lookups are refused for the rest of it.
QUESTIONS_ANSWER_DAYS = env_int("QUESTIONS_ANSWER_DAYS", 15)
QUESTIONS_PER_ADDRESS_BLOCK_PER_DAY = env_int("QUESTIONS_PER_ADDRESS_BLOCK_PER_DAY", 5)
QUESTIONS_WRONG_CODES_PER_HOUR = env_int("QUESTIONS_WRONG_CODES_PER_HOUR", 10)
QUESTIONS_TEXT_MAX_LENGTH = env_int("QUESTIONS_TEXT_MAX_LENGTH", 5000)

# Visit and online counters (stats app). A visit ends after 30 minutes without a page; "online"
# is the readers seen in the last 5 minutes. Counting can be switched off (benchmarks, incidents).
STATS_ENABLED = env_bool("STATS_ENABLED", default=True)
STATS_VISIT_GAP_SECONDS = env_int("STATS_VISIT_GAP_SECONDS", 30 * 60)
STATS_ONLINE_SECONDS = env_int("STATS_ONLINE_SECONDS", 5 * 60)
# A reader's "seen" time is written at most this often.
STATS_SEEN_THROTTLE_SECONDS = 60
# Each app process writes the page views it counted in one batch this often (0: at once, in the
# request). A graceful stop writes the rest; a process killed outright loses at most this much.
STATS_BUFFER_SECONDS = env_float("STATS_BUFFER_SECONDS", 1.0)
# With Redis: how often the buffered counts are flushed to the database (at most this many
# seconds of counts are lost if Redis crashes). Without Redis: how often stale readers go.
STATS_FLUSH_SECONDS = env_int("STATS_FLUSH_SECONDS", 10)
# How long the footer's numbers and an article's view count are reused before being read again.
STATS_DISPLAY_CACHE_SECONDS = env_int("STATS_DISPLAY_CACHE_SECONDS", 30)
# Pages without a valid reader cookie counted per address block (IPv4 address, IPv6 /64) and
# minute; beyond this, that block's cookie-less pages that minute are one reader. Generous: a
# commune behind one carrier-grade NAT rarely brings 300 new readers a minute (0: no cap).
STATS_NEW_READERS_PER_IP_BLOCK_PER_MINUTE = env_int(
    "STATS_NEW_READERS_PER_IP_BLOCK_PER_MINUTE", 300
)
STATS_COOKIE_NAME = "__Host-reader" if HTTPS else "reader"
STATS_COOKIE_MAX_AGE = 365 * 24 * 60 * 60
STATS_REDIS_PREFIX = env("STATS_REDIS_PREFIX", "stats:")
# Not counted: these user agents (a regular expression, case-insensitive), requests without a
# user agent, and these paths besides static files, media and the admin.
STATS_BOT_USER_AGENTS = env(
    "STATS_BOT_USER_AGENTS",
    r"\bbot\b|bot[/;_-]|bot\.html|crawl|spider|slurp|archiver|headlesschrome|phantomjs"
    r"|lighthouse|pagespeed|curl|wget|python-requests|python-urllib|aiohttp|httpx"
    r"|go-http-client|okhttp|java/|libwww|scrapy|node-fetch|axios|postman|apache-httpclient"
    r"|facebookexternalhit|monitor|pingdom|uptime|feedfetcher|preview",
)
# The benchmark's bare view is a yardstick, not a page of the site.
STATS_IGNORED_PATHS = ["/healthz", "/favicon.ico", "/__bench__/"]
