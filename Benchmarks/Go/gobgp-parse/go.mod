module lbkit.invalid/benchmarks/gobgp-parse

go 1.19

require github.com/osrg/gobgp/v3 v3.10.0

// Debian's golang-github-osrg-gobgp-dev source tree: builds offline, no module download.
replace github.com/osrg/gobgp/v3 => /usr/share/gocode/src/github.com/osrg/gobgp
