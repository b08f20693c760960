"""The catalogue's systems: a diagram names a system when its text says so, spelled as people write it."""

from __future__ import annotations

from sysatlas.site.catalogue import _matcher
from sysatlas.tags import Vocabulary

VOCABULARY = Vocabulary.model_validate(
    {
        "kafka": {"kind": "system", "title": "Kafka", "aliases": ["kafka-streams"]},
        "windows": {"kind": "system", "title": "Windows"},
        "postgresql": {"kind": "system", "title": "PostgreSQL", "aliases": ["postgres", "pg"]},
        "raft": {"kind": "concept", "title": "Raft"},
    }
)


def test_a_system_is_found_as_written_and_in_metric_names() -> None:
    kafka = _matcher(VOCABULARY, "kafka")
    assert kafka("Consumers read from Kafka")
    assert kafka("alert on kafka_consumergroup_lag above 10k")  # `_` ends a word here
    assert kafka("a Kafka Streams app") and kafka("kafka streams state stores")
    assert not kafka("Kafkaesque retries")


def test_ordinary_words_and_short_aliases_are_not_systems() -> None:
    windows, pg = _matcher(VOCABULARY, "windows"), _matcher(VOCABULARY, "postgresql")
    assert windows("8.5 million Windows hosts") and not windows("maintenance windows of 5 min")
    assert pg("Postgres primary") and pg("PostgreSQL 16") and not pg("pg_stat_replication lag")


def test_aliases_map_to_their_tag_and_near_misses_get_a_suggestion() -> None:
    assert VOCABULARY.canonical("postgres") == "postgresql" and VOCABULARY.canonical("kafka") == "kafka"
    assert VOCABULARY.canonical("postgress") is None
    assert VOCABULARY.suggest("postgress") == ["postgresql"]
