"""SRC006: a source URL is the publisher's own address of one document, not a copy, proxy or index page."""

from __future__ import annotations

import pytest

from sysatlas.lint.sources import not_canonical


@pytest.mark.parametrize(
    "url",
    [
        "https://github.yezi957.workers.dev/etcd-io/etcd",
        "https://github.saobby.my.eu.org/redis/redis/pull/1",
        "https://github.opai.space/x/y",
        "https://studylib.net/doc/1/zookeeper",
        "https://vdocuments.net/cops.html",
        "https://www.readkong.com/page/spanner",
        "https://www.scilit.com/publications/1",
        "https://docslib.org/doc/1",
        "https://www.mail-archive.com/dev@kafka.apache.org/msg1.html",
        "https://de.slideshare.net/x/sagas",
        "https://hn.masterscheme.cn/item?id=1",
        "https://blog.csdn.net/u1/article/details/2",
        "https://www.cnblogs.com/x/p/1.html",
        "https://blog-x-com.translate.goog/post",
        "https://blog.cloudflare.com/author/julien-desgats/",
        "https://aphyr.com/tags/Cassandra",
        "https://downtimeproject.com/tag/slack/",
        "https://twelvety.com/blog/categories/dropbox",
        "https://example.org/category/outages/page/2/",
    ],
)
def test_copies_proxies_and_index_pages_are_flagged(url: str) -> None:
    assert not_canonical(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/etcd-io/etcd/blob/main/server/etcdmain/config.go",
        "https://github.blog/2018-10-30-x/",
        "https://raft.github.io/raft.pdf",
        "https://github.com/etcd-io/etcd/releases/tag/v3.5.0",
        "https://blog.cloudflare.com/category/engineering/a-real-post-title/",
        "https://lists.apache.org/thread/abc",
        "https://news.ycombinator.com/item?id=1",
        "https://raw.githubusercontent.com/redis/redis/7.2/redis.conf",
        "https://www.usenix.org/conference/atc14/technical-sessions/presentation/ongaro",
    ],
)
def test_canonical_addresses_pass(url: str) -> None:
    assert not_canonical(url) is None
