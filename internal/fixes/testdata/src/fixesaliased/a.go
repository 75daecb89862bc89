package fixesaliased

import str "strings"

func f() string {
	_ = str.ToLower
	return use() // want `use strings`
}

func use() string { return "" }
