"""Made-up news stories and their copies, for dedup tests (deterministic per seed)."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass

_WORDS = (
    "officials analysts border convoy ministry statement briefing satellite images winter "
    "offensive supply lines artillery drones coastal province capital envoy sanctions talks "
    "ceasefire monitors reporters villagers refugees checkpoint airfield depot railway bridge "
    "river valley highlands command headquarters brigade battalion logistics fuel ammunition "
    "medical evacuation corridor humanitarian aid agency spokesperson parliament committee "
    "budget contract shipment port harbour navy patrol exercise drill radar system upgrade "
    "negotiators summit communique delegation embassy visit cooperation treaty pledge "
    "warning retaliation escalation rhetoric media broadcast footage verification sources"
).split()
_PLACES = (
    "Kursk", "Belgorod", "Kherson", "Zaporizhzhia", "Donetsk", "Luhansk", "Crimea", "Bryansk",
    "Kharkiv", "Sumy", "Odesa", "Mykolaiv", "Dnipro", "Poltava", "Chernihiv", "Rostov",
    "Voronezh", "Kyiv", "Lviv", "Vinnytsia", "Zhytomyr", "Rivne", "Volyn", "Ternopil",
)


#: A one-sentence story, a longer one, and a near copy of the longer (one word changed:
#: another body, the same story), for the dedup window's tests.
BODY = (
    "North Korea has deployed about 11,000 troops to Russia's Kursk region, officials said "
    "on Monday, citing satellite images of convoys and rail traffic near the border."
)
LONG = BODY + (
    " The spy agency told lawmakers in a closed briefing that the new contingent arrived in"
    " January and February and was deployed along the front line near the border towns."
    " Analysts said the deployment showed deepening military cooperation between the two."
)
NEAR = LONG.replace("closed briefing", "private briefing")


@dataclass(frozen=True)
class Story:
    """An original article and the troop figure it reports."""

    record: dict[str, object]
    place: str
    troops: int

    def line(self) -> bytes:
        return json.dumps(self.record).encode()


def _sentence(rng: random.Random) -> str:
    words = rng.sample(_WORDS, rng.randint(12, 18))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _body(rng: random.Random, place: str, troops: int) -> str:
    sentences = [_sentence(rng) for _ in range(10)]
    figure = f"North Korea has deployed about {troops:,} troops to Russia's {place} region, " \
             f"South Korea's spy agency said."
    sentences.insert(3, figure)
    return " ".join(sentences[:6]) + "\n\n" + " ".join(sentences[6:])


def originals(count: int, seed: int = 1) -> list[Story]:
    rng = random.Random(seed)
    stories = []
    for i in range(count):
        place = _PLACES[i % len(_PLACES)]
        troops = rng.randrange(10, 200) * 100
        record = {
            "id": f"s{seed}-{i}",
            "url": f"https://wire.example/{seed}/{i}",
            "source": "Example Wire",
            "title": f"Troops in {place}",
            "body": _body(rng, place, troops),
        }
        stories.append(Story(record, place, troops))
    return stories


def syndicated(story: Story, outlet: str) -> dict[str, object]:
    """The same story under another outlet's URL, headline, dateline and footer."""
    body = str(story.record["body"])
    return {
        "id": f"{story.record['id']}-{outlet}",
        "url": f"https://{outlet}.example/world/{story.record['id']}?utm_source=wire",
        "source": outlet,
        "title": f"{outlet.upper()}: {story.record['title']}",
        "body": f"({outlet.upper()}) -  {body.replace('. ', '.  ')}\n\nCopyright {outlet} 2026.",
    }


def rewrite(story: Story, outlet: str, seed: int = 5) -> dict[str, object]:
    """A light rewrite: a few words changed, paragraphs swapped, same figures."""
    rng = random.Random(seed)
    paragraphs = str(story.record["body"]).split("\n\n")
    words = paragraphs[-1].split()
    for index in rng.sample(range(len(words)), max(1, len(words) // 12)):
        words[index] = rng.choice(_WORDS)
    body = " ".join(words) + "\n\n" + "\n\n".join(paragraphs[:-1])
    record = syndicated(story, outlet)
    record.update(id=f"{story.record['id']}-{outlet}-rw", body=body)
    return record


def updated(story: Story, outlet: str) -> tuple[dict[str, object], int]:
    """A near-copy whose troop figure changed: news, never a duplicate."""
    troops = story.troops + 1500
    record = syndicated(story, outlet)
    body = str(story.record["body"]).replace(f"{story.troops:,}", f"{troops:,}")
    record.update(id=f"{story.record['id']}-{outlet}-upd", body=body)
    return record, troops
