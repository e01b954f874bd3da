/* team-glossary.h — a small glossary about storage systems, written for the
 * tests of names versus tags, alike entries, "mentioned in" hovers and
 * completion (tests/glossary/roles.c, tests/server/term_markup.c and others). None of its words come
 * from the seeds, so the rules are seen to work from an entry's own evidence.
 * The line numbers in the comments are those of the entries' headers. */
#pragma once

#define GLS_TEST_TEAM_GLOSSARY \
  /* line 1: an acronym, a related method that is another entry's headword, a topic */ \
  "write ahead log, wal, shadow paging, crash recovery\n" \
  "**Write-Ahead Log** is a durability technique: every change is recorded in the log before the " \
  "data pages. Unlike shadow paging, pages are written in place.\n" \
  "shadow paging, page table swap, storage engines\n" \
  "**Shadow Paging** keeps the old page and writes a changed copy elsewhere.\n" \
  /* line 5: a FAQ answer filed under an ordinary word */ \
  "support, premium support, do you offer support, help, contact\n" \
  "**Yes, our team answers every ticket within a day**\n" \
  "Premium support adds a named engineer.\n" \
  /* line 8: the title split at its spaces, with a real acronym among the pieces */ \
  "vector,clock,CRDT,merge,clock,rules\n" \
  "**Vector Clock Merge Rules** decide which write wins when replicas disagree. A CRDT applies " \
  "them without coordination.\n" \
  /* line 10: a coined term the body talks about, and search phrases */ \
  "consensus protocols, paxos round, leader election, quorum math\n" \
  "**Consensus protocols** agree on one value across replicas.\n" \
  "A paxos round has a prepare phase and an accept phase.\n" \
  /* line 13: a synonym named in the lead sentence */ \
  "log structured merge tree, lsm tree, sorted runs, compaction debt\n" \
  "**Log-Structured Merge Tree** (also **LSM tree**) is a write-optimised index of sorted runs.\n" \
  /* lines 15-20: the same meaning twice (same title), and another one */ \
  "gossip protocol, epidemic dissemination, cluster membership\n" \
  "**Gossip Protocol** spreads state by random peer exchange.\n" \
  "gossip protocol, peer sampling, cluster membership\n" \
  "**Gossip protocol** spreads state by random peer exchange, in rounds.\n" \
  "gossip protocol, anti entropy, replica repair\n" \
  "**Anti-entropy repair** compares Merkle trees of two replicas.\n" \
  /* line 21: a headword that glues the two title names together */ \
  "bloom filter bf, bloom filter, bf, probabilistic sets\n" \
  "**Bloom Filter (BF)** answers set membership with false positives.\n"
