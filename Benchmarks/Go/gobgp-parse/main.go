// Command gobgp-parse times GoBGP's bgp.ParseBGPMessage over a corpus of BGP messages
// as they are on the wire (concatenated, each with its 19-byte header), so its figures
// can be set beside BGPKit's decoder over the very same bytes.
//
// Usage: gobgp-parse -corpus FILE [-seconds S]
package main

import (
	"encoding/binary"
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/osrg/gobgp/v3/pkg/packet/bgp"
)

func main() {
	corpusPath := flag.String("corpus", "", "file of concatenated BGP messages")
	seconds := flag.Float64("seconds", 3, "minimum time to measure")
	flag.Parse()
	if *corpusPath == "" {
		fmt.Fprintln(os.Stderr, "gobgp-parse: -corpus FILE is required")
		os.Exit(2)
	}
	data, err := os.ReadFile(*corpusPath)
	if err != nil {
		fmt.Fprintf(os.Stderr, "gobgp-parse: corpus %q: %v\n", *corpusPath, err)
		os.Exit(1)
	}

	// Split once, outside the timed loop: the comparison is about decoding, not framing.
	var messages [][]byte
	for offset := 0; offset < len(data); {
		if len(data)-offset < bgp.BGP_HEADER_LENGTH {
			fmt.Fprintf(os.Stderr, "gobgp-parse: corpus %q: %d stray bytes at offset %d\n", *corpusPath, len(data)-offset, offset)
			os.Exit(1)
		}
		length := int(binary.BigEndian.Uint16(data[offset+16:]))
		if length < bgp.BGP_HEADER_LENGTH || offset+length > len(data) {
			fmt.Fprintf(os.Stderr, "gobgp-parse: corpus %q: bad message length %d at offset %d\n", *corpusPath, length, offset)
			os.Exit(1)
		}
		messages = append(messages, data[offset:offset+length])
		offset += length
	}
	if len(messages) == 0 {
		fmt.Fprintf(os.Stderr, "gobgp-parse: corpus %q holds no messages\n", *corpusPath)
		os.Exit(1)
	}

	// One warm-up pass, which also counts the messages GoBGP refuses.
	failures := 0
	for _, m := range messages {
		if _, err := bgp.ParseBGPMessage(m); err != nil {
			failures++
		}
	}

	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	passes := 0
	for time.Since(start).Seconds() < *seconds {
		for _, m := range messages {
			bgp.ParseBGPMessage(m)
		}
		passes++
	}
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)

	total := float64(passes * len(messages))
	nsPerMessage := float64(elapsed.Nanoseconds()) / total
	fmt.Printf("gobgp bgp.ParseBGPMessage (%s, GOMAXPROCS=%d): %d messages x %d passes\n",
		runtime.Version(), runtime.GOMAXPROCS(0), len(messages), passes)
	fmt.Printf("  %.1f ns/message  %.0f messages/s  %.1f allocations/message  %.0f bytes allocated/message  %d messages refused\n",
		nsPerMessage, 1e9/nsPerMessage,
		float64(after.Mallocs-before.Mallocs)/total,
		float64(after.TotalAlloc-before.TotalAlloc)/total,
		failures)
}
