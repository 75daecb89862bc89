package reportpolicy

func mark() {}

func plain() {
	mark() // want `mark called`
}

func trailing() {
	mark() //nolint:marker // the analyzer's own name
	mark() //nolint:perfvet
	mark() //nolint
	mark() //nolint:all
	mark() //nolint:other // someone else's linter // want `mark called`
	mark() //nolint:other,MARKER // names are case-insensitive
	mark() // nolint:marker
	mark() //nolintlint is not a directive // want `mark called`
}

func above() {
	//nolint:marker
	mark()
	mark() // want `mark called`
}

//nolint:marker // a directive above a function covers all of it
func wholeFunc() {
	mark()
	mark()
}

func lintIgnore() {
	//lint:ignore marker the reason is required
	mark()
	//lint:ignore marker
	mark() // want `mark called`
	//lint:ignore mark* globs match
	mark()
	//lint:ignore other,perfvet the suite's name covers it
	mark()
	mark() //lint:ignore marker a trailing directive covers its line
	mark() // want `mark called`
}

func multiLine() {
	//lint:ignore marker covers only the first line of the statement
	_ = []func(){
		mark, mark,
	}
	if true { mark() } //lint:ignore marker trailing, on a one-line statement
}
