"""Tables - every Faust table of the pipeline, once."""

from __future__ import annotations

from dataclasses import dataclass

import faust

from pipeline.settings import Settings


@dataclass(frozen=True)
class Tables:
    """State kept by the stages; each is co-partitioned with the topic its agent reads."""

    #: canonical-URL key -> {"id", "digest"} of the first article seen at that URL.
    first_seen_by_url: faust.TableT
    #: normalised-body key -> {"id", "digest"} of the first article with that body.
    first_seen_by_body: faust.TableT
    #: claim key -> ClaimState.to_dict().
    claims_by_key: faust.TableT


def declare_tables(app: faust.App, settings: Settings) -> Tables:
    def table(name: str) -> faust.TableT:
        return app.Table(name, default=None, partitions=settings.partitions)

    return Tables(
        first_seen_by_url=table("first_seen_by_url"),
        first_seen_by_body=table("first_seen_by_body"),
        claims_by_key=table("claims_by_key"),
    )
