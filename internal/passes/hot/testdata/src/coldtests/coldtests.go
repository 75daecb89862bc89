package coldtests

// Parts is what the benchmark joins.
var Parts = make([]string, 100)
