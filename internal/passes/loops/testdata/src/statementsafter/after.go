// Package statementsafter holds the shapes of loops.StatementsAfter: what
// may run after a statement before its loop's statement completes. Each
// run of statements is named by its first call.
package statementsafter

func after() {}
func a()     {}
func b()     {}
func c()     {}

func blocks(rows []int, cond bool) {
	for range rows {
		if cond {
			after() // want `after: a\(\) \(2\), b\(\) \(1\), again range rows`
			a()
			a()
		}
		b()
	}
	for range rows {
		after() // want `after: again range rows`
	}
	for range rows {
		after() // want `after: a\(\) \(1\), again range rows`
		a()
	}
}

func branches(rows []int, cond bool) {
	for range rows {
		if cond {
			a() // the other branch: skipped
		} else {
			after() // want `after: b\(\) \(1\), again range rows`
		}
		b()
	}
	for range rows {
		if cond {
			after() // want `after: b\(\) \(1\), again range rows`
		} else if !cond {
			a() // the else of the branch that ran: skipped
		}
		b()
	}
}

func clauses(rows []int, n int, ch chan int) {
	for range rows {
		switch n {
		case 1:
			after() // want `after: a\(\) \(1\), c\(\) \(1\), again range rows`
			a()
		case 2:
			b() // another clause: skipped
		}
		c()
	}
	for range rows {
		select {
		case <-ch:
			after() // want `after: c\(\) \(1\), again range rows`
		default:
			b()
		}
		c()
	}
	for range rows {
		switch n {
		case 1:
			after() // want `after: stuck`
			fallthrough
		case 2:
			b()
		}
	}
}

func nested(rows, cols []int) {
	for range rows {
		for range cols {
			after() // want `after: again range cols`
		}
		a()
	}
}

func closures(rows []int) {
	for range rows {
		func() {
			after() // want `after: a\(\) \(1\), stuck`
			a()
		}()
		b()
	}
}

func bare(rows []int) {
	for range rows {
		{
			after() // want `after: a\(\) \(1\), b\(\) \(2\), again range rows`
			a()
		}
		b()
		c()
	}
}
