"""Settings - everything the pipeline reads from its environment, read once."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Figurewatch's settings; environment variables carry the prefix `FIGUREWATCH_`."""

    model_config = SettingsConfigDict(env_prefix="FIGUREWATCH_", frozen=True)

    #: Kafka bootstrap servers ("host:port[,host:port]", a kafka:// URL is accepted too).
    #: Unset: start the embedded broker (Tansu) on a free loopback port.
    broker_url: str | None = None
    #: Faust application id: the consumer group and the prefix of internal topics.
    app_id: str = "figurewatch"
    #: Prefix of every topic name, so several deployments can share one cluster.
    topic_prefix: str = "news"
    #: Partitions of every topic the pipeline declares; workers scale up to this number.
    partitions: int = Field(default=4, ge=1)
    replication_factor: int = Field(default=1, ge=1)
    #: Faust's local state (table files); a fresh temporary folder is used when unset.
    data_dir: Path | None = None
    #: Port of the worker's web server (/metrics, /health); 0 takes a free port.
    web_port: int = Field(default=6066, ge=0, le=65535)
    web_host: str = "127.0.0.1"
    #: How the other workers reach this one's web server (claims are forwarded to the worker
    #: that owns them), e.g. http://10.0.3.7:6066. Unset: web_host, or this machine's
    #: address when web_host is a wildcard (0.0.0.0, ::).
    web_advertised_url: str | None = None
    #: How long an article is remembered for near-duplicate matching (72 h).
    dedup_window_seconds: float = Field(default=72 * 3600.0, gt=0)
    #: A figure within this relative distance of a claim's value agrees with it (10 %).
    revision_threshold: float = Field(default=0.10, ge=0)
    #: Two attributed sources that disagree within this time contest a claim (7 days).
    contest_window_seconds: float = Field(default=7 * 24 * 3600.0, ge=0)
    #: Independent stories agreeing on a value that corroborate it.
    corroboration_sources: int = Field(default=3, ge=2)
    #: How often expired dedup buckets are dropped from memory.
    table_cleanup_interval_seconds: float = Field(default=30.0, gt=0)
    #: Records above this many bytes are rejected (reason `oversize`).
    max_article_bytes: int = Field(default=512 * 1024, ge=1024)
    #: Faust's consumer-group session: short, because Tansu holds each join for half of it.
    session_timeout_seconds: float = Field(default=6.0, gt=0)
    heartbeat_interval_seconds: float = Field(default=1.0, gt=0)
    commit_interval_seconds: float = Field(default=0.5, gt=0)
    log_level: str = "WARNING"
