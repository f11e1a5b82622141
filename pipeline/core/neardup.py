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
~270 us; rensa fed Python trigram strings ~400 us; this vectorised path ~100 us (about
25 numpy calls of 1-3 us each: the per-call overhead, not the arithmetic, is what costs).
numpy is deterministic and does no I/O: values in, values out.

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
#: Bits of a hash below its bin number (the top _BITS pick the bin).
_VALUE_BITS = 64 - _BITS
_BIN_SHIFT = np.uint64(_VALUE_BITS)
_LOW_MASK = (1 << _VALUE_BITS) - 1

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
    instead of one Python object per word. The shingle's bytes, read as little-endian
    8-byte words w0, w1, ... (zeros past the end of the text), hash to
    mix((w0 * LANE + w1) * LANE + ...) modulo 2**64.
    """
    if not folded:
        return np.empty(0, dtype=np.uint64)
    return _hashes(b" " + folded + _PAD)


def _hashes(buffer: bytes) -> np.ndarray:
    """The shingle hashes of b" " + folded text + _PAD: one per space, read after it."""
    spaces = (np.frombuffer(buffer, dtype=np.uint8) == _SPACE).nonzero()[0]
    # Element i of the view is the SHINGLE_BYTES bytes from buffer[i + 1]: one gather of
    # whole shingles rather than one per 8-byte lane (each costs about the same).
    shingles = np.ndarray(
        (len(buffer) - SHINGLE_BYTES,), dtype=_SHINGLE, buffer=buffer, offset=1, strides=(1,)
    )
    lanes = shingles.take(spaces).view("<u8")
    acc = lanes[0::_LANE_COUNT]
    for lane in range(1, _LANE_COUNT):
        acc = acc * _LANES[0]
        acc += lanes[lane::_LANE_COUNT]
    return _mix(acc)


_SHINGLE = np.dtype(f"V{SHINGLE_BYTES}")
_LANE_COUNT = SHINGLE_BYTES // 8


def signature_of_shingles(shingles: np.ndarray) -> Signature:
    """The b-bit one-permutation MinHash of a set of 64-bit shingle hashes."""
    if shingles.size == 0:
        return b""
    return _signature_of_sorted(np.sort(shingles))


def _signature_of_sorted(ascending: np.ndarray) -> Signature:
    """`signature_of_shingles` of shingle hashes sorted ascending (at least one).

    The top bits of a hash pick its bin, so sorted hashes run bin by bin, each bin's
    minimum first: `searchsorted` finds where every bin starts. A bin with no shingle
    finds the start of the next non-empty bin instead (or the end, clipped to the last
    hash), which is exactly the donor rotation densification wants (see `_densify`).
    """
    firsts = ascending.take(ascending.searchsorted(_BIN_STARTS), mode="clip")
    # The cast keeps the low 8 bits (those of the value below the bin bits).
    sig = firsts.astype(np.uint8).tobytes()
    empty = (firsts >> _BIN_SHIFT) != _BIN_NUMBERS
    if not empty.any():
        return sig
    return _densify(sig, firsts, empty.nonzero()[0].tolist(), ascending.item(0))


_BIN_NUMBERS = np.arange(PERMUTATIONS, dtype=np.uint64)
_BIN_STARTS = _BIN_NUMBERS << _BIN_SHIFT


def _densify(sig: bytes, firsts: np.ndarray, empty: list[int], smallest: int) -> bytes:
    """Rotation densification: an empty bin borrows the next non-empty bin's minimum.

    The borrowed value (the donor's minimum below the bin bits) is salted with the
    distance, so that borrowed bins are not copies of each other; two texts with the same
    shingles still densify identically. Only non-empty bins donate. `firsts[i]` of an
    empty bin is the next non-empty bin's minimum, or a hash of an earlier bin when no
    later bin has one: the walk then wraps around to the smallest hash's bin.
    """
    out = bytearray(sig)
    item = firsts.item
    for index in empty:
        donor = item(index)
        distance = (donor >> _VALUE_BITS) - index
        if distance <= 0:
            donor = smallest
            distance = (donor >> _VALUE_BITS) + PERMUTATIONS - index
        value = (donor & _LOW_MASK) + distance * 0x165667B1
        out[index] = _mix_int(value & _MASK64) & 0xFF
    return bytes(out)




def signature(text: str) -> Signature:
    """The near-duplicate signature of an article body: PERMUTATIONS bytes, b"" if no words."""
    return signature_of_folded(fold_spaces(normalised_bytes(text)))


def signature_of_folded(folded: bytes) -> Signature:
    """`signature` of a text already passed through `normalised_bytes` and `fold_spaces`."""
    if not folded:
        return b""
    hashes = _hashes(b" " + folded + _PAD)
    hashes.sort()  # our own array: sorted in place
    return _signature_of_sorted(hashes)


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
    float operations on the same count of agreeing bins, read from a table); a lookup
    late in a run meets about nine candidates (the corpus's templates share text), and
    one numpy comparison of all of them costs about what two Python comparisons do.
    """
    size = len(sig)
    if not size:
        return [0.0] * len(others)
    if not all(map(size.__eq__, map(len, others))):
        return [estimated_similarity(sig, o) for o in others]
    scores = _SCORES if size == PERMUTATIONS else _scores(size)
    if len(others) < _VECTOR_FROM:
        probe = int.from_bytes(sig, "big")
        return [
            scores[(int.from_bytes(other, "big") ^ probe).to_bytes(size, "big").count(0)]
            for other in others
        ]
    matrix = np.frombuffer(b"".join(others), dtype=np.uint8).reshape(len(others), size)
    counts = np.add.reduce(matrix == np.frombuffer(sig, dtype=np.uint8), axis=1)
    return [scores[count] for count in counts.tolist()]


def _scores(size: int) -> list[float]:
    """`estimated_similarity` of two signatures of `size` bins by how many bins agree."""
    return [max(0.0, (agree / size - _CHANCE) / (1 - _CHANCE)) for agree in range(size + 1)]


_SCORES = _scores(PERMUTATIONS)
#: Below this many candidates the Python comparison is cheaper than numpy's call overhead
#: (counted with cachegrind: 2 candidates 25 k instructions in Python, 39 k with numpy;
#: 3 candidates 43 k and 41 k).
_VECTOR_FROM = 3


def is_near_duplicate(sig_a: Signature, sig_b: Signature, threshold: float = THRESHOLD) -> bool:
    """True when the estimated similarity reaches the threshold."""
    return estimated_similarity(sig_a, sig_b) >= threshold
