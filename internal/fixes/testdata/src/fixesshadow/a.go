package fixesshadow

func f(strings []string) string {
	_ = strings
	return use() // want `use strings: "strings" is taken here`
}

func use() string { return "" }
