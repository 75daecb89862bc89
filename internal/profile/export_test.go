package profile

// LoadUncached reads profiles bypassing the process cache, for benchmarks.
var LoadUncached = loadSet
