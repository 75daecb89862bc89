package profile

// LoadUncached reads profiles bypassing the process cache, for benchmarks.
var LoadUncached = loadSet

// BenchScheme is the key scheme run manifests record.
const BenchScheme = benchScheme
