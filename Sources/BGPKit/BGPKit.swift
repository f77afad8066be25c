// BGPKit: BGP-4 wire codec (and, later, a sans-IO session state machine).
// The codec is filled in by its own issue; this file marks the module.
