package hot

// LoadUncached reads a profile bypassing the process cache, for benchmarks.
var LoadUncached = load
