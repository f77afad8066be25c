// HashRing: Maglev, IPVS mh, resilient buckets, jump and rendezvous hashing.
