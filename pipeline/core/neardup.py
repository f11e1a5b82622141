"""Near-duplicates - MinHash signatures over word-start shingles, LSH band keys, estimates.

A shingle is the 16 bytes of normalised text that start at a word (see
`shingle_hashes_of_folded`). The signature is a one-permutation MinHash (OPH): each
shingle is hashed once, the top bits of the hash pick one of `PERMUTATIONS` bins, and each
bin keeps its smallest value; empty bins borrow from the next non-empty one (rotation
densification). Each bin then stores only the low 8 bits of its minimum (b-bit MinHash),
so a signature is `PERMUTATIONS` bytes, small enough to carry on every Kafka message and
to keep 72 hours of in memory. Two bins agree with probability J + (1 - J) / 256, which
`estimated_similarity` inverts.

Why numpy in the core (which is otherwise stdlib-only): per-word Python objects are what
make MinHash slow (shingling was 180 of rensa's 200 us an article). Measured on the 2-core
dev machine for a 4 KB article: regex words + crc32 + tuple-hashed trigrams + an OPH loop
~270 us; rensa fed Python trigram strings ~400 us; this vectorised path ~120 us. numpy is
deterministic and does no I/O: values in, values out.

Every worker must compute the same band keys for the same text (a copy that lands on
another partition is found through its band keys): change nothing here without bumping
`SIGNATURE_VERSION`, which is part of every band key.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from pipeline.core.fingerprints import normalised_bytes

#: Part of every band key: signatures of different versions never meet.
SIGNATURE_VERSION = 1
#: Bins of the one-permutation MinHash (bytes per signature); a power of two.
PERMUTATIONS = 128
#: Bytes per shingle, read from the start of every word (see `shingle_hashes`). Measured
#: on the corpus: 8 bytes separate gold pairs (>= 0.71) from hard negatives (<= 0.53)
#: less well than 16 (0.63 / 0.42); 24 lowers both (0.57 / 0.37).
SHINGLE_BYTES = 16
#: Zero bytes after the text, so that the last word's shingle can be read whole.
_PAD = bytes(SHINGLE_BYTES)
#: LSH banding over the first BANDS * ROWS bins: a pair with Jaccard s becomes a candidate
#: with probability 1 - (1 - s**ROWS)**BANDS: 0.95 at s = 0.64, 0.999 at s = 0.8, 0.01 at
#: s = 0.16. More bands would raise recall at the low end but cost one Kafka probe and one
#: window entry each.
BANDS = 16
ROWS = 4
#: A candidate is a near-duplicate when its estimated Jaccard reaches this (measured in
#: bench/dedup.py: gold pairs sit above ~0.64, hard negatives below ~0.43).
THRESHOLD = 0.55

Signature = bytes

_BITS = PERMUTATIONS.bit_length() - 1
_MASK64 = (1 << 64) - 1
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_LANES = (np.uint64(0x9E3779B97F4A7C15),)
_S29, _S31 = np.uint64(29), np.uint64(31)
_BIN_SHIFT = np.uint64(64 - _BITS)
_LOW_MASK = np.uint64((1 << (64 - _BITS)) - 1)
_NO_VALUE = np.uint64(_MASK64)

_SPACE = 0x20



def _mix(x: np.ndarray) -> np.ndarray:
    """Multiply, xor-shift, multiply (in place): the top bits (the bin) and the low bits
    (the stored byte) both depend on every input bit."""
    x *= _MIX1
    x ^= x >> _S31
    x *= _MIX2
    x ^= x >> _S29
    return x


def _mix_int(x: int) -> int:
    """The splitmix64 finaliser for one Python int (the few empty bins of a signature)."""
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    x = ((x ^ (x >> 29)) * 0x94D049BB133111EB) & _MASK64
    return x ^ (x >> 31)


def shingle_hashes(text: str) -> np.ndarray:
    """One 64-bit hash per word of `text` (see `shingle_hashes_of_folded`)."""
    return shingle_hashes_of_folded(fold_spaces(normalised_bytes(text)))


def fold_spaces(words: bytes) -> bytes:
    """`normalised_bytes` output with runs of spaces folded to one: b" ".join(words.split())."""
    raw = np.frombuffer(words, dtype=np.uint8)
    if raw.size == 0:
        return b""
    keep = np.empty(raw.size, dtype=bool)
    keep[0] = True
    visible = raw != _SPACE
    np.logical_or(visible[1:], visible[:-1], out=keep[1:])
    return raw[keep].tobytes()


def shingle_hashes_of_folded(folded: bytes) -> np.ndarray:
    """One 64-bit hash per word: of the SHINGLE_BYTES bytes of folded text it starts.

    A shingle is "the next 16 characters from the start of a word" of the text with
    punctuation and runs of whitespace folded to single spaces: about two and a half
    words, as selective as word trigrams on the corpus (gold pairs >= 0.63, hard
    negatives <= 0.42 exact Jaccard) but read with a handful of vector operations
    instead of one Python object per word.
    """
    if not folded:
        return np.empty(0, dtype=np.uint64)
    buffer = b" " + folded + _PAD
    starts = np.flatnonzero(np.frombuffer(buffer, dtype=np.uint8) == _SPACE)
    starts += 1
    # Every unaligned little-endian 8-byte window of the buffer, without copying.
    windows = np.ndarray((len(buffer) - 7,), dtype="<u8", buffer=buffer, strides=(1,))
    acc = windows[starts]
    for lane in range(1, SHINGLE_BYTES // 8):
        acc *= _LANES[0]
        acc += windows[starts + 8 * lane]
    return _mix(acc)


def signature_of_shingles(shingles: np.ndarray) -> Signature:
    """The b-bit one-permutation MinHash of a set of 64-bit shingle hashes."""
    if shingles.size == 0:
        return b""
    descending = np.sort(shingles)[::-1]
    values = _EMPTY_BINS.copy()
    # The top bits pick the bin, the rest is the value. With repeated indices the last
    # assignment wins, and the shingles come in descending order: each bin gets its minimum.
    values[descending >> _BIN_SHIFT] = descending & _LOW_MASK
    empty = np.flatnonzero(values == _NO_VALUE).tolist()
    if empty:
        _densify(values, empty)
    # The cast keeps the low 8 bits (values & 0xFF).
    return values.astype(np.uint8).tobytes()


_EMPTY_BINS = np.full(PERMUTATIONS, _NO_VALUE, dtype=np.uint64)


def _densify(values: np.ndarray, empty: list[int]) -> None:
    """Rotation densification: an empty bin borrows the next non-empty bin's minimum.

    The borrowed value is salted with the distance, so that borrowed bins are not copies
    of each other; two texts with the same shingles still densify identically.
    """
    size = len(values)
    item = values.item
    donors = []
    for index in empty:
        distance = 1
        while item((index + distance) % size) == _MASK64:
            distance += 1
        donor = item((index + distance) % size)
        donors.append(_mix_int((donor + distance * 0x165667B1) & _MASK64) & 0xFF)
    # Assigned after the walk: a bin filled here must not donate to another empty bin.
    values[empty] = donors


def signature(text: str) -> Signature:
    """The near-duplicate signature of an article body: PERMUTATIONS bytes, b"" if no words."""
    return signature_of_shingles(shingle_hashes(text))


def signature_of_folded(folded: bytes) -> Signature:
    """`signature` of a text already passed through `normalised_bytes` and `fold_spaces`."""
    return signature_of_shingles(shingle_hashes_of_folded(folded))


def band_keys(sig: Signature) -> list[str]:
    """One key per LSH band: two signatures share a key when that band's bins all agree.

    A key is a short string ("v1b07:9f0c22e1") to use as a Kafka message key, so the
    articles that share a band meet on one partition whichever partition they came from.
    """
    if not sig:
        return []
    digits = sig[: BANDS * ROWS].hex()
    return [prefix + digits[at : at + 2 * ROWS] for prefix, at in _BAND_PREFIXES]


_BAND_PREFIXES = [(f"v{SIGNATURE_VERSION}b{band:02d}:", 2 * ROWS * band) for band in range(BANDS)]


def estimated_similarity(sig_a: Signature, sig_b: Signature) -> float:
    """The Jaccard similarity of two articles' shingle sets, estimated from their signatures."""
    size = len(sig_a)
    if size != len(sig_b) or not size:
        return 0.0
    difference = int.from_bytes(sig_a, "big") ^ int.from_bytes(sig_b, "big")
    agree = difference.to_bytes(size, "big").count(0) / size
    # b-bit correction: unequal minima still agree in their low 8 bits once in 256.
    return max(0.0, (agree - _CHANCE) / (1 - _CHANCE))


_CHANCE = 1 / 256


def exact_similarity(text_a: str, text_b: str) -> float:
    """The exact Jaccard similarity of two texts' shingle sets (for tests and calibration)."""
    a = set(shingle_hashes(text_a).tolist())
    b = set(shingle_hashes(text_b).tolist())
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def similarities(sig: Signature, others: Sequence[Signature]) -> list[float]:
    """`estimated_similarity` of `sig` against each of `others`, in one vectorised pass.

    Equal, value for value, to `[estimated_similarity(sig, o) for o in others]` (the same
    float operations in the same order); a lookup late in a run meets a dozen candidates
    (the corpus's templates share text), and one numpy comparison of all of them costs
    about what two Python comparisons do.
    """
    size = len(sig)
    if not size:
        return [0.0] * len(others)
    if len(others) < _VECTOR_FROM or any(len(o) != size for o in others):
        probe = int.from_bytes(sig, "big")
        out = []
        for other in others:
            if len(other) != size:
                out.append(0.0)
                continue
            difference = (int.from_bytes(other, "big") ^ probe).to_bytes(size, "big")
            out.append(max(0.0, (difference.count(0) / size - _CHANCE) / (1 - _CHANCE)))
        return out
    matrix = np.frombuffer(b"".join(others), dtype=np.uint8).reshape(len(others), size)
    counts = (matrix == np.frombuffer(sig, dtype=np.uint8)).sum(axis=1).tolist()
    return [max(0.0, (count / size - _CHANCE) / (1 - _CHANCE)) for count in counts]


#: Below this many candidates the Python comparison is cheaper than numpy's call overhead.
_VECTOR_FROM = 8


def is_near_duplicate(sig_a: Signature, sig_b: Signature, threshold: float = THRESHOLD) -> bool:
    """True when the estimated similarity reaches the threshold."""
    return estimated_similarity(sig_a, sig_b) >= threshold
