"""The pure core: number grammar, extraction, fingerprints and claim state (stdlib only)."""
